from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from placements.models import Phase, Placement, PlacementStatus
from tests.browser.conftest import login

# serialized_rollback: the checklist templates and tasks loaded by migrations stay.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]


def test_supervisor_ticks_the_last_item_in_place_then_starts_the_internship(live_server, page):
    placement = Placement.objects.filter(
        supervisor__email="begeleider@stagegids.test", status=PlacementStatus.PLANNED
    ).first()
    items = placement.checklist_items.filter(phase=Phase.BEFORE_START)
    open_item = items.get(done_at__isnull=True)
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")
    progress = page.locator("#phase-1 progress")
    expect(progress).to_have_attribute("value", str(items.count() - 1))
    box = page.locator("#status")
    expect(box).to_contain_text("Maak de checklist “Voor de start” af: nog 1 punt open.")
    expect(box.get_by_role("button", name="Stage starten")).to_have_count(0)
    box.get_by_role("link", name="Naar de checklist").click()
    assert page.url.endswith("#phase-1")
    page.evaluate("window.stillTheSamePage = true")

    page.locator(f"#item-{open_item.pk}").get_by_role("button", name="Afvinken").click()

    expect(progress).to_have_attribute("value", str(items.count()))
    expect(page.locator(f"#item-{open_item.pk}")).to_contain_text("Afgevinkt door")
    # The box "Next step" fetched itself again: the tick was all it waited for.
    expect(box).to_contain_text("Alles wat deze stap nodig heeft, is gedaan.")
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swapped, no reload
    box.get_by_role("button", name="Stage starten").click()
    expect(page.locator("h1 + .badge, h1 ~ .badge").first).to_have_text("Lopend")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE
    assert placement.status_changes.get().by.email == "begeleider@stagegids.test"


def test_ticking_after_the_session_ended_leads_to_the_login_and_back(live_server, page):
    """#9 (2): the login page is not swapped into the checklist; after logging in again
    the supervisor is back on the placement page and can tick."""
    placement = Placement.objects.filter(
        supervisor__email="begeleider@stagegids.test", status=PlacementStatus.PLANNED
    ).first()
    open_item = placement.checklist_items.filter(done_at__isnull=True).first()
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")
    Session.objects.all().delete()  # the session ends (idle too long, or logged out elsewhere)

    page.locator(f"#item-{open_item.pk}").get_by_role("button", name="Afvinken").click()

    page.wait_for_url(f"{live_server.url}/accounts/login/?next=*")
    expect(page.locator("nav.navbar")).to_have_count(1)
    page.get_by_label("E-mailadres").fill("begeleider@stagegids.test")
    page.get_by_label("Wachtwoord").fill("stagegids-demo")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(f"{live_server.url}{placement.get_absolute_url()}")
    open_item.refresh_from_db()
    assert open_item.done_at is None  # the tick did not happen behind the user's back
    page.locator(f"#item-{open_item.pk}").get_by_role("button", name="Afvinken").click()
    expect(page.locator(f"#item-{open_item.pk}")).to_contain_text("Afgevinkt door")


def test_supervisor_types_hours_with_a_decimal_comma(live_server, page):
    """#9 (4): "7,5" typed on a Dutch phone keyboard is seven and a half hours (a number
    field in Chromium turned it into 75); the date picker stops at today."""
    today = timezone.localdate()
    placement = Placement.objects.filter(
        supervisor__email="begeleider@stagegids.test",
        status=PlacementStatus.ACTIVE,
        start_date__lte=today,
        end_date__gte=today,
    ).first()
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.goto(f"{live_server.url}{placement.get_absolute_url()}#hours")
    page.locator("#hours summary", has_text="Dag invullen").click()
    date = page.locator("#hours").get_by_label("Datum", exact=True)
    expect(date).to_have_attribute("max", today.isoformat())
    expect(date).to_have_value(today.isoformat())
    hours = page.locator("#hours").get_by_label("Gewerkte uren")

    hours.fill("")
    hours.press_sequentially("7,5")
    expect(hours).to_have_value("7,5")
    page.get_by_role("button", name="Dag opslaan").click()

    expect(page.locator(".alert-success")).to_contain_text(f"De dag {today.day} ")
    assert placement.day_logs.get(date=today).hours == Decimal("7.5")


def test_ticking_with_the_keyboard_keeps_the_focus_on_the_item(live_server, page):
    """#9 (10): after htmx redraws the phase, the focus is on the ticked item's Undo
    button, not back at the top of the page."""
    placement = Placement.objects.filter(
        supervisor__email="begeleider@stagegids.test", status=PlacementStatus.PLANNED
    ).first()
    item = placement.checklist_items.filter(done_at__isnull=True).order_by("pk").first()
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")
    button = page.locator(f"#item-{item.pk}").get_by_role("button", name="Afvinken")
    button.focus()

    page.keyboard.press("Enter")

    undo = page.locator(f"#item-{item.pk}").get_by_role("button", name="Ongedaan maken")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")  # and the keyboard goes on from there
    expect(page.locator(f"#item-{item.pk}").get_by_role("button", name="Afvinken")).to_be_focused()


def test_placement_page_on_a_phone_folds_the_notes_away(live_server, page):
    """#9 (9): at 375 px nothing sticks out sideways, an open item shows one button and
    its note only on request; a note typed there is saved with the tick."""
    placement = Placement.objects.filter(
        supervisor__email="begeleider@stagegids.test", status=PlacementStatus.PLANNED
    ).first()
    item = placement.checklist_items.filter(done_at__isnull=True).order_by("pk").first()
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    row = page.locator(f"#item-{item.pk}")
    note = row.locator(f"#note-{item.pk}")
    expect(note).to_be_hidden()
    expect(row.get_by_label("Notitie (niet verplicht)")).to_have_count(1)
    row.locator("summary", has_text="Notitie toevoegen").click()
    expect(note).to_be_visible()
    note.fill("Met Jan besproken")
    row.get_by_role("button", name="Afvinken").click()

    expect(row).to_contain_text("Met Jan besproken")
    item.refresh_from_db()
    assert (item.done_at is not None, item.note) == (True, "Met Jan besproken")


INTAKE_INTRO = "Wat het bedrijf voor de start van de school moet weten"
FOLDED_ON_A_PHONE = ["period", "people", "intake", "worklog", "feedback", "evaluations", "history"]


def _section(page, section_id):
    return page.locator(f"#{section_id} details.section-fold")


def test_placement_page_on_a_phone_folds_the_reference_sections(live_server, page):
    """#9 (9): at 375 px the page opens at the next step, the checklists and the hours;
    the other sections fold to their headings (the page was about 5,300 px long) and
    open from their heading or from a section tab."""
    placement = Placement.objects.filter(
        supervisor__email="begeleider@stagegids.test", status=PlacementStatus.ACTIVE
    ).first()
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")

    for section_id in FOLDED_ON_A_PHONE:
        expect(_section(page, section_id)).not_to_have_attribute("open", "")
    expect(page.locator("#status-heading")).to_be_visible()
    expect(page.locator("#checklists .checklist-phase[open]").first).to_be_visible()
    expect(page.get_by_role("heading", name="Uren en aanwezigheid")).to_be_visible()
    expect(page.locator("#intake-heading")).to_be_visible()  # the heading stays
    expect(page.get_by_text(INTAKE_INTRO)).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollHeight") <= 3600
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.locator(".section-nav").get_by_role("link", name="Intake").click()
    expect(page.get_by_text(INTAKE_INTRO)).to_be_visible()
    expect(_section(page, "intake")).to_have_attribute("open", "")
    page.locator("#feedback-heading").click()
    expect(_section(page, "feedback")).to_have_attribute("open", "")
    page.locator("#feedback-heading").click()
    expect(_section(page, "feedback")).not_to_have_attribute("open", "")


def test_on_a_wide_screen_and_at_an_error_the_sections_stay_open(live_server, page):
    placement = Placement.objects.filter(
        supervisor__email="begeleider@stagegids.test", status=PlacementStatus.ACTIVE
    ).first()
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")

    for section_id in FOLDED_ON_A_PHONE:
        expect(_section(page, section_id)).to_have_attribute("open", "")
    expect(page.get_by_text(INTAKE_INTRO)).to_be_visible()

    # On the phone again: a message posted without text is refused, and the section
    # shown with the error stays open instead of folding it away.
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}{placement.get_absolute_url()}#messages")
    expect(_section(page, "messages")).to_have_attribute("open", "")
    page.locator("#messages").get_by_role("button", name="Bericht versturen").click()
    expect(_section(page, "messages")).to_have_attribute("open", "")
    expect(page.locator("#messages [aria-invalid=true]")).to_be_visible()

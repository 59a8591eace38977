"""#9: the supervisor's daily job on a 375 px phone: from the dashboard to today's hours
and a ticked checklist item in three taps, the last two without loading a page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from companies.models import CompanyMembership
from placements.models import DayLog, Phase, PlacementKind, PlacementStatus, School
from placements.services.checklists import checklist_sync
from tests.browser.conftest import PHONE, login
from tests.factories import PlacementFactory, StudentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]

#: A Thursday; the live server runs in this process, so it sees the same day.
TODAY = datetime.date(2026, 12, 3)


def named(action: str, subject: str) -> re.Pattern:
    """A button's accessible name: its visible action, then (read out, not shown) whom or
    what it acts on; Chromium puts a space before the hidden part."""
    return re.compile(rf"^{re.escape(action)}\s*:\s*{re.escape(subject)}$")


@pytest.fixture
def intern(monkeypatch):
    noon = datetime.datetime.combine(TODAY, datetime.time(12, 0), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: noon)
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    membership = CompanyMembership.objects.select_related("company", "user").get(
        user__email="begeleider@stagegids.test"
    )
    student = StudentFactory(
        school=School.objects.order_by("pk").first(), given_name="Daan", surname="Vandaag"
    )
    placement = PlacementFactory(
        student=student,
        company=membership.company,
        supervisor=membership.user,
        kind=PlacementKind.BLOKSTAGE,
        status=PlacementStatus.ACTIVE,
        start_date=datetime.date(2026, 11, 30),
        end_date=datetime.date(2026, 12, 11),
        daily_start_time=datetime.time(7, 30),
        daily_end_time=datetime.time(16, 0),
    )
    checklist_sync(placement)
    return placement


def test_supervisor_logs_todays_hours_and_ticks_an_item_in_three_taps(live_server, page, intern):
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    taps = 0

    def tap(locator):
        nonlocal taps
        taps += 1
        locator.click()

    tap(page.get_by_role("link", name="Vandaag: uren en taken"))
    card = page.locator(f"#intern-{intern.public_id}")
    expect(card.get_by_role("heading", name="Daan Vandaag")).to_be_visible()
    # A mark on the window: a full page load would wipe it.
    page.evaluate("window.sameDocument = true")

    tap(card.get_by_role("button", name=named("Aanwezig, 8 u", "Daan Vandaag")))
    expect(card.get_by_text("Aanwezig, 8 u")).to_be_visible()
    expect(card.get_by_text("vastgelegd")).to_be_visible()
    first_item = intern.checklist_items.filter(phase=Phase.FIRST_DAY).order_by("order").first()
    tap(card.get_by_role("button", name=named("Afvinken", first_item.text)))
    undo = card.get_by_role("button", name=named("Ongedaan maken", first_item.text))
    expect(undo).to_be_visible()

    assert taps == 3
    assert page.evaluate("window.sameDocument") is True
    expect(undo).to_be_focused()  # the focus stays where the thumb was
    day = DayLog.objects.get(placement=intern)
    assert (day.date, day.hours) == (TODAY, Decimal(8))
    first_item.refresh_from_db()
    assert first_item.is_done
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_other_hours_are_typed_with_a_comma_and_refused_ones_keep_the_form(
    live_server, page, intern
):
    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")
    page.goto(f"{live_server.url}/placements/today/")
    card = page.locator(f"#intern-{intern.public_id}")

    card.get_by_text("Andere uren of afwezig").click()
    card.get_by_label("Gewerkte uren").fill("30")
    card.get_by_role("button", name=named("Dag opslaan", "Daan Vandaag")).click()
    expect(card.get_by_text("Vul 0 tot en met 24 uur in.")).to_be_visible()
    assert not DayLog.objects.filter(placement=intern).exists()

    card.get_by_label("Gewerkte uren").fill("6,5")
    card.get_by_role("button", name=named("Dag opslaan", "Daan Vandaag")).click()
    expect(card.get_by_text("Aanwezig, 6,5 u")).to_be_visible()
    assert DayLog.objects.get(placement=intern).hours == Decimal("6.5")

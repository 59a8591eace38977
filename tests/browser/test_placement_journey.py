import pytest
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
    expect(page.get_by_role("button", name="Stage starten")).to_be_disabled()
    page.evaluate("window.stillTheSamePage = true")

    page.locator(f"#item-{open_item.pk}").get_by_role("button", name="Afvinken").click()

    expect(progress).to_have_attribute("value", str(items.count()))
    expect(page.locator(f"#item-{open_item.pk}")).to_contain_text("Afgevinkt door")
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swapped, no reload
    page.reload()
    page.get_by_role("button", name="Stage starten").click()
    expect(page.locator("h1 + .badge, h1 ~ .badge").first).to_have_text("Lopend")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE
    assert placement.status_changes.get().by.email == "begeleider@stagegids.test"

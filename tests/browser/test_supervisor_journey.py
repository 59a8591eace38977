import pytest
from playwright.sync_api import expect

from placements.models import Placement, PlacementStatus
from tests.browser.conftest import PHONE, login

# serialized_rollback: the checklist templates and tasks loaded by migrations stay.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]


def test_demo_supervisor_logs_in_sees_interns_and_opens_a_placement(live_server, page):
    placement = (
        Placement.objects.filter(
            supervisor__email="begeleider@stagegids.test", status=PlacementStatus.ACTIVE
        )
        .select_related("student", "company")
        .first()
    )

    login(page, live_server, "begeleider@stagegids.test", "stagegids-demo")

    expect(page.get_by_role("heading", name="Mijn stagiairs")).to_be_visible()
    page.get_by_role("link", name=placement.student.full_name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(placement.student.full_name)
    expect(page.get_by_text(placement.company.name).first).to_be_visible()
    assert page.url == f"{live_server.url}{placement.get_absolute_url()}"
    # Readable on a phone: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_wrong_password_shows_a_dutch_message_and_stays_on_login(live_server, page):

    login(page, live_server, "begeleider@stagegids.test", "niet-het-wachtwoord")

    expect(page.get_by_role("alert")).to_contain_text("e-mailadres")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")


@pytest.mark.parametrize(
    "email", ["coordinator@stagegids.test", "docent@stagegids.test", "admin@stagegids.test"]
)
def test_dashboard_and_overview_fit_a_phone_for_each_demo_role(live_server, page, email):

    login(page, live_server, email, "stagegids-demo")
    widths = {"/": page.evaluate("document.documentElement.scrollWidth")}
    page.goto(f"{live_server.url}/placements/")
    widths["/placements/"] = page.evaluate("document.documentElement.scrollWidth")

    assert widths == {"/": PHONE["width"], "/placements/": PHONE["width"]}

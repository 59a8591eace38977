"""#9 (10): axe finds nothing (WCAG 2.1 AA) on the pages each demo role uses, on a
375 px phone, with the demo data."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from evaluations.models import Evaluation, EvaluationKind
from evaluations.services import evaluation_start
from placements.models import PlacementStatus
from placements.selectors import placements_for_user
from stagegids.core.models import User
from tests.browser.conftest import PHONE, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]

PASSWORD = "stagegids-demo"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    results = Axe().run(page, options={**WCAG_AA, "resultTypes": ["violations"]})
    return [
        f"{violation['id']}: {node['target']} ({node.get('failureSummary', '')[:120]})"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def _placement_pages(email: str) -> list[str]:
    """A placement page of each status this person sees, and its assessments' pages."""
    placements = placements_for_user(User.objects.get(email=email))
    urls = []
    for status in (PlacementStatus.PLANNED, PlacementStatus.ACTIVE, PlacementStatus.CLOSING):
        placement = placements.filter(status=status).order_by("pk").first()
        if placement is not None:
            urls.append(placement.get_absolute_url())
    for evaluation in Evaluation.objects.filter(placement__in=placements).order_by("pk")[:2]:
        urls.append(f"/evaluations/{evaluation.placement.public_id}/{evaluation.kind}/")
    return urls


COMMON = [
    "/",
    "/placements/today/",
    "/placements/",
    "/companies/",
    "/placements/help/",
    "/accounts/notifications/",
]


@pytest.mark.parametrize(
    ("email", "pages"),
    [
        ("begeleider@stagegids.test", [*COMMON, "/invitations/"]),
        ("coordinator@stagegids.test", [*COMMON, "/placements/pupils/", "/placements/propose/"]),
        ("docent@stagegids.test", COMMON),
    ],
    ids=["supervisor", "coordinator", "teacher"],
)
def test_axe_finds_nothing_on_the_pages_of_each_role(live_server, page, email, pages):
    login(page, live_server, email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    found = {}
    for path in [*pages, *_placement_pages(email)]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if violations := _violations(page):
            found[path] = violations
    assert found == {}, "\n".join(f"{path}: {v}" for path, vs in found.items() for v in vs)


def test_axe_finds_nothing_on_the_login_page(live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")

    assert _violations(page) == []


def test_score_radios_are_big_enough_to_tap_on_a_phone(live_server, page):
    supervisor = User.objects.get(email="begeleider@stagegids.test")
    placement = next(
        placement
        for placement in placements_for_user(supervisor)
        .filter(status=PlacementStatus.ACTIVE)
        .exclude(evaluations__kind=EvaluationKind.MIDTERM)
        .order_by("pk")
        if placement.has_midterm
    )
    evaluation = evaluation_start(placement, kind=EvaluationKind.MIDTERM, by=supervisor)
    login(page, live_server, "begeleider@stagegids.test", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/evaluations/{evaluation.placement.public_id}/{evaluation.kind}/")

    # What is tapped is each score's button (the label of its radio): 44 px or more.
    buttons = page.locator(".evaluation-criterion label.score-choice")
    assert buttons.count() >= 4 * 4
    boxes = [buttons.nth(i).bounding_box() for i in range(buttons.count())]
    assert min(min(box["width"], box["height"]) for box in boxes) >= 44
    # A criterion is one row of them, and the form is short enough to fill in on a phone.
    first_row = {round(box["y"]) for box in boxes[:4]}
    assert len(first_row) == 1
    assert page.evaluate("document.documentElement.scrollHeight") <= 3600
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Tapping a button chooses its score, also from the keyboard (arrow keys in the group).
    buttons.nth(2).click()
    first = page.locator(".evaluation-criterion").first.locator("input[type=radio]")
    expect(first.nth(2)).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(first.nth(3)).to_be_checked()
    expect(first.nth(3)).to_be_focused()

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from companies.models import Company, CompanyMembership
from placements.models import Placement, PlacementKind, PlacementStatus, Student
from placements.services.proposals import placement_propose
from stagegids.core.models import User
from stagegids.workspace.demo_data import SCHOOL_A_BRIN
from tests.browser.conftest import login

# serialized_rollback: the checklist templates and tasks loaded by migrations stay.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COORDINATOR = "coordinator@stagegids.test"
PASSWORD = "stagegids-demo"
INVITEE = "eigenaar@koudetechniek-delta.nl"


def _propose_to(company: Company) -> Placement:
    """A snuffelstage of a school A pupil at ``company``, proposed by the coordinator, in a
    week after the pupil's demo placements (no overlap)."""
    coordinator = User.objects.get(email=COORDINATOR)
    student = Student.objects.filter(school__brin=SCHOOL_A_BRIN).order_by("pk").first()
    last_end = max([p.end_date for p in student.placements.all()], default=timezone.localdate())
    start = last_end + datetime.timedelta(days=14)
    start -= datetime.timedelta(days=start.weekday())  # a Monday
    placement = Placement(
        student=student,
        company=company,
        kind=PlacementKind.SNUFFELSTAGE,
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
    )
    return placement_propose(placement, by=coordinator)


def test_coordinator_invites_a_new_company_whose_contact_sets_a_password_and_answers(
    live_server, page, demo_data
):
    mail.outbox.clear()
    login(page, live_server, COORDINATOR, PASSWORD)

    # From the dashboard to the invitations page, and the form for a company's contact.
    page.get_by_role("link", name="Uitnodigingen").click()
    page.get_by_role("link", name="Nodig een bedrijfsbeheerder uit").click()
    page.get_by_label("E-mailadres").fill(INVITEE)
    page.get_by_label("KvK-nummer").fill("8765 4321")
    page.get_by_label("Bedrijfsnaam").fill("Koudetechniek Delta")
    page.get_by_role("button", name="Uitnodiging versturen").click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"Uitnodiging verstuurd naar {INVITEE}"
    )
    expect(page.get_by_role("cell", name=INVITEE, exact=True)).to_be_visible()
    (message,) = mail.outbox
    assert message.to == [INVITEE]
    link = re.search(r"https?://\S+/invitations/[\w-]+/", message.body)[0]
    assert link.startswith(live_server.url)
    # Meanwhile the school proposes one of its pupils to the new company.
    proposal = _propose_to(Company.objects.get(kvk_number="87654321"))
    pupil = proposal.student.full_name

    # The invitee opens the link in their own browser (logged out), names themselves and
    # chooses a password.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="De uitnodiging accepteren")).to_be_visible()
    expect(page.get_by_label("E-mailadres")).to_have_value(INVITEE)
    page.get_by_label("Voornaam").fill("Fatima")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.get_by_label(re.compile(r"^\s*Wachtwoord\W*$")).fill("Koude-Lucht-2026!")
    page.get_by_label("Wachtwoord (nogmaals)").fill("Koude-Lucht-2026!")
    page.get_by_role("button", name="Accepteren en inloggen").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "Welkom! Bij Koudetechniek Delta ben je nu bedrijfsbeheerder."
    )
    expect(page.get_by_role("heading", name="Hallo Fatima")).to_be_visible()
    expect(page.get_by_text("Bedrijfsbeheerder bij Koudetechniek Delta")).to_be_visible()
    membership = CompanyMembership.objects.get(user__email=INVITEE)
    assert (membership.company.kvk_number, membership.is_company_admin) == ("87654321", True)

    # The new company admin answers the school's proposal from the dashboard.
    page.get_by_role("link", name=re.compile(rf"^Aannemen\W+{pupil}$")).click()
    page.get_by_label("Stagebegeleider").select_option(label="Fatima El Amrani")
    page.get_by_role("button", name="Aannemen").click()
    expect(page.get_by_role("status").first).to_contain_text("de stage is gepland")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.supervisor.email) == (PlacementStatus.PLANNED, INVITEE)

    # The link worked once (a tab of its own: the 410 answer is logged in its console).
    again = page.context.new_page()
    again.goto(link)
    expect(
        again.get_by_role("heading", name="Deze uitnodiging is niet meer geldig")
    ).to_be_visible()

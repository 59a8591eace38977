import csv
import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from placements.models import Placement, PlacementStatus, Student
from tests.browser.conftest import login

# serialized_rollback: the checklist templates and tasks loaded by migrations stay.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]

COORDINATOR = "coordinator@stagegids.test"
PASSWORD = "stagegids-demo"


def test_coordinator_filters_the_overview_exports_it_and_confirms_a_registration(live_server, page):
    registration = Placement.objects.get(status=PlacementStatus.REGISTERED)
    pupil = registration.student.full_name
    login(page, live_server, COORDINATOR, PASSWORD)

    # The dashboard lists the company's registration among what needs attention.
    expect(page.locator("#registrations-heading")).to_be_visible()
    expect(page.get_by_role("link", name=pupil)).to_be_visible()

    # Filter the overview on the registrations waiting for the school.
    page.goto(f"{live_server.url}/placements/")
    page.get_by_label("Status").select_option(value="registered")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#placement-count")).to_have_text("1 stage")
    assert "status=registered" in page.url

    # The export holds exactly the filtered rows, as CSV and as Excel.
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    rows = list(
        csv.reader(io.StringIO(download.value.path().read_text("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 2
    assert pupil in rows[1]
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet.max_row == 2
    assert pupil in [cell.value for cell in sheet[2]]

    # Tick the registration and confirm it in bulk: it is planned.
    page.get_by_label(f"{pupil} aanvinken").check()
    page.get_by_role("button", name="Gekozen aanmeldingen bevestigen").click()

    expect(page.get_by_role("status").first).to_contain_text("1 stage is bevestigd en nu gepland.")
    expect(page.locator("#placement-count")).to_have_text("0 stages")
    registration.refresh_from_db()
    assert registration.status == PlacementStatus.PLANNED
    assert registration.status_changes.last().by.email == COORDINATOR


def test_supervisor_accepts_the_schools_proposal_choosing_the_supervisor(live_server, page):
    proposal = Placement.objects.get(status=PlacementStatus.PROPOSED)
    pupil = proposal.student.full_name
    login(page, live_server, "begeleider@stagegids.test", PASSWORD)

    page.get_by_role("link", name=re.compile(rf"^Aannemen\W+{pupil}$")).click()
    page.get_by_label("Stagebegeleider").select_option(label="Jeroen Willems")
    page.get_by_role("button", name="Aannemen").click()

    expect(page.get_by_role("status").first).to_contain_text("de stage is gepland")
    proposal.refresh_from_db()
    assert proposal.status == PlacementStatus.PLANNED
    assert proposal.supervisor.email == "jeroen.willems@stagegids.test"


def test_coordinator_proposes_and_the_company_declines_with_a_reason(live_server, page):
    login(page, live_server, COORDINATOR, PASSWORD)
    page.goto(f"{live_server.url}/placements/propose/")
    # Among the school's pupils, the search finds her and fills her in (#9, 6).
    page.get_by_role("textbox", name="Leerling zoeken").fill("yara")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#pupil-search-result")).to_contain_text("1 leerling past bij ‘yara’.")
    pupil = page.get_by_role("combobox", name="Leerling")
    expect(pupil.locator("option:checked")).to_have_text("Yara El Idrissi (2G, 240113)")
    page.get_by_label("Leeftijd op de eerste dag").fill("15")
    page.get_by_label("Bedrijf").select_option(label="Elektrotechniek Bosman B.V.")
    page.get_by_label("Soort stage").select_option(value="blokstage")
    page.get_by_label("Begindatum").fill("2027-03-01")
    page.get_by_label("Einddatum").fill("2027-03-12")
    page.get_by_label("Notitie voor de andere kant").fill("Yara wil graag de elektrotechniek in.")
    page.get_by_role("button", name="Voorstel versturen").click()

    expect(page.get_by_role("status").first).to_contain_text("Voorstel verstuurd")
    proposal = Placement.objects.get(student__given_name="Yara", status=PlacementStatus.PROPOSED)

    # The company answers in its own session.
    page.context.clear_cookies()
    login(page, live_server, "begeleider2@stagegids.test", PASSWORD)
    page.get_by_role("link", name=re.compile(r"^Afwijzen\W+Yara El Idrissi$")).click()
    page.get_by_label("Reden van afwijzen").fill("In maart zitten we vol.")
    page.get_by_role("button", name="Afwijzen").click()
    # Declined, the proposal is out of this supervisor's sight: back to the dashboard.
    expect(page.get_by_role("status").first).to_contain_text("De stage is afgewezen")
    expect(page.locator("#company-proposals-heading")).to_be_visible()

    page.context.clear_cookies()
    login(page, live_server, COORDINATOR, PASSWORD)
    page.goto(f"{live_server.url}/")
    expect(page.locator("#answers-heading")).to_be_visible()
    expect(page.locator(".answer-declined").first).to_contain_text("In maart zitten we vol.")
    proposal.refresh_from_db()
    assert proposal.status == PlacementStatus.DECLINED


def test_company_registers_an_intern_and_the_coordinator_confirms_on_the_dashboard(
    live_server, page
):
    pupil = Student.objects.get(given_name="Yara", surname="El Idrissi")
    login(page, live_server, "begeleider2@stagegids.test", PASSWORD)

    page.get_by_role("link", name="Stagiair aanmelden").click()
    page.get_by_label("School").select_option(label=pupil.school.name)
    page.get_by_label("Leerlingnummer").fill(pupil.student_number)
    page.get_by_label("Achternaam van de leerling").fill("el idrissi")
    page.get_by_label("Soort stage").select_option(value="snuffelstage")
    page.get_by_label("Begindatum").fill("2027-04-12")
    page.get_by_label("Einddatum").fill("2027-04-14")
    page.get_by_role("button", name="Stage aanmelden").click()

    expect(page.locator("#proposal")).to_contain_text("Wacht op de school van de leerling")
    registration = Placement.objects.get(student=pupil, status=PlacementStatus.REGISTERED)
    assert registration.supervisor.email == "begeleider2@stagegids.test"

    page.context.clear_cookies()
    login(page, live_server, COORDINATOR, PASSWORD)
    card = page.locator("section", has=page.locator("#registrations-heading"))
    card.get_by_role("button", name=re.compile(r"^Bevestigen\W+Yara El Idrissi")).click()

    expect(page.get_by_role("status").first).to_contain_text("De stage is nu gepland")
    registration.refresh_from_db()
    assert registration.status == PlacementStatus.PLANNED


def test_coordinator_ticks_every_placement_of_the_page_in_one_go(live_server, page):
    """#9 (6): the header box ticks the page's boxes, and shows when only some are."""
    login(page, live_server, COORDINATOR, PASSWORD)
    page.goto(f"{live_server.url}/placements/")
    select_all = page.get_by_label("Alles op deze pagina selecteren")
    rows = page.locator("#bulk-form tbody input[type=checkbox]")
    assert rows.count() > 1

    select_all.check()

    assert all(rows.nth(i).is_checked() for i in range(rows.count()))
    rows.first.uncheck()
    assert select_all.evaluate("box => box.indeterminate") is True
    rows.first.check()
    expect(select_all).to_be_checked()

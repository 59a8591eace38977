import pytest
from playwright.sync_api import expect

from placements.models import SchoolMembership, SchoolRole, Student
from tests.browser.conftest import PHONE, login

# serialized_rollback: the checklist templates and tasks loaded by migrations stay.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]

COORDINATOR = "coordinator@stagegids.test"


def test_coordinator_imports_pupils_from_csv_and_sees_them(live_server, page, tmp_path):
    school = SchoolMembership.objects.get(
        user__email=COORDINATOR, role=SchoolRole.COORDINATOR
    ).school
    known = Student.objects.filter(school=school).order_by("student_number").first()
    pupils_before = Student.objects.filter(school=school).count()
    # As an older Dutch Excel writes it: semicolons, Windows-1252 (René), a header row.
    lines = [
        "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Klas;Leerweg",
        f"{known.student_number};{known.given_name};{known.surname_prefix};{known.surname};"
        f"1C;{known.programme.replace('_', '-')}",
        "990001;René;van;Dijk;1A;BB",
        "990002;Fleur;;Mulder;1A;KB",
    ]
    csv_file = tmp_path / "leerlingen.csv"
    csv_file.write_bytes("\r\n".join(lines).encode("cp1252"))

    login(page, live_server, COORDINATOR, "stagegids-demo")
    page.goto(f"{live_server.url}/placements/pupils/")
    page.locator("#import-link").click()
    page.locator("#id_file").set_input_files(str(csv_file))
    page.locator("#upload-submit").click()

    # The columns are recognised by their Dutch names.
    expect(page.locator("#id_student_number")).to_have_value("0")
    expect(page.locator("#id_surname")).to_have_value("3")
    expect(page.locator("#id_programme")).to_have_value("5")
    page.locator("#mapping-submit").click()

    expect(page.locator("#count-new")).to_have_text("2")
    expect(page.locator("#count-updated")).to_have_text("1")
    expect(page.locator("#count-invalid")).to_have_text("0")
    expect(page.locator("#new-rows")).to_contain_text("René van Dijk")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#import-commit").click()

    expect(page.locator("#pupil-table")).to_contain_text("René van Dijk")
    expect(page.locator("#pupil-table")).to_contain_text("990002")
    expect(page.locator(".alert-success")).to_contain_text(school.name)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Student.objects.filter(school=school).count() == pupils_before + 2
    known.refresh_from_db()
    assert (known.class_name, known.year) == ("1C", 1)

"""The overview's CSV and Excel exports: the same filtered, sorted set as the list."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.utils import timezone

from placements.models import PlacementKind, PlacementStatus, Programme, Weekday
from tests.factories import (
    ChecklistItemFactory,
    CompanyFactory,
    CompanyMembershipFactory,
    IntakeFactory,
    PlacementFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CSV_URL = "/placements/export.csv"
XLSX_URL = "/placements/export.xlsx"

HEADER = [
    "Pupil",
    "Student number",
    "School",
    "Class",
    "Programme",
    "Teacher",
    "Company",
    "Supervisor",
    "Kind",
    "Status",
    "Start date",
    "End date",
    "Checklist items done",
    "Checklist items",
]


@pytest.fixture
def en(client):
    """The client in English, so the headers and labels are the source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def exported(placement_a, placement_b, company_a, school_a):
    """placement_a (Daan Visser, 3K) with 2 of 3 checklist items done, support needs in its
    intake; Mesut Özil (4B) at a company whose name looks like a formula; Fenna de Graaf
    (4B) at company A."""
    supervisor_a = placement_a.supervisor
    supervisor_a.first_name, supervisor_a.last_name = "Petra", "Jansen"
    supervisor_a.save(update_fields=["first_name", "last_name"])
    teacher = placement_a.student.teacher
    teacher.first_name, teacher.last_name = "Karin", "Mulder"
    teacher.save(update_fields=["first_name", "last_name"])
    placement_a.student.student_number = "110001"
    placement_a.student.save(update_fields=["student_number"])
    for done in (True, True, False):
        ChecklistItemFactory(
            placement=placement_a,
            done_at=timezone.now() if done else None,
            done_by=supervisor_a if done else None,
        )
    IntakeFactory(placement=placement_a, support_needs="Dyslexie; graag korte instructies.")
    tricky = CompanyFactory(name='=HYPERLINK("https://evil.example","Klik")')
    ozil_supervisor = UserFactory(first_name="Ömer", last_name="Çelik")
    CompanyMembershipFactory(company=tricky, user=ozil_supervisor)
    ozil = PlacementFactory(
        student=StudentFactory(
            school=school_a,
            given_name="Mesut",
            surname="Özil",
            student_number="110002",
            teacher=None,
            class_name="4B",
            programme=Programme.VMBO_T,
        ),
        company=tricky,
        supervisor=ozil_supervisor,
        kind=PlacementKind.SNUFFELSTAGE,
        status=PlacementStatus.DRAFT,
        start_date=datetime.date(2026, 1, 12),
        end_date=datetime.date(2026, 1, 13),
    )
    fenna = PlacementFactory(
        student=StudentFactory(
            school=school_a,
            given_name="Fenna",
            surname_prefix="de",
            surname="Graaf",
            student_number="110003",
            teacher=teacher,
            class_name="4B",
            programme=Programme.VMBO_B,
        ),
        company=company_a,
        supervisor=supervisor_a,
        kind=PlacementKind.LINTSTAGE,
        status=PlacementStatus.ACTIVE,
        weekday=Weekday.WEDNESDAY,
        start_date=datetime.date(2026, 2, 4),
        end_date=datetime.date(2026, 6, 24),
    )
    return {"daan": placement_a, "ozil": ozil, "fenna": fenna}


def _csv_rows(response):
    content = b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_sheet(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def _xlsx_rows(response):
    return [list(row) for row in _xlsx_sheet(response).iter_rows(values_only=True)]


# --- CSV -----------------------------------------------------------------------------------


def test_export_csv_filtered_set_exact_rows(en, coordinator_a, exported):
    en.force_login(coordinator_a)

    response = en.get(CSV_URL, {"class_name": "4B", "sort": "pupil"})

    assert response.status_code == 200
    assert _csv_rows(response) == [
        HEADER,
        [
            "Fenna de Graaf",
            "110003",
            "Vakcollege Alfa",
            "4B",
            "vmbo basic vocational track (vmbo-b)",
            "Karin Mulder",
            "Warmtetechniek Alfa B.V.",
            "Petra Jansen",
            "lintstage (one day a week)",
            "Active",
            "2026-02-04",
            "2026-06-24",
            "0",
            "0",
        ],
        [
            "Mesut Özil",
            "110002",
            "Vakcollege Alfa",
            "4B",
            "vmbo theoretical track (vmbo-t)",
            "",
            # A leading "=" would be a formula in Excel: the quote keeps it text.
            '\'=HYPERLINK("https://evil.example","Klik")',
            "Ömer Çelik",
            "snuffelstage (orientation)",
            "Draft",
            "2026-01-12",
            "2026-01-13",
            "0",
            "0",
        ],
    ]


def test_export_csv_checklist_progress_counts_done_and_total(en, coordinator_a, exported):
    en.force_login(coordinator_a)

    response = en.get(CSV_URL, {"q": "Daan Visser"})

    assert _csv_rows(response)[1:] == [
        [
            "Daan Visser",
            "110001",
            "Vakcollege Alfa",
            "3K",
            "vmbo advanced vocational track (vmbo-k)",
            "Karin Mulder",
            "Warmtetechniek Alfa B.V.",
            "Petra Jansen",
            "blokstage (one block)",
            "Planned",
            "2026-03-02",
            "2026-03-13",
            "2",
            "3",
        ]
    ]


def test_export_csv_is_utf8_with_bom_semicolons_and_attachment(client, coordinator_a, exported):
    client.force_login(coordinator_a)

    response = client.get(CSV_URL, {"q": "Özil"})

    content = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="stages-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    assert content.startswith(b"\xef\xbb\xbf")
    assert "Mesut Özil;110002;Vakcollege Alfa;4B;".encode() in content


def test_export_csv_default_order_is_start_date_latest_first(en, coordinator_a, exported):
    en.force_login(coordinator_a)

    response = en.get(CSV_URL)

    assert [row[0] for row in _csv_rows(response)[1:]] == [
        "Daan Visser",
        "Fenna de Graaf",
        "Mesut Özil",
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("end_date", ["Mesut Özil", "Daan Visser", "Fenna de Graaf"]),
        ("-end_date", ["Fenna de Graaf", "Daan Visser", "Mesut Özil"]),
        ("status", ["Mesut Özil", "Daan Visser", "Fenna de Graaf"]),
        ("-kind", ["Daan Visser", "Fenna de Graaf", "Mesut Özil"]),
    ],
)
def test_export_csv_follows_the_sort(en, coordinator_a, exported, sort, expected):
    en.force_login(coordinator_a)

    response = en.get(CSV_URL, {"sort": sort})

    assert [row[0] for row in _csv_rows(response)[1:]] == expected


def test_export_csv_holds_every_page(en, coordinator_a, school_a):
    PlacementFactory.create_batch(30, student__school=school_a)
    en.force_login(coordinator_a)

    response = en.get(CSV_URL, {"page": 2})

    assert len(_csv_rows(response)) == 1 + 30


def test_export_never_holds_support_needs_or_contact_details(client, coordinator_a, exported):
    client.force_login(coordinator_a)

    csv_content = b"".join(client.get(CSV_URL).streaming_content).decode("utf-8-sig")
    xlsx_values = {str(value) for row in _xlsx_rows(client.get(XLSX_URL)) for value in row if value}

    assert "Dyslexie" not in csv_content
    assert exported["daan"].supervisor.email not in csv_content
    assert not any("Dyslexie" in value for value in xlsx_values)
    assert exported["daan"].supervisor.email not in xlsx_values


# --- Excel ---------------------------------------------------------------------------------


def test_export_xlsx_filtered_set_exact_rows(en, coordinator_a, exported):
    en.force_login(coordinator_a)

    response = en.get(XLSX_URL, {"class_name": "4B", "sort": "-pupil"})

    assert response.status_code == 200
    assert _xlsx_rows(response) == [
        HEADER,
        [
            "Mesut Özil",
            "110002",
            "Vakcollege Alfa",
            "4B",
            "vmbo theoretical track (vmbo-t)",
            None,  # no teacher: an empty cell
            '=HYPERLINK("https://evil.example","Klik")',
            "Ömer Çelik",
            "snuffelstage (orientation)",
            "Draft",
            datetime.datetime(2026, 1, 12),
            datetime.datetime(2026, 1, 13),
            0,
            0,
        ],
        [
            "Fenna de Graaf",
            "110003",
            "Vakcollege Alfa",
            "4B",
            "vmbo basic vocational track (vmbo-b)",
            "Karin Mulder",
            "Warmtetechniek Alfa B.V.",
            "Petra Jansen",
            "lintstage (one day a week)",
            "Active",
            datetime.datetime(2026, 2, 4),
            datetime.datetime(2026, 6, 24),
            0,
            0,
        ],
    ]


def test_export_xlsx_has_bold_header_date_cells_text_cells_and_widths(en, coordinator_a, exported):
    en.force_login(coordinator_a)

    response = en.get(XLSX_URL, {"q": "Özil"})

    sheet = _xlsx_sheet(response)
    assert [cell.font.b for cell in sheet[1]] == [True] * 14
    assert [cell.font.b for cell in sheet[2]] == [False] * 14
    assert [sheet["K2"].is_date, sheet["L2"].is_date] == [True, True]
    assert sheet["K2"].number_format == "dd-mm-yyyy"
    # The formula-like company name is a plain text cell, not a formula.
    assert sheet["G2"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    # Every column title filters its column, over the header and the one row.
    assert sheet.auto_filter.ref == "A1:N2"
    # Each column as wide as its longest value plus a little, at most 50.
    assert sheet.column_dimensions["A"].width == len("Mesut Özil") + 2
    assert (
        sheet.column_dimensions["G"].width == len('=HYPERLINK("https://evil.example","Klik")') + 2
    )
    assert sheet.column_dimensions["K"].width == len("dd-mm-yyyy") + 2
    assert sheet.column_dimensions["M"].width == len("Checklist items done") + 2


def test_export_xlsx_content_type_and_file_name(client, coordinator_a, exported):
    client.force_login(coordinator_a)

    response = client.get(XLSX_URL)

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="stages-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )


def test_export_xlsx_drops_control_characters(en, coordinator_a, school_a):
    PlacementFactory(student=StudentFactory(school=school_a, given_name="Ja\x07p", surname="Kok"))
    en.force_login(coordinator_a)

    response = en.get(XLSX_URL)

    assert response.status_code == 200
    assert _xlsx_rows(response)[1][0] == "Jap Kok"


def test_export_xlsx_and_csv_hold_the_same_rows(en, coordinator_a, exported):
    en.force_login(coordinator_a)
    params = {"status": "draft,active", "q": "a", "sort": "company"}

    csv_rows = _csv_rows(en.get(CSV_URL, params))
    xlsx_rows = _xlsx_rows(en.get(XLSX_URL, params))

    assert [row[0] for row in csv_rows] == [row[0] for row in xlsx_rows]
    assert len(csv_rows) == 4  # an unknown status is ignored: the header and all three


# --- scoping and nonsense ------------------------------------------------------------------


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_coordinator_never_gets_other_schools_rows(
    en, coordinator_a, exported, placement_b, company_b, url
):
    # Company B hosts school B's Noor Bakker only; for coordinator_a it is not a choice.
    en.force_login(coordinator_a)

    response = en.get(url, {"company": company_b.pk})

    rows = _csv_rows(response) if url == CSV_URL else _xlsx_rows(response)
    assert response.status_code == 200
    assert sorted(row[0] for row in rows[1:]) == ["Daan Visser", "Fenna de Graaf", "Mesut Özil"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_company_shared_with_other_school_gives_own_pupils_only(
    en, coordinator_a, exported, placement_b, company_b, school_a, url
):
    PlacementFactory(
        student=StudentFactory(school=school_a, given_name="Lotte", surname="Smit"),
        company=company_b,
    )
    en.force_login(coordinator_a)

    response = en.get(url, {"company": company_b.pk})

    rows = _csv_rows(response) if url == CSV_URL else _xlsx_rows(response)
    assert [row[0] for row in rows[1:]] == ["Lotte Smit"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_supervisor_b_gets_own_interns_only(en, supervisor_b, exported, url):
    en.force_login(supervisor_b)

    response = en.get(url)

    rows = _csv_rows(response) if url == CSV_URL else _xlsx_rows(response)
    assert [row[0] for row in rows[1:]] == ["Noor Bakker"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_outsider_gets_the_header_only(en, outsider, exported, url):
    en.force_login(outsider)

    response = en.get(url)

    rows = _csv_rows(response) if url == CSV_URL else _xlsx_rows(response)
    assert response.status_code == 200
    assert rows == [HEADER]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "company=abc",
        "company=99999999",
        "class_name=2X",
        "date_from=letters",
        "date_to=2026-02-30",
        "q=%00",
        "page=abc",
        "sort=drop%20table",
        "sort=-student__support_needs",
    ],
)
def test_export_nonsense_values_are_ignored(en, coordinator_a, exported, url, query):
    en.force_login(coordinator_a)

    response = en.get(f"{url}?{query}")

    rows = _csv_rows(response) if url == CSV_URL else _xlsx_rows(response)
    assert response.status_code == 200
    assert [row[0] for row in rows[1:]] == ["Daan Visser", "Fenna de Graaf", "Mesut Özil"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_logged_out_redirects_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_post_within_the_limit_downloads_like_get(client, coordinator_a, url):
    """The large-export page's button POSTs; rows that fit by then download at once."""
    client.force_login(coordinator_a)

    posted, got = client.post(url), client.get(url)

    assert (posted.status_code, got.status_code) == (200, 200)
    assert posted["Content-Disposition"].startswith("attachment;")
    assert posted["Content-Type"] == got["Content-Type"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_put_is_405(client, coordinator_a, url):
    client.force_login(coordinator_a)

    response = client.put(url)

    assert response.status_code == 405


# --- query counts --------------------------------------------------------------------------


@pytest.fixture
def build_for_coordinator(school_a):
    """``n`` placements of school A pupils, each with its own company, supervisor and
    checklist items, so a missing join or annotation shows up as a query per row."""

    def build(n):
        for placement in PlacementFactory.create_batch(n, student__school=school_a):
            ChecklistItemFactory(placement=placement, done_at=timezone.now())
            ChecklistItemFactory(placement=placement)

    return build


@pytest.mark.parametrize("size", [5, 200])
def test_export_csv_queries_constant(
    client, django_assert_num_queries, coordinator_a, build_for_coordinator, size
):
    build_for_coordinator(size)
    client.force_login(coordinator_a)

    # session, user, memberships, class choices, company choices, the size check, the rows
    # with their progress
    with django_assert_num_queries(7):
        response = client.get(CSV_URL, {"status": "planned", "sort": "pupil"})
        rows = _csv_rows(response)

    assert len(rows) == 1 + size
    assert {(row[12], row[13]) for row in rows[1:]} == {("1", "2")}


@pytest.mark.parametrize("size", [5, 200])
def test_export_xlsx_queries_constant(
    client, django_assert_num_queries, coordinator_a, build_for_coordinator, size
):
    build_for_coordinator(size)
    client.force_login(coordinator_a)

    # session, user, memberships, class choices, company choices, the size check, the rows
    # with their progress
    with django_assert_num_queries(7):
        response = client.get(XLSX_URL, {"status": "planned", "sort": "pupil"})

    rows = _xlsx_rows(response)
    assert len(rows) == 1 + size
    assert {(row[12], row[13]) for row in rows[1:]} == {(1, 2)}

"""Reading pupil files, checking their rows and importing them (without the pages)."""

import datetime
import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from placements.imports import (
    MAX_ROWS,
    ImportFileError,
    check_rows,
    guess_mapping,
    parse_upload,
    plan_import,
    programme_from,
)
from placements.models import ImportFormat, Programme, Student, StudentImport
from placements.services.imports import (
    student_import_commit,
    student_import_create,
    student_import_set_mapping,
)
from tests.factories import SchoolFactory, StudentFactory
from tests.placements.import_files import HEADER, ROWS, csv_bytes, many_rows, xlsx_bytes

FULL_MAPPING = {
    "student_number": 0,
    "given_name": 1,
    "surname_prefix": 2,
    "surname": 3,
    "class_name": 4,
    "programme": 5,
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def error_of(data: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        parse_upload(data)
    return str(caught.value)


def checked(rows, *, header=HEADER, mapping=FULL_MAPPING):
    """The checked rows of a CSV file with ``rows``, read as an upload would be."""
    parsed = parse_upload(csv_bytes(rows, header=header))
    return check_rows(parsed.rows, parsed.header, mapping)


def errors_by_row(rows, **kwargs) -> dict[int, list[str]]:
    return {row.number: row.errors for row in checked(rows, **kwargs) if row.errors}


# --- reading files ---------------------------------------------------------------------


def test_parse_upload_semicolon_csv_reads_header_and_rows():
    parsed = parse_upload(csv_bytes())

    assert parsed.header == HEADER
    assert parsed.rows == [[2, ROWS[0]], [3, ROWS[1]], [4, ROWS[2]]]
    assert (parsed.file_format, parsed.encoding, parsed.delimiter) == ("csv", "utf-8", ";")


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_parse_upload_other_separators_detected(delimiter):
    parsed = parse_upload(csv_bytes(delimiter=delimiter))

    assert parsed.delimiter == delimiter
    assert parsed.rows[1] == [3, ROWS[1]]


def test_parse_upload_windows_1252_reads_e_acute():
    data = csv_bytes(encoding="cp1252")
    assert "é".encode("cp1252") in data  # René, as an old Excel export writes it

    parsed = parse_upload(data)

    assert parsed.encoding == "cp1252"
    assert parsed.rows[2][1][1] == "René"


def test_parse_upload_utf8_bom_dropped():
    parsed = parse_upload(csv_bytes(bom=True))

    assert parsed.header[0] == "Leerlingnummer"
    assert parsed.encoding == "utf-8"
    assert guess_mapping(parsed.header)["student_number"] == 0


def test_parse_upload_utf16_unicode_text_read():
    data = "\ufeff".encode("utf-16-le") + csv_bytes(delimiter="\t").decode().encode("utf-16-le")

    parsed = parse_upload(data)

    assert parsed.encoding == "utf-16"
    assert parsed.rows[2][1][1] == "René"


def test_parse_upload_quoted_separator_and_blank_lines():
    data = (
        b"Leerlingnummer;Roepnaam;Achternaam;Klas;Opleiding\r\n"
        b"\r\n"
        b'1;"Jan; de tweede";Jansen;3B;BB;;\r\n'
        b";;;;\r\n"
        b"2;Piet;Pietersen;3B;BB\r\n"
    )

    parsed = parse_upload(data)

    # Row numbers as a spreadsheet shows them; blank rows and trailing separators dropped.
    assert parsed.rows == [
        [3, ["1", "Jan; de tweede", "Jansen", "3B", "BB"]],
        [5, ["2", "Piet", "Pietersen", "3B", "BB"]],
    ]


def test_parse_upload_xlsx_numbers_read_as_typed():
    data = xlsx_bytes(
        [[240001.0, "Daan", None, "Visser", "3B", "BB", 3]], header=[*HEADER, "Leerjaar"]
    )

    parsed = parse_upload(data)

    assert parsed.file_format == ImportFormat.XLSX
    assert (parsed.encoding, parsed.delimiter) == ("", "")
    assert parsed.rows == [[2, ["240001", "Daan", "", "Visser", "3B", "BB", "3"]]]


def test_parse_upload_xls_refused_with_advice():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500

    message = error_of(data)

    assert message.startswith("This is an old Excel file (.xls)")
    assert "save it as an Excel workbook (.xlsx) or as CSV" in message


def _zip_of(name: str, content: bytes) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00", "This file is not"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file is not"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "This file is not"),
        (b"Leerlingnummer;Naam\r\n1;Jan\x00\x00\r\n", "This file is not"),
        (b"Leerlingnummer;Naam\r\n\x81\x8d\x8f;\x90\x9d\r\n", "This file is not"),
        (_zip_of("word/document.xml", b"<w:document/>"), "This file cannot be read as an Excel"),
        (b"PK\x03\x04 truncated", "This file is not"),
    ],
    ids=["pdf", "png", "jpeg", "nul-bytes", "undecodable", "docx", "broken-zip"],
)
def test_parse_upload_not_csv_or_xlsx_refused(data, start):
    assert error_of(data).startswith(start)


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b";;;\r\n;;\r\n"])
def test_parse_upload_empty_file_refused(data):
    assert error_of(data) == "The file is empty."


def test_parse_upload_header_only_refused():
    assert error_of(csv_bytes([])) == (
        "The file has column names but no pupils: there is nothing below the first row."
    )


def test_parse_upload_without_header_refused():
    data = csv_bytes(ROWS[1:], header=ROWS[0])

    assert error_of(data).startswith("Row 1 looks like a pupil, not like column names.")


def test_parse_upload_one_column_refused():
    data = b"Leerlingnummer\r\n240001\r\n"

    assert error_of(data).startswith("The first row has only one column.")


def test_parse_upload_more_rows_than_allowed_refused():
    assert error_of(csv_bytes(many_rows(MAX_ROWS + 1))) == (
        "The file has more than 20,000 rows. Split it, e.g. per year, and import each part."
    )


def test_parse_upload_most_rows_allowed_read():
    assert len(parse_upload(csv_bytes(many_rows(MAX_ROWS))).rows) == MAX_ROWS


# --- the columns -----------------------------------------------------------------------


def test_guess_mapping_dutch_names():
    header = ["Leerling-nr.", "Voornaam", "Tussenvoegsels", "Achternaam", "Stamgroep", "Leerweg"]

    assert guess_mapping(header) == FULL_MAPPING


def test_guess_mapping_magister_names_and_year():
    header = ["Stamnr", "Roepnaam", "Tussenv", "Achternaam", "Klas", "Studie", "Leerjaar"]

    assert guess_mapping(header) == {**FULL_MAPPING, "year": 6}


def test_guess_mapping_english_names():
    header = ["Student number", "First name", "Prefix", "Last name", "Class", "Programme"]

    assert guess_mapping(header) == FULL_MAPPING


def test_guess_mapping_prefers_leerweg_over_profiel_and_leaves_unknown_out():
    header = ["Profiel", "Leerlingnummer", "Leerweg", "E-mail", "Roepnaam"]

    assert guess_mapping(header) == {"programme": 2, "student_number": 1, "given_name": 4}


# --- checking rows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "programme"),
    [
        ("BB", Programme.VMBO_B),
        ("basis", Programme.VMBO_B),
        ("Basisberoepsgerichte leerweg", Programme.VMBO_B),
        ("vmbo-b", Programme.VMBO_B),
        ("VMBO B", Programme.VMBO_B),
        ("KB", Programme.VMBO_K),
        ("kader", Programme.VMBO_K),
        ("vmbo-kb 3", Programme.VMBO_K),
        ("GL", Programme.VMBO_G),
        ("GT", Programme.VMBO_G),
        ("gemengd", Programme.VMBO_G),
        ("TL", Programme.VMBO_T),
        ("mavo", Programme.VMBO_T),
        ("theoretisch", Programme.VMBO_T),
        ("TL3", Programme.VMBO_T),
        ("PrO", Programme.PRO),
        ("praktijkonderwijs", Programme.PRO),
        ("VSO", Programme.VSO),
        ("havo", Programme.HAVO),
        ("3 HAVO", Programme.HAVO),
        ("vwo", Programme.VWO),
        ("atheneum", Programme.VWO),
        ("Gymnasium", Programme.VWO),
        ("vmbo_t", Programme.VMBO_T),
    ],
)
def test_programme_from_common_spellings(spelling, programme):
    assert programme_from(spelling) == programme


@pytest.mark.parametrize("spelling", ["vmbo", "b", "mbo", "havo/vwo", "PIE", ""])
def test_programme_from_unknown_is_none(spelling):
    assert programme_from(spelling) is None


def test_check_rows_valid_rows_give_values():
    rows = checked(ROWS)

    assert [row.errors for row in rows] == [[], [], []]
    assert rows[1].values == {
        "student_number": "240002",
        "given_name": "Noor",
        "surname_prefix": "van der",
        "surname": "Berg",
        "class_name": "3K",
        "programme": Programme.VMBO_K,
        "year": 3,
    }


def test_check_rows_each_reason_at_its_row():
    rows = [
        ["1", "", "", "Visser", "3B", "BB"],
        ["2", "Noor", "", "B" * 101, "3B", "BB"],
        ["3", "René", "", "Hendriks", "3B", "economie"],
        ["4", "Sem", "", "Smit", "H3", "BB"],
        ["5", "Lotte", "", "Jansen", "9A", "BB"],
        ["", "Fenna", "", "Bos", "", ""],
        ["7", "Bram", "", "de", "Vries", "3B", "BB"],
    ]

    errors = errors_by_row(rows)

    assert errors == {
        2: ["Given name is empty."],
        3: ["Surname is longer than 100 characters."],
        4: [
            "Unknown programme “economie”. Use BB, KB, GL, TL, PrO, VSO, havo or vwo "
            "(vmbo-b, vmbo-k, vmbo-g, vmbo-t, mavo and kader work too)."
        ],
        5: [
            "No school year: class “H3” does not start with it (as 3B does) and the school "
            "year is not given."
        ],
        6: ["Class “9A” starts with 9, which is not a school year from 1 to 6."],
        7: ["Student number is empty.", "Class is empty.", "Programme is empty."],
        8: [
            "This row has more cells (7) than the first row has columns (6). Perhaps a value "
            "contains the separator."
        ],
    }


def test_check_rows_duplicate_student_numbers_mark_every_copy():
    rows = [ROWS[0], ROWS[1], [*ROWS[0][:1], "Bram", "", "Bos", "2A", "KB"], ROWS[0]]

    errors = errors_by_row(rows)

    assert errors == {
        2: ["Student number 240001 is also on rows 4, 5."],
        4: ["Student number 240001 is also on rows 2, 5."],
        5: ["Student number 240001 is also on rows 2, 4."],
    }


def test_check_rows_year_column_wins_and_empty_year_falls_back_to_class():
    header = [*HEADER, "Leerjaar"]
    rows = [
        [*ROWS[0], "4"],
        [*ROWS[1], ""],
        ["9", "Sem", "", "Smit", "H", "BB", "2"],
        ["10", "Bo", "", "Bos", "3B", "BB", "zeven"],
        ["11", "Ada", "", "Ali", "3B", "BB", "7"],
    ]

    rows_checked = checked(rows, header=header, mapping={**FULL_MAPPING, "year": 6})

    assert [row.values.get("year") for row in rows_checked] == [4, 3, 2, None, None]
    assert [row.errors for row in rows_checked[3:]] == [
        ["School year “zeven” is not a number from 1 to 6."],
        ["School year “7” is not a number from 1 to 6."],
    ]


# --- importing -------------------------------------------------------------------------


@pytest.fixture
def school():
    return SchoolFactory()


@pytest.fixture
def uploader(coordinator_a):
    return coordinator_a


def make_import(school, by, data: bytes, mapping=FULL_MAPPING) -> StudentImport:
    student_import = student_import_create(
        school, by=by, file_name="leerlingen.csv", parsed=parse_upload(data)
    )
    student_import_set_mapping(student_import, mapping=mapping)
    return student_import


def pupils(school) -> list[tuple]:
    return list(
        Student.objects.filter(school=school)
        .order_by("student_number")
        .values_list(
            "student_number",
            "given_name",
            "surname_prefix",
            "surname",
            "class_name",
            "programme",
            "year",
        )
    )


@pytest.mark.django_db
def test_student_import_commit_creates_pupils(school, uploader):
    student_import = make_import(school, uploader, csv_bytes())

    result = student_import_commit(student_import, by=uploader)

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert pupils(school) == [
        ("240001", "Daan", "", "Visser", "3B", "vmbo_b", 3),
        ("240002", "Noor", "van der", "Berg", "3K", "vmbo_k", 3),
        ("240003", "René", "", "Hendriks", "4T", "vmbo_t", 4),
    ]
    assert not StudentImport.objects.exists()


@pytest.mark.django_db
def test_student_import_commit_same_file_again_writes_nothing(school, uploader):
    student_import_commit(make_import(school, uploader, csv_bytes()), by=uploader)
    again = make_import(school, uploader, csv_bytes())

    with CaptureQueriesContext(connection) as queries:
        result = student_import_commit(again, by=uploader)

    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert writes == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Student.objects.filter(school=school).count() == 3


@pytest.mark.django_db
def test_student_import_commit_reimport_updates_instead_of_duplicating(school, uploader):
    student_import_commit(make_import(school, uploader, csv_bytes()), by=uploader)
    first_pks = set(Student.objects.filter(school=school).values_list("pk", flat=True))
    moved_up = [
        ROWS[0],
        [*ROWS[1][:4], "4K", "kader"],
        ROWS[2],
        ["240004", "Sem", "", "Smit", "3B", "BB"],
    ]

    result = student_import_commit(make_import(school, uploader, csv_bytes(moved_up)), by=uploader)

    assert (result.created, result.updated, result.unchanged) == (1, 1, 2)
    assert pupils(school)[1] == ("240002", "Noor", "van der", "Berg", "4K", "vmbo_k", 4)
    assert Student.objects.filter(school=school).count() == 4
    assert first_pks < set(Student.objects.filter(school=school).values_list("pk", flat=True))


@pytest.mark.django_db
def test_student_import_commit_leaves_other_pupils_and_unmapped_fields_alone(school, uploader):
    kept = StudentFactory(school=school, student_number="999999")
    prefixed = StudentFactory(
        school=school, student_number="240002", surname_prefix="van der", surname="Berg"
    )
    other_school = StudentFactory(student_number="240001", given_name="Ander")
    without_prefix = {k: v for k, v in FULL_MAPPING.items() if k != "surname_prefix"}

    student_import_commit(
        make_import(school, uploader, csv_bytes(), mapping=without_prefix), by=uploader
    )

    kept.refresh_from_db()
    prefixed.refresh_from_db()
    other_school.refresh_from_db()
    assert kept.student_number == "999999"
    assert (prefixed.surname_prefix, prefixed.given_name, prefixed.class_name) == (
        "van der",
        "Noor",
        "3K",
    )
    assert other_school.given_name == "Ander"
    assert Student.objects.filter(school=school).count() == 4


@pytest.mark.django_db
def test_student_import_commit_refused_while_a_row_is_invalid(school, uploader):
    StudentFactory(school=school)
    rows = [*ROWS, ["240009", "Sem", "", "Smit", "3B", "economie"]]
    student_import = make_import(school, uploader, csv_bytes(rows))

    with pytest.raises(ValidationError):
        student_import_commit(student_import, by=uploader)

    assert Student.objects.filter(school=school).count() == 1
    assert StudentImport.objects.filter(pk=student_import.pk).exists()


@pytest.mark.django_db
def test_student_import_commit_ten_thousand_rows(school, uploader):
    data = csv_bytes(many_rows(10_000))

    result = student_import_commit(make_import(school, uploader, data), by=uploader)

    assert result.created == 10_000
    assert Student.objects.filter(school=school).count() == 10_000
    changed = [[*row[:4], "3A", row[5]] for row in many_rows(10_000)]
    result = student_import_commit(make_import(school, uploader, csv_bytes(changed)), by=uploader)
    assert (result.created, result.updated) == (0, 10_000)
    assert set(Student.objects.filter(school=school).values_list("class_name", "year")) == {
        ("3A", 3)
    }


@pytest.mark.django_db
def test_student_import_create_deletes_imports_older_than_a_day(school, uploader, coordinator_b):
    old_own = make_import(school, uploader, csv_bytes())
    old_other = make_import(school, coordinator_b, csv_bytes())
    recent = make_import(school, coordinator_b, csv_bytes())
    day_ago = timezone.now() - datetime.timedelta(days=1, minutes=1)
    StudentImport.objects.filter(pk__in=[old_own.pk, old_other.pk]).update(created_at=day_ago)

    new = make_import(school, uploader, csv_bytes())

    assert set(StudentImport.objects.values_list("pk", flat=True)) == {recent.pk, new.pk}


@pytest.mark.django_db
def test_plan_import_matches_on_number_within_school(school):
    existing = StudentFactory(
        school=school,
        student_number="240001",
        given_name="Daan",
        surname="Visser",
        class_name="2B",
        year=2,
        programme=Programme.VMBO_B,
    )
    current = {
        "240001": {
            "pk": existing.pk,
            "student_number": "240001",
            "given_name": "Daan",
            "surname_prefix": "",
            "surname": "Visser",
            "class_name": "2B",
            "programme": "vmbo_b",
            "year": 2,
        }
    }

    plan = plan_import(checked(ROWS), current)

    assert [row.number for row in plan.new] == [3, 4]
    assert [(c.label, c.old_shown, c.new_shown) for c in plan.updated[0].changes] == [
        ("Class", "2B", "3B"),
        ("School year", "2", "3"),
    ]
    assert plan.changed_fields == ["class_name", "year"]


@pytest.mark.django_db
def test_student_import_commit_second_of_two_clicks_finds_it_gone(school, uploader):
    student_import = make_import(school, uploader, csv_bytes())
    stale = StudentImport.objects.get(pk=student_import.pk)  # what the second request read
    student_import_commit(student_import, by=uploader)

    with pytest.raises(StudentImport.DoesNotExist):
        student_import_commit(stale, by=uploader)

    assert Student.objects.filter(school=school).count() == 3


# --- #9 (1): the programme's full name, and a student number of someone else ------------


@pytest.mark.parametrize(
    ("spelling", "programme"),
    [
        ("vmbo basisberoepsgerichte leerweg", Programme.VMBO_B),
        ("vmbo basisberoepsgerichte leerweg (vmbo-b)", Programme.VMBO_B),  # as the portal shows it
        ("vmbo kaderberoepsgerichte leerweg", Programme.VMBO_K),
        ("vmbo basic vocational track (vmbo-b)", Programme.VMBO_B),  # the English label
        ("praktijkonderwijs (pro)", Programme.PRO),
    ],
)
def test_check_rows_accepts_a_programmes_full_name(spelling, programme):
    [row] = checked([["240001", "Daan", "", "Visser", "3B", spelling]])

    assert row.errors == []
    assert row.values["programme"] == programme


def test_check_rows_refuses_a_programme_text_beyond_a_sane_length():
    [row] = checked([["240001", "Daan", "", "Visser", "3B", "vmbo " + "b" * 100]])

    assert row.errors == ["Programme is longer than 80 characters."]
    assert "programme" not in row.values


def _stored(number: str, given_name: str, surname: str) -> dict:
    return {
        number: {
            "pk": 1,
            "student_number": number,
            "given_name": given_name,
            "surname_prefix": "",
            "surname": surname,
            "class_name": "3B",
            "programme": "vmbo_b",
            "year": 3,
        }
    }


def test_plan_import_refuses_a_row_that_names_someone_else():
    plan = plan_import(
        checked([["240001", "Fatima", "", "El Amrani", "3B", "BB"]]),
        _stored("240001", "Daan", "Visser"),
    )

    assert plan.updated == []
    assert not plan.is_valid
    assert [row.errors for row in plan.invalid] == [
        [
            "Student number 240001 belongs to Daan Visser, not to Fatima El Amrani. "
            "Check the student number in the file."
        ]
    ]


@pytest.mark.parametrize(
    ("given_name", "surname"),
    [
        ("daan", "VISSER"),  # only the case differs: unchanged
        ("Daan", "de Boer"),  # a new surname
        ("Daniël", "Visser"),  # a corrected given name
        ("René", "Visser"),
    ],
)
def test_plan_import_keeps_a_row_with_one_name_the_same_as_the_pupils(given_name, surname):
    plan = plan_import(
        checked([["240001", given_name, "", surname, "3B", "BB"]]),
        _stored("240001", "Daan", "Visser"),
    )

    assert plan.is_valid
    assert len(plan.updated) + len(plan.unchanged) == 1


def test_plan_import_a_file_without_name_columns_only_updates():
    mapping = {"student_number": 0, "class_name": 4}

    plan = plan_import(
        checked([["240001", "Fatima", "", "El Amrani", "4B", "BB"]], mapping=mapping),
        _stored("240001", "Daan", "Visser"),
    )

    assert plan.is_valid
    assert [(c.field, c.new) for c in plan.updated[0].changes] == [
        ("class_name", "4B"),
        ("year", 4),
    ]

"""#9 (12): crafted requests get a message or are ignored, never a 500 (on PostgreSQL,
which refuses NUL in text, these failed before): control characters in query strings, in
the portal and in Django admin; the import's last step posted before its columns step;
an Excel file whose cell unpacks to megabytes."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from placements.imports import ImportFileError, parse_upload
from placements.models import Student, StudentImport
from placements.services.imports import student_import_create
from tests.helpers import force_login_with_second_factor
from tests.placements.import_files import ROWS, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/placements/pupils/?q=%00",
        "/placements/pupils/?q=Vis%00ser&school=%00",
        "/placements/?q=%00&status=%00&company=%00&sort=%00&page=%00",
        "/placements/?q=%01%1f%7f",
        "/companies/?q=%00&page=%00",
        "/placements/export.csv?q=%00",
        "/?%00=%00",
    ],
)
def test_control_characters_in_the_portals_query_strings_are_ignored(
    client, coordinator_a, placement_a, url
):
    client.force_login(coordinator_a)

    response = client.get(url)

    assert response.status_code == 200


def test_a_nul_in_the_search_is_dropped_and_the_rest_searched(client, coordinator_a, placement_a):
    client.force_login(coordinator_a)

    response = client.get("/placements/pupils/?q=Vis%00ser")

    assert response.status_code == 200
    assert response.context["q"] == "Visser"
    assert "Daan" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["status=%00", "q=%00", "kind__exact=%00&o=%00", "school__id__exact=%00", "p=%00"],
)
def test_control_characters_in_django_admins_lists_are_ignored(client, staff, placement_a, query):
    force_login_with_second_factor(client, staff)

    response = client.get(f"/admin/placements/placement/?{query}")

    # The list, or admin's own answer to a filter it cannot use (a redirect with ?e=1).
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1")


def test_importing_before_the_columns_step_imports_nothing_and_says_why(
    client, coordinator_a, school_a
):
    student_import = student_import_create(
        school_a, by=coordinator_a, file_name="leerlingen.csv", parsed=parse_upload(csv_bytes())
    )  # uploaded, no columns chosen yet
    client.cookies["django_language"] = "en"
    client.force_login(coordinator_a)

    response = client.post(
        f"/placements/pupils/import/{student_import.public_id}/commit/", follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == (
        f"/placements/pupils/import/{student_import.public_id}/columns/"
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was imported: first choose which column holds what."
    ]
    assert not Student.objects.filter(school=school_a).exists()
    assert StudentImport.objects.filter(pk=student_import.pk).exists()


def _bomb(cell_bytes: int) -> bytes:
    """A valid xlsx whose first sheet holds one cell of ``cell_bytes`` letters: a few KB
    packed, that many bytes unpacked."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(ROWS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"</sheetData>",
                    b'<row r="99"><c r="A99" t="inlineStr"><is><t>'
                    + b"A" * cell_bytes
                    + b"</t></is></c></row></sheetData>",
                )
            archive.writestr(info, content)
    return buffer.getvalue()


def test_an_xlsx_that_unpacks_to_more_than_25_mb_is_refused():
    data = _bomb(30 * 1024 * 1024)
    assert len(data) < 200 * 1024

    with translation.override("en"), pytest.raises(ImportFileError, match="too large"):
        parse_upload(data)


def test_a_cell_of_thousands_of_characters_refuses_the_file_at_its_row(client, coordinator_a):
    client.cookies["django_language"] = "en"
    client.force_login(coordinator_a)
    upload = SimpleUploadedFile("leerlingen.xlsx", _bomb(5000))

    response = client.post("/placements/pupils/import/", {"file": upload})

    assert response.status_code == 200
    assert "Row 99 has a cell of more than 1,000 characters" in response.content.decode()
    assert not StudentImport.objects.exists()
    assert len(response.content) < 100_000

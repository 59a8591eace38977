"""The pupil list and the import pages: upload → columns → preview → import."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from placements.imports import MAX_FILE_BYTES, parse_upload
from placements.models import SchoolRole, Student, StudentImport
from placements.services.imports import student_import_create, student_import_set_mapping
from tests.factories import SchoolFactory, SchoolMembershipFactory, StudentFactory
from tests.placements.import_files import HEADER, ROWS, csv_bytes, many_rows, xlsx_bytes

pytestmark = pytest.mark.django_db

LIST_URL = "/placements/pupils/"
UPLOAD_URL = "/placements/pupils/import/"
FULL_MAPPING = {
    "student_number": "0",
    "given_name": "1",
    "surname_prefix": "2",
    "surname": "3",
    "class_name": "4",
    "programme": "5",
    "year": "",
}


@pytest.fixture(autouse=True)
def english(client):
    """The messages are checked in English, the source language; nl_import.json has Dutch."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def upload(client, data: bytes, name="leerlingen.csv", **extra):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(UPLOAD_URL, {"file": file, **extra})


def mapping_url(student_import) -> str:
    return f"/placements/pupils/import/{student_import.public_id}/columns/"


def preview_url(student_import) -> str:
    return f"/placements/pupils/import/{student_import.public_id}/"


def commit_url(student_import) -> str:
    return f"/placements/pupils/import/{student_import.public_id}/commit/"


def discard_url(student_import) -> str:
    return f"/placements/pupils/import/{student_import.public_id}/discard/"


def stored_import(school, user, data=None, *, mapped=True) -> StudentImport:
    """An upload of ``data`` (the three example pupils) by ``user``, its columns chosen."""
    student_import = student_import_create(
        school, by=user, file_name="leerlingen.csv", parsed=parse_upload(data or csv_bytes())
    )
    if mapped:
        mapping = {name: int(index) for name, index in FULL_MAPPING.items() if index}
        student_import_set_mapping(student_import, mapping=mapping)
    return student_import


# --- the whole journey -----------------------------------------------------------------


def test_import_journey_creates_pupils_then_reimport_updates(client, coordinator_a, school_a):
    client.force_login(coordinator_a)

    response = upload(client, csv_bytes())
    student_import = StudentImport.objects.get()
    assert response.url == mapping_url(student_import)
    response = client.get(mapping_url(student_import))
    assert response.context["form"].initial == {
        "student_number": 0,
        "given_name": 1,
        "surname_prefix": 2,
        "surname": 3,
        "class_name": 4,
        "programme": 5,
    }
    response = client.post(mapping_url(student_import), FULL_MAPPING)
    assert response.url == preview_url(student_import)
    response = client.get(preview_url(student_import))
    assert response.context["import_count"] == 3
    assert 'id="import-commit"' in response.content.decode()
    response = client.post(commit_url(student_import), follow=True)

    assert response.redirect_chain == [(f"{LIST_URL}?school={school_a.pk}", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"The pupils of {school_a.name} are imported. New: 3, updated: 0, unchanged: 0."
    ]
    assert [p.student_number for p in response.context["page"]] == ["240001", "240002", "240003"]
    assert not StudentImport.objects.exists()

    moved = [ROWS[0], [*ROWS[1][:4], "4K", "KB"], ROWS[2]]
    upload(client, csv_bytes(moved))
    again = StudentImport.objects.get()
    client.post(mapping_url(again), FULL_MAPPING)
    response = client.get(preview_url(again))
    updates = response.context["plan"].updated
    assert [(u.row.number, [(c.field, c.old, c.new) for c in u.changes]) for u in updates] == [
        (3, [("class_name", "3K", "4K"), ("year", 3, 4)])
    ]
    response = client.post(commit_url(again), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        f"The pupils of {school_a.name} are imported. New: 0, updated: 1, unchanged: 2."
    ]
    assert Student.objects.filter(school=school_a).count() == 3
    assert Student.objects.get(student_number="240002").class_name == "4K"


def test_import_upload_xlsx_file(client, coordinator_a, school_a):
    client.force_login(coordinator_a)
    data = xlsx_bytes([[240001, "Daan", None, "Visser", "3B", "BB", 3]], header=[*HEADER, "Jaar"])

    response = upload(client, data, name="export.xlsx")

    student_import = StudentImport.objects.get()
    assert response.status_code == 302
    assert (student_import.file_format, student_import.file_name) == ("xlsx", "export.xlsx")
    assert student_import.rows == [[2, ["240001", "Daan", "", "Visser", "3B", "BB", "3"]]]
    assert client.get(mapping_url(student_import)).context["form"].initial["year"] == 6


def test_import_preview_names_windows_1252(client, coordinator_a, school_a):
    client.force_login(coordinator_a)
    upload(client, csv_bytes(encoding="cp1252"))
    student_import = StudentImport.objects.get()
    client.post(mapping_url(student_import), FULL_MAPPING)

    response = client.get(preview_url(student_import))

    content = response.content.decode()
    assert "Read as Windows-1252" in content
    assert "Columns separated by semicolons." in content
    assert "René Hendriks" in content


# --- upload ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The submitted file is empty."),
        (csv_bytes([]), "The file has column names but no pupils"),
        (b"%PDF-1.4\n\x00\x01binary", "This file is not a CSV or Excel file."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "This is an old Excel file (.xls)"),
        (csv_bytes(ROWS[1:], header=ROWS[0]), "Row 1 looks like a pupil"),
        (b"x" * (MAX_FILE_BYTES + 1), "The file is larger than 5.0\xa0MB."),
    ],
    ids=["empty", "header-only", "pdf", "xls", "no-header", "too-large"],
)
def test_import_upload_bad_file_message_at_file_field_nothing_stored(
    client, coordinator_a, school_a, data, message
):
    client.force_login(coordinator_a)

    response = upload(client, data)

    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(message)
    assert not StudentImport.objects.exists()


def test_import_upload_one_school_implicit(client, coordinator_a, school_a):
    client.force_login(coordinator_a)

    response = client.get(UPLOAD_URL)

    assert list(response.context["form"].fields) == ["file"]
    assert 'href="/placements/pupils/"' in response.content.decode()


def test_import_upload_several_schools_asks_which(client, coordinator_a, school_a, school_b):
    SchoolMembershipFactory(school=school_b, user=coordinator_a, role=SchoolRole.COORDINATOR)
    client.force_login(coordinator_a)

    missing = upload(client, csv_bytes())
    response = upload(client, csv_bytes(), school=str(school_b.pk))

    assert missing.context["form"].errors == {"school": ["This field is required."]}
    assert response.status_code == 302
    assert StudentImport.objects.get().school == school_b


def test_import_upload_other_school_refused(client, coordinator_a, school_a, school_b):
    SchoolMembershipFactory(school=SchoolFactory(), user=coordinator_a)
    client.force_login(coordinator_a)

    response = upload(client, csv_bytes(), school=str(school_b.pk))

    assert "school" in response.context["form"].errors
    assert not StudentImport.objects.exists()


def test_import_upload_staff_may_choose_any_school(client, staff, school_a, school_b):
    client.force_login(staff)

    choices = client.get(UPLOAD_URL).context["form"].fields["school"].choices
    response = upload(client, csv_bytes(), school=str(school_b.pk))

    assert [label for _pk, label in choices[1:]] == [school_b.name, school_a.name]
    assert response.status_code == 302
    assert StudentImport.objects.get().school == school_b


# --- columns ---------------------------------------------------------------------------


def test_import_mapping_required_field_without_column_errs_at_its_select(
    client, coordinator_a, school_a
):
    student_import = stored_import(school_a, coordinator_a, mapped=False)
    client.force_login(coordinator_a)

    response = client.post(mapping_url(student_import), {**FULL_MAPPING, "surname": ""})

    errors = response.context["form"].errors
    assert list(errors) == ["surname"]
    assert errors["surname"][0].startswith("Choose the column with this.")
    assert StudentImport.objects.get().mapping == {}


def test_import_mapping_same_column_twice_errs_at_both(client, coordinator_a, school_a):
    student_import = stored_import(school_a, coordinator_a, mapped=False)
    client.force_login(coordinator_a)

    response = client.post(mapping_url(student_import), {**FULL_MAPPING, "year": "4"})

    errors = response.context["form"].errors
    message = "This column is chosen more than once (Class, School year): choose it once."
    assert errors == {"class_name": [message], "year": [message]}


def test_import_mapping_file_missing_a_column_cannot_be_completed(client, coordinator_a, school_a):
    header = ["Leerlingnummer", "Roepnaam", "Achternaam", "Klas"]
    data = csv_bytes([["1", "Jan", "Jansen", "3B"]], header=header)
    student_import = stored_import(school_a, coordinator_a, data, mapped=False)
    client.force_login(coordinator_a)

    page = client.get(mapping_url(student_import))
    response = client.post(mapping_url(student_import), page.context["form"].initial)

    assert page.context["form"].initial == {
        "student_number": 0,
        "given_name": 1,
        "surname": 2,
        "class_name": 3,
    }
    assert list(response.context["form"].errors) == ["programme"]


def test_import_preview_before_columns_goes_to_columns(client, coordinator_a, school_a):
    student_import = stored_import(school_a, coordinator_a, mapped=False)
    client.force_login(coordinator_a)

    response = client.get(preview_url(student_import))

    assert response.url == mapping_url(student_import)


# --- preview ---------------------------------------------------------------------------


def test_import_preview_lists_each_invalid_row_with_reason_and_offers_no_import(
    client, coordinator_a, school_a
):
    rows = [
        ROWS[0],
        ["240002", "Noor", "", "Berg", "3K", "economie"],
        ROWS[2],
        [*ROWS[0][:1], "Bram", "", "Bos", "2A", "KB"],
    ]
    student_import = stored_import(school_a, coordinator_a, csv_bytes(rows))
    client.force_login(coordinator_a)

    response = client.get(preview_url(student_import))

    content = response.content.decode()
    plan = response.context["plan"]
    assert [(row.number, row.errors) for row in plan.invalid] == [
        (2, ["Student number 240001 is also on row 5."]),
        (
            3,
            [
                "Unknown programme “economie”. Use BB, KB, GL, TL, PrO, VSO, havo or vwo "
                "(vmbo-b, vmbo-k, vmbo-g, vmbo-t, mavo and kader work too)."
            ],
        ),
        (5, ["Student number 240001 is also on row 2."]),
    ]
    for number in (2, 3, 5):
        assert f'id="row-{number}"' in content
    assert "Student number 240001 is also on row 5." in content
    assert "import-commit" not in content
    assert "3 rows cannot be imported." in content


def test_import_preview_shows_first_200_invalid_rows_and_how_many_more(
    client, coordinator_a, school_a
):
    rows = [[*row[:5], "economie"] for row in many_rows(230)]
    student_import = stored_import(school_a, coordinator_a, csv_bytes(rows))
    client.force_login(coordinator_a)

    response = client.get(preview_url(student_import))

    assert len(response.context["invalid_shown"]) == 200
    assert "… and 30 more rows that cannot be imported." in response.content.decode()


def test_import_commit_with_invalid_row_saves_nothing(client, coordinator_a, school_a):
    StudentFactory(school=school_a)
    rows = [*ROWS, ["240004", "", "", "Smit", "3B", "BB"]]
    student_import = stored_import(school_a, coordinator_a, csv_bytes(rows))
    client.force_login(coordinator_a)

    response = client.post(commit_url(student_import), follow=True)

    assert response.redirect_chain == [(preview_url(student_import), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was imported: the file has rows that cannot be imported."
    ]
    assert Student.objects.count() == 1


def test_import_preview_nothing_to_change(client, coordinator_a, school_a):
    for number, given, prefix, surname, class_name, _programme in ROWS:
        StudentFactory(
            school=school_a,
            student_number=number,
            given_name=given,
            surname_prefix=prefix,
            surname=surname,
            class_name=class_name,
            year=int(class_name[0]),
            programme={"3B": "vmbo_b", "3K": "vmbo_k", "4T": "vmbo_t"}[class_name],
        )
    student_import = stored_import(school_a, coordinator_a)
    client.force_login(coordinator_a)

    response = client.get(preview_url(student_import))

    content = response.content.decode()
    assert len(response.context["plan"].unchanged) == 3
    assert 'id="nothing-to-do"' in content
    assert "import-commit" not in content


def test_import_discard_deletes_upload(client, coordinator_a, school_a):
    student_import = stored_import(school_a, coordinator_a)
    client.force_login(coordinator_a)

    response = client.post(discard_url(student_import))

    assert response.url == UPLOAD_URL
    assert not StudentImport.objects.exists()
    assert Student.objects.count() == 0


# --- who may ---------------------------------------------------------------------------


@pytest.mark.parametrize("step", [mapping_url, preview_url])
def test_import_steps_other_coordinator_gets_404(
    client, coordinator_a, coordinator_b, school_a, step
):
    student_import = stored_import(school_a, coordinator_a)
    client.force_login(coordinator_b)

    assert client.get(step(student_import)).status_code == 404


@pytest.mark.parametrize("step", [commit_url, discard_url])
def test_import_actions_other_coordinator_gets_404(
    client, coordinator_a, coordinator_b, school_a, step
):
    student_import = stored_import(school_a, coordinator_a)
    client.force_login(coordinator_b)

    assert client.post(step(student_import)).status_code == 404
    assert StudentImport.objects.exists()
    assert Student.objects.count() == 0


def test_import_of_colleague_coordinator_gets_404(client, coordinator_a, school_a):
    """Only who uploaded the file may open it, even a coordinator of the same school."""
    colleague = SchoolMembershipFactory(school=school_a, role=SchoolRole.COORDINATOR).user
    student_import = stored_import(school_a, coordinator_a)
    client.force_login(colleague)

    assert client.get(preview_url(student_import)).status_code == 404


def test_import_older_than_a_day_gets_404(client, coordinator_a, school_a):
    student_import = stored_import(school_a, coordinator_a)
    day_ago = timezone.now() - datetime.timedelta(days=1, minutes=1)
    StudentImport.objects.update(created_at=day_ago)
    client.force_login(coordinator_a)

    assert client.get(preview_url(student_import)).status_code == 404


def test_import_after_losing_coordinator_role_gets_404(client, coordinator_a, school_a):
    student_import = stored_import(school_a, coordinator_a)
    coordinator_a.school_memberships.all().delete()
    client.force_login(coordinator_a)

    assert client.get(preview_url(student_import)).status_code == 404


@pytest.mark.parametrize("persona", ["teacher_a", "supervisor_a", "outsider"])
@pytest.mark.parametrize("url", [LIST_URL, UPLOAD_URL])
def test_pupil_pages_non_coordinators_get_404(client, request, school_a, persona, url):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["teacher_a", "supervisor_a", "outsider"])
def test_import_upload_post_non_coordinators_get_404(client, request, school_a, persona):
    client.force_login(request.getfixturevalue(persona))

    assert upload(client, csv_bytes()).status_code == 404
    assert not StudentImport.objects.exists()


def test_pupil_pages_anonymous_redirected_to_login(client, coordinator_a, school_a):
    student_import = stored_import(school_a, coordinator_a)
    urls = [LIST_URL, UPLOAD_URL, mapping_url(student_import), preview_url(student_import)]

    for url in urls:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"/accounts/login/?next={url}")
    for url in [commit_url(student_import), discard_url(student_import)]:
        assert client.post(url).url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("step", [commit_url, discard_url])
def test_import_actions_get_not_allowed(client, coordinator_a, school_a, step):
    student_import = stored_import(school_a, coordinator_a)
    client.force_login(coordinator_a)

    assert client.get(step(student_import)).status_code == 405


def test_pupil_list_post_not_allowed(client, coordinator_a, school_a):
    client.force_login(coordinator_a)

    assert client.post(LIST_URL).status_code == 405


# --- the pupil list --------------------------------------------------------------------


def test_pupil_list_shows_own_school_by_class(client, coordinator_a, school_a, school_b):
    StudentFactory(school=school_a, class_name="3B", surname="Zwart", student_number="1")
    StudentFactory(school=school_a, class_name="2A", surname="Aalders", student_number="2")
    StudentFactory(school=school_b, student_number="3")
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    assert [p.student_number for p in response.context["page"]] == ["2", "1"]
    assert f'href="{UPLOAD_URL}"' in response.content.decode()


def test_pupil_list_several_schools_narrows_to_one(client, coordinator_a, school_a, school_b):
    SchoolMembershipFactory(school=school_b, user=coordinator_a, role=SchoolRole.COORDINATOR)
    StudentFactory(school=school_a, student_number="1")
    StudentFactory(school=school_b, student_number="2")
    client.force_login(coordinator_a)

    everything = client.get(LIST_URL)
    one = client.get(LIST_URL, {"school": school_b.pk})
    nonsense = client.get(LIST_URL, {"school": "x"})

    assert everything.context["page"].paginator.count == 2
    assert [p.student_number for p in one.context["page"]] == ["2"]
    assert nonsense.context["page"].paginator.count == 2


def test_pupil_list_search_matches_every_word_in_name_number_or_class(
    client, coordinator_a, school_a, school_b
):
    StudentFactory(school=school_a, given_name="Emma", surname="de Vries", class_name="3B")
    StudentFactory(school=school_a, given_name="Emma", surname="Jansen", class_name="2K")
    StudentFactory(school=school_a, given_name="Ruben", surname="Vries", student_number="77001")
    StudentFactory(school=school_b, given_name="Emma", surname="Vries", class_name="3B")
    client.force_login(coordinator_a)

    def found(query):
        response = client.get(LIST_URL, {"q": query})
        return sorted(p.full_name for p in response.context["page"])

    assert found("emma 3b") == ["Emma de Vries"]
    assert found("VRIES") == ["Emma de Vries", "Ruben Vries"]
    assert found("770") == ["Ruben Vries"]
    assert found("nobody") == []
    assert found("   ") == ["Emma Jansen", "Emma de Vries", "Ruben Vries"]


def test_pupil_list_refuses_a_search_it_cannot_run_with_a_message(client, coordinator_a, school_a):
    message = "Ensure this value has at most 100 characters (it has 101)."
    StudentFactory.create_batch(2, school=school_a, given_name="Emma")
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"q": "e" * 101})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2  # the whole list
    html = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="pupil-q-error"' in html
    assert f'<div class="invalid-feedback" id="pupil-q-error">{escape(message)} </div>' in html
    assert 'value=""' in html


def test_pupil_list_accepted_search_has_no_error(client, coordinator_a, school_a):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"q": "Emma"})

    assert response.status_code == 200
    assert "pupil-q-error" not in response.content.decode()


def test_pupil_list_search_keeps_the_query_in_the_page_links(client, coordinator_a, school_a):
    StudentFactory.create_batch(51, school=school_a, given_name="Sem")
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"q": "sem"})

    assert 'href="?q=sem&amp;page=2"' in response.content.decode()


def test_pupil_list_links_each_pupil_to_a_proposal(client, coordinator_a, school_a):
    pupil = StudentFactory(school=school_a)
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    assert f'href="/placements/propose/?student={pupil.pk}"' in response.content.decode()


@pytest.mark.parametrize("size", [5, 200])
def test_pupil_list_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, size
):
    StudentFactory.create_batch(size, school=school_a)
    StudentFactory.create_batch(3)  # other schools' pupils
    client.force_login(coordinator_a)

    # session, user, the coordinated schools, the count, the page's pupils with their school
    with django_assert_num_queries(5):
        response = client.get(LIST_URL)

    assert response.context["page"].paginator.count == size


@pytest.mark.parametrize("size", [5, 200])
def test_import_preview_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, size
):
    rows = many_rows(size)
    StudentFactory.create_batch(size, school=school_a)
    for number, *_rest in rows[: size // 2]:
        StudentFactory(school=school_a, student_number=number)
    student_import = stored_import(school_a, coordinator_a, csv_bytes(rows))
    client.force_login(coordinator_a)

    # session, user, the import (with its school), the school's pupils by number
    with django_assert_num_queries(4):
        response = client.get(preview_url(student_import))

    assert len(response.context["plan"].new) == size - size // 2


@pytest.mark.parametrize("size", [5, 200])
def test_import_mapping_page_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, size
):
    student_import = stored_import(school_a, coordinator_a, csv_bytes(many_rows(size)))
    client.force_login(coordinator_a)

    # session, user, the import (with its school)
    with django_assert_num_queries(3):
        response = client.get(mapping_url(student_import))

    assert response.status_code == 200


@pytest.mark.parametrize("schools", [1, 20])
def test_import_upload_page_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, schools
):
    for _ in range(schools - 1):
        SchoolMembershipFactory(user=coordinator_a, role=SchoolRole.COORDINATOR)
    client.force_login(coordinator_a)

    # session, user, the coordinated schools
    with django_assert_num_queries(3):
        response = client.get(UPLOAD_URL)

    assert response.status_code == 200

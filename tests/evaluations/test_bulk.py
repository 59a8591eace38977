"""The bulk download: a coordinator picks approved assessments by class, period and kind
and gets them as one streamed ZIP with a PDF per pupil."""

import datetime
import io
import zipfile

import pytest
from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from evaluations.models import EvaluationKind, EvaluationStatus
from placements.models import PlacementKind
from tests.factories import (
    CompanyMembershipFactory,
    EvaluationFactory,
    PlacementFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("evaluations:bulk")
LOGIN_URL = "/accounts/login/"
S = EvaluationStatus


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source texts, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def pupil_placement(school, given_name, surname, *, class_name="3K", **fields):
    student = StudentFactory(
        school=school, given_name=given_name, surname=surname, class_name=class_name
    )
    return PlacementFactory(student=student, **fields)


def assessed(placement, *, status=S.APPROVED, kind=EvaluationKind.FINAL):
    return EvaluationFactory(placement=placement, status=status, kind=kind)


def filename(given_name, surname, kind="eindbeoordeling"):
    return f"{kind}-{given_name}-{surname}-{timezone.localdate():%Y-%m-%d}.pdf".lower()


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def previewed(response) -> list[str]:
    return [evaluation.placement.student.full_name for evaluation in response.context["preview"]]


@pytest.fixture
def three_finals(placement_a, school_a):
    """Approved finals of three school A pupils in two classes, periods and kinds."""
    fenna = pupil_placement(
        school_a,
        "Fenna",
        "Wit",
        class_name="4B",
        kind=PlacementKind.SNUFFELSTAGE,
        start_date=datetime.date(2026, 5, 18),
        end_date=datetime.date(2026, 5, 20),
    )
    joris = pupil_placement(
        school_a,
        "Joris",
        "Kok",
        start_date=datetime.date(2026, 6, 8),
        end_date=datetime.date(2026, 6, 19),
    )
    return [assessed(placement_a), assessed(fenna), assessed(joris)]


# --- The ZIP --------------------------------------------------------------------------


def test_bulk_zip_holds_one_pdf_per_approved_final_of_the_coordinators_school(
    client, coordinator_a, placement_a, placement_b, school_a
):
    assessed(placement_a)
    for status, name in [(S.DRAFT, "Sem"), (S.SUBMITTED, "Lotte"), (S.RETURNED, "Bram")]:
        assessed(pupil_placement(school_a, name, "Jansen"), status=status)
    assessed(pupil_placement(school_a, "Mila", "Smit"), kind=EvaluationKind.MIDTERM)
    assessed(placement_b)
    client.force_login(coordinator_a)

    response = client.get(URL, {"download": "1"})

    archive = zip_of(response)
    assert archive.namelist() == [filename("Daan", "Visser")]
    data = archive.read(filename("Daan", "Visser"))
    assert data.startswith(b"%PDF")
    assert "Final assessment: Daan Visser" in pdf_text(data)


def test_bulk_zip_is_a_streamed_attachment_with_one_chunk_per_pdf(
    client, coordinator_a, three_finals
):
    client.force_login(coordinator_a)

    response = client.get(URL, {"download": "1", "ended_until": "2026-05-31"})

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="beoordelingen-{timezone.localdate():%Y-%m-%d}.zip"'
    )
    chunks = list(response.streaming_content)
    # One chunk per PDF as soon as it is rendered, then the ZIP's directory.
    assert len(chunks) == 3
    assert all(chunks)
    assert zipfile.ZipFile(io.BytesIO(b"".join(chunks))).testzip() is None


def test_bulk_zip_narrowed_by_class_holds_only_that_class(client, coordinator_a, three_finals):
    client.force_login(coordinator_a)

    response = client.get(URL, {"download": "1", "class_name": "4B"})

    assert zip_of(response).namelist() == [filename("Fenna", "Wit")]


def test_bulk_zip_numbers_pupils_with_the_same_name(client, coordinator_a, placement_a, school_a):
    assessed(placement_a)
    assessed(pupil_placement(school_a, "Daan", "Visser", class_name="4B"))
    client.force_login(coordinator_a)

    response = client.get(URL, {"download": "1"})

    first = filename("Daan", "Visser")
    assert zip_of(response).namelist() == [first, first.replace(".pdf", "-2.pdf")]


def test_bulk_zip_names_the_midterm_and_the_final_of_one_pupil_apart(
    client, coordinator_a, placement_a
):
    """#9 (13): both approved the same day, they once shared one name."""
    assessed(placement_a, kind=EvaluationKind.MIDTERM)
    assessed(placement_a)
    client.force_login(coordinator_a)

    finals = client.get(URL, {"download": "1"})
    midterms = client.get(URL, {"download": "1", "evaluation_kind": "midterm"})

    assert (finals.status_code, midterms.status_code) == (200, 200)
    assert zip_of(finals).namelist() == [filename("Daan", "Visser")]
    assert zip_of(midterms).namelist() == [filename("Daan", "Visser", kind="tussenevaluatie")]


def test_bulk_zip_for_staff_holds_every_school(client, staff, placement_a, placement_b):
    assessed(placement_a)
    assessed(placement_b)
    client.force_login(staff)

    response = client.get(URL, {"download": "1"})

    assert zip_of(response).namelist() == [filename("Noor", "Bakker"), filename("Daan", "Visser")]


def test_bulk_zip_for_a_coordinator_who_is_also_company_admin_leaves_out_other_schools(
    client, coordinator_a, company_b, placement_a, placement_b
):
    CompanyMembershipFactory(company=company_b, user=coordinator_a, is_company_admin=True)
    assessed(placement_a)
    assessed(placement_b)
    client.force_login(coordinator_a)

    response = client.get(URL, {"download": "1"})

    assert zip_of(response).namelist() == [filename("Daan", "Visser")]


def test_bulk_download_of_an_empty_selection_shows_the_page_with_a_message(
    client, coordinator_a, three_finals
):
    client.force_login(coordinator_a)

    response = client.get(URL, {"download": "1", "class_name": "4B", "ended_until": "2026-01-31"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.context["nothing_to_download"] is True
    assert 'id="bulk-nothing"' in response.content.decode()


# --- The page and its filters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Joris Kok", "Daan Visser", "Fenna Wit"]),
        ({"class_name": "4B"}, ["Fenna Wit"]),
        ({"ended_from": "2026-04-01"}, ["Joris Kok", "Fenna Wit"]),
        ({"ended_until": "2026-03-31"}, ["Daan Visser"]),
        ({"ended_from": "2026-04-01", "ended_until": "2026-05-31"}, ["Fenna Wit"]),
        ({"placement_kind": PlacementKind.SNUFFELSTAGE}, ["Fenna Wit"]),
        ({"evaluation_kind": EvaluationKind.MIDTERM}, []),
    ],
)
def test_bulk_page_filters_narrow_the_selection(
    client, coordinator_a, three_finals, filters, expected
):
    client.force_login(coordinator_a)

    response = client.get(URL, filters)

    assert response.status_code == 200
    assert response.context["total"] == len(expected)
    assert previewed(response) == expected


def test_bulk_page_for_midterms_lists_approved_midterms(client, coordinator_a, three_finals):
    joris = three_finals[2].placement
    assessed(joris, kind=EvaluationKind.MIDTERM)
    client.force_login(coordinator_a)

    response = client.get(URL, {"evaluation_kind": EvaluationKind.MIDTERM})

    assert previewed(response) == ["Joris Kok"]


@pytest.mark.parametrize(
    "filters",
    [
        {"class_name": "9Z"},
        {"ended_from": "gisteren"},
        {"ended_until": "2026-13-45"},
        {"ended_from": "2026-06-01", "ended_until": "2026-01-01"},
        {"placement_kind": "raket"},
        {"evaluation_kind": "alles"},
        {"download": "ja"},
        {"class_name": "x" * 5000, "ended_from": "\x00", "evaluation_kind": ["final", "x"]},
    ],
)
def test_bulk_page_ignores_nonsense_filters(client, coordinator_a, three_finals, filters):
    client.force_login(coordinator_a)

    response = client.get(URL, filters)

    assert response.status_code == 200
    assert response.context["total"] == 3


def test_bulk_page_offers_the_classes_of_the_coordinators_school_only(
    client, coordinator_a, three_finals, placement_b
):
    client.force_login(coordinator_a)

    response = client.get(URL)

    assert response.context["form"].fields["class_name"].choices == [
        ("", "All classes"),
        ("3K", "3K"),
        ("4B", "4B"),
    ]
    assert 'id="bulk-download"' in response.content.decode()


@pytest.mark.parametrize("persona", ["teacher_a", "supervisor_a", "supervisor_b", "outsider"])
def test_bulk_page_for_anyone_but_coordinators_and_staff_is_403(
    client, placement_a, persona, request
):
    assessed(placement_a)
    client.force_login(request.getfixturevalue(persona))

    response = client.get(URL, {"download": "1"})

    assert response.status_code == 403


def test_bulk_page_for_the_other_schools_coordinator_counts_their_own_only(
    client, coordinator_b, placement_a, placement_b
):
    assessed(placement_a)
    assessed(placement_b)
    client.force_login(coordinator_b)

    response = client.get(URL)

    assert response.status_code == 200
    assert previewed(response) == ["Noor Bakker"]


def test_bulk_page_for_anonymous_redirects_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={URL}"


def test_bulk_page_refuses_post(client, coordinator_a):
    client.force_login(coordinator_a)

    response = client.post(URL, {"download": "1"})

    assert response.status_code == 405


def test_bulk_download_head_renders_no_zip(client, coordinator_a, placement_a):
    assessed(placement_a)
    client.force_login(coordinator_a)

    response = client.head(URL, {"download": "1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"


# --- Queries --------------------------------------------------------------------------


def _approved_finals(school, count):
    return [assessed(pupil_placement(school, f"Pupil{n}", "Test")) for n in range(count)]


@pytest.mark.parametrize("count", [1, 6])
def test_bulk_page_runs_a_fixed_number_of_queries(
    client, coordinator_a, school_a, count, django_assert_num_queries
):
    _approved_finals(school_a, count)
    client.force_login(coordinator_a)

    # session, user, coordinator?, classes, count, preview
    with django_assert_num_queries(7):
        response = client.get(URL)

    assert response.context["total"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_bulk_zip_runs_a_fixed_number_of_queries(
    client, coordinator_a, school_a, count, django_assert_num_queries
):
    _approved_finals(school_a, count)
    client.force_login(coordinator_a)

    # session, user, coordinator?, classes, count, evaluations, criteria, scores, steps
    with django_assert_num_queries(10):
        response = client.get(URL, {"download": "1"})
        names = zip_of(response).namelist()

    assert len(names) == count

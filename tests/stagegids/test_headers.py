"""Headers for shared phones: no page or file with personal data is kept by a browser or
a proxy, a Permissions-Policy on every answer, and only GET, HEAD and POST are answered.

pytest-django runs with DEBUG off, so these are the production settings' headers.
"""

import datetime

import pytest
from django.urls import reverse

from evaluations.models import EvaluationKind, EvaluationStatus
from placements.models import PlacementKind, Weekday
from tests.factories import EvaluationFactory, PlacementFactory, StudentFactory

pytestmark = pytest.mark.django_db

NO_STORE = {"no-store", "no-cache", "private", "must-revalidate", "max-age=0"}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def lintstage_a(company_a, supervisor_a, school_a):
    student = StudentFactory(school=school_a, given_name="Sem", surname="de Vries")
    return PlacementFactory(
        student=student,
        company=company_a,
        supervisor=supervisor_a,
        kind=PlacementKind.LINTSTAGE,
        weekday=Weekday.TUESDAY,
        start_date=datetime.date(2027, 2, 2),
        end_date=datetime.date(2027, 5, 25),
    )


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("page", "text/html; charset=utf-8"),
        ("summary_pdf", "application/pdf"),
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("ics", "text/calendar; charset=utf-8"),
        ("zip", "application/zip"),
    ],
)
def test_pages_and_downloads_with_personal_data_are_not_stored(
    client, coordinator_a, lintstage_a, name, content_type
):
    EvaluationFactory(
        placement=lintstage_a, kind=EvaluationKind.FINAL, status=EvaluationStatus.APPROVED
    )
    client.force_login(coordinator_a)
    url = {
        "page": lintstage_a.get_absolute_url(),
        "summary_pdf": reverse("evaluations:summary_pdf", args=[lintstage_a.public_id]),
        "csv": reverse("placements:export_csv"),
        "xlsx": reverse("placements:export_xlsx"),
        "ics": reverse("placements:schedule_ics", args=[lintstage_a.public_id]),
        "zip": reverse("evaluations:bulk") + "?download=1",
    }[name]

    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert body
    assert cache_control(response) == NO_STORE
    assert "Expires" in response


def test_login_page_and_redirects_are_not_stored_either(client):
    page = client.get("/accounts/login/")
    redirect = client.get("/")

    assert (page.status_code, redirect.status_code) == (200, 302)
    assert cache_control(page) == NO_STORE
    assert cache_control(redirect) == NO_STORE


def test_static_files_keep_their_own_cache_headers(client):
    response = client.get("/static/css/stagegids.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_every_answer_has_a_permissions_policy(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get("/")

    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    assert response.status_code == 200
    assert policy["camera"] == "()"
    assert policy["microphone"] == "()"
    assert policy["geolocation"] == "()"
    assert policy["publickey-credentials-get"] == "(self)"


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options"])
@pytest.mark.parametrize("path", ["/accounts/password/change/", "/accounts/login/", "/"])
def test_other_methods_answer_405_everywhere(client, supervisor_a, method, path):
    client.force_login(supervisor_a)
    password = supervisor_a.password

    response = getattr(client, method)(path, data="oldpassword=x&password1=y&password2=y")

    supervisor_a.refresh_from_db()
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert supervisor_a.password == password

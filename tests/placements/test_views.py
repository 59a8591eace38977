"""The placement list and detail, the dashboard, and the account pages around them."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from placements.models import PlacementKind, PlacementStatus, Weekday
from tests.factories import PlacementFactory, StudentFactory
from tests.helpers import force_login_with_second_factor

pytestmark = pytest.mark.django_db

LIST_URL = "/placements/"
DASHBOARD_URL = "/"
LOGIN_URL = "/accounts/login/"


def _visible_pks(response):
    return {placement.pk for placement in response.context["page"].object_list}


@pytest.fixture
def active_lintstage_a(company_a, supervisor_a, school_a):
    """An active lintstage of a school A pupil at company A."""
    student = StudentFactory(school=school_a, given_name="Fenna", surname="de Graaf")
    return PlacementFactory(
        student=student,
        company=company_a,
        supervisor=supervisor_a,
        kind=PlacementKind.LINTSTAGE,
        status=PlacementStatus.ACTIVE,
        weekday=Weekday.WEDNESDAY,
        start_date=datetime.date(2026, 2, 4),
        end_date=datetime.date(2026, 6, 24),
    )


@pytest.fixture
def school_a_pupil_at_company_b(company_b, supervisor_b, school_a):
    student = StudentFactory(school=school_a, given_name="Lotte", surname="Smit")
    return PlacementFactory(student=student, company=company_b, supervisor=supervisor_b)


# --- login required --------------------------------------------------------------------


def test_placement_list_logged_out_redirects_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/placements/"


def test_placement_detail_logged_out_redirects_to_login(client, placement_a):
    url = placement_a.get_absolute_url()

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_dashboard_logged_out_redirects_to_login(client):
    response = client.get(DASHBOARD_URL)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


# --- detail: who may see it --------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [
        ("supervisor_a", 200),
        ("coordinator_a", 200),
        ("teacher_a", 200),
        ("staff", 200),
        ("supervisor_b", 404),
        ("coordinator_b", 404),
        ("outsider", 404),
    ],
)
def test_placement_detail_per_persona_answers_expected_status(
    client, request, placement_a, persona, status_code
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(placement_a.get_absolute_url())

    assert response.status_code == status_code


def test_placement_detail_visible_shows_pupil_company_and_teacher(
    client, coordinator_a, placement_a, teacher_a
):
    client.force_login(coordinator_a)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert response.context["placement"] == placement_a
    assert '<h1 class="h3 mb-0">Daan Visser</h1>' in content
    assert "Warmtetechniek Alfa B.V." in content
    assert f'href="mailto:{teacher_a.email}"' in content


def test_placement_detail_unknown_uuid_is_404(client, staff, placement_a):
    client.force_login(staff)

    response = client.get(reverse("placements:detail", kwargs={"public_id": uuid.uuid4()}))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/placements/not-a-uuid/",
        "/placements/12345678-1234-1234-1234-12345678901z/",
        "/placements/1/",
    ],
)
def test_placement_detail_malformed_uuid_is_404(client, staff, placement_a, path):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 404


def test_placement_detail_by_database_id_is_404(client, staff, placement_a):
    client.force_login(staff)

    response = client.get(f"/placements/{placement_a.pk}/")

    assert response.status_code == 404


# --- GET-only pages ----------------------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "detail", "dashboard"])
def test_read_only_page_post_is_405(client, staff, placement_a, page):
    urls = {
        "list": LIST_URL,
        "detail": placement_a.get_absolute_url(),
        "dashboard": DASHBOARD_URL,
    }
    client.force_login(staff)

    response = client.post(urls[page])

    # require_safe semantics: GET and HEAD only.
    assert response.status_code == 405


@pytest.mark.parametrize("page", ["list", "detail", "dashboard"])
def test_read_only_page_head_is_200(client, staff, placement_a, page):
    urls = {
        "list": LIST_URL,
        "detail": placement_a.get_absolute_url(),
        "dashboard": DASHBOARD_URL,
    }
    client.force_login(staff)

    response = client.head(urls[page])

    assert response.status_code == 200


# --- list: scoping, filters, pagination --------------------------------------------------


def test_placement_list_supervisor_a_shows_only_company_a(
    client, supervisor_a, placement_a, placement_b
):
    client.force_login(supervisor_a)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert _visible_pks(response) == {placement_a.pk}
    assert "Daan Visser" in content
    assert "Noor Bakker" not in content


def test_placement_list_supervisor_b_shows_only_company_b(
    client, supervisor_b, placement_a, placement_b
):
    client.force_login(supervisor_b)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert _visible_pks(response) == {placement_b.pk}
    assert "Noor Bakker" in content
    assert "Daan Visser" not in content


def test_placement_list_coordinator_a_shows_school_a_pupils_at_any_company(
    client, coordinator_a, placement_a, placement_b, school_a_pupil_at_company_b
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert _visible_pks(response) == {placement_a.pk, school_a_pupil_at_company_b.pk}
    assert "Daan Visser" in content
    assert "Lotte Smit" in content
    assert "Noor Bakker" not in content


def test_placement_list_outsider_shows_no_rows(client, outsider, placement_a, placement_b):
    client.force_login(outsider)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert _visible_pks(response) == set()
    assert "Daan Visser" not in content
    assert "Noor Bakker" not in content


def test_placement_list_status_filter_narrows(
    client, supervisor_a, placement_a, active_lintstage_a
):
    client.force_login(supervisor_a)

    response = client.get(LIST_URL, {"status": "active"})

    content = response.content.decode()
    assert _visible_pks(response) == {active_lintstage_a.pk}
    assert "Fenna de Graaf" in content
    assert "Daan Visser" not in content


def test_placement_list_kind_filter_narrows(client, supervisor_a, placement_a, active_lintstage_a):
    client.force_login(supervisor_a)

    response = client.get(LIST_URL, {"kind": "lintstage"})

    assert _visible_pks(response) == {active_lintstage_a.pk}


def test_placement_list_kind_filter_without_match_is_empty(
    client, supervisor_a, placement_a, active_lintstage_a
):
    client.force_login(supervisor_a)

    response = client.get(LIST_URL, {"kind": "meeloopdag"})

    assert response.status_code == 200
    assert _visible_pks(response) == set()


def test_placement_list_search_by_company_name_part(
    client, coordinator_a, placement_a, school_a_pupil_at_company_b
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"q": "bravo"})

    assert _visible_pks(response) == {school_a_pupil_at_company_b.pk}


def test_placement_list_search_by_pupil_surname(
    client, coordinator_a, placement_a, school_a_pupil_at_company_b
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"q": "Visser"})

    assert _visible_pks(response) == {placement_a.pk}


def test_placement_list_search_stays_within_scope(client, supervisor_b, placement_a, placement_b):
    client.force_login(supervisor_b)

    response = client.get(LIST_URL, {"q": "Alfa"})

    assert _visible_pks(response) == set()


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus&kind=%00&page=abc&page=-1&page=99999",
        "status=bogus",
        "kind=%00",
        "q=%00",
        "q=" + "x" * 101,
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999",
        "page=1.5",
        "status=active&status=%00",
    ],
)
def test_placement_list_nonsense_filters_are_ignored(
    client, supervisor_a, placement_a, active_lintstage_a, query
):
    client.force_login(supervisor_a)

    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert _visible_pks(response) == {placement_a.pk, active_lintstage_a.pk}


def test_placement_list_paginates_at_25_rows(client, supervisor_a, company_a):
    placements = PlacementFactory.create_batch(26, company=company_a, supervisor=supervisor_a)
    client.force_login(supervisor_a)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    first_pks, second_pks = _visible_pks(first), _visible_pks(second)
    assert len(first_pks) == 25
    assert len(second_pks) == 1
    assert first_pks | second_pks == {placement.pk for placement in placements}
    assert first.context["page"].paginator.num_pages == 2
    assert first.content.decode().count('<a href="/placements/') == 25


def test_placement_list_pagination_keeps_filters(client, supervisor_a, company_a):
    PlacementFactory.create_batch(
        26, company=company_a, supervisor=supervisor_a, status=PlacementStatus.ACTIVE
    )
    client.force_login(supervisor_a)

    response = client.get(LIST_URL, {"status": "active", "q": "Alfa"})

    assert len(_visible_pks(response)) == 25
    # The list's own path, so the links also work from the bulk message's error page.
    assert 'href="/placements/?status=active&amp;q=Alfa&amp;page=2"' in response.content.decode()


# --- dashboard -----------------------------------------------------------------------------


def test_dashboard_supervisor_shows_interns(client, supervisor_a, placement_a, placement_b):
    client.force_login(supervisor_a)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert [p.pk for p in response.context["interns"]] == [placement_a.pk]
    assert 'id="interns-heading"' in content
    assert "Daan Visser" in content
    assert "Noor Bakker" not in content
    assert 'id="school-heading"' not in content
    assert 'id="followed-heading"' not in content


def test_dashboard_supervisor_in_english_names_section_my_interns(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(DASHBOARD_URL)

    assert '<h2 class="h4" id="interns-heading">My interns</h2>' in response.content.decode()


def test_dashboard_browser_asking_for_english_still_gets_dutch(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(DASHBOARD_URL, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    content = response.content.decode()
    assert '<h2 class="h4" id="interns-heading">Mijn stagiairs</h2>' in content
    assert '<html lang="nl">' in content


def test_dashboard_unknown_language_cookie_falls_back_to_dutch(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx<script>"

    response = client.get(DASHBOARD_URL)

    assert '<html lang="nl">' in response.content.decode()


def test_dashboard_supervisor_in_dutch_names_section_mijn_stagiairs(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert '<h2 class="h4" id="interns-heading">Mijn stagiairs</h2>' in content


def test_dashboard_supervisor_without_open_placements_shows_empty_section(
    client, supervisor_a, company_a
):
    PlacementFactory(company=company_a, supervisor=supervisor_a, status=PlacementStatus.COMPLETED)
    client.force_login(supervisor_a)

    response = client.get(DASHBOARD_URL)

    assert response.context["interns"] == []
    assert 'id="interns-heading"' in response.content.decode()


def test_dashboard_coordinator_shows_status_counts(
    client, coordinator_a, placement_a, active_lintstage_a, placement_b
):
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    counts = [(value, total) for value, _label, total in response.context["status_counts"]]
    assert counts == [
        ("proposed", 0),
        ("registered", 0),
        ("draft", 0),
        ("planned", 1),
        ("active", 1),
        ("closing", 0),
        ("completed", 0),
        ("declined", 0),
        ("cancelled", 0),
    ]
    assert 'id="school-heading"' in content
    assert 'href="/placements/?status=active"' in content
    assert "Daan Visser" in content
    assert "Fenna de Graaf" in content
    assert "Noor Bakker" not in content
    assert 'id="interns-heading"' not in content


def test_dashboard_teacher_shows_followed_pupils(
    client, teacher_a, placement_a, active_lintstage_a
):
    client.force_login(teacher_a)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert [p.pk for p in response.context["followed"]] == [placement_a.pk]
    assert 'id="followed-heading"' in content
    assert "Daan Visser" in content
    assert "Fenna de Graaf" not in content
    assert 'id="school-heading"' not in content


def test_dashboard_staff_shows_counts_of_all_placements(
    client, staff, placement_a, placement_b, active_lintstage_a
):
    client.force_login(staff)

    response = client.get(DASHBOARD_URL)

    counts = {value: total for value, _label, total in response.context["status_counts"]}
    assert counts["planned"] == 2
    assert counts["active"] == 1
    assert 'id="school-heading"' in response.content.decode()


def test_dashboard_outsider_says_not_yet_linked(client, outsider, placement_a, placement_b):
    client.force_login(outsider)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Your account is not yet linked to a company or school." in content
    assert 'id="interns-heading"' not in content
    assert 'id="school-heading"' not in content
    assert 'id="followed-heading"' not in content
    assert "Daan Visser" not in content
    assert "Noor Bakker" not in content


# --- language ------------------------------------------------------------------------------


def test_dashboard_default_language_is_dutch(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get(DASHBOARD_URL)

    assert '<html lang="nl">' in response.content.decode()


def test_set_language_english_renders_dashboard_in_english(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    switch = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert switch.status_code == 302
    assert switch.url == "/"
    assert '<html lang="en">' in content
    assert '<h2 class="h4" id="interns-heading">My interns</h2>' in content


def test_set_language_get_changes_nothing(client, supervisor_a):
    client.force_login(supervisor_a)

    client.get("/i18n/setlang/", {"language": "en"})
    response = client.get(DASHBOARD_URL)

    assert '<html lang="nl">' in response.content.decode()


# --- Content-Security-Policy ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "method", "path", "status_code"),
    [
        (None, "get", LOGIN_URL, 200),
        (None, "get", DASHBOARD_URL, 302),
        (None, "get", "/static/css/stagegids.css", 200),
        ("supervisor_a", "get", DASHBOARD_URL, 200),
        ("supervisor_a", "get", LIST_URL, 200),
        ("supervisor_a", "get", "detail", 200),
        ("supervisor_b", "get", "detail", 404),
        ("supervisor_a", "get", "/accounts/logout/", 200),
        ("supervisor_a", "get", "/accounts/password/change/", 200),
        ("supervisor_a", "get", "/accounts/2fa/", 200),
        ("staff", "get", "/admin/", 200),
        ("staff", "get", "/admin/placements/placement/add/", 200),
    ],
)
def test_response_has_strict_content_security_policy(
    client, request, placement_a, persona, method, path, status_code
):
    if persona == "staff":
        force_login_with_second_factor(client, request.getfixturevalue(persona))
    elif persona:
        client.force_login(request.getfixturevalue(persona))
    if path == "detail":
        path = placement_a.get_absolute_url()

    response = getattr(client, method)(path)

    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (name, sources) for name, *sources in (part.split() for part in policy.split(";"))
    )
    assert response.status_code == status_code
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]

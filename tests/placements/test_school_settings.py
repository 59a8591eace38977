import pytest
from django.urls import reverse

from placements.models import School

pytestmark = pytest.mark.django_db


def _url(school):
    return reverse("placements:school_settings", kwargs={"pk": school.pk})


@pytest.mark.parametrize(
    ("posted", "expected"), [({"teachers_may_approve": "on"}, True), ({}, False)]
)
def test_school_settings_by_coordinator_saves_and_returns_to_dashboard(
    client, coordinator_a, school_a, posted, expected
):
    School.objects.filter(pk=school_a.pk).update(teachers_may_approve=not expected)
    client.force_login(coordinator_a)

    response = client.post(_url(school_a), posted)

    school_a.refresh_from_db()
    assert (response.status_code, response.url) == (302, reverse("dashboard"))
    assert school_a.teachers_may_approve is expected


@pytest.mark.parametrize("persona", ["coordinator_b", "teacher_a", "supervisor_a", "outsider"])
def test_school_settings_by_anyone_but_its_coordinators_is_404_and_changes_nothing(
    client, request, school_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(school_a), {})

    school_a.refresh_from_db()
    assert response.status_code == 404
    assert school_a.teachers_may_approve is True


def test_school_settings_get_is_405(client, coordinator_a, school_a):
    client.force_login(coordinator_a)

    assert client.get(_url(school_a)).status_code == 405


def test_school_settings_anonymous_is_sent_to_login(client, school_a):
    response = client.post(_url(school_a), {})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_dashboard_shows_the_settings_form_to_coordinators_only(
    client, coordinator_a, teacher_a, school_a
):
    client.force_login(coordinator_a)
    as_coordinator = client.get("/").content.decode()
    client.force_login(teacher_a)
    as_teacher = client.get("/").content.decode()

    assert f'action="{_url(school_a)}"' in as_coordinator
    assert f'action="{_url(school_a)}"' not in as_teacher

import pytest

pytestmark = pytest.mark.django_db


def test_placement_detail_for_supervisor_shows_pupil(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert response.status_code == 200
    assert "Daan Visser" in response.content.decode()

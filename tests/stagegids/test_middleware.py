"""An htmx request of a session that has ended is sent to the login page as a whole
(``HX-Redirect``), never answered with the login page's HTML to swap into a fragment."""

import time

import pytest
from django.conf import settings

from placements.models import ChecklistItem
from tests.factories import ChecklistItemFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def item(placement_a):
    return ChecklistItemFactory(placement=placement_a)


def tick_url(item: ChecklistItem) -> str:
    return f"{item.placement.get_absolute_url()}checklist/{item.pk}/"


def _expire(client) -> None:
    session = client.session
    session["seen_at"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()


def test_htmx_tick_after_the_session_ended_redirects_the_page_to_the_login(
    client, supervisor_a, item
):
    client.force_login(supervisor_a)
    _expire(client)
    page = f"http://testserver{item.placement.get_absolute_url()}"

    response = client.post(tick_url(item), {"done": "1"}, headers={**HTMX, "HX-Current-URL": page})

    assert response.status_code == 200
    assert response["HX-Redirect"] == (
        f"/accounts/login/?next={item.placement.get_absolute_url().replace('/', '%2F')}"
    )
    assert response.content == b""
    item.refresh_from_db()
    assert item.done_at is None


def test_htmx_request_logged_out_without_current_url_goes_to_the_bare_login(client, item):
    response = client.post(tick_url(item), {"done": "1"}, headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/"


def test_htmx_redirect_never_leads_to_another_site(client, item):
    response = client.post(
        tick_url(item),
        {"done": "1"},
        headers={**HTMX, "HX-Current-URL": "https://evil.example/phish"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/"


def test_plain_request_logged_out_keeps_the_ordinary_redirect(client, item):
    response = client.post(tick_url(item), {"done": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert "HX-Redirect" not in response


def test_htmx_request_logged_in_is_answered_as_before(client, supervisor_a, item):
    """A logged-in htmx request gets its fragment, as before."""
    client.force_login(supervisor_a)

    response = client.post(tick_url(item), {"done": "1"}, headers=HTMX)

    assert response.status_code == 200
    assert "HX-Redirect" not in response
    item.refresh_from_db()
    assert item.done_at is not None

"""``/healthz`` for load balancers: one trivial query, no login, no session, no cookie.

(With the database unavailable it answers 503: ``test_database_down`` starts a real
server against a closed port.)
"""

import json
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

NO_STORE = {"no-store", "no-cache", "private", "must-revalidate", "max-age=0"}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_healthz_is_at_slash_healthz():
    assert reverse("healthz") == "/healthz"


def test_healthz_logged_out_answers_ok_with_one_trivial_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok"}
    assert cache_control(response) == NO_STORE
    assert [query["sql"] for query in queries] == ["SELECT 1"]
    assert response.cookies == {}


def test_healthz_logged_in_loads_no_session_and_sets_no_cookie(client, outsider):
    client.force_login(outsider)
    _last_seen_long_ago(client)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    # Not the session, not the user: no read and no write of either.
    assert [query["sql"] for query in queries] == ["SELECT 1"]
    assert response.cookies == {}


def test_other_page_logged_in_does_write_the_session_seen_long_ago(client, outsider):
    """The other side of the test above: a page loads the session and writes the time
    of the last request (a minute or more ago)."""
    client.force_login(outsider)
    _last_seen_long_ago(client)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("notification_settings"))

    assert response.status_code == 200
    session_queries = [q["sql"] for q in queries if "django_session" in q["sql"]]
    assert [sql.split()[0] for sql in session_queries] == ["SELECT", "UPDATE"]
    assert "sessionid" in response.cookies


def test_healthz_answers_head(client):
    response = client.head("/healthz")

    assert response.status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_refuses_other_methods_with_405(client, method):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)("/healthz")

    assert response.status_code == 405
    assert len(queries) == 0


def test_healthz_post_names_get_and_head_as_allowed(client):
    response = client.post("/healthz")

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")


def test_healthz_over_plain_http_is_not_redirected_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # builds its middleware with the setting above

    health = client.get("/healthz")
    login = client.get(reverse("account_login"))

    assert health.status_code == 200
    assert (login.status_code, login["Location"]) == (301, "https://testserver/accounts/login/")


def _last_seen_long_ago(client: Client) -> None:
    session = client.session
    session["seen_at"] = int(time.time()) - 600
    session.save()


def test_healthz_needs_a_host_header_from_allowed_hosts(client):
    """A load balancer's check sends the portal's host name (see the README): any other
    Host is refused, as on every page."""
    allowed = client.get("/healthz", HTTP_HOST="127.0.0.1")
    other = client.get("/healthz", HTTP_HOST="10.1.2.3")

    assert allowed.status_code == 200
    assert other.status_code == 400

"""While the database cannot be reached: a Dutch retry page (503, Retry-After), never a
500; and after a restart the portal recovers by itself.

Most tests here start a real server (gunicorn with the production settings, DEBUG off,
``tests.servers``): against a PostgreSQL port where nobody listens (this needs psycopg
only, so it runs on SQLite too), and on PostgreSQL against the test database behind a
proxy that can stop and start like the database would.
"""

import logging
import re
import time
import urllib.parse

import psycopg
import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.db.utils import ConnectionHandler
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from stagegids.core.views import RETRY_AFTER_SECONDS, is_database_unavailable
from tests.servers import free_port, stagegids_server, tcp_proxy

RETRY_PAGE_TITLE = "Stagegids is unavailable for a moment"
RETRY_PAGE_TEXT = (
    "The portal cannot reach its database just now. Please try again in a few seconds."
)
NO_STORE = {"no-store", "no-cache", "private", "must-revalidate", "max-age=0"}
LOG_LINE = "Database unavailable, answered 503"

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (the test database)"
)


def dutch(text: str) -> str:
    """``text`` as the Dutch catalogue has it."""
    with translation.override("nl"):
        return translation.gettext(text)


def cache_control(headers) -> set[str]:
    return {part.strip() for part in headers["Cache-Control"].split(",")}


# --- a real server, and no database where it looks for one ---------------------------


@pytest.fixture(scope="module")
def server_without_database():
    url = f"postgres://stagegids:stagegids@127.0.0.1:{free_port()}/stagegids"
    with stagegids_server(url) as server:
        yield server


def test_healthz_without_database_answers_503_with_retry_after(server_without_database):
    answer = server_without_database.get("/healthz")

    assert answer.status == 503
    assert answer.headers["Retry-After"] == "5"
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.body == '{"status": "database unavailable"}'
    assert cache_control(answer.headers) == NO_STORE
    assert answer.cookies == {}


def test_page_with_a_session_without_database_answers_the_retry_page(server_without_database):
    # Any session cookie: the middleware reads the session from the database.
    answer = server_without_database.get("/", headers={"Cookie": "sessionid=" + "a" * 32})

    _assert_retry_page(answer)


def test_login_without_database_answers_the_retry_page(server_without_database):
    form = server_without_database.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)

    answer = server_without_database.get(
        "/accounts/login/",
        method="POST",
        headers={
            "Cookie": f"csrftoken={form.cookies['csrftoken']}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        data=urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "login": "a@example.nl", "password": "geheim-123"}
        ).encode(),
    )

    _assert_retry_page(answer)


def test_pages_that_need_no_database_still_answer_without_one(server_without_database):
    login_form = server_without_database.get("/accounts/login/")
    dashboard = server_without_database.get("/")

    assert login_form.status == 200
    assert "Inloggen" in login_form.body
    assert (dashboard.status, dashboard.headers["Location"]) == (302, "/accounts/login/?next=/")


def test_retry_pages_are_logged_once_each_as_a_warning(server_without_database):
    logged_before = server_without_database.log_text().count(LOG_LINE)

    for _ in range(3):
        answer = server_without_database.get("/", headers={"Cookie": "sessionid=" + "b" * 32})
        assert answer.status == 503

    log = server_without_database.log_text()
    assert log.count(LOG_LINE) - logged_before == 3
    assert "GET / (OperationalError: " in log
    # No ERROR from Django on top ("Service Unavailable: /"), no traceback.
    assert "Service Unavailable" not in log
    assert "Internal Server Error" not in log
    assert "Traceback" not in log


def _assert_retry_page(answer) -> None:
    assert answer.status == 503
    assert answer.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert cache_control(answer.headers) == NO_STORE
    assert '<html lang="nl">' in answer.body
    assert f'<h1 class="h3">{dutch(RETRY_PAGE_TITLE)}</h1>' in answer.body
    assert dutch(RETRY_PAGE_TEXT) in answer.body
    assert answer.cookies == {}


# --- PostgreSQL: connections lost, the database stopped and started again -------------


@pytest.fixture
def database_proxy(db):
    """A proxy to the test database, and the URL that reaches the database through it."""
    database = connection.settings_dict
    with tcp_proxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))) as proxy:
        user = urllib.parse.quote(database["USER"])
        password = urllib.parse.quote(database["PASSWORD"])
        proxy.url = f"postgres://{user}:{password}@127.0.0.1:{proxy.port}/{database['NAME']}"
        yield proxy


def _terminate_other_backends() -> int:
    """What a database restart does to open connections: end every backend of the test
    database but this test's own connection (and the one that asks)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own_pid = cursor.fetchone()[0]
    database = connection.settings_dict
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"],
        user=database["USER"],
        password=database["PASSWORD"],
        dbname=database["NAME"],
        autocommit=True,
    ) as admin:
        return admin.execute(
            "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
            [own_pid],
        ).fetchone()[0]


@only_postgresql
def test_after_its_connections_were_ended_the_server_answers_normally(database_proxy):
    # The production wait for a connection (the test servers wait 1 s): on a busy CI
    # machine opening the replacement connection can take longer than a second.
    with stagegids_server(database_proxy.url, env={"DATABASE_POOL_TIMEOUT": "3"}) as server:
        # A session the middleware looks up (there is none: on to the login).
        cookie = {"Cookie": "sessionid=" + "c" * 32}
        assert server.get("/healthz").status == 200
        assert server.get("/", headers=cookie).status == 302

        ended = _terminate_other_backends()

        # The very next requests: the pool replaces the ended connection before use.
        health, page = server.get("/healthz"), server.get("/", headers=cookie)
    assert ended >= 1
    assert (health.status, health.body) == (200, '{"status": "ok"}')
    assert (page.status, page.headers["Location"]) == (302, "/accounts/login/?next=/")


@only_postgresql
def test_database_stopped_and_started_again_the_server_recovers_by_itself(database_proxy):
    with stagegids_server(database_proxy.url) as server:
        cookie = {"Cookie": "sessionid=" + "d" * 32}
        assert server.get("/healthz").status == 200

        database_proxy.down()  # connections closed, new ones refused
        while_down = [server.get("/healthz"), server.get("/", headers=cookie)]
        database_proxy.up()
        recovered_after = _seconds_until_healthy(server, limit=10)
        page = server.get("/", headers=cookie)

    assert [answer.status for answer in while_down] == [503, 503]
    _assert_retry_page(while_down[1])
    # Without restarting gunicorn, within a few seconds (typically well under one).
    assert recovered_after < 5
    assert page.status == 302


def _seconds_until_healthy(server, *, limit: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if server.get("/healthz").status == 200:
            return time.monotonic() - started
        time.sleep(0.05)
    return float("inf")


# --- the retry page and what counts as "database unavailable", in this process --------


@pytest.fixture
def error_client(settings):
    settings.ROOT_URLCONF = "tests.stagegids.database_error_urls"
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_unreachable_database_answers_the_dutch_retry_page_without_queries(error_client, caplog):
    with caplog.at_level(logging.INFO), CaptureQueriesContext(connection) as queries:
        response = error_client.get("/test-errors/unreachable-database/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert {part.strip() for part in response["Cache-Control"].split(",")} == NO_STORE
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert dutch(RETRY_PAGE_TITLE) in content
    assert [t.name for t in response.templates] == ["503.html"]
    # Rendered without the session, the user or any other query.
    assert len(queries) == 0
    records = [(r.name, r.levelname) for r in caplog.records if r.levelno >= logging.WARNING]
    assert records == [("stagegids.core.views", "WARNING")]
    assert (
        caplog.records[-1]
        .getMessage()
        .startswith(f"{LOG_LINE}: GET /test-errors/unreachable-database/ (OperationalError: ")
    )


@pytest.mark.django_db
def test_retry_page_is_english_for_who_chose_english(error_client):
    error_client.cookies["django_language"] = "en"

    response = error_client.get("/test-errors/unreachable-database/")

    assert response.status_code == 503
    assert '<html lang="en">' in response.content.decode()
    assert RETRY_PAGE_TITLE in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/test-errors/missing-table/", "/test-errors/plain-bug/"],
    ids=["failing-query", "bug"],
)
def test_other_errors_stay_a_500_logged_as_an_error(error_client, caplog, path):
    with caplog.at_level(logging.INFO):
        response = error_client.get(path)

    assert response.status_code == 500
    assert [t.name for t in response.templates] == ["500.html"]
    assert "Retry-After" not in response
    assert [(r.name, r.levelname) for r in caplog.records if r.levelno >= logging.WARNING] == [
        ("django.request", "ERROR")
    ]


@only_postgresql
@pytest.mark.django_db
def test_statement_timeout_is_an_operational_error_but_stays_a_500(error_client):
    response = error_client.get("/test-errors/statement-timeout/")

    assert response.status_code == 500
    assert [t.name for t in response.templates] == ["500.html"]


def _error_from(query) -> BaseException:
    try:
        query()
    except Exception as error:
        return error
    raise AssertionError("the query did not fail")


def _unreachable_cursor():
    databases = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "stagegids",
                "HOST": "127.0.0.1",
                "PORT": str(free_port()),
            }
        }
    )
    databases["default"].cursor()


@pytest.mark.django_db
def test_is_database_unavailable_for_a_refused_connection():
    error = _error_from(_unreachable_cursor)

    assert isinstance(error, OperationalError)
    assert is_database_unavailable(error) is True


@only_postgresql
@pytest.mark.django_db
def test_is_database_unavailable_for_a_connection_the_server_ended():
    other = ConnectionHandler({"default": {**connection.settings_dict, "OPTIONS": {}}})
    other = other["default"]
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])

    error = _error_from(lambda: other.cursor().execute("SELECT 1"))
    other.close()

    assert isinstance(error, OperationalError)
    assert is_database_unavailable(error) is True


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (InterfaceError("connection already closed"), True),
        (OperationalError("no such table: x"), False),  # SQLite: no SQLSTATE at all
        (IntegrityError("duplicate key"), False),
        (ValueError("a bug"), False),
        (None, False),
    ],
    ids=["interface-error", "sqlite-error", "integrity-error", "bug", "nothing"],
)
def test_is_database_unavailable_only_for_lost_connections(error, unavailable):
    assert is_database_unavailable(error) is unavailable

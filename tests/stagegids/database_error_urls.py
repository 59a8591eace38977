"""The portal's URLs plus a few views that fail on purpose, each with a real database
error (``test_database_down``)."""

from django.db import connection, transaction
from django.db.utils import ConnectionHandler
from django.http import HttpRequest, HttpResponse
from django.urls import path

from stagegids.urls import handler500
from stagegids.urls import urlpatterns as portal_patterns
from tests.servers import free_port

__all__ = ["handler500", "urlpatterns"]


def unreachable_database(request: HttpRequest) -> HttpResponse:
    """A query on a PostgreSQL connection to a port where nobody listens."""
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
    with databases["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("reached")


def missing_table(request: HttpRequest) -> HttpResponse:
    """A query that fails: an OperationalError on SQLite, a ProgrammingError on
    PostgreSQL."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    return HttpResponse("found")


def statement_timeout(request: HttpRequest) -> HttpResponse:
    """PostgreSQL cancels a query that runs too long: an OperationalError (57014)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 1")
        cursor.execute("SELECT pg_sleep(0.5)")
    return HttpResponse("slept")


def plain_bug(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug")


urlpatterns = [
    path("test-errors/unreachable-database/", unreachable_database),
    path("test-errors/missing-table/", missing_table),
    path("test-errors/statement-timeout/", statement_timeout),
    path("test-errors/plain-bug/", plain_bug),
    *portal_patterns,
]

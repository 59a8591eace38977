"""The pages ``make bench`` measures, who asks for them, and how many queries each runs.

Every page is asked for by the account of the scale data that sees the most of it
(``seed_scale``'s coordinator of the large school, or the supervisor with 40 open
interns); none of them has a second factor, so the real login form logs them in.
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from placements.enums import PlacementStatus
from placements.selectors import placements_for_user
from stagegids.core.models import User
from stagegids.workspace import scale_data

COORDINATOR = scale_data.COORDINATOR_EMAIL
SUPERVISOR = scale_data.SUPERVISOR_EMAIL
PASSWORD = scale_data.SCALE_PASSWORD


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    #: Who asks for it; "" is nobody logged in.
    email: str = ""

    @property
    def who(self) -> str:
        return self.email.split("@")[0] if self.email else "anonymous"


class BenchError(Exception):
    """The data or a page is not what the bench needs; the message says what."""


def bench_pages() -> list[Page]:
    """The pages, in the order they are measured; ``/healthz`` first, the yardstick the
    others are compared with. Needs the scale data (``seed_scale``) in the database."""
    for email in (COORDINATOR, SUPERVISOR):
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None:
            raise BenchError(f"No active user {email}: seed the database with seed_scale.")
        if Authenticator.objects.filter(user=user).exists():
            raise BenchError(f"{email} has a second factor: the bench logs in with a password.")
    return [
        Page("health check", "/healthz"),
        Page("supervisor dashboard", "/", SUPERVISOR),
        Page("coordinator dashboard", "/", COORDINATOR),
        Page("overview, page 1", "/placements/", COORDINATOR),
        Page("placement page", detail_path(COORDINATOR), COORDINATOR),
        Page("companies directory", "/companies/", COORDINATOR),
        Page("pupils list", "/placements/pupils/", COORDINATOR),
        Page("CSV export", "/placements/export.csv", COORDINATOR),
    ]


def detail_path(email: str) -> str:
    """The page of a placement ``email`` sees: the first active one (by id), which has
    the most on its page (hours, messages, feedback), else the first of any status."""
    user = User.objects.get(email=email)
    visible = placements_for_user(user).order_by("pk")
    placement = visible.filter(status=PlacementStatus.ACTIVE).first() or visible.first()
    if placement is None:
        raise BenchError(f"{email} sees no placement.")
    return placement.get_absolute_url()


@dataclass(frozen=True)
class QueryCount:
    """The queries of one request for a page: ``built`` from the database (its content
    not cached), and ``cached``, served from the cache (the page cache's reads included
    when the cache is the database)."""

    built: int
    cached: int


def query_counts(pages: list[Page]) -> dict[Page, QueryCount]:
    """Per page the number of queries of one request, built and from the cache."""
    return {
        page: QueryCount(built=len(page_queries(page)), cached=len(page_queries(page, cached=True)))
        for page in pages
    }


def page_queries(page: Page, *, cached: bool = False) -> list[str]:
    """The SQL of one request for ``page``, with Django's test client logged in as the
    page's user, over https as behind the proxy, against the configured database: after
    a first request (caches, lazily loaded modules, the browser's CSRF cookie) with the
    page cache off (``stagegids.core.page_cache``), or, ``cached``, after a second that
    put the page in the cache."""
    host = next(h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith("."))
    client = Client(HTTP_HOST=host)
    if page.email:
        client.force_login(User.objects.get(email=page.email))
    with override_settings(PAGE_CACHE_TIMEOUT=settings.PAGE_CACHE_TIMEOUT if cached else 0):
        _request(client, page)
        if cached:
            _request(client, page)
        with CaptureQueriesContext(connection) as queries:
            _request(client, page)
    return [query["sql"] for query in queries.captured_queries]


def _request(client: Client, page: Page) -> None:
    response = client.get(page.path, secure=True)
    if response.streaming:
        b"".join(response.streaming_content)  # the export queries while it streams
    if response.status_code != 200:
        raise BenchError(f"{page.path} as {page.who} answered {response.status_code}.")

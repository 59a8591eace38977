"""``make bench`` without the load: on a small scale data set every benchmarked page
answers as its user, runs as many queries at two sizes, and the bench refuses data it
cannot measure (no scale data, a second factor, a page that does not answer 200) and
a database that holds anything but scale data. Locust and gunicorn are left to
``make bench`` itself."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import connection

from placements.models import Placement
from stagegids.core.models import User
from stagegids.workspace.bench import report
from stagegids.workspace.bench.pages import (
    COORDINATOR,
    SUPERVISOR,
    BenchError,
    Page,
    QueryCount,
    bench_pages,
    page_queries,
    query_counts,
)
from stagegids.workspace.bench.report import Measure
from stagegids.workspace.bench.run import empty_database, parse_args

pytestmark = pytest.mark.django_db

PAGES = [
    ("health check", "/healthz", "anonymous"),
    ("supervisor dashboard", "/", "supervisor"),
    ("coordinator dashboard", "/", "coordinator"),
    ("overview, page 1", "/placements/", "coordinator"),
    ("placement page", None, "coordinator"),
    ("companies directory", "/companies/", "coordinator"),
    ("pupils list", "/placements/pupils/", "coordinator"),
    ("CSV export", "/placements/export.csv", "coordinator"),
]


def seed(placements: int) -> None:
    call_command("seed_scale", placements=placements, seed=1, stdout=io.StringIO())


def measures(counts: dict[Page, QueryCount]) -> list[Measure]:
    return [
        Measure(page.name, page.who, n.built, n.cached, requests=100, failures=0,
                per_second=50.0, p50=20.0, p95=40.0, p99=60.0)
        for page, n in counts.items()
    ]  # fmt: skip


def test_bench_pages_are_the_listed_pages_as_their_users():
    seed(60)

    pages = bench_pages()

    detail = pages[4].path
    assert [(p.name, p.path, p.who) for p in pages] == [
        (name, path or detail, who) for name, path, who in PAGES
    ]
    coordinator = User.objects.get(email=COORDINATOR)
    placement = Placement.objects.get(public_id=detail.split("/")[2])
    assert placement.student.school.memberships.filter(user=coordinator).exists()


#: The queries of one request per page, the same however many placements there are:
#: built from the database, and served from the page cache (in the suite's cache in
#: memory: the session, the user, their memberships, and for the placement page the
#: placement looked up in their scope; the health check and the export are not cached).
QUERIES = {
    "health check": (1, 1),
    "supervisor dashboard": (10, 4),
    "coordinator dashboard": (16, 4),
    "overview, page 1": (7, 3),
    "placement page": (14, 4),
    "companies directory": (6, 3),
    "pupils list": (5, 3),
    "CSV export": (7, 7),
}


@pytest.mark.parametrize("placements", [60, 180])
def test_query_counts_do_not_follow_the_number_of_placements(placements):
    seed(placements)

    counts = query_counts(bench_pages())

    assert Placement.objects.count() == placements
    assert {page.name: (n.built, n.cached) for page, n in counts.items()} == QUERIES


def test_comparison_flags_a_page_whose_query_count_changes():
    seed(60)
    counts = query_counts(bench_pages())
    grown = dict(counts)
    pupils = next(page for page in counts if page.name == "pupils list")
    grown[pupils] = QueryCount(counts[pupils].built, counts[pupils].cached + 1)

    sizes = [(60, measures(counts)), (100_000, measures(grown))]
    table = report.comparison_table(sizes)

    assert report.differing(sizes) == ["pupils list (coordinator)"]
    assert [line.endswith("**DIFFERS** |") for line in table.splitlines()[2:]] == [
        name == "pupils list" for name, _, _ in PAGES
    ]


def test_bench_refuses_a_database_without_scale_data():
    with pytest.raises(BenchError, match="seed the database with seed_scale"):
        bench_pages()


def test_bench_refuses_an_account_with_a_second_factor():
    seed(60)
    supervisor = User.objects.get(email=SUPERVISOR)
    Authenticator.objects.create(user=supervisor, type=Authenticator.Type.TOTP, data={})

    with pytest.raises(BenchError, match=re.escape(f"{SUPERVISOR} has a second factor")):
        bench_pages()


def test_a_page_that_does_not_answer_200_stops_the_count():
    seed(60)
    missing = Page("nobody's placement", "/placements/00000000-0000-4000-8000-000000000000/",
                   COORDINATOR)  # fmt: skip

    with pytest.raises(BenchError, match="as coordinator answered 404"):
        page_queries(missing)


def test_bench_refuses_to_empty_a_database_with_other_users():
    seed(60)
    User.objects.create_user(email="someone@school.example", password="x" * 12)

    with pytest.raises(BenchError, match=re.escape("user someone@school.example")):
        empty_database()

    assert User.objects.filter(email="someone@school.example").exists()
    assert Placement.objects.count() == 60


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN of PostgreSQL")
def test_plans_of_the_main_lists_and_of_every_page_query():
    from stagegids.workspace.bench.explain import main_list_plans, page_plans

    seed(60)
    pages = bench_pages()

    lists = main_list_plans()
    per_page = page_plans(pages)

    assert [plan.label for plan in lists] == [
        "coordinator's overview, page 1 (1 of 4)",
        "coordinator's overview, page 1 (2 of 4)",
        "coordinator's overview, page 1 (3 of 4)",
        "coordinator's overview, page 1 (4 of 4)",
        # Each attention card's "all N": the overview filtered to its list.
        *(
            f"coordinator's overview, needs attention: {name} ({i} of 3)"
            for name in (
                "starting_soon",
                "overdue_feedback",
                "awaiting_review",
                "past_end",
                "working_time",
            )
            for i in (1, 2, 3)
        ),
        "supervisor's dashboard: interns",
        "coordinator's companies directory, page 1 (1 of 3)",
        "coordinator's companies directory, page 1 (2 of 3)",
        "coordinator's companies directory, page 1 (3 of 3)",
        "coordinator's unread messages",
        "supervisor's unread messages",
    ]
    assert all("Execution Time" in plan.plan for plan in lists)
    assert [len(plans) for plans in per_page.values()] == [
        sum(sql.lstrip().upper().startswith(("SELECT", "WITH")) for sql in page_queries(page))
        for page in pages
    ]
    assert all("Execution Time" not in p.plan for plans in per_page.values() for p in plans)


@pytest.mark.parametrize(
    ("argv", "environment", "reuse"),
    [
        ([], {}, False),
        (["--reuse"], {}, True),
        ([], {"BENCH_REUSE": "1"}, True),
        ([], {"BENCH_REUSE": "0"}, False),
        ([], {"BENCH_REUSE": ""}, False),
    ],
)
def test_bench_reuses_a_seeded_database_only_when_asked(monkeypatch, argv, environment, reuse):
    monkeypatch.delenv("BENCH_REUSE", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    assert parse_args(argv).reuse is reuse

"""Query plans on PostgreSQL: ``EXPLAIN (ANALYZE, BUFFERS)`` of the main lists, and which
queries of the benchmarked pages read all of ``placements_placement`` (a Seq Scan).

The SQL is what the real selectors run: each list is built as its page builds it and
evaluated, and every statement it runs is captured (Django's psycopg cursor records
each with its values filled in) and explained again.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from placements.enums import OPEN_STATUSES
from placements.selectors import placements_for_user
from placements.selectors.checklists import with_checklist_progress
from placements.selectors.messages import unread_messages_for_user
from placements.selectors.overview import ATTENTION_FILTERS, with_message_permission
from placements.views.overview import PAGE_SIZE, overview_for
from stagegids.core.models import User
from stagegids.workspace.bench.pages import COORDINATOR, SUPERVISOR, Page, page_queries
from stagegids.workspace.companies import company_directory
from stagegids.workspace.selectors import DASHBOARD_LIST_SIZE

SEQ_SCAN = re.compile(r"Seq Scan on placements_placement\b")


@dataclass(frozen=True)
class Plan:
    label: str
    sql: str
    plan: str

    @property
    def seq_scan(self) -> bool:
        return bool(SEQ_SCAN.search(self.plan))


def main_lists() -> list[tuple[str, Callable[[], object]]]:
    """The main lists, each a function that reads it as its page does."""
    coordinator = User.objects.get(email=COORDINATOR)
    supervisor = User.objects.get(email=SUPERVISOR)
    # Read before the lists, as the dashboard has them already.
    companies = list(supervisor.company_memberships.values_list("company_id", flat=True))

    def overview_page_1():
        _form, placements = overview_for(coordinator, QueryDict(""))
        rows = with_message_permission(with_checklist_progress(placements), coordinator)
        return list(Paginator(rows, PAGE_SIZE).get_page(1))  # the count, then the rows

    def supervisor_interns():
        # As ``dashboard_for_user`` reads them.
        visible = placements_for_user(supervisor).order_by("start_date", "pk")
        open_visible = with_checklist_progress(visible.filter(status__in=OPEN_STATUSES))
        return list(open_visible.filter(company_id__in=companies)[:DASHBOARD_LIST_SIZE])

    def overview_attention(name):
        # An attention card's "all N" link: the overview filtered to that list.
        def read():
            _form, placements = overview_for(coordinator, QueryDict(f"attention={name}"))
            rows = with_message_permission(with_checklist_progress(placements), coordinator)
            return list(Paginator(rows, PAGE_SIZE).get_page(1))

        return read

    def directory_page_1():
        return list(company_directory(coordinator).object_list)  # count, pks, grouped rows

    def unread(user):
        visible = placements_for_user(user).order_by("start_date", "pk")
        return lambda: list(unread_messages_for_user(visible, user=user, limit=DASHBOARD_LIST_SIZE))

    return [
        ("coordinator's overview, page 1", overview_page_1),
        *(
            (f"coordinator's overview, needs attention: {name}", overview_attention(name))
            for name in ATTENTION_FILTERS
        ),
        ("supervisor's dashboard: interns", supervisor_interns),
        ("coordinator's companies directory, page 1", directory_page_1),
        ("coordinator's unread messages", unread(coordinator)),
        ("supervisor's unread messages", unread(supervisor)),
    ]


def main_list_plans() -> list[Plan]:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of every query the main lists run."""
    plans = []
    for label, read in main_lists():
        with CaptureQueriesContext(connection) as queries:
            read()
        statements = _selects(query["sql"] for query in queries.captured_queries)
        for i, sql in enumerate(statements, start=1):
            numbered = f"{label} ({i} of {len(statements)})" if len(statements) > 1 else label
            plans.append(Plan(numbered, sql, explain(sql, analyze=True)))
    return plans


def page_plans(pages: list[Page]) -> dict[Page, list[Plan]]:
    """Per page the plans (``EXPLAIN``, without running them again) of the queries of
    one request, as ``pages.page_queries`` captures them."""
    return {
        page: [
            Plan(f"{page.name} ({page.who})", sql, explain(sql, analyze=False))
            for sql in _selects(page_queries(page))
        ]
        for page in pages
    }


def explain(sql: str, *, analyze: bool) -> str:
    options = "ANALYZE, BUFFERS" if analyze else "COSTS"
    with connection.cursor() as cursor:
        # The statement is one the portal itself just ran, values filled in by psycopg.
        cursor.execute(f"EXPLAIN ({options}) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _selects(statements) -> list[str]:
    return [sql for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))]

"""Reads for the placement overview: the filter choices, and the filtered, sorted set that
the list page, the CSV export and the Excel export all show.

Everything here narrows a queryset that ``placements_for_user`` already scoped, so no
filter value, however odd, can reach a placement outside the user's scope.
"""

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lower, RowNumber
from django.utils import timezone

from companies.models import Company
from placements.access import Memberships
from placements.models import ChecklistItem, Placement, PlacementKind, PlacementStatus, Student
from placements.selectors.core import roles_q
from placements.selectors.search import pupil_words_q
from stagegids.core.models import User

#: The newest placements first; the model's own ordering.
DEFAULT_SORT = "-start_date"


def _choice_rank(field: str, choices: type[PlacementKind] | type[PlacementStatus]) -> Case:
    # Kinds and statuses sort in the order of their choices (the lifecycle for statuses),
    # which reads the same in every language, unlike their codes or labels.
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
        output_field=IntegerField(),
    )


#: The sort keys the overview accepts, each with the expressions it orders by.
SORT_FIELDS: dict[str, tuple[Expression | F, ...]] = {
    "pupil": (Lower("student__surname"), Lower("student__given_name")),
    "company": (Lower("company__name"),),
    "kind": (_choice_rank("kind", PlacementKind),),
    "start_date": (F("start_date"),),
    "end_date": (F("end_date"),),
    "status": (_choice_rank("status", PlacementStatus),),
}

#: Every accepted value of ``sort``: the key for ascending, ``-key`` for descending.
SORT_VALUES = [value for key in SORT_FIELDS for value in (key, f"-{key}")]


def class_choices(placements: QuerySet[Placement]) -> list[tuple[str, str]]:
    """The classes of the pupils of ``placements``, alphabetically, in one query: read
    from the pupils (one row per class), not from every placement joined to its pupil.

    The pupils' schools are the placements' schools (``Placement.school``); saying so
    lets PostgreSQL read a school's pupils from their index instead of every pupil."""
    placements = placements.order_by()
    names = (
        Student.objects.filter(
            school_id__in=placements.values("school_id"),
            pk__in=placements.values("student_id"),
        )
        .order_by("class_name")
        .values_list("class_name", flat=True)
        .distinct()
    )
    return [(name, name) for name in names]


def company_choices(placements: QuerySet[Placement]) -> list[tuple[int, str]]:
    """The companies of ``placements`` as (pk, name), alphabetically, in one query over
    the companies table."""
    return list(
        Company.objects.filter(pk__in=placements.order_by().values("company_id"))
        .order_by(Lower("name"), "pk")
        .values_list("pk", "name")
    )


@dataclass(frozen=True)
class AttentionFilter:
    """A list of the dashboard that needs action, as a filter of the overview: ``narrow``
    keeps the placements of ``placements`` that are on that list on a given day."""

    label: str
    narrow: Callable[[QuerySet[Placement], datetime.date], QuerySet[Placement]]


#: The overview's filter ``attention``: name → filter, filled by the dashboard's app
#: (``stagegids.workspace``, which sits above this one) from its ``AppConfig.ready()``.
ATTENTION_FILTERS: dict[str, AttentionFilter] = {}


def register_attention_filter(name: str, filter_: AttentionFilter) -> None:
    """Offer the dashboard list ``name`` as an overview filter (once: a second call with
    the same name changes nothing)."""
    ATTENTION_FILTERS.setdefault(name, filter_)


def filter_placements(
    placements: QuerySet[Placement], filters: Mapping[str, Any]
) -> QuerySet[Placement]:
    """``placements`` narrowed by every filter that has a value; missing ones do nothing.

    ``filters`` holds a valid form's cleaned data: ``status``, ``kind``, ``class_name``,
    ``programme``, ``company`` (a pk), ``date_from`` / ``date_to`` (placements that
    overlap that period), ``q`` (words of the pupil's or the company's name, or a
    student number) and ``attention`` (a list of the dashboard, ``ATTENTION_FILTERS``).
    """
    exact = {
        "status": "status",
        "kind": "kind",
        "class_name": "student__class_name",
        "programme": "student__programme",
        "company": "company_id",
    }
    for name, lookup in exact.items():
        if filters.get(name) not in (None, ""):
            placements = placements.filter(**{lookup: filters[name]})
    date_from: datetime.date | None = filters.get("date_from")
    date_to: datetime.date | None = filters.get("date_to")
    if date_from:
        placements = placements.filter(end_date__gte=date_from)
    if date_to:
        placements = placements.filter(start_date__lte=date_to)
    if words := (filters.get("q") or "").split():
        placements = placements.filter(
            # "Daan Visser", "240101", "3B" or the company's name.
            pupil_words_q(words, via="student", also=("company__name__icontains",))
        )
    if attention := ATTENTION_FILTERS.get(filters.get("attention") or ""):
        placements = attention.narrow(placements, timezone.localdate())
    return placements


def sort_placements(placements: QuerySet[Placement], sort: str | None) -> QuerySet[Placement]:
    """``placements`` in the order of ``sort`` (see ``SORT_VALUES``), the pk breaking ties.

    An unknown ``sort`` falls back to ``DEFAULT_SORT``.
    """
    if sort not in SORT_VALUES:
        sort = DEFAULT_SORT
    descending = sort.startswith("-")
    expressions = [
        expression.desc() if descending else expression.asc()
        for expression in SORT_FIELDS[sort.removeprefix("-")]
    ]
    return placements.order_by(*expressions, "pk")


def overview_placements(
    placements: QuerySet[Placement], filters: Mapping[str, Any]
) -> QuerySet[Placement]:
    """The overview's rows: ``placements`` (already scoped) filtered and sorted by
    ``filters`` (a valid ``PlacementFilterForm``'s cleaned data, ``sort`` included).

    The list page and both exports call this, so they always show the same set."""
    return sort_placements(filter_placements(placements, filters), filters.get("sort"))


def with_message_permission(
    placements: QuerySet[Placement], user: User, memberships: Memberships | None = None
) -> QuerySet[Placement]:
    """Annotate ``may_message``: whether ``user`` may post in each placement's thread.

    The same roles as ``PlacementAccess.may_post_message`` (the placement's supervisor or
    an admin of its company, anyone at the company a proposal is made to; a coordinator
    of the pupil's school or the teacher who follows the pupil), worked out inside the
    row query. It only decides
    which rows get a checkbox; the bulk action checks every placement again.
    """
    sides = roles_q(user, memberships)
    return placements.annotate(may_message=ExpressionWrapper(sides, output_field=BooleanField()))


#: What an export row reads of a placement, in the order of ``placements.exports.headers()``
#: (the pupil's and the supervisor's names in parts); the two checklist counts follow.
EXPORT_VALUES = (
    "student__given_name",
    "student__surname_prefix",
    "student__surname",
    "student__student_number",
    "student__school__name",
    "student__class_name",
    "student__programme",
    "student__teacher_id",
    "student__teacher__first_name",
    "student__teacher__last_name",
    "student__teacher__email",
    "company__name",
    "supervisor_id",
    "supervisor__first_name",
    "supervisor__last_name",
    "supervisor__email",
    "kind",
    "status",
    "start_date",
    "end_date",
)
_DATE_COLUMNS = (EXPORT_VALUES.index("start_date"), EXPORT_VALUES.index("end_date"))


def export_values_sql(placements: QuerySet[Placement]) -> tuple[str, tuple]:
    """The SQL and parameters of ``export_values``: one statement in which the checklist
    items of ``placements`` are counted once, grouped per placement, and joined to the
    rows.

    Neither a subquery per row (two index lookups per placement, and a cost estimate so
    high that PostgreSQL spends seconds compiling the query with JIT) nor a join of the
    items into the row query (which groups 20-odd copies of every wide row) scales: the
    counts are a grouped subquery of their own, over the items of the placements in
    ``placements`` only. Django has no join to a subquery, so the two querysets are
    compiled by Django (filters, scope and parameters stay theirs) and joined here.
    """
    ordering = list(placements.query.order_by or ("pk",))
    rows = (
        placements.order_by()
        .annotate(export_position=Window(RowNumber(), order_by=ordering))
        .values_list(*EXPORT_VALUES, "pk", "export_position")
    )
    counts = (
        ChecklistItem.objects.filter(placement__in=placements.order_by().values("pk"))
        .order_by()
        .values("placement_id")
        .annotate(done=Count("pk", filter=Q(done_at__isnull=False)), total=Count("pk"))
        .values_list("placement_id", "done", "total")
    )
    rows_sql, rows_params = rows.query.sql_with_params()
    counts_sql, counts_params = counts.query.sql_with_params()
    q = connection.ops.quote_name
    columns = ", ".join(f"e.{q(name)}" for name in EXPORT_VALUES)
    # Both subqueries are Django's own SQL with every value a parameter; the rest are
    # constants and quoted column names.
    sql = (
        f"SELECT {columns}, COALESCE(c.{q('done')}, 0), COALESCE(c.{q('total')}, 0) "  # noqa: S608
        f"FROM ({rows_sql}) e LEFT OUTER JOIN ({counts_sql}) c "
        f"ON c.{q('placement_id')} = e.{q('pk')} ORDER BY e.{q('export_position')}"
    )
    return sql, (*rows_params, *counts_params)


def export_values(placements: QuerySet[Placement], *, chunk_size: int = 500) -> Iterator[tuple]:
    """The export's rows of ``placements`` (filtered and sorted, as the overview shows
    them) as tuples of ``EXPORT_VALUES`` and then the checklist items done and in all.

    One query (``export_values_sql``), read ``chunk_size`` rows at a time (a server-side
    cursor on PostgreSQL), so a long list never sits in memory as a whole.
    """
    try:
        sql, params = export_values_sql(placements)
    except EmptyResultSet:
        return  # a filter that matches nothing by construction (a user without roles)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(chunk_size):
            for row in chunk:
                yield _dates(row)


def _dates(row: tuple) -> tuple:
    # A raw query skips Django's converters: SQLite hands dates back as text.
    if not isinstance(row[_DATE_COLUMNS[0]], str):
        return row
    values = list(row)
    for index in _DATE_COLUMNS:
        values[index] = datetime.date.fromisoformat(values[index])
    return tuple(values)

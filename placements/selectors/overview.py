"""Reads for the placement overview: the filter choices, and the filtered, sorted set that
the list page, the CSV export and the Excel export all show.

Everything here narrows a queryset that ``placements_for_user`` already scoped, so no
filter value, however odd, can reach a placement outside the user's scope.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Lower

from companies.models import Company
from placements.access import Memberships
from placements.models import Placement, PlacementKind, PlacementStatus, Student
from placements.selectors.core import roles_q
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
    from the pupils (one row per class), not from every placement joined to its pupil."""
    names = (
        Student.objects.filter(pk__in=placements.order_by().values("student_id"))
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


def _search(words: list[str]) -> Q:
    # Every word must match a part of the pupil's name or the company's name, so
    # "Daan Visser", "Visser Daan" and "van der Berg" all find the pupil.
    condition = Q()
    for word in words:
        condition &= (
            Q(student__given_name__icontains=word)
            | Q(student__surname_prefix__icontains=word)
            | Q(student__surname__icontains=word)
            | Q(company__name__icontains=word)
        )
    return condition


def filter_placements(
    placements: QuerySet[Placement], filters: Mapping[str, Any]
) -> QuerySet[Placement]:
    """``placements`` narrowed by every filter that has a value; missing ones do nothing.

    ``filters`` holds a valid form's cleaned data: ``status``, ``kind``, ``class_name``,
    ``programme``, ``company`` (a pk), ``date_from`` / ``date_to`` (placements that
    overlap that period) and ``q`` (words of the pupil's or the company's name).
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
        placements = placements.filter(_search(words))
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

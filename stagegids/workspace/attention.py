"""Reads for the coordinator's dashboard: the placements that need action, and the numbers.

Every function takes the placements the coordinator looks after (``coordinated_placements``)
and runs one query, however many placements there are. The lists take ``today`` so that
tests can build each situation on an exact date.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluations.models import Evaluation, EvaluationStatus
from placements.access import Memberships, memberships_of
from placements.enums import OPEN_STATUSES, PROPOSAL_STATUSES, VOID_STATUSES
from placements.models import (
    DayLog,
    FeedbackMoment,
    Placement,
    PlacementKind,
    PlacementStatus,
    StatusChange,
)
from placements.selectors.intake import with_start_readiness
from placements.selectors.overview import AttentionFilter
from stagegids.core.models import User

#: The longest an attention list gets on a dashboard (eight of them share the page); its
#: card says how many there are in all and links to the overview filtered to all of them.
ATTENTION_LIST_SIZE = 5
#: The dashboards show the answers to proposals of this many days.
RECENT_ANSWER_DAYS = 14
#: A placement starting within this many days should have its preparations done.
STARTING_SOON_DAYS = 7
#: The month chart shows this many months before the current one, and six after it.
MONTHS_BEFORE = 5
MONTHS_SHOWN = 12

NOT_STARTED = [PlacementStatus.DRAFT, PlacementStatus.PLANNED]
#: Feedback moments of these placements can still take place.
RUNNING = [PlacementStatus.PLANNED, PlacementStatus.ACTIVE, PlacementStatus.CLOSING]
#: Proposals that nobody answered before the end date are stale: withdraw them.
NOT_FINISHED = [
    *PROPOSAL_STATUSES,
    *NOT_STARTED,
    PlacementStatus.ACTIVE,
    PlacementStatus.CLOSING,
]


def coordinated_placements(
    user: User, *, memberships: Memberships | None = None
) -> QuerySet[Placement]:
    """The placements of the schools ``user`` coordinates (from their ``memberships``,
    looked up when not given); for staff who coordinate no school, all placements.
    Builds the query, runs none.

    A coordinator sees every placement of their schools' pupils, so the school is the
    whole filter: the lists below join it in as one plain condition on the placement's
    own ``school`` with the ids written out (an index, and estimates PostgreSQL can
    plan from) instead of ``placements_for_user``'s roles.
    """
    placements = Placement.objects.select_related(
        "student", "student__school", "company", "supervisor"
    )
    if not user.is_authenticated or not user.is_active:
        return placements.none()
    m = memberships if memberships is not None else memberships_of(user)
    if user.is_staff and not m.coordinates:
        return placements
    return placements.filter(school_id__in=sorted(m.coordinates))


# --- what needs action ---------------------------------------------------------------------


@dataclass(frozen=True)
class AttentionList:
    """The first rows of a list that needs action, and how many rows it has in all."""

    rows: list[Any]
    total: int

    @property
    def is_cut_off(self) -> bool:
        return self.total > len(self.rows)


def _first_rows(rows: QuerySet) -> AttentionList:
    """The first ``ATTENTION_LIST_SIZE`` rows with the total, in one query: a window
    function counts every matching row before the limit applies."""
    first = list(rows.annotate(total_rows=Window(Count("pk")))[:ATTENTION_LIST_SIZE])
    return AttentionList(rows=first, total=first[0].total_rows if first else 0)


def _today(today: datetime.date | None) -> datetime.date:
    return today if today is not None else timezone.localdate()


def needs_preparing(placements: QuerySet[Placement], today: datetime.date) -> QuerySet[Placement]:
    """Placements not yet started that start within ``STARTING_SOON_DAYS`` days (today
    included) while their before-the-start checklist is incomplete or the school has not
    confirmed the insurance (no intake yet, or either question still "unknown"); each
    gets ``checklist_open`` and ``insurance_open``."""
    return with_start_readiness(
        placements.filter(
            status__in=NOT_STARTED,
            start_date__range=(today, today + datetime.timedelta(days=STARTING_SOON_DAYS)),
        )
    ).filter(Q(checklist_open=True) | Q(insurance_open=True))


def _overdue_moments(today: datetime.date) -> QuerySet[FeedbackMoment]:
    return FeedbackMoment.objects.filter(planned_on__lt=today, done_at__isnull=True)


def with_overdue_feedback(
    placements: QuerySet[Placement], today: datetime.date
) -> QuerySet[Placement]:
    """Placements that are planned, active or closing with a feedback moment planned
    before ``today`` and not done."""
    overdue = _overdue_moments(today).filter(placement=OuterRef("pk"))
    return placements.filter(Exists(overdue), status__in=RUNNING)


def with_assessment_to_review(
    placements: QuerySet[Placement], today: datetime.date
) -> QuerySet[Placement]:
    """Placements with an assessment the company submitted that the school has not yet
    approved or returned (``today`` makes no difference)."""
    submitted = Evaluation.objects.filter(
        placement=OuterRef("pk"), status=EvaluationStatus.SUBMITTED
    )
    return placements.filter(Exists(submitted))


def ended_unfinished(placements: QuerySet[Placement], today: datetime.date) -> QuerySet[Placement]:
    """Placements whose end date lies before ``today`` that were neither completed nor
    cancelled."""
    return placements.filter(status__in=NOT_FINISHED, end_date__lt=today)


def starting_soon(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> AttentionList:
    """``needs_preparing``: the soonest start first."""
    return _first_rows(needs_preparing(placements, _today(today)).order_by("start_date", "pk"))


def overdue_feedback(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> AttentionList:
    """The overdue feedback moments of ``with_overdue_feedback``'s placements; the
    longest overdue first."""
    today = _today(today)
    rows = (
        _overdue_moments(today)
        .filter(
            # The running placements first (a few hundred of a school's thousands), then
            # their moments by the placement's index: not every open moment of every school.
            placement__in=placements.filter(status__in=RUNNING).values("pk"),
        )
        .select_related("placement__student__school", "placement__company")
        .order_by("planned_on", "pk")
    )
    return _first_rows(rows)


def awaiting_review(placements: QuerySet[Placement]) -> AttentionList:
    """The submitted assessments of ``with_assessment_to_review``'s placements; the
    longest waiting first."""
    rows = (
        Evaluation.objects.filter(
            placement__in=placements.values("pk"), status=EvaluationStatus.SUBMITTED
        )
        .select_related("placement__student__school", "placement__company")
        .order_by("updated_at", "pk")
    )
    return _first_rows(rows)


def returned_assessments(placements: QuerySet[Placement]) -> AttentionList:
    """Assessments the school returned to the company with a comment, of placements still
    open (the company revises and resubmits them); the longest waiting first."""
    rows = (
        Evaluation.objects.filter(
            placement__in=placements.filter(status__in=OPEN_STATUSES).values("pk"),
            status=EvaluationStatus.RETURNED,
        )
        .select_related("placement__student__school", "placement__company")
        .order_by("updated_at", "pk")
    )
    return _first_rows(rows)


def past_end(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> AttentionList:
    """``ended_unfinished``: the longest past first."""
    rows = ended_unfinished(placements, _today(today)).order_by("end_date", "pk")
    return _first_rows(rows)


def with_status(placements: QuerySet[Placement], status: PlacementStatus) -> AttentionList:
    """``placements`` in ``status`` (a proposal waiting for an answer); the soonest
    start first."""
    return _first_rows(placements.filter(status=status).order_by("start_date", "pk"))


def recent_answers(
    placements: QuerySet[Placement],
    *,
    to_proposals: PlacementStatus,
    today: datetime.date | None = None,
) -> AttentionList:
    """The answers of the last ``RECENT_ANSWER_DAYS`` days to proposals in status
    ``to_proposals``: accepted (now planned) or declined, with the reason; newest first."""
    since = _today(today) - datetime.timedelta(days=RECENT_ANSWER_DAYS)
    # A range on the timestamp (from the start of that day, local time) that an index on
    # ``at`` can answer, unlike a ``__date`` lookup.
    since_start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    rows = (
        StatusChange.objects.filter(
            placement__in=placements.values("pk"),
            from_status=to_proposals,
            to_status__in=[PlacementStatus.PLANNED, PlacementStatus.DECLINED],
            at__gte=since_start,
        )
        .select_related("placement__student__school", "placement__company", "by")
        .order_by("-at", "-pk")
    )
    return _first_rows(rows)


def with_working_time_over(
    placements: QuerySet[Placement], today: datetime.date
) -> QuerySet[Placement]:
    """Placements that are planned, active or closing with a recorded day over a
    working-time limit of the pupil's age (``DayLog.exceeds_limit``)."""
    over = DayLog.objects.filter(placement=OuterRef("pk"), exceeds_limit=True)
    return placements.filter(Exists(over), status__in=RUNNING)


def working_time_over(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> AttentionList:
    """``with_working_time_over``: the soonest end first (still time to talk about it)."""
    rows = with_working_time_over(placements, _today(today)).order_by("end_date", "pk")
    return _first_rows(rows)


#: The lists that are a filter of the overview too (``filter_placements``), so a card can
#: link to exactly its placements.
OVERVIEW_FILTERS = {
    "starting_soon": AttentionFilter(_("Starts soon, not ready"), needs_preparing),
    "overdue_feedback": AttentionFilter(_("Feedback moment overdue"), with_overdue_feedback),
    "awaiting_review": AttentionFilter(_("Assessment to review"), with_assessment_to_review),
    "past_end": AttentionFilter(_("Ended, not completed"), ended_unfinished),
    "working_time": AttentionFilter(_("Working time over a limit"), with_working_time_over),
}


def attention_lists(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> dict[str, AttentionList]:
    """Every list that needs a coordinator's action, one query each (eight in all)."""
    today = _today(today)
    return {
        "registrations": with_status(placements, PlacementStatus.REGISTERED),
        "starting_soon": starting_soon(placements, today=today),
        "overdue_feedback": overdue_feedback(placements, today=today),
        "awaiting_review": awaiting_review(placements),
        "past_end": past_end(placements, today=today),
        "working_time": working_time_over(placements, today=today),
        "proposals": with_status(placements, PlacementStatus.PROPOSED),
        "answers": recent_answers(placements, to_proposals=PlacementStatus.PROPOSED, today=today),
    }


def company_proposal_lists(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> dict[str, AttentionList]:
    """The company's side of proposals, one query each: the school's proposals to answer,
    its own registrations still waiting for the school, and the school's recent answers."""
    return {
        "to_answer": with_status(placements, PlacementStatus.PROPOSED),
        "waiting": with_status(placements, PlacementStatus.REGISTERED),
        "answers": recent_answers(placements, to_proposals=PlacementStatus.REGISTERED, today=today),
    }


# --- the numbers -------------------------------------------------------------------------

#: Geometry of the horizontal bar charts, in SVG user units (pixels) and percent.
ROW_HEIGHT = 44
BAR_TOP = 22
BAR_HEIGHT = 16
#: The longest bar takes this share of the width; the rest holds its number.
LONGEST_BAR_PERCENT = 85
#: Geometry of the month chart: numbers above the columns, month names below.
COLUMN_TOP = 20
COLUMN_BASE = 140
COLUMN_LABEL_Y = 158
COLUMN_YEAR_Y = 176
MONTH_CHART_HEIGHT = 182
COLUMN_GAP_PERCENT = 1.0


def _svg_number(x: float, digits: int = 2) -> float | int:
    """``x`` rounded for an SVG attribute: "85", not "85.0"."""
    rounded = round(x, digits)
    return int(rounded) if rounded == int(rounded) else rounded


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts (``key`` is the status, kind or month) and its size."""

    key: Any
    label: str
    value: int
    largest: int
    index: int
    is_current: bool = False

    @property
    def percent(self) -> float:
        """The bar's length as a share of the chart's width."""
        return _svg_number(LONGEST_BAR_PERCENT * self.value / self.largest) if self.largest else 0

    # Horizontal bars: a label line, then the bar with its number after it.
    @property
    def label_y(self) -> int:
        return self.index * ROW_HEIGHT + BAR_TOP - 6

    @property
    def bar_y(self) -> int:
        return self.index * ROW_HEIGHT + BAR_TOP

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def value_x(self) -> float:
        return _svg_number(self.percent + 1)

    @property
    def value_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 3

    # Columns of the month chart.
    @property
    def column_x(self) -> float:
        return _svg_number(self.index * 100 / MONTHS_SHOWN + COLUMN_GAP_PERCENT, 3)

    @property
    def column_width(self) -> float:
        return _svg_number(100 / MONTHS_SHOWN - 2 * COLUMN_GAP_PERCENT, 3)

    @property
    def column_center(self) -> float:
        return _svg_number((self.index + 0.5) * 100 / MONTHS_SHOWN, 3)

    @property
    def column_height(self) -> int:
        usable = COLUMN_BASE - COLUMN_TOP
        return round(usable * self.value / self.largest) if self.largest else 0

    @property
    def column_y(self) -> int:
        return COLUMN_BASE - self.column_height

    @property
    def column_value_y(self) -> int:
        return self.column_y - 5


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn on the server, with the numbers it shows.

    ``slug`` makes its element ids; ``columns`` draws the bars upright (for months).
    """

    slug: str
    title: str
    bars: list[Bar] = field(default_factory=list)
    columns: bool = False

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    @property
    def height(self) -> int:
        """The height of the chart's SVG."""
        return MONTH_CHART_HEIGHT if self.columns else len(self.bars) * ROW_HEIGHT

    @property
    def baseline(self) -> int:
        return COLUMN_BASE

    @property
    def label_y(self) -> int:
        return COLUMN_LABEL_Y

    @property
    def year_y(self) -> int:
        return COLUMN_YEAR_Y

    @property
    def values(self) -> dict[Any, int]:
        return {bar.key: bar.value for bar in self.bars}


def _chart(
    slug: str,
    title: str,
    counted: list[tuple[Any, str, int]],
    *,
    columns: bool = False,
    current: Any = None,
) -> Chart:
    largest = max((value for _key, _label, value in counted), default=0)
    bars = [
        Bar(key, label, value, largest, index, is_current=current is not None and key == current)
        for index, (key, label, value) in enumerate(counted)
    ]
    return Chart(slug=slug, title=title, bars=bars, columns=columns)


def counts_by_status_and_kind(placements: QuerySet[Placement]) -> dict[str, Chart]:
    """The placements per status and per kind, every status and kind listed (also those
    with none), in one query that counts per pair of status and kind."""
    by_status: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    pairs = placements.order_by().values_list("status", "kind").annotate(n=Count("pk"))
    for status, kind, n in pairs:
        by_status[status] = by_status.get(status, 0) + n
        by_kind[kind] = by_kind.get(kind, 0) + n
    return {
        "by_status": _chart(
            "status",
            _("Placements per status"),
            [(value, label, by_status.get(value, 0)) for value, label in PlacementStatus.choices],
        ),
        "by_kind": _chart(
            "kind",
            _("Placements per kind"),
            [(value, label, by_kind.get(value, 0)) for value, label in PlacementKind.choices],
        ),
    }


def _add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def starts_per_month(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> Chart:
    """How many placements start in each of the twelve months from ``MONTHS_BEFORE``
    months before ``today``'s month on, cancelled ones left out, in one query.

    Each bar's ``key`` is the first day of its month.
    """
    this_month = _today(today).replace(day=1)
    months = [_add_months(this_month, n - MONTHS_BEFORE) for n in range(MONTHS_SHOWN)]
    counted = dict(
        placements.filter(start_date__gte=months[0], start_date__lt=_add_months(months[-1], 1))
        .exclude(status__in=VOID_STATUSES)
        .order_by()
        .annotate(month=TruncMonth("start_date"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return _chart(
        "month",
        _("Placements starting per month"),
        [(month, "", counted.get(month, 0)) for month in months],
        columns=True,
        current=this_month,
    )


def placement_charts(
    placements: QuerySet[Placement], *, today: datetime.date | None = None
) -> dict[str, Chart]:
    """The dashboard's charts: per status and per kind (one query), per month (one)."""
    return counts_by_status_and_kind(placements) | {
        "by_month": starts_per_month(placements, today=today)
    }


__all__ = [
    "AttentionList",
    "Bar",
    "Chart",
    "attention_lists",
    "awaiting_review",
    "coordinated_placements",
    "counts_by_status_and_kind",
    "overdue_feedback",
    "past_end",
    "placement_charts",
    "returned_assessments",
    "starting_soon",
    "starts_per_month",
]

"""The supervisor's day: the interns expected at the company today and what is due.

An intern is expected on a day of the placement's period that is one of its expected
weekdays (a lintstage's weekday, a leerwerktraject's working days, else Monday to
Friday) and not a Dutch public holiday. For each of them the page shows today's day log,
the open items of the checklist's current phase and the feedback moments that are due.

Everything comes from five queries however many interns there are: the user's
memberships, the placements, and one each for their day logs of today, checklist items
and due feedback moments.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone

from placements.access import Memberships, PlacementAccess, memberships_of, placement_access
from placements.enums import CURRENT_STATUSES
from placements.models import (
    ChecklistItem,
    DayLog,
    FeedbackMoment,
    Phase,
    Placement,
    PlacementStatus,
)
from placements.schedule import DEFAULT_HOLIDAY_LANGUAGE, public_holiday
from placements.selectors.checklists import current_phase
from placements.selectors.core import placements_for_user
from stagegids.core.models import User

#: How many open checklist items a card lists; the rest are on the placement page.
ITEMS_PER_INTERN = 3

#: The most interns the page lists (a company's interns of one day fit easily).
MAX_INTERNS = 100


@dataclass
class InternToday:
    """One intern's day as the page shows it."""

    placement: Placement
    access: PlacementAccess
    is_expected: bool
    log: DayLog | None = None
    phase: Phase | None = None
    #: The open items of the current phase the user may tick, the first few of them.
    items: list[ChecklistItem] = field(default_factory=list)
    #: How many more open items the current phase has than ``items`` lists.
    more_items: int = 0
    #: Feedback moments planned for today or earlier and not done yet.
    feedback: list[FeedbackMoment] = field(default_factory=list)

    @property
    def may_record(self) -> bool:
        return self.access.may_record_hours

    @property
    def has_started(self) -> bool:
        """A planned placement must be started on its page before its days count."""
        return self.placement.status != PlacementStatus.PLANNED


@dataclass
class Today:
    """The page: today, its holiday if any, the interns expected and the others at work."""

    date: datetime.date
    holiday: str | None
    expected: list[InternToday]
    others: list[InternToday]


def is_expected_on(placement: Placement, day: datetime.date, *, holiday: str | None) -> bool:
    """Whether the intern of ``placement`` is expected at the company on ``day``."""
    in_period = placement.start_date <= day <= placement.end_date
    return in_period and holiday is None and day.weekday() in placement.expected_weekdays


def _due_items(intern: InternToday, items: list[ChecklistItem], *, today: datetime.date) -> None:
    """The first open items of the current phase the user may tick, after those ticked
    today (with their undo, also when that finished their phase)."""
    intern.phase = current_phase(intern.placement, items)
    tickable = [item for item in items if intern.access.may_tick(item)]
    ticked_today = [
        item
        for item in tickable
        if item.is_done and timezone.localtime(item.done_at).date() == today
    ]
    still_open = [item for item in tickable if item.phase == intern.phase and not item.is_done]
    intern.items = (ticked_today + still_open)[:ITEMS_PER_INTERN]
    intern.more_items = len(still_open) - len([i for i in intern.items if not i.is_done])


def interns_today(
    user: User,
    *,
    today: datetime.date,
    memberships: Memberships | None = None,
    placement_ids: list[int] | None = None,
    language: str = DEFAULT_HOLIDAY_LANGUAGE,
) -> Today:
    """The interns ``user`` sees (a company's, a school's pupils) whose period includes
    ``today``, split into those expected and the others; the user's own interns before
    their colleagues', then by name.

    ``placement_ids`` narrows it to those placements (the card redrawn after a tap).
    """
    memberships = memberships if memberships is not None else memberships_of(user)
    holiday = public_holiday(today, language=language)
    placements = placements_for_user(user, memberships).filter(
        status__in=CURRENT_STATUSES,
        start_date__lte=today,
        end_date__gte=today,
    )
    if placement_ids is not None:
        placements = placements.filter(pk__in=placement_ids)
    mine_first = Case(
        When(supervisor_id=user.pk, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    placements = placements.order_by(
        mine_first,
        "student__given_name",
        "student__surname",
        "pk",
    )[:MAX_INTERNS]
    interns = {
        placement.pk: InternToday(
            placement=placement,
            access=placement_access(user, placement, memberships=memberships),
            is_expected=is_expected_on(placement, today, holiday=holiday),
        )
        for placement in placements
    }
    if interns:
        ids = list(interns)
        for log in DayLog.objects.filter(placement_id__in=ids, date=today):
            interns[log.placement_id].log = log
        items: dict[int, list[ChecklistItem]] = {pk: [] for pk in ids}
        for item in ChecklistItem.objects.filter(placement_id__in=ids).order_by(
            "placement_id", "phase", "order", "pk"
        ):
            items[item.placement_id].append(item)
        for pk, intern in interns.items():
            _due_items(intern, items[pk], today=today)
        due = FeedbackMoment.objects.filter(
            placement_id__in=ids, done_at__isnull=True, planned_on__lte=today
        ).order_by(F("planned_on").asc(), "pk")
        for moment in due:
            interns[moment.placement_id].feedback.append(moment)
    listed = list(interns.values())
    return Today(
        date=today,
        holiday=holiday,
        expected=[intern for intern in listed if intern.is_expected or intern.log],
        others=[intern for intern in listed if not (intern.is_expected or intern.log)],
    )

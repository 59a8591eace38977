"""Reads of a placement's checklist: its phases, their progress and the current phase."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from placements.access import PlacementAccess
from placements.enums import OPEN_STATUSES
from placements.models import ChecklistItem, Phase, Placement, PlacementStatus


@dataclass
class PhaseProgress:
    """One phase of a placement's checklist as the page shows it."""

    phase: Phase
    access: PlacementAccess
    items: list[ChecklistItem] = field(default_factory=list)
    is_current: bool = False
    is_closed: bool = False

    @property
    def done(self) -> int:
        return sum(item.is_done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    def may_tick(self, item: ChecklistItem) -> bool:
        return not self.is_closed and self.access.may_tick(item)


def current_phase(placement: Placement, items: list[ChecklistItem]) -> Phase | None:
    """The phase a placement is in: from its status, and for an active one, the first day
    until that phase's items are done. A phase without items for this kind (a meeloopdag
    has nothing "during") hands over to the next one that has items."""
    if placement.status in (PlacementStatus.DRAFT, PlacementStatus.PLANNED):
        phase = Phase.BEFORE_START
    elif placement.status == PlacementStatus.ACTIVE:
        first_day_open = any(i.phase == Phase.FIRST_DAY and not i.is_done for i in items)
        phase = Phase.FIRST_DAY if first_day_open else Phase.DURING
    elif placement.status == PlacementStatus.CLOSING:
        phase = Phase.CLOSING
    else:
        return None
    with_items = sorted({item.phase for item in items if item.phase >= phase})
    return Phase(with_items[0]) if with_items else None


def checklist_overview(placement: Placement, access: PlacementAccess) -> dict:
    """The checklist of ``placement`` grouped by phase, in one query."""
    items = list(placement.checklist_items.select_related("done_by"))
    current = current_phase(placement, items)
    closed = placement.status not in OPEN_STATUSES
    phases = {
        phase: PhaseProgress(
            phase=phase, access=access, is_current=phase == current, is_closed=closed
        )
        for phase in Phase
    }
    for item in items:
        item.may_tick = phases[item.phase].may_tick(item)
        phases[item.phase].items.append(item)
    return {"phases": [p for p in phases.values() if p.items], "current_phase": current}


def phase_progress(placement: Placement, access: PlacementAccess, phase: int) -> PhaseProgress:
    """One phase's progress, for the htmx fragment after a tick."""
    overview = checklist_overview(placement, access)
    return next(p for p in overview["phases"] if p.phase == phase)


def with_checklist_progress(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """Annotate ``checklist_done`` and ``checklist_total`` with subqueries (no row fan-out)."""

    def count(condition: Q) -> Coalesce:
        counted = (
            ChecklistItem.objects.filter(condition, placement=OuterRef("pk"))
            .order_by()
            .values("placement")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return placements.annotate(
        checklist_total=count(Q()), checklist_done=count(Q(done_at__isnull=False))
    )

"""The placement's working time against the law for minors, as its page shows it."""

from dataclasses import dataclass, field
from decimal import Decimal

from placements.models import AgeBand, ForbiddenWork, Placement, SafeWork
from placements.working_time import (
    band_of,
    needs_school_confirmation,
    plan_problems,
    weekly_company_hours,
)


@dataclass(frozen=True)
class WorkingTime:
    """The age, its band's limits, the agreed plan in figures and what it breaks."""

    placement: Placement
    band: AgeBand | None
    #: The rules broken by the agreed days and hours, one message per field.
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def age(self) -> int | None:
        return self.placement.pupil_age

    @property
    def needs_confirmation(self) -> bool:
        """The age is stated, but no band's rules decide it (younger than 14)."""
        return needs_school_confirmation(self.placement)

    @property
    def is_confirmed(self) -> bool:
        return self.placement.age_rules_confirmed_at is not None

    @property
    def company_hours_per_week(self) -> Decimal | None:
        return weekly_company_hours(self.placement)

    @property
    def school_hours_per_week(self) -> Decimal:
        return Decimal(self.placement.school_hours_per_week or 0)

    @property
    def total_hours_per_week(self) -> Decimal | None:
        company = self.company_hours_per_week
        return None if company is None else company + self.school_hours_per_week


def working_time_of(placement: Placement) -> WorkingTime:
    """The placement's working time, in one query (the band). The days logged over a
    limit are counted by the hours section (``HoursTotals.days_over_limit``)."""
    band = band_of(placement)
    return WorkingTime(placement=placement, band=band, problems=plan_problems(placement, band))


def forbidden_work_for(age: int | None) -> list[ForbiddenWork]:
    """The work the pupil may not do at ``age`` (all of it while the age is unknown)."""
    work = ForbiddenWork.objects.filter(is_active=True)
    if age is not None:
        work = work.filter(max_age__gte=age)
    return list(work.order_by("order", "name"))


def safe_work_of(placement: Placement) -> SafeWork | None:
    """The company's description of safe work, or None; no query when the placement was
    read with it (``placement_for_user`` joins it)."""
    try:
        return placement.safe_work
    except SafeWork.DoesNotExist:
        return None

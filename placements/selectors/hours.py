"""Reads of a placement's day log: totals per week and overall, progress and schedule.

Everything is worked out in one pass over one query of the placement's day logs, so
the section costs the same number of queries however many days are recorded.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from placements.models import Absence, DayLog, Placement, PlacementKind
from placements.schedule import DEFAULT_HOLIDAY_LANGUAGE, lintstage_days

#: A leerwerktraject is behind schedule when fewer hours than this share of the hours
#: expected by today are logged.
BEHIND_SCHEDULE_RATIO = Decimal("0.9")

#: How many of the latest days the section lists before "show all".
RECENT_DAYS = 5

ONE_DECIMAL = Decimal("0.1")


@dataclass
class WeekTotal:
    """The hours and attendance of one ISO week."""

    year: int
    week: int
    first_day: datetime.date
    hours: Decimal = Decimal(0)
    days_present: int = 0
    days_absent: int = 0


@dataclass
class HoursTotals:
    """The hours and attendance over the whole placement so far."""

    hours: Decimal = Decimal(0)
    days_present: int = 0
    sick_days: int = 0
    other_absences: int = 0
    #: Days over a working-time limit of the pupil's age (placements.working_time).
    days_over_limit: int = 0

    @property
    def days_recorded(self) -> int:
        return self.days_present + self.sick_days + self.other_absences


@dataclass(frozen=True)
class HoursProgress:
    """A leerwerktraject's logged hours against its planned hours and against today."""

    planned: int
    logged: Decimal
    expected: Decimal
    percent: int

    @property
    def behind(self) -> Decimal:
        """How many hours the logged hours trail the hours expected by today."""
        return max(self.expected - self.logged, Decimal(0)).quantize(ONE_DECIMAL, ROUND_HALF_UP)

    @property
    def is_behind(self) -> bool:
        return self.logged < self.expected * BEHIND_SCHEDULE_RATIO


@dataclass(frozen=True)
class ScheduledDay:
    """A day of a lintstage's schedule, with the day log recorded for it, if any."""

    date: datetime.date
    is_past: bool
    is_next: bool
    log: DayLog | None = None


@dataclass
class WeekDay:
    """A working day of the week the section shows, and what is recorded for it."""

    date: datetime.date
    is_today: bool
    #: Nothing recorded yet, and the day has come: it can be recorded.
    is_open: bool
    log: DayLog | None = None


@dataclass
class HoursSummary:
    """What the section "Hours and attendance" shows."""

    totals: HoursTotals = field(default_factory=HoursTotals)
    weeks: list[WeekTotal] = field(default_factory=list)
    recent: list[DayLog] = field(default_factory=list)
    older: list[DayLog] = field(default_factory=list)
    progress: HoursProgress | None = None
    schedule: list[ScheduledDay] = field(default_factory=list)
    skipped: list[tuple[datetime.date, str]] = field(default_factory=list)
    #: The working days of this week (of the period's first or last week before or
    #: after it), Monday first.
    week: list[WeekDay] = field(default_factory=list)

    @property
    def is_lintstage(self) -> bool:
        return bool(self.schedule or self.skipped)


def leerwerk_progress(
    placement: Placement, *, logged: Decimal, today: datetime.date
) -> HoursProgress | None:
    """Progress towards a leerwerktraject's planned hours; None for other kinds.

    Hours expected by today grow evenly over the period: planned * days gone by / days
    in the period (today itself not yet counted), so 0 on the first day and all planned
    hours once the period is over.
    """
    if placement.kind != PlacementKind.LEERWERKTRAJECT or not placement.planned_hours:
        return None
    planned = placement.planned_hours
    total_days = placement.duration_days
    elapsed = min(max((today - placement.start_date).days, 0), total_days)
    expected = (Decimal(planned) * elapsed / total_days).quantize(ONE_DECIMAL, ROUND_HALF_UP)
    percent = min(int(logged * 100 / planned), 100)
    return HoursProgress(planned=planned, logged=logged, expected=expected, percent=percent)


def _add_to_week(weeks: dict[tuple[int, int], WeekTotal], log: DayLog) -> None:
    year, week, _weekday = log.date.isocalendar()
    if (year, week) not in weeks:
        first_day = datetime.date.fromisocalendar(year, week, 1)
        weeks[year, week] = WeekTotal(year=year, week=week, first_day=first_day)
    total = weeks[year, week]
    total.hours += log.hours
    if log.absence == Absence.PRESENT:
        total.days_present += 1
    else:
        total.days_absent += 1


def _add_to_totals(totals: HoursTotals, log: DayLog) -> None:
    totals.hours += log.hours
    totals.days_over_limit += log.exceeds_limit
    if log.absence == Absence.PRESENT:
        totals.days_present += 1
    elif log.absence == Absence.SICK:
        totals.sick_days += 1
    else:
        totals.other_absences += 1


def week_days(
    placement: Placement, *, by_date: dict[datetime.date, DayLog], today: datetime.date
) -> list[WeekDay]:
    """The working days of the placement in the week of today (or of the period's first
    or last day when today lies outside it), with what is recorded; a day recorded on a
    Saturday is listed too."""
    anchor = min(max(today, placement.start_date), placement.end_date)
    monday = anchor - datetime.timedelta(days=anchor.weekday())
    expected = placement.expected_weekdays
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        in_period = placement.start_date <= day <= placement.end_date
        if in_period and (offset in expected or day in by_date):
            log = by_date.get(day)
            days.append(WeekDay(day, day == today, log is None and day <= today, log))
    return days


def hours_summary(
    placement: Placement,
    *,
    today: datetime.date,
    language: str = DEFAULT_HOLIDAY_LANGUAGE,
) -> HoursSummary:
    """Totals per ISO week and overall, the latest days, progress and schedule.

    One query: the placement's day logs. Weeks and days are
    listed newest first. ``language`` names the skipped holidays (``nl`` or ``en_US``).
    """
    logs = list(DayLog.objects.filter(placement=placement).order_by("date"))
    summary = HoursSummary()
    weeks: dict[tuple[int, int], WeekTotal] = {}
    for log in logs:
        _add_to_week(weeks, log)
        _add_to_totals(summary.totals, log)
    summary.weeks = sorted(weeks.values(), key=lambda w: w.first_day, reverse=True)
    newest_first = logs[::-1]
    summary.recent, summary.older = newest_first[:RECENT_DAYS], newest_first[RECENT_DAYS:]
    summary.progress = leerwerk_progress(placement, logged=summary.totals.hours, today=today)
    days, summary.skipped = lintstage_days(placement, language=language)
    by_date = {log.date: log for log in logs}
    summary.week = week_days(placement, by_date=by_date, today=today)
    upcoming = [day for day in days if day >= today]
    summary.schedule = [
        ScheduledDay(
            date=day,
            is_past=day < today,
            is_next=bool(upcoming) and day == upcoming[0],
            log=by_date.get(day),
        )
        for day in days
    ]
    return summary

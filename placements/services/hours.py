"""Writes to a placement's day log: the hours the intern worked and the days absent."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.models import MAX_HOURS_PER_DAY, Absence, DayLog, Placement
from placements.working_time import band_of, day_problems
from stagegids.core.models import User


def daylog_rule_errors(
    placement: Placement,
    *,
    date: datetime.date | None,
    hours: Decimal | None,
    absence: str | None,
) -> dict[str, str]:
    """Check one day against the rules; return the messages keyed by field.

    - hours lie between 0 and 24;
    - an absent day (sick or another reason) has no hours;
    - the day lies within the placement's period, and not after today.
    Values that are None (a field that did not even parse) are not checked.
    """
    errors: dict[str, str] = {}
    if hours is not None and not 0 <= hours <= MAX_HOURS_PER_DAY:
        errors["hours"] = _("Enter between 0 and 24 hours.")
    elif hours and absence and absence != Absence.PRESENT:
        errors["hours"] = _("An absent day has no hours: enter 0, or choose present.")
    if date is not None and date > timezone.localdate():
        errors["date"] = _("Only days up to today can be recorded.")
    elif date is not None and not placement.start_date <= date <= placement.end_date:
        errors["date"] = _("Choose a day within the placement, from %(start)s to %(end)s.") % {
            "start": date_format(placement.start_date),
            "end": date_format(placement.end_date),
        }
    return errors


def flag_limits(placement: Placement, *dates: datetime.date) -> set[int]:
    """Mark the day logs of the weeks of ``dates`` (no dates: every week) that break a
    working-time limit of the pupil's age (the day itself, or its week with the school's
    hours), and clear the mark of the others. Returns the ids now marked. One query, and
    one more when a mark changes."""
    logs = DayLog.objects.filter(placement=placement)
    if dates:
        weeks = Q()
        for day in dates:
            monday = day - datetime.timedelta(days=day.weekday())
            weeks |= Q(date__range=(monday, monday + datetime.timedelta(days=6)))
        logs = logs.filter(weeks)
    by_week: dict[tuple[int, int], list[DayLog]] = defaultdict(list)
    for log in logs:
        by_week[log.date.isocalendar()[:2]].append(log)
    band, over = band_of(placement), set()
    for week in by_week.values():
        total = sum((log.hours for log in week), Decimal(0))
        over |= {
            log.pk
            for log in week
            if day_problems(placement, band, date=log.date, hours=log.hours, week_hours=total)
        }
    # Only the marks that change are written: most days change none, no UPDATE runs.
    changed = [
        log.pk for week in by_week.values() for log in week if (log.pk in over) != log.exceeds_limit
    ]
    if changed:
        DayLog.objects.filter(pk__in=changed).update(
            exceeds_limit=Case(When(pk__in=over, then=Value(True)), default=Value(False))
        )
    return over


def _check(placement: Placement, *, date: datetime.date, hours: Decimal, absence: str) -> None:
    if errors := daylog_rule_errors(placement, date=date, hours=hours, absence=absence):
        raise ValidationError(errors)


@transaction.atomic
def daylog_record(
    placement: Placement,
    *,
    date: datetime.date,
    hours: Decimal,
    absence: str,
    note: str = "",
    by: User,
) -> DayLog:
    """Record one day of ``placement``; recording a day that is already there updates it.

    Side effects: inserts or updates the DayLog row of (placement, date); the unique
    constraint on that pair means a repeated submit never makes a second row. Raises
    ValidationError keyed by field when a rule is broken; then nothing is saved.
    """
    _check(placement, date=date, hours=hours, absence=absence)
    daylog, _created = DayLog.objects.update_or_create(
        placement=placement,
        date=date,
        defaults={"hours": hours, "absence": absence, "note": note, "recorded_by": by},
    )
    daylog.exceeds_limit = daylog.pk in flag_limits(placement, date)
    return daylog


@transaction.atomic
def daylog_change(
    daylog: DayLog,
    *,
    date: datetime.date,
    hours: Decimal,
    absence: str,
    note: str = "",
    by: User,
) -> DayLog:
    """Correct a recorded day, possibly moving it to another date of the placement.

    Side effects: updates the DayLog row. Raises ValidationError keyed by field when a
    rule is broken or another day is already recorded on the new date; then nothing
    is saved.
    """
    _check(daylog.placement, date=date, hours=hours, absence=absence)
    old_date = daylog.date
    taken = _("%(date)s is already recorded: change that day instead.") % {
        "date": date_format(date)
    }
    others = DayLog.objects.filter(placement_id=daylog.placement_id, date=date)
    if others.exclude(pk=daylog.pk).exists():
        raise ValidationError({"date": taken})
    daylog.date, daylog.hours, daylog.absence, daylog.note = date, hours, absence, note
    daylog.recorded_by = by
    try:
        with transaction.atomic():  # a savepoint: the race with a new row on that date
            daylog.save(
                update_fields=["date", "hours", "absence", "note", "recorded_by", "recorded_at"]
            )
    except IntegrityError as error:
        raise ValidationError({"date": taken}) from error
    daylog.exceeds_limit = daylog.pk in flag_limits(daylog.placement, old_date, date)
    return daylog


@transaction.atomic
def daylog_delete(daylog: DayLog, *, by: User) -> None:
    """Remove a recorded day.

    Side effects: deletes the DayLog row; the totals no longer count it, nor does its
    week's working-time limit.
    """
    placement, date = daylog.placement, daylog.date
    daylog.delete()
    flag_limits(placement, date)

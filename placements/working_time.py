"""The law for minors applied to a placement: its agreed days and hours against the
working-time limits of the pupil's age band (``placements.models.minors.AgeBand``).

``plan_problems`` checks a plan (per day, per week with the school's hours counted, the
night window, the daily rest, Sundays, the break) and names each broken rule with its
limit, keyed by the field to change. ``day_problems`` checks one logged day and its week.
Both are pure: the band is read once, by ``age_band_for``.
"""

import datetime
from decimal import Decimal

from django.utils.formats import time_format
from django.utils.translation import gettext as _

from placements.enums import Weekday
from placements.models import AgeBand, Placement
from stagegids.core.templatetags.hours import hours as hours_text

SUNDAY = Weekday.SUNDAY.value


def age_band_for(age: int | None) -> AgeBand | None:
    """The band of ``age``, or None when the age is not stated or no band covers it."""
    if age is None:
        return None
    return AgeBand.objects.filter(min_age__lte=age, max_age__gte=age).first()


def band_of(placement: Placement) -> AgeBand | None:
    """The band of the placement's age, read once per placement object (the page's
    next step and its section "Working time" ask the same)."""
    cached = getattr(placement, "_age_band", None)
    if cached is not None and cached[0] == placement.pupil_age:
        return cached[1]
    band = age_band_for(placement.pupil_age)
    placement._age_band = (placement.pupil_age, band)
    return band


def needs_school_confirmation(placement: Placement) -> bool:
    """The age is stated but no band's limits decide it (younger than 14, or an age no
    band covers): the school confirms that the placement fits the rules."""
    if placement.pupil_age is None:
        return False
    band = band_of(placement)
    return band is None or not band.rules_decide


def _clock(value: datetime.time) -> str:
    return time_format(value, "H:i")


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def in_night_window(start: datetime.time, end: datetime.time, band: AgeBand) -> bool:
    """Whether a working day from ``start`` to ``end`` touches the band's night window
    (which runs over midnight, e.g. 19:00 to 07:00)."""
    night_from, night_until = _minutes(band.no_work_from), _minutes(band.no_work_until)
    day_from, day_until = _minutes(start), _minutes(end)
    if night_from > night_until:  # over midnight: the day must fit between until and from
        return day_from < night_until or day_until > night_from
    return day_from < night_until and day_until > night_from


def exact_day_hours(placement: Placement) -> Decimal | None:
    """The hours of a working day to the minute (start to end less the break), which the
    limits are checked against; ``agreed_day_hours`` rounds them for showing."""
    if placement.agreed_day_hours is None:
        return None
    return placement.day_span_hours - Decimal(placement.agreed_break_minutes) / 60


def weekly_company_hours(placement: Placement) -> Decimal | None:
    """The hours a week at the company: as agreed per week, else the working day times
    the days the intern is expected; None when neither is known."""
    if placement.hours_per_week is not None:
        return Decimal(placement.hours_per_week)
    day = exact_day_hours(placement)
    return None if day is None else day * len(placement.expected_weekdays)


def plan_problems(placement: Placement, band: AgeBand | None) -> dict[str, str]:
    """The rules of ``band`` that the placement's agreed days and hours break, one
    message per field; nothing when the age is unknown or the rules do not decide."""
    if band is None or not band.rules_decide:
        return {}
    problems: dict[str, str] = {}

    def add(field: str, message: str) -> None:
        problems[field] = f"{problems[field]} {message}" if field in problems else message

    age = placement.pupil_age
    start, end = placement.daily_start_time, placement.daily_end_time
    has_times = start is not None and end is not None and end > start
    day = exact_day_hours(placement) if has_times else None

    if day is not None and band.max_hours_per_day is not None and day > band.max_hours_per_day:
        add(
            "daily_end_time",
            _(
                "At %(age)s a pupil works at most %(limit)s hours a day; this working day has "
                "%(hours)s hours (without the break)."
            )
            % {"age": age, "limit": hours_text(band.max_hours_per_day), "hours": hours_text(day)},
        )
    if has_times and band.has_night_window and in_night_window(start, end, band):
        early = _minutes(start) < _minutes(band.no_work_until)
        add(
            "daily_start_time" if early else "daily_end_time",
            _(
                "At %(age)s a pupil does not work between %(from)s and %(until)s: plan the "
                "working day from %(until)s to %(from)s at the latest."
            )
            % {"age": age, "from": _clock(band.no_work_from), "until": _clock(band.no_work_until)},
        )
    if has_times and band.min_rest_hours is not None:
        longest = Decimal(24) - band.min_rest_hours
        if placement.day_span_hours > longest:
            add(
                "daily_end_time",
                _(
                    "At %(age)s a pupil has at least %(rest)s hours of rest in a row every day: "
                    "a working day spans at most %(span)s hours, the break included."
                )
                % {
                    "age": age,
                    "rest": hours_text(band.min_rest_hours),
                    "span": hours_text(longest),
                },
            )
    if (
        has_times
        and band.break_after_hours is not None
        and band.break_minutes
        and placement.day_span_hours - Decimal(placement.agreed_break_minutes) / 60
        > band.break_after_hours
        and placement.agreed_break_minutes < band.break_minutes
    ):
        add(
            "break_minutes",
            _(
                "At %(age)s a pupil who works more than %(after)s hours has a break of at least "
                "%(minutes)s minutes in one go."
            )
            % {
                "age": age,
                "after": hours_text(band.break_after_hours),
                "minutes": band.break_minutes,
            },
        )
    if not band.sunday_allowed and SUNDAY in placement.expected_weekdays:
        field = "weekday" if placement.weekday is not None else "work_days"
        add(field, _("At %(age)s a pupil does not work on Sunday.") % {"age": age})
    weekly_limit = band.max_planned_hours_per_week
    company = weekly_company_hours(placement)
    if weekly_limit is not None and company is not None:
        school = Decimal(placement.school_hours_per_week or 0)
        if company + school > weekly_limit:
            field = (
                "school_hours_per_week"
                if school and company <= weekly_limit
                else (
                    "hours_per_week" if placement.hours_per_week is not None else "daily_end_time"
                )
            )
            add(
                field,
                _(
                    "At %(age)s a pupil works at most %(limit)s hours a week, school hours "
                    "included; this plan has %(total)s (%(company)s at the company, %(school)s "
                    "at school)."
                )
                % {
                    "age": age,
                    "limit": hours_text(weekly_limit),
                    "total": hours_text(company + school),
                    "company": hours_text(company),
                    "school": hours_text(school),
                },
            )
    return problems


def day_problems(
    placement: Placement,
    band: AgeBand | None,
    *,
    date: datetime.date,
    hours: Decimal,
    week_hours: Decimal,
) -> list[str]:
    """The limits a logged day breaks: ``hours`` on ``date``, ``week_hours`` logged in
    its ISO week with this day (the school's hours are added here)."""
    if band is None or not band.rules_decide or not hours:
        return []
    age, problems = placement.pupil_age, []
    if band.max_hours_per_day is not None and hours > band.max_hours_per_day:
        problems.append(
            _("%(hours)s hours on one day: at %(age)s at most %(limit)s.")
            % {"hours": hours_text(hours), "age": age, "limit": hours_text(band.max_hours_per_day)}
        )
    if not band.sunday_allowed and date.weekday() == SUNDAY:
        problems.append(_("Worked on a Sunday: at %(age)s not allowed.") % {"age": age})
    week = week_hours + Decimal(placement.school_hours_per_week or 0)
    if band.max_hours_per_week is not None and week > band.max_hours_per_week:
        problems.append(
            _("%(hours)s hours in this week, school hours included: at %(age)s at most %(limit)s.")
            % {"hours": hours_text(week), "age": age, "limit": hours_text(band.max_hours_per_week)}
        )
    return problems

"""The days of a lintstage and its calendar file: pure functions of a placement's fields.

A lintstage is one fixed weekday over a longer period. Its days are every such weekday
from the start to the end date (both included), except Dutch public holidays, which the
``holidays`` package knows.
"""

import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

import holidays
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from placements.models import Placement, PlacementKind

#: Working hours in the calendar file are local times on Dutch building sites.
LOCAL_TIMEZONE = ZoneInfo("Europe/Amsterdam")

#: The languages ``holidays.Netherlands`` can name holidays in, by Django language code.
HOLIDAY_LANGUAGES = {"nl": "nl", "en": "en_US"}
DEFAULT_HOLIDAY_LANGUAGE = "en_US"

ICS_PRODID = "-//Stagegids//Lintstage schedule//NL"


class Schedule(NamedTuple):
    """The days a lintstage meets, and the weekdays it skips for a public holiday (named)."""

    days: list[datetime.date]
    skipped: list[tuple[datetime.date, str]]


def holiday_language(language_code: str | None) -> str:
    """The ``holidays`` language for a Django language code such as ``nl`` or ``en-us``."""
    base = (language_code or "").split("-")[0].lower()
    return HOLIDAY_LANGUAGES.get(base, DEFAULT_HOLIDAY_LANGUAGE)


def public_holiday(day: datetime.date, *, language: str = DEFAULT_HOLIDAY_LANGUAGE) -> str | None:
    """The name of the Dutch public holiday on ``day``, or None on an ordinary day."""
    return holidays.Netherlands(years=day.year, language=language).get(day)


def weekly_days(
    start: datetime.date,
    end: datetime.date,
    weekday: int,
    *,
    language: str = DEFAULT_HOLIDAY_LANGUAGE,
) -> Schedule:
    """Every ``weekday`` (0 = Monday) from ``start`` to ``end`` inclusive, minus holidays.

    ``language`` is a ``holidays`` language (``nl`` or ``en_US``) for the holiday names.
    """
    if end < start:
        return Schedule(days=[], skipped=[])
    public_holidays = holidays.Netherlands(years=range(start.year, end.year + 1), language=language)
    first = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    days: list[datetime.date] = []
    skipped: list[tuple[datetime.date, str]] = []
    day = first
    while day <= end:
        if day in public_holidays:
            skipped.append((day, public_holidays[day]))
        else:
            days.append(day)
        day += datetime.timedelta(weeks=1)
    return Schedule(days=days, skipped=skipped)


def lintstage_days(placement: Placement, *, language: str = DEFAULT_HOLIDAY_LANGUAGE) -> Schedule:
    """The schedule of a lintstage; empty for other kinds, which have no fixed weekday."""
    if placement.kind != PlacementKind.LINTSTAGE or placement.weekday is None:
        return Schedule(days=[], skipped=[])
    return weekly_days(
        placement.start_date, placement.end_date, placement.weekday, language=language
    )


def schedule_filename(placement: Placement) -> str:
    """``stagerooster-<first name>-<start date>.ics``, safe for any pupil's name."""
    stem = slugify(f"stagerooster-{placement.student.given_name}-{placement.start_date:%Y-%m-%d}")
    return f"{stem}.ics"


def schedule_calendar(
    placement: Placement, days: list[datetime.date], *, now: datetime.datetime
) -> bytes:
    """An iCalendar file with one event per day of ``days`` at the placement's company.

    With daily working times the events run at those local (Amsterdam) times; without
    them they are all-day events. UIDs are stable, so importing the file again updates
    the same events instead of adding copies.
    """
    calendar = Calendar()
    calendar.add("prodid", ICS_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    summary = _("Internship at %(company)s") % {"company": placement.company.name}
    calendar.add("x-wr-calname", summary)
    start_time, end_time = placement.daily_start_time, placement.daily_end_time
    for day in days:
        event = Event()
        event.add("uid", f"{placement.public_id}-{day:%Y%m%d}@stagegids")
        event.add("dtstamp", now.astimezone(datetime.UTC))
        if start_time and end_time:
            event.add("dtstart", datetime.datetime.combine(day, start_time, LOCAL_TIMEZONE))
            event.add("dtend", datetime.datetime.combine(day, end_time, LOCAL_TIMEZONE))
        else:
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", summary)
        event.add("location", placement.company.address)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

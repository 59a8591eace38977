"""The lintstage schedule and its calendar file: pure functions, no database."""

import datetime
import uuid

import pytest
from icalendar import Calendar

from companies.models import Company
from placements.models import Placement, PlacementKind, Student, Weekday
from placements.schedule import (
    holiday_language,
    lintstage_days,
    schedule_calendar,
    schedule_filename,
    weekly_days,
)

D = datetime.date
NOW = datetime.datetime(2027, 3, 1, 9, 30, tzinfo=datetime.UTC)


def _lintstage(weekday, start, end, **fields):
    return Placement(
        public_id=uuid.UUID("12345678-1234-5678-1234-567812345678"),
        kind=PlacementKind.LINTSTAGE,
        weekday=weekday,
        start_date=start,
        end_date=end,
        student=Student(given_name=fields.pop("given_name", "Daan"), surname="Visser"),
        company=Company(
            name="Warmtetechniek Alfa B.V.",
            street="Industrieweg 1",
            postcode="3542 AD",
            city="Utrecht",
        ),
        **fields,
    )


def _events(ics: bytes):
    return Calendar.from_ical(ics).walk("VEVENT")


# --- the days ------------------------------------------------------------------------------


def test_lintstage_days_tuesdays_in_april_2027_skip_kings_day():
    placement = _lintstage(Weekday.TUESDAY, D(2027, 4, 6), D(2027, 5, 4))

    days, skipped = lintstage_days(placement)

    assert days == [D(2027, 4, 6), D(2027, 4, 13), D(2027, 4, 20), D(2027, 5, 4)]
    assert skipped == [(D(2027, 4, 27), "King's Day")]


def test_lintstage_days_in_dutch_names_koningsdag():
    placement = _lintstage(Weekday.TUESDAY, D(2027, 4, 6), D(2027, 5, 4))

    _days, skipped = lintstage_days(placement, language="nl")

    assert skipped == [(D(2027, 4, 27), "Koningsdag")]


def test_lintstage_days_fridays_over_christmas_skip_christmas_and_new_year():
    placement = _lintstage(Weekday.FRIDAY, D(2026, 12, 4), D(2027, 1, 15))

    days, skipped = lintstage_days(placement)

    assert days == [
        D(2026, 12, 4),
        D(2026, 12, 11),
        D(2026, 12, 18),
        D(2027, 1, 8),
        D(2027, 1, 15),
    ]
    assert skipped == [(D(2026, 12, 25), "Christmas Day"), (D(2027, 1, 1), "New Year's Day")]


def test_lintstage_days_saturday_second_christmas_day_is_skipped():
    placement = _lintstage(Weekday.SATURDAY, D(2026, 12, 12), D(2027, 1, 2))

    days, skipped = lintstage_days(placement)

    assert days == [D(2026, 12, 12), D(2026, 12, 19), D(2027, 1, 2)]
    assert skipped == [(D(2026, 12, 26), "Second Day of Christmas")]


def test_lintstage_days_start_after_the_weekday_begins_the_next_week():
    # 2027-04-07 is a Wednesday: the first Tuesday is 2027-04-13.
    placement = _lintstage(Weekday.TUESDAY, D(2027, 4, 7), D(2027, 4, 21))

    days, skipped = lintstage_days(placement)

    assert days == [D(2027, 4, 13), D(2027, 4, 20)]
    assert skipped == []


def test_lintstage_days_end_date_on_the_weekday_is_included():
    placement = _lintstage(Weekday.MONDAY, D(2026, 6, 1), D(2026, 6, 15))

    days, _skipped = lintstage_days(placement)

    assert days == [D(2026, 6, 1), D(2026, 6, 8), D(2026, 6, 15)]


def test_lintstage_days_end_date_the_day_before_the_weekday_is_not_passed():
    placement = _lintstage(Weekday.MONDAY, D(2026, 6, 1), D(2026, 6, 14))

    days, _skipped = lintstage_days(placement)

    assert days == [D(2026, 6, 1), D(2026, 6, 8)]


def test_lintstage_days_mondays_around_easter_and_pentecost_2027():
    placement = _lintstage(Weekday.MONDAY, D(2027, 3, 22), D(2027, 5, 24))

    days, skipped = lintstage_days(placement)

    assert skipped == [(D(2027, 3, 29), "Easter Monday"), (D(2027, 5, 17), "Pentecost Monday")]
    assert len(days) == 8
    assert D(2027, 3, 29) not in days


@pytest.mark.parametrize("kind", [PlacementKind.BLOKSTAGE, PlacementKind.LEERWERKTRAJECT])
def test_lintstage_days_other_kinds_have_no_schedule(kind):
    placement = _lintstage(None, D(2026, 3, 2), D(2026, 3, 13))
    placement.kind = kind

    days, skipped = lintstage_days(placement)

    assert days == []
    assert skipped == []


def test_weekly_days_end_before_start_is_empty():
    schedule = weekly_days(D(2026, 3, 13), D(2026, 3, 2), Weekday.MONDAY)

    assert schedule.days == []
    assert schedule.skipped == []


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("nl", "nl"), ("en", "en_US"), ("en-us", "en_US"), ("de", "en_US"), (None, "en_US")],
)
def test_holiday_language_maps_django_codes(language_code, expected):
    assert holiday_language(language_code) == expected


# --- the file name -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("Daan", "stagerooster-daan-2027-04-06.ics"),
        ("Zoë", "stagerooster-zoe-2027-04-06.ics"),
        ("Anne Marie", "stagerooster-anne-marie-2027-04-06.ics"),
        ('"; rm -rf /', "stagerooster-rm-rf-2027-04-06.ics"),
    ],
)
def test_schedule_filename_is_a_slug(given_name, expected):
    placement = _lintstage(Weekday.TUESDAY, D(2027, 4, 6), D(2027, 5, 4), given_name=given_name)

    assert schedule_filename(placement) == expected


# --- the calendar file ----------------------------------------------------------------------


def test_schedule_calendar_with_daily_times_has_local_timed_events():
    placement = _lintstage(
        Weekday.TUESDAY,
        D(2027, 4, 6),
        D(2027, 5, 4),
        daily_start_time=datetime.time(7, 30),
        daily_end_time=datetime.time(16, 0),
    )
    days, _skipped = lintstage_days(placement)

    calendar = Calendar.from_ical(schedule_calendar(placement, days, now=NOW))

    events = calendar.walk("VEVENT")
    first = events[0]
    assert str(calendar["PRODID"]) == "-//Stagegids//Lintstage schedule//NL"
    assert str(calendar["VERSION"]) == "2.0"
    assert [e.decoded("DTSTART").date() for e in events] == days
    assert first.decoded("DTSTART").isoformat() == "2027-04-06T07:30:00+02:00"
    assert first.decoded("DTEND").isoformat() == "2027-04-06T16:00:00+02:00"
    assert str(first.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    assert first.decoded("DTSTAMP") == NOW
    assert str(first["UID"]) == "12345678-1234-5678-1234-567812345678-20270406@stagegids"
    assert str(first["LOCATION"]) == "Industrieweg 1, 3542 AD Utrecht"
    assert [c.name for c in calendar.walk("VTIMEZONE")] == ["VTIMEZONE"]


def test_schedule_calendar_winter_day_is_utc_plus_one():
    placement = _lintstage(
        Weekday.FRIDAY,
        D(2026, 12, 4),
        D(2027, 1, 15),
        daily_start_time=datetime.time(8, 0),
        daily_end_time=datetime.time(16, 30),
    )

    events = _events(schedule_calendar(placement, [D(2026, 12, 4)], now=NOW))

    assert events[0].decoded("DTSTART").isoformat() == "2026-12-04T08:00:00+01:00"


def test_schedule_calendar_without_daily_times_has_all_day_events():
    placement = _lintstage(Weekday.FRIDAY, D(2026, 12, 4), D(2027, 1, 15))
    days, _skipped = lintstage_days(placement)

    events = _events(schedule_calendar(placement, days, now=NOW))

    assert [e.decoded("DTSTART") for e in events] == days
    assert [e.decoded("DTEND") for e in events] == [d + datetime.timedelta(days=1) for d in days]
    assert [type(e.decoded("DTSTART")) for e in events] == [datetime.date] * 5
    assert len({str(e["UID"]) for e in events}) == 5


def test_schedule_calendar_without_days_is_an_empty_calendar():
    placement = _lintstage(Weekday.FRIDAY, D(2026, 12, 4), D(2027, 1, 15))

    calendar = Calendar.from_ical(schedule_calendar(placement, [], now=NOW))

    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"

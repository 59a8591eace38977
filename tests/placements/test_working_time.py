"""The law for minors: the working-time limits of the pupil's age band (the rows of
``AgeBand`` that migration 0018 loads) applied to the agreed plan (``plan_problems``) and
to a recorded day (``day_problems``); the propose form that refuses a breaking plan; the
school's section "Working time and age" (stating the age and the school hours, the
confirmation for a pupil younger than 14); and starting the internship, which waits for
all of it.

Every rule is tested on both sides of its limit, for each age band.
"""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from placements.models import (
    AgeBand,
    Phase,
    Placement,
    PlacementKind,
    PlacementStatus,
    StatusChange,
    Weekday,
)
from placements.services.checklists import checklist_sync
from placements.services.lifecycle import placement_activate
from placements.services.working_time import (
    placement_age_rules_confirm,
    placement_working_time_save,
)
from placements.working_time import (
    age_band_for,
    band_of,
    day_problems,
    in_night_window,
    plan_problems,
    weekly_company_hours,
)
from tests.factories import IntakeFactory, StudentFactory

pytestmark = pytest.mark.django_db

S = PlacementStatus
K = PlacementKind
T = datetime.time
MONDAY = datetime.date(2026, 3, 2)
SATURDAY = datetime.date(2026, 3, 7)
SUNDAY = datetime.date(2026, 3, 8)
PROPOSE_URL = reverse("placements:propose")
LOGIN_URL = "/accounts/login/"

AGE_MESSAGE = "Enter the age in whole years, from 10 to 20."
REQUIRED = "This field is required."
NOT_A_WHOLE_NUMBER = "Enter a whole number."
SAVED = "The age and the school hours are saved."
CONFIRMED = "Confirmed: the placement fits the rules for minors."
NOTHING_TO_CONFIRM = (
    "The working-time rules decide for a pupil of {age}: there is nothing to confirm."
)
AGE_FIRST = "State the pupil's age on the first day first."
AGE_MISSING = "The school states the pupil's age on the first day."
CONFIRMATION_MISSING = "The school confirms that the placement fits the rules for a pupil of {age}."

BAND_NAMES = {
    10: "jonger dan 14",
    13: "jonger dan 14",
    14: "14 en 15 jaar",
    15: "14 en 15 jaar",
    16: "16 en 17 jaar",
    17: "16 en 17 jaar",
    18: "18 jaar en ouder",
    20: "18 jaar en ouder",
}


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source texts, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


# --- the messages, as the rules word them ------------------------------------------------


def day_message(age, limit, hours):
    return (
        f"At {age} a pupil works at most {limit} hours a day; this working day has {hours} "
        "hours (without the break)."
    )


def night_message(age, start, until):
    return (
        f"At {age} a pupil does not work between {start} and {until}: plan the working day "
        f"from {until} to {start} at the latest."
    )


def rest_message(age, rest, span):
    return (
        f"At {age} a pupil has at least {rest} hours of rest in a row every day: a working "
        f"day spans at most {span} hours, the break included."
    )


def break_message(age):
    return (
        f"At {age} a pupil who works more than 4.5 hours has a break of at least 30 minutes "
        "in one go."
    )


def sunday_message(age):
    return f"At {age} a pupil does not work on Sunday."


def week_message(age, limit, total, company, school):
    return (
        f"At {age} a pupil works at most {limit} hours a week, school hours included; this "
        f"plan has {total} ({company} at the company, {school} at school)."
    )


NIGHT_14 = ("19:00", "07:00")
NIGHT_16 = ("23:00", "06:00")


# --- helpers ------------------------------------------------------------------------------


def _plan(age, start=None, end=None, *, kind=K.BLOKSTAGE, **fields):
    """An unsaved placement from ``start`` to ``end`` ("HH:MM")."""
    if kind == K.LINTSTAGE:
        fields.setdefault("weekday", Weekday.MONDAY)
    times = {}
    if start is not None:
        times["daily_start_time"] = datetime.time.fromisoformat(start)
    if end is not None:
        times["daily_end_time"] = datetime.time.fromisoformat(end)
    return Placement(kind=kind, pupil_age=age, **times, **fields)


def _problems(placement):
    return plan_problems(placement, age_band_for(placement.pupil_age))


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _url(name, placement):
    return reverse(f"placements:{name}", kwargs={"public_id": placement.public_id})


def _row(placement):
    return Placement.objects.values_list(
        "pupil_age", "school_hours_per_week", "age_rules_confirmed_at", "age_rules_confirmed_by"
    ).get(pk=placement.pk)


def _set(placement, **fields):
    """Change the stored placement without its save's checks (as old data could be)."""
    Placement.objects.filter(pk=placement.pk).update(**fields)
    placement.refresh_from_db()
    return placement


def _status(placement):
    return Placement.objects.values_list("status", flat=True).get(pk=placement.pk)


def _page(client, user, placement):
    client.force_login(user)
    response = client.get(placement.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- the bands --------------------------------------------------------------------------------


def test_the_migration_loads_four_bands_covering_10_to_20():
    rows = list(AgeBand.objects.values_list("min_age", "max_age", "rules_decide"))

    assert rows == [(10, 13, False), (14, 15, True), (16, 17, True), (18, 20, True)]


@pytest.mark.parametrize(("age", "name"), BAND_NAMES.items())
def test_age_band_for_finds_the_band_of_the_age_at_its_edges(age, name):
    assert age_band_for(age).name == name


@pytest.mark.parametrize("age", [None, 0, 9, 21, 99])
def test_age_band_for_an_age_outside_every_band_is_none(age):
    assert age_band_for(age) is None


def test_band_of_reads_the_band_again_when_the_age_changes(placement_a):
    assert band_of(placement_a).name == "14 en 15 jaar"

    placement_a.pupil_age = 16
    assert band_of(placement_a).name == "16 en 17 jaar"

    placement_a.pupil_age = None
    assert band_of(placement_a) is None


def test_the_planned_week_limit_is_the_lower_of_the_maximum_and_the_average():
    bands = {band.min_age: band for band in AgeBand.objects.all()}

    assert bands[14].max_planned_hours_per_week == Decimal(35)
    assert bands[16].max_planned_hours_per_week == Decimal(40)
    assert bands[10].max_planned_hours_per_week is None
    assert bands[18].max_planned_hours_per_week is None


# --- plan_problems: hours per day ---------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "end", "expected"),
    [
        (14, "15:30", {}),
        (15, "15:30", {}),
        (14, "15:45", {"daily_end_time": day_message(14, 7, "7.25")}),
        (15, "15:45", {"daily_end_time": day_message(15, 7, "7.25")}),
        (16, "17:30", {}),
        (17, "17:30", {}),
        (16, "17:45", {"daily_end_time": day_message(16, 9, "9.25")}),
        (17, "17:45", {"daily_end_time": day_message(17, 9, "9.25")}),
    ],
)
def test_hours_per_day_up_to_the_limit_are_allowed_and_a_quarter_more_refused(age, end, expected):
    """A lintstage (one day a week), so that the week stays within its limit."""
    placement = _plan(age, "08:00", end, kind=K.LINTSTAGE)

    assert _problems(placement) == expected


def test_the_limits_count_every_minute_not_the_rounded_quarter():
    """08:00-15:37 is shown as 7 hours (to the quarter) but is 7 h 7 min: over the limit
    at 15, and so is a week of five of them."""
    day = _plan(15, "08:00", "15:37", kind=K.LINTSTAGE)
    week = _plan(15, "08:00", "15:37")

    assert day.agreed_day_hours == Decimal(7)
    assert list(_problems(day)) == ["daily_end_time"]
    assert "7.12 hours" in _problems(day)["daily_end_time"]
    assert _problems(week)["daily_end_time"].startswith(day_message(15, 7, "7.12"))
    assert "35.58" in _problems(week)["daily_end_time"]
    assert _problems(_plan(15, "08:00", "15:30", kind=K.LINTSTAGE)) == {}


# --- plan_problems: the week, school hours counted ------------------------------------------


@pytest.mark.parametrize(
    ("age", "plan", "expected"),
    [
        # 5 days of 7 hours at 15: exactly the 35 of the week.
        (15, {"start": "08:00", "end": "15:30"}, {}),
        (15, {"start": "08:00", "end": "15:30", "school_hours_per_week": Decimal(0)}, {}),
        (
            15,
            {"start": "08:00", "end": "15:30", "school_hours_per_week": Decimal(2)},
            {"school_hours_per_week": week_message(15, 35, 37, 35, 2)},
        ),
        (15, {"hours_per_week": Decimal(33), "school_hours_per_week": Decimal(2)}, {}),
        (
            15,
            {"hours_per_week": Decimal("33.5"), "school_hours_per_week": Decimal(2)},
            {"school_hours_per_week": week_message(15, 35, "35.5", "33.5", 2)},
        ),
        (
            14,
            {"hours_per_week": Decimal(36)},
            {"hours_per_week": week_message(14, 35, 36, 36, 0)},
        ),
        # The company alone is over: the message is at the company's hours, not the school's.
        (
            15,
            {"hours_per_week": Decimal(36), "school_hours_per_week": Decimal(2)},
            {"hours_per_week": week_message(15, 35, 38, 36, 2)},
        ),
        # 16 and 17: at most 45 in a week, 40 on average, so a constant plan has 40.
        (16, {"start": "08:00", "end": "16:30"}, {}),
        (17, {"hours_per_week": Decimal(32), "school_hours_per_week": Decimal(8)}, {}),
        (
            16,
            {"start": "08:00", "end": "16:45"},
            {"daily_end_time": week_message(16, 40, "41.25", "41.25", 0)},
        ),
        (
            17,
            {"start": "08:00", "end": "16:30", "school_hours_per_week": Decimal("0.5")},
            {"school_hours_per_week": week_message(17, 40, "40.5", 40, "0.5")},
        ),
        (
            16,
            {"hours_per_week": Decimal(32), "school_hours_per_week": Decimal("8.5")},
            {"school_hours_per_week": week_message(16, 40, "40.5", 32, "8.5")},
        ),
    ],
)
def test_the_week_counts_the_school_hours(age, plan, expected):
    start, end = plan.pop("start", None), plan.pop("end", None)
    placement = _plan(age, start, end, **plan)

    assert _problems(placement) == expected


def test_a_lintstage_week_is_its_one_day_and_the_school_hours():
    within = _plan(15, "08:00", "15:30", kind=K.LINTSTAGE, school_hours_per_week=Decimal(28))
    over = _plan(15, "08:00", "15:30", kind=K.LINTSTAGE, school_hours_per_week=Decimal("28.5"))

    assert _problems(within) == {}
    assert _problems(over) == {"school_hours_per_week": week_message(15, 35, "35.5", 7, "28.5")}


def test_a_leerwerktraject_week_counts_its_working_days():
    three_days = _plan(15, "08:00", "15:30", kind=K.LEERWERKTRAJECT, work_days=[0, 1, 2])
    six_days = _plan(15, "08:00", "15:30", kind=K.LEERWERKTRAJECT, work_days=[0, 1, 2, 3, 4, 5])

    assert _problems(three_days) == {}
    assert _problems(six_days) == {"daily_end_time": week_message(15, 35, 42, 42, 0)}


def test_a_long_day_in_a_long_week_names_both_rules_at_the_end_time():
    placement = _plan(15, "08:00", "16:30")  # 8 hours, 5 days

    assert _problems(placement) == {
        "daily_end_time": f"{day_message(15, 7, 8)} {week_message(15, 35, 40, 40, 0)}"
    }


def test_without_working_times_or_weekly_hours_the_week_is_not_checked():
    placement = _plan(15, school_hours_per_week=Decimal(40))

    assert weekly_company_hours(placement) is None
    assert _problems(placement) == {}


@pytest.mark.parametrize(
    ("plan", "hours"),
    [
        ({"hours_per_week": Decimal(20), "start": "08:00", "end": "16:30"}, Decimal(20)),
        ({"start": "08:00", "end": "16:30"}, Decimal(40)),
        ({"start": "08:00", "end": "16:30", "kind": K.LINTSTAGE}, Decimal(8)),
        ({"start": "08:00", "end": "12:00", "kind": K.LEERWERKTRAJECT, "work_days": [0, 3]}, 8),
        ({}, None),
    ],
)
def test_weekly_company_hours_prefer_the_agreed_week_else_the_day_times_the_days(plan, hours):
    start, end = plan.pop("start", None), plan.pop("end", None)

    assert weekly_company_hours(_plan(15, start, end, **plan)) == hours


# --- plan_problems: the night window ----------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "start", "end", "kind", "expected"),
    [
        (15, "07:00", "14:30", K.BLOKSTAGE, {}),
        (15, "06:45", "13:00", K.BLOKSTAGE, {"daily_start_time": night_message(15, *NIGHT_14)}),
        (14, "12:00", "19:00", K.LINTSTAGE, {}),
        (14, "12:00", "19:30", K.LINTSTAGE, {"daily_end_time": night_message(14, *NIGHT_14)}),
        (16, "14:00", "22:30", K.LINTSTAGE, {}),
        (16, "14:00", "23:00", K.LINTSTAGE, {}),
        (17, "14:30", "23:15", K.LINTSTAGE, {"daily_end_time": night_message(17, *NIGHT_16)}),
        (16, "06:00", "14:00", K.LINTSTAGE, {}),
        (16, "05:45", "13:45", K.LINTSTAGE, {"daily_start_time": night_message(16, *NIGHT_16)}),
        # What the younger pupils may not, the older may.
        (16, "06:45", "13:00", K.BLOKSTAGE, {}),
        (16, "12:00", "19:30", K.LINTSTAGE, {}),
    ],
)
def test_no_work_in_the_night_window(age, start, end, kind, expected):
    assert _problems(_plan(age, start, end, kind=kind)) == expected


def _window(start, until):
    return AgeBand(no_work_from=T(*start), no_work_until=T(*until))


@pytest.mark.parametrize(
    ("window", "day", "touches"),
    [
        # over midnight
        (((19, 0), (7, 0)), ((7, 0), (19, 0)), False),
        (((19, 0), (7, 0)), ((6, 59), (12, 0)), True),
        (((19, 0), (7, 0)), ((12, 0), (19, 1)), True),
        (((19, 0), (7, 0)), ((0, 0), (23, 59)), True),
        # within one day (an admin may enter one like this)
        (((12, 0), (13, 0)), ((8, 0), (12, 0)), False),
        (((12, 0), (13, 0)), ((13, 0), (17, 0)), False),
        (((12, 0), (13, 0)), ((8, 0), (12, 1)), True),
        (((12, 0), (13, 0)), ((12, 59), (17, 0)), True),
        (((12, 0), (13, 0)), ((8, 0), (17, 0)), True),
    ],
)
def test_in_night_window(window, day, touches):
    assert in_night_window(T(*day[0]), T(*day[1]), _window(*window)) is touches


# --- plan_problems: the daily rest -----------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "start", "end", "break_minutes", "expected"),
    [
        # 14 hours of rest: a day spans at most 10 hours, the break included.
        (15, "07:00", "17:00", 180, {}),
        (15, "07:00", "17:15", 240, {"daily_end_time": rest_message(15, 14, 10)}),
        (14, "08:00", "18:30", 240, {"daily_end_time": rest_message(14, 14, 10)}),
        # 12 hours of rest at 16 and 17: at most 12 hours.
        (16, "06:00", "18:00", 180, {}),
        (17, "06:00", "18:15", 195, {"daily_end_time": rest_message(17, 12, 12)}),
        (16, "07:00", "17:15", 240, {}),
    ],
)
def test_the_working_day_leaves_the_daily_rest(age, start, end, break_minutes, expected):
    placement = _plan(age, start, end, kind=K.LINTSTAGE, break_minutes=break_minutes)

    assert placement.agreed_day_hours <= age_band_for(age).max_hours_per_day
    assert _problems(placement) == expected


# --- plan_problems: Sunday --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "weekday", "expected"),
    [
        (14, Weekday.SUNDAY, {"weekday": sunday_message(14)}),
        (15, Weekday.SUNDAY, {"weekday": sunday_message(15)}),
        (15, Weekday.SATURDAY, {}),
        (16, Weekday.SUNDAY, {}),
        (17, Weekday.SUNDAY, {}),
    ],
)
def test_a_lintstage_on_sunday(age, weekday, expected):
    placement = _plan(age, "08:00", "12:00", kind=K.LINTSTAGE, weekday=weekday)

    assert _problems(placement) == expected


@pytest.mark.parametrize(
    ("age", "days", "expected"),
    [
        (15, [0, 6], {"work_days": sunday_message(15)}),
        (14, [6], {"work_days": sunday_message(14)}),
        (15, [0, 1, 5], {}),
        (16, [5, 6], {}),
        (17, [0, 6], {}),
    ],
)
def test_leerwerktraject_working_days_with_sunday(age, days, expected):
    placement = _plan(age, "08:00", "12:00", kind=K.LEERWERKTRAJECT, work_days=days)

    assert _problems(placement) == expected


# --- plan_problems: the break -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "start", "end", "break_minutes", "expected"),
    [
        (15, "08:00", "13:00", 0, {"break_minutes": break_message(15)}),
        (15, "08:00", "13:00", 30, {}),
        (15, "08:00", "13:00", None, {}),  # the usual half hour
        (15, "08:00", "12:00", 0, {}),
        (15, "08:00", "12:30", 0, {}),  # exactly 4.5 hours: no break needed
        (15, "08:00", "12:45", 0, {"break_minutes": break_message(15)}),
        (15, "08:00", "13:15", 15, {"break_minutes": break_message(15)}),
        (14, "08:00", "13:00", 29, {"break_minutes": break_message(14)}),
        (16, "08:00", "13:00", 0, {"break_minutes": break_message(16)}),
        (17, "08:00", "16:00", 45, {}),
    ],
)
def test_a_day_of_more_than_four_and_a_half_hours_has_its_break(
    age, start, end, break_minutes, expected
):
    placement = _plan(age, start, end, break_minutes=break_minutes)

    assert _problems(placement) == expected


# --- plan_problems: the bands without limits ------------------------------------------------


def _every_rule_broken(age):
    """A lintstage on Sunday from 05:00 to 23:30 without a break, with 40 school hours."""
    return _plan(
        age,
        "05:00",
        "23:30",
        kind=K.LINTSTAGE,
        weekday=Weekday.SUNDAY,
        break_minutes=0,
        school_hours_per_week=Decimal(40),
    )


def test_the_worst_plan_breaks_every_rule_at_15():
    """The plan of the next tests is not innocent: at 15 it breaks each rule."""
    assert set(_problems(_every_rule_broken(15))) == {
        "daily_start_time",
        "daily_end_time",
        "break_minutes",
        "weekday",
        "school_hours_per_week",
    }


@pytest.mark.parametrize("age", [10, 12, 13, 18, 19, 20])
def test_a_band_whose_rules_do_not_decide_has_no_plan_problems(age):
    assert _problems(_every_rule_broken(age)) == {}


@pytest.mark.parametrize("age", [None, 9, 21])
def test_without_a_band_there_are_no_plan_problems(age):
    assert age_band_for(age) is None
    assert _problems(_every_rule_broken(age)) == {}


def test_the_limits_are_the_bands_rows_an_admin_may_edit():
    placement = _plan(15, "08:00", "16:00", kind=K.LINTSTAGE)  # 7.5 hours
    assert _problems(placement) == {"daily_end_time": day_message(15, 7, "7.5")}

    AgeBand.objects.filter(min_age=14).update(max_hours_per_day=Decimal(8))

    assert _problems(placement) == {}


# --- day_problems -------------------------------------------------------------------------------


def _day(age, *, date=MONDAY, hours, week, school=None):
    placement = _plan(age, school_hours_per_week=school)
    return day_problems(
        placement, age_band_for(age), date=date, hours=Decimal(hours), week_hours=Decimal(week)
    )


@pytest.mark.parametrize(
    ("age", "hours", "expected"),
    [
        (15, "7", []),
        (15, "7.5", ["7.5 hours on one day: at 15 at most 7."]),
        (14, "7.25", ["7.25 hours on one day: at 14 at most 7."]),
        (16, "9", []),
        (17, "9.5", ["9.5 hours on one day: at 17 at most 9."]),
    ],
)
def test_a_recorded_day_over_the_day_limit(age, hours, expected):
    assert _day(age, hours=hours, week=hours) == expected


@pytest.mark.parametrize(
    ("age", "date", "expected"),
    [
        (15, SUNDAY, ["Worked on a Sunday: at 15 not allowed."]),
        (14, SUNDAY, ["Worked on a Sunday: at 14 not allowed."]),
        (15, SATURDAY, []),
        (16, SUNDAY, []),
    ],
)
def test_a_recorded_sunday(age, date, expected):
    assert _day(age, date=date, hours="4", week="4") == expected


@pytest.mark.parametrize(
    ("age", "week", "school", "expected"),
    [
        (15, "35", None, []),
        (15, "33", Decimal(2), []),
        (15, "34", Decimal(2), ["36 hours in this week, school hours included: at 15 at most 35."]),
        (15, "35.5", None, ["35.5 hours in this week, school hours included: at 15 at most 35."]),
        # A week of 16 and 17 may have 45 (the 40 is an average over four weeks).
        (16, "41", Decimal(4), []),
        (
            17,
            "41",
            Decimal("4.5"),
            ["45.5 hours in this week, school hours included: at 17 at most 45."],
        ),
    ],
)
def test_a_recorded_week_counts_the_school_hours(age, week, school, expected):
    assert _day(age, hours="6", week=week, school=school) == expected


def test_a_day_that_breaks_everything_names_every_limit_in_order():
    problems = _day(15, date=SUNDAY, hours="8", week="38", school=Decimal(2))

    assert problems == [
        "8 hours on one day: at 15 at most 7.",
        "Worked on a Sunday: at 15 not allowed.",
        "40 hours in this week, school hours included: at 15 at most 35.",
    ]


def test_a_day_without_hours_is_no_work():
    assert _day(15, date=SUNDAY, hours="0", week="50") == []


@pytest.mark.parametrize("age", [None, 10, 13, 18, 20])
def test_a_recorded_day_of_a_band_without_limits_has_no_problems(age):
    assert _day(age, date=SUNDAY, hours="12", week="60", school=Decimal(20)) == []


# --- the propose form -----------------------------------------------------------------------


@pytest.fixture
def pupil_a(school_a, teacher_a):
    return StudentFactory(school=school_a, teacher=teacher_a, given_name="Emma", surname="Dam")


def _proposal_data(student, company, **changes):
    """A blokstage of 32 hours a week, 08:00 to 16:30 (8 hours a day)."""
    return {
        "student": student.pk,
        "company": company.pk,
        "pupil_age": "16",
        "kind": "blokstage",
        "start_date": "2026-03-02",
        "end_date": "2026-03-13",
        "weekday": "",
        "hours_per_week": "32",
        "daily_start_time": "08:00",
        "daily_end_time": "16:30",
        "break_minutes": "",
        "planned_hours": "",
        "school_hours_per_week": "",
        "note": "",
    } | changes


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"pupil_age": "15"}, {"daily_end_time": [day_message(15, 7, 8)]}),
        (
            {"pupil_age": "15", "daily_start_time": "06:30", "daily_end_time": "13:00"},
            {"daily_start_time": [night_message(15, *NIGHT_14)]},
        ),
        (
            {"pupil_age": "15", "daily_end_time": "13:00", "break_minutes": "0"},
            {"break_minutes": [break_message(15)]},
        ),
        (
            {"pupil_age": "15", "daily_end_time": "15:30", "school_hours_per_week": "4"},
            {"school_hours_per_week": [week_message(15, 35, 36, 32, 4)]},
        ),
        (
            {"pupil_age": "16", "school_hours_per_week": "8.5"},
            {"school_hours_per_week": [week_message(16, 40, "40.5", 32, "8.5")]},
        ),
        ({"pupil_age": "9"}, {"pupil_age": [AGE_MESSAGE]}),
        ({"pupil_age": "21"}, {"pupil_age": [AGE_MESSAGE]}),
        ({"pupil_age": ""}, {"pupil_age": [REQUIRED]}),
        ({"pupil_age": "zestien"}, {"pupil_age": [NOT_A_WHOLE_NUMBER]}),
    ],
)
def test_propose_refuses_a_plan_or_an_age_outside_the_rules_at_the_field(
    client, coordinator_a, pupil_a, company_a, changes, errors
):
    client.force_login(coordinator_a)

    response = client.post(PROPOSE_URL, _proposal_data(pupil_a, company_a, **changes))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Placement.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "age"),
    [
        ({}, 16),  # 8 hours a day, 32 a week
        ({"pupil_age": "15", "daily_end_time": "15:30"}, 15),  # 7 hours a day
        ({"pupil_age": "15", "daily_end_time": "15:30", "school_hours_per_week": "3"}, 15),
        ({"pupil_age": "16", "school_hours_per_week": "8"}, 16),
        ({"pupil_age": "10"}, 10),  # no limits: the school confirms later
        ({"pupil_age": "20"}, 20),
    ],
)
def test_propose_saves_a_plan_within_the_rules_of_the_age(
    client, coordinator_a, pupil_a, company_a, changes, age
):
    client.force_login(coordinator_a)

    response = client.post(PROPOSE_URL, _proposal_data(pupil_a, company_a, **changes))

    placement = Placement.objects.get()
    assert (response.status_code, response.url) == (302, placement.get_absolute_url())
    assert (placement.status, placement.pupil_age) == (S.PROPOSED, age)
    assert placement.age_rules_confirmed_at is None


@pytest.mark.parametrize(
    ("age", "message"),
    [
        ("9", "Vul de leeftijd in hele jaren in, van 10 tot en met 20."),
        ("21", "Vul de leeftijd in hele jaren in, van 10 tot en met 20."),
        ("zestien", "Voer een geheel getal in."),
    ],
)
def test_propose_in_dutch_refuses_the_age_in_dutch(
    client, coordinator_a, pupil_a, company_a, age, message
):
    client.force_login(coordinator_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"

    response = client.post(PROPOSE_URL, _proposal_data(pupil_a, company_a, pupil_age=age))

    assert response.status_code == 200
    assert response.context["form"].errors == {"pupil_age": [message]}
    assert escape(message) in response.content.decode()
    assert Placement.objects.count() == 0


# --- stating the age and the school hours -------------------------------------------------------


def test_coordinator_states_the_age_and_the_school_hours(client, coordinator_a, placement_a):
    client.force_login(coordinator_a)

    response = client.post(
        _url("working_time", placement_a), {"pupil_age": "16", "school_hours_per_week": "4.5"}
    )

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#working-time"
    assert _messages(response) == [SAVED]
    assert _row(placement_a) == (16, Decimal("4.5"), None, None)


def test_staff_states_the_age(client, staff, placement_a):
    client.force_login(staff)

    response = client.post(
        _url("working_time", placement_a), {"pupil_age": "14", "school_hours_per_week": ""}
    )

    assert response.status_code == 302
    assert _row(placement_a) == (14, None, None, None)


def test_stating_the_age_changes_nothing_else_of_the_plan(client, coordinator_a, placement_a):
    _set(placement_a, daily_start_time=T(8), daily_end_time=T(15, 30))
    client.force_login(coordinator_a)

    response = client.post(
        _url("working_time", placement_a),
        {
            "pupil_age": "16",
            "school_hours_per_week": "",
            "daily_start_time": "05:00",
            "daily_end_time": "23:00",
            "status": "active",
        },
    )

    placement_a.refresh_from_db()
    assert response.status_code == 302
    assert placement_a.pupil_age == 16
    assert (placement_a.daily_start_time, placement_a.daily_end_time) == (T(8), T(15, 30))
    assert placement_a.status == S.PLANNED


def test_coordinator_of_another_school_gets_404_and_changes_nothing(
    client, coordinator_b, placement_a
):
    client.force_login(coordinator_b)

    response = client.post(
        _url("working_time", placement_a), {"pupil_age": "16", "school_hours_per_week": "2"}
    )

    assert response.status_code == 404
    assert _row(placement_a) == (15, None, None, None)


@pytest.mark.parametrize("persona", ["supervisor_a", "teacher_a"])
def test_supervisor_and_teacher_get_403_and_change_nothing(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        _url("working_time", placement_a), {"pupil_age": "16", "school_hours_per_week": "2"}
    )

    assert response.status_code == 403
    assert _row(placement_a) == (15, None, None, None)


@pytest.mark.parametrize("status", [S.COMPLETED, S.CANCELLED, S.PROPOSED])
def test_the_age_of_a_placement_that_is_not_open_cannot_change(
    client, coordinator_a, placement_a, status
):
    _set(placement_a, status=status)
    client.force_login(coordinator_a)

    response = client.post(
        _url("working_time", placement_a), {"pupil_age": "16", "school_hours_per_week": "2"}
    )

    assert response.status_code == 403
    assert _row(placement_a) == (15, None, None, None)


def test_stating_the_age_logged_out_redirects_to_login(client, placement_a):
    url = _url("working_time", placement_a)

    response = client.post(url, {"pupil_age": "16"})

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"
    assert _row(placement_a) == (15, None, None, None)


@pytest.mark.parametrize("name", ["working_time", "age_rules_confirm"])
def test_the_working_time_urls_refuse_get_with_405(client, coordinator_a, placement_a, name):
    client.force_login(coordinator_a)

    response = client.get(_url(name, placement_a))

    assert response.status_code == 405
    assert _row(placement_a) == (15, None, None, None)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"pupil_age": "25"}, {"pupil_age": [AGE_MESSAGE]}),
        ({"pupil_age": "9"}, {"pupil_age": [AGE_MESSAGE]}),
        # Below 0 the form field's own limit speaks first.
        ({"pupil_age": "-14"}, {"pupil_age": [AGE_MESSAGE]}),
        ({"pupil_age": "abc"}, {"pupil_age": [NOT_A_WHOLE_NUMBER]}),
        ({"pupil_age": "1\x005"}, {"pupil_age": [NOT_A_WHOLE_NUMBER]}),
        ({"pupil_age": "15.5"}, {"pupil_age": [NOT_A_WHOLE_NUMBER]}),
        ({"pupil_age": ""}, {"pupil_age": [REQUIRED]}),
        ({}, {"pupil_age": [REQUIRED]}),
        (
            {"pupil_age": "16", "school_hours_per_week": "50"},
            {"school_hours_per_week": ["Ensure this value is less than or equal to 40."]},
        ),
        (
            {"pupil_age": "16", "school_hours_per_week": "-1"},
            {"school_hours_per_week": ["Ensure this value is greater than or equal to 0."]},
        ),
        (
            {"pupil_age": "16", "school_hours_per_week": "4.25"},
            {"school_hours_per_week": ["Ensure that there are no more than 1 decimal place."]},
        ),
        (
            {"pupil_age": "16", "school_hours_per_week": "veel"},
            {"school_hours_per_week": ["Enter a number."]},
        ),
    ],
)
def test_bad_input_re_renders_the_form_with_the_error_and_saves_nothing(
    client, coordinator_a, placement_a, data, errors
):
    client.force_login(coordinator_a)

    response = client.post(_url("working_time", placement_a), data)

    assert response.status_code == 200
    assert response.templates[0].name == "placements/working_time_form.html"
    assert response.context["form"].errors == errors
    content = response.content.decode()
    for messages in errors.values():
        assert escape(messages[0]) in content
    assert _messages(response) == []
    assert _row(placement_a) == (15, None, None, None)


def test_the_service_stores_the_age_and_the_school_hours(coordinator_a, placement_a):
    saved = placement_working_time_save(
        placement_a, by=coordinator_a, pupil_age=17, school_hours_per_week=Decimal(6)
    )

    assert (saved.pupil_age, saved.school_hours_per_week) == (17, Decimal(6))
    assert _row(placement_a) == (17, Decimal(6), None, None)


# --- the school's confirmation for a pupil younger than 14 ------------------------------------


def test_coordinator_confirms_a_placement_of_a_13_year_old(client, coordinator_a, placement_a):
    _set(placement_a, pupil_age=13)
    client.force_login(coordinator_a)
    before = timezone.now()

    response = client.post(_url("age_rules_confirm", placement_a))

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#working-time"
    assert _messages(response) == [CONFIRMED]
    age, _school, confirmed_at, confirmed_by = _row(placement_a)
    assert (age, confirmed_by) == (13, coordinator_a.pk)
    assert before <= confirmed_at <= timezone.now()


@pytest.mark.parametrize("age", [14, 15, 16, 18, 20])
def test_confirmation_where_the_rules_decide_is_refused_with_a_message(
    client, coordinator_a, placement_a, age
):
    _set(placement_a, pupil_age=age)
    client.force_login(coordinator_a)

    response = client.post(_url("age_rules_confirm", placement_a))

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#working-time"
    assert _messages(response) == [NOTHING_TO_CONFIRM.format(age=age)]
    assert _row(placement_a) == (age, None, None, None)


def test_confirmation_without_an_age_is_refused_with_a_message(client, coordinator_a, placement_a):
    _set(placement_a, pupil_age=None)
    client.force_login(coordinator_a)

    response = client.post(_url("age_rules_confirm", placement_a))

    assert response.status_code == 302
    assert _messages(response) == [AGE_FIRST]
    assert _row(placement_a) == (None, None, None, None)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("supervisor_a", 403),
        ("teacher_a", 403),
        ("coordinator_b", 404),
    ],
)
def test_confirmation_by_anyone_but_the_school_is_refused(
    client, request, placement_a, persona, status
):
    _set(placement_a, pupil_age=13)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("age_rules_confirm", placement_a))

    assert response.status_code == status
    assert _row(placement_a) == (13, None, None, None)


def test_confirmation_of_a_completed_placement_is_403(client, coordinator_a, placement_a):
    _set(placement_a, pupil_age=13, status=S.COMPLETED)
    client.force_login(coordinator_a)

    response = client.post(_url("age_rules_confirm", placement_a))

    assert response.status_code == 403
    assert _row(placement_a) == (13, None, None, None)


def test_the_confirm_service_refuses_where_the_rules_decide_or_the_age_is_missing(
    coordinator_a, placement_a
):
    with pytest.raises(ValidationError) as decided:
        placement_age_rules_confirm(placement_a, by=coordinator_a)
    _set(placement_a, pupil_age=None)
    with pytest.raises(ValidationError) as no_age:
        placement_age_rules_confirm(placement_a, by=coordinator_a)

    assert decided.value.messages == [NOTHING_TO_CONFIRM.format(age=15)]
    assert no_age.value.messages == [AGE_FIRST]
    assert _row(placement_a) == (None, None, None, None)


@pytest.fixture
def confirmed_13(coordinator_a, placement_a):
    """placement_a of a 13-year-old, confirmed by coordinator_a."""
    _set(placement_a, pupil_age=13)
    placement_age_rules_confirm(placement_a, by=coordinator_a)
    placement_a.refresh_from_db()
    return placement_a


@pytest.mark.parametrize(("age", "kept"), [(12, True), (10, True), (13, True), (14, False)])
def test_the_confirmation_stays_while_the_age_stays_in_its_band(
    coordinator_a, staff, confirmed_13, age, kept
):
    confirmed_at = confirmed_13.age_rules_confirmed_at

    placement_working_time_save(
        confirmed_13, by=staff, pupil_age=age, school_hours_per_week=Decimal(2)
    )

    expected = (confirmed_at, coordinator_a.pk) if kept else (None, None)
    assert _row(confirmed_13) == (age, Decimal(2), *expected)


@pytest.mark.parametrize(("age", "kept"), [("12", True), ("14", False)])
def test_changing_the_age_in_the_form_keeps_or_clears_the_confirmation(
    client, coordinator_a, confirmed_13, age, kept
):
    confirmed_at = confirmed_13.age_rules_confirmed_at
    client.force_login(coordinator_a)

    response = client.post(
        _url("working_time", confirmed_13), {"pupil_age": age, "school_hours_per_week": ""}
    )

    assert response.status_code == 302
    expected = (confirmed_at, coordinator_a.pk) if kept else (None, None)
    assert _row(confirmed_13) == (int(age), None, *expected)


# --- starting the internship ----------------------------------------------------------------


@pytest.fixture
def ready_a(supervisor_a, placement_a):
    """placement_a (planned, 15, no working times) with the before-the-start checklist
    done and the insurance answered: only the working time can stop it from starting."""
    checklist_sync(placement_a)
    placement_a.checklist_items.filter(phase=Phase.BEFORE_START).update(
        done_at=timezone.now(), done_by=supervisor_a
    )
    IntakeFactory(placement=placement_a)
    placement_a.refresh_from_db()
    return placement_a


#: 07:30 to 16:30 at 15: 8.5 hours a day, 42.5 a week; both at the end time, in one message.
LONG_DAY_AT_15 = f"{day_message(15, 7, '8.5')} {week_message(15, 35, '42.5', '42.5', 0)}"


def _activate_refused(placement, by):
    with pytest.raises(ValidationError) as refused:
        placement_activate(placement, by=by)
    assert _status(placement) == S.PLANNED
    assert not StatusChange.objects.filter(placement=placement).exists()
    return refused.value.messages


def _activated(placement):
    return _status(placement) == S.ACTIVE and list(
        StatusChange.objects.filter(placement=placement).values_list("from_status", "to_status")
    ) == [(S.PLANNED, S.ACTIVE)]


def test_starting_without_an_age_is_refused_naming_the_age(client, supervisor_a, ready_a):
    _set(ready_a, pupil_age=None)
    client.force_login(supervisor_a)

    response = client.post(
        reverse(
            "placements:transition", kwargs={"public_id": ready_a.public_id, "action": "activate"}
        )
    )

    assert response.status_code == 302
    assert _messages(response) == [AGE_MISSING]
    assert _status(ready_a) == S.PLANNED
    assert not StatusChange.objects.filter(placement=ready_a).exists()


def test_starting_without_an_age_names_it_beside_the_other_blockers(supervisor_a, placement_a):
    _set(placement_a, pupil_age=None)
    checklist_sync(placement_a)

    messages = _activate_refused(placement_a, supervisor_a)

    assert AGE_MISSING in messages
    assert len(messages) == 3  # the checklist, the age, the insurance


def test_a_13_year_old_starts_only_after_the_schools_confirmation(
    coordinator_a, supervisor_a, ready_a
):
    _set(ready_a, pupil_age=13)

    assert _activate_refused(ready_a, supervisor_a) == [CONFIRMATION_MISSING.format(age=13)]

    placement_age_rules_confirm(ready_a, by=coordinator_a)
    placement_activate(ready_a, by=supervisor_a)

    assert _activated(ready_a)


def test_a_confirmation_cleared_by_a_new_band_stops_the_start_again(
    coordinator_a, supervisor_a, ready_a
):
    _set(ready_a, pupil_age=13)
    placement_age_rules_confirm(ready_a, by=coordinator_a)
    placement_working_time_save(ready_a, by=coordinator_a, pupil_age=14, school_hours_per_week=None)
    placement_working_time_save(ready_a, by=coordinator_a, pupil_age=13, school_hours_per_week=None)

    assert _activate_refused(ready_a, supervisor_a) == [CONFIRMATION_MISSING.format(age=13)]


@pytest.mark.parametrize(
    ("age", "start", "end", "expected"),
    [
        (15, T(7, 30), T(16, 30), [LONG_DAY_AT_15]),
        (15, T(6, 30), T(13), [night_message(15, *NIGHT_14)]),
        (16, T(7, 30), T(16, 30), [week_message(16, 40, "42.5", "42.5", 0)]),
    ],
)
def test_a_plan_that_breaks_the_bands_limits_does_not_start(
    supervisor_a, ready_a, age, start, end, expected
):
    _set(ready_a, pupil_age=age, daily_start_time=start, daily_end_time=end)

    assert _activate_refused(ready_a, supervisor_a) == expected


@pytest.mark.parametrize(
    ("age", "start", "end", "school"),
    [
        (15, None, None, None),
        (15, T(8), T(15, 30), None),
        (14, T(7), T(12), Decimal(10)),
        (16, T(8), T(16, 30), None),
        (18, T(6), T(18), Decimal(10)),  # no limits, and nothing to confirm
    ],
)
def test_a_plan_within_the_limits_starts(supervisor_a, ready_a, age, start, end, school):
    _set(
        ready_a,
        pupil_age=age,
        daily_start_time=start,
        daily_end_time=end,
        school_hours_per_week=school,
    )

    placement_activate(ready_a, by=supervisor_a)

    assert _activated(ready_a)


# --- the placement page --------------------------------------------------------------------------


def _section(content):
    start = content.index('id="working-time"')
    return content[start : content.index("</section>", start)]


@pytest.mark.parametrize("persona", ["coordinator_a", "supervisor_a", "teacher_a", "staff"])
def test_the_page_shows_the_age_its_band_and_its_limits(client, request, placement_a, persona):
    section = _section(_page(client, request.getfixturevalue(persona), placement_a))

    assert '<dd class="col-sm-7" id="working-time-age">15 years (14 en 15 jaar)</dd>' in section
    assert "at most 7 hours a day" in section
    assert "at most 35 hours a week, school hours included" in section
    assert "no work between 19:00 and 07:00" in section
    assert "no work on Sunday" in section
    assert "a break of 30 minutes when working more than 4.5 hours" in section
    assert 'id="working-time-problems"' not in section
    assert 'id="working-time-confirm"' not in section


def test_the_page_of_a_16_year_old_shows_the_planned_week_and_allows_sunday(
    client, coordinator_a, placement_a
):
    _set(placement_a, pupil_age=16, daily_start_time=T(8), daily_end_time=T(16, 30))

    section = _section(_page(client, coordinator_a, placement_a))

    assert "16 years (16 en 17 jaar)" in section
    assert "at most 40 hours a week, school hours included" in section
    assert "no work between 23:00 and 06:00" in section
    assert "no work on Sunday" not in section
    assert "40 h: 40 at the company, 0 at school" in section
    assert 'id="working-time-problems"' not in section


def test_the_page_without_an_age_says_it_is_not_stated(client, coordinator_a, placement_a):
    _set(placement_a, pupil_age=None)

    section = _section(_page(client, coordinator_a, placement_a))

    assert "not stated yet" in section
    assert 'id="working-time-limits"' not in section
    assert 'id="working-time-confirmation"' not in section


@pytest.mark.parametrize("persona", ["coordinator_a", "supervisor_a", "teacher_a"])
def test_the_page_lists_the_broken_rules(client, request, placement_a, persona):
    _set(
        placement_a,
        daily_start_time=T(7, 30),
        daily_end_time=T(16, 30),
        school_hours_per_week=Decimal(2),
    )

    section = _section(_page(client, request.getfixturevalue(persona), placement_a))

    assert 'id="working-time-problems"' in section
    problems = section[section.index('id="working-time-problems"') :]
    assert f"<li>{escape(day_message(15, 7, '8.5'))} " in problems
    assert escape(week_message(15, 35, "44.5", "42.5", 2)) in problems
    assert "44.5 h: 42.5 at the company, 2 at school" in section
    assert "over a limit" in section


@pytest.mark.parametrize(
    ("persona", "button"),
    [("coordinator_a", True), ("staff", True), ("supervisor_a", False), ("teacher_a", False)],
)
def test_only_the_school_is_offered_the_confirmation(client, request, placement_a, persona, button):
    _set(placement_a, pupil_age=13)

    section = _section(_page(client, request.getfixturevalue(persona), placement_a))

    assert "13 years (jonger dan 14)" in section
    assert 'id="working-time-confirmation"' in section
    assert "The school confirms that this placement fits." in section
    assert 'id="working-time-limits"' not in section
    assert ('id="working-time-confirm"' in section) is button
    assert ('id="working-time-form"' in section) is button


def test_a_confirmed_placement_shows_who_confirmed_and_no_button(
    client, coordinator_a, confirmed_13
):
    section = _section(_page(client, coordinator_a, confirmed_13))

    assert f"Confirmed by {coordinator_a.get_full_name()} on " in section
    assert 'id="working-time-confirm"' not in section


def test_a_completed_placement_offers_the_school_neither_the_confirmation_nor_the_form(
    client, coordinator_a, placement_a
):
    _set(placement_a, pupil_age=13, status=S.COMPLETED)

    section = _section(_page(client, coordinator_a, placement_a))

    assert 'id="working-time-confirmation"' in section
    assert 'id="working-time-confirm"' not in section
    assert 'id="working-time-form"' not in section


def test_the_page_after_stating_the_age_shows_the_new_band(client, coordinator_a, placement_a):
    client.force_login(coordinator_a)
    before = _section(_page(client, coordinator_a, placement_a))

    client.post(
        _url("working_time", placement_a), {"pupil_age": "17", "school_hours_per_week": "3"}
    )
    after = _section(_page(client, coordinator_a, placement_a))

    assert "15 years (14 en 15 jaar)" in before
    assert "17 years (16 en 17 jaar)" in after
    assert "15 years" not in after


def test_the_school_states_the_age_of_a_placement_whose_other_data_breaks_a_rule(
    client, coordinator_a, placement_a
):
    """The form checks its own two values: old data that breaks another rule (a
    lintstage of one week) neither blocks it nor causes a server error."""
    _set(
        placement_a,
        kind=K.LINTSTAGE,
        weekday=Weekday.MONDAY,
        end_date=placement_a.start_date + datetime.timedelta(days=6),
    )
    client.force_login(coordinator_a)

    response = client.post(
        _url("working_time", placement_a), {"pupil_age": "14", "school_hours_per_week": "20"}
    )

    assert response.status_code == 302
    assert _row(placement_a)[:2] == (14, Decimal(20))


def test_stating_the_age_of_a_placement_that_closed_meanwhile_changes_nothing(
    coordinator_a, placement_a
):
    stale = Placement.objects.get(pk=placement_a.pk)
    _set(placement_a, status=PlacementStatus.COMPLETED)

    with pytest.raises(ValidationError, match="no longer changes"):
        placement_working_time_save(
            stale, by=coordinator_a, pupil_age=16, school_hours_per_week=None
        )

    assert _row(placement_a) == (15, None, None, None)


def test_an_age_band_in_admin_may_not_overlap_another_or_run_backwards():
    overlapping = AgeBand(name="15 en 16", min_age=15, max_age=16)
    backwards = AgeBand(name="omgekeerd", min_age=12, max_age=11)

    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()
    assert refused.value.message_dict["min_age"] == ["These ages overlap the band 14 en 15 jaar."]
    with pytest.raises(ValidationError) as refused:
        backwards.full_clean()
    assert "max_age" in refused.value.message_dict
    assert AgeBand.objects.count() == 4

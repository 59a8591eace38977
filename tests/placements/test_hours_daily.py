"""#9 (4): recording a day as people do it on a phone: "7,5" means seven and a half, the
date picker stops at today, the agreed hours come prefilled, and the week's working days
are one tap each."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from placements.forms.hours import DayLogForm
from placements.models import Absence, DayLog, Placement, PlacementKind, Weekday
from placements.selectors.hours import hours_summary
from tests.factories import DayLogFactory

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


def _form(placement, hours, language="nl"):
    """The bound form's cleaned data and its errors as texts, in ``language``."""
    data = {"date": "2026-03-04", "hours": hours, "absence": "present", "note": ""}
    with translation.override(language):
        form = DayLogForm(data, placement=placement)
        form.is_valid()
        errors = {name: [str(e) for e in found] for name, found in form.errors.items()}
        return getattr(form, "cleaned_data", {}), errors


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("7,5", Decimal("7.5")),
        ("7.5", Decimal("7.5")),
        (" 8 ", Decimal(8)),
        ("0,25", Decimal("0.25")),
    ],
)
def test_hours_accept_a_decimal_comma_or_point_in_any_language(placement_a, language, typed, hours):
    cleaned, errors = _form(placement_a, typed, language)

    assert errors == {}
    assert cleaned["hours"] == hours


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("7,5,5", "Enter a number."),
        ("zeven", "Enter a number."),
        ("25", "Enter between 0 and 24 hours."),
        ("7,123", "Ensure that there are no more than 2 decimal places."),
    ],
)
def test_hours_refuse_what_is_not_an_amount_of_hours(placement_a, typed, message):
    _cleaned, errors = _form(placement_a, typed, "en")

    assert errors["hours"] == [message]


def test_hours_field_is_text_with_the_decimal_keyboard(placement_a):
    html = str(DayLogForm(placement=placement_a)["hours"])

    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'type="number"' not in html


def test_posting_seven_comma_five_records_seven_and_a_half_hours(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    url = reverse("placements:daylog_save", args=[placement_a.public_id])

    response = client.post(url, {"date": "2026-03-04", "hours": "7,5", "absence": "present"})

    assert response.status_code == 302
    assert DayLog.objects.get(placement=placement_a).hours == Decimal("7.5")


@pytest.mark.parametrize(
    ("end", "today", "max_date"),
    [
        (D(2026, 12, 18), D(2026, 12, 3), "2026-12-03"),  # running: up to today
        (D(2026, 12, 18), D(2026, 12, 30), "2026-12-18"),  # ended: up to its last day
    ],
)
def test_date_picker_stops_at_today_or_the_last_day(placement_a, end, today, max_date):
    Placement.objects.filter(pk=placement_a.pk).update(start_date=D(2026, 11, 30), end_date=end)
    placement_a.refresh_from_db()

    form = DayLogForm.for_new_day(placement_a, today=today)

    assert form.fields["date"].widget.attrs["max"] == max_date
    assert form.fields["date"].widget.attrs["min"] == "2026-11-30"


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (T(8, 0), T(16, 30), Decimal("8")),  # 8.5 hours less the half-hour break
        (T(9, 0), T(13, 30), Decimal("4.5")),  # no break at 4.5 hours
        (T(8, 0), T(12, 45), Decimal("4.25")),  # 4.75 less the break
        (T(7, 30), T(15, 10), Decimal("7.25")),  # 7 h 10 min, to the quarter
        (None, None, None),
    ],
)
def test_agreed_day_hours_come_from_the_working_times(placement_a, start, end, hours):
    placement_a.daily_start_time, placement_a.daily_end_time = start, end

    assert placement_a.agreed_day_hours == hours
    initial = DayLogForm.for_new_day(placement_a, today=placement_a.start_date).initial
    assert initial.get("hours") == hours


# --- the week ----------------------------------------------------------------------


@pytest.fixture
def this_week_a(placement_a):
    """placement_a running from Monday 30 November to Friday 18 December 2026, 8:00 to
    16:30 (8 hours a day)."""
    Placement.objects.filter(pk=placement_a.pk).update(
        start_date=D(2026, 11, 30),
        end_date=D(2026, 12, 18),
        daily_start_time=T(8, 0),
        daily_end_time=T(16, 30),
    )
    placement_a.refresh_from_db()
    return placement_a


def _week(placement, today):
    return [
        (day.date.isoformat(), day.is_today, day.is_open, day.log and day.log.hours)
        for day in hours_summary(placement, today=today).week
    ]


def test_week_lists_the_working_days_and_what_can_be_recorded(this_week_a):
    DayLogFactory(placement=this_week_a, date=D(2026, 11, 30), hours=Decimal("7"))

    assert _week(this_week_a, D(2026, 12, 2)) == [
        ("2026-11-30", False, False, Decimal("7")),
        ("2026-12-01", False, True, None),
        ("2026-12-02", True, True, None),
        ("2026-12-03", False, False, None),  # tomorrow: not yet
        ("2026-12-04", False, False, None),
    ]


def test_week_before_the_start_shows_the_first_week_and_a_saturday_worked(this_week_a):
    DayLogFactory(placement=this_week_a, date=D(2026, 12, 5), hours=Decimal("4"))

    days = _week(this_week_a, D(2026, 11, 20))

    assert [day for day, *_ in days] == [
        "2026-11-30",
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-04",
        "2026-12-05",  # not a working day, but recorded
    ]
    assert _week(this_week_a, D(2026, 12, 7))[0][0] == "2026-12-07"
    assert _week(this_week_a, D(2026, 12, 6))[-1] == ("2026-12-05", False, False, Decimal("4"))


def test_week_of_a_lintstage_is_its_weekday(this_week_a):
    Placement.objects.filter(pk=this_week_a.pk).update(
        kind=PlacementKind.LINTSTAGE, weekday=Weekday.WEDNESDAY
    )
    this_week_a.refresh_from_db()

    assert _week(this_week_a, D(2026, 12, 2)) == [("2026-12-02", True, True, None)]


def test_week_on_the_page_offers_one_tap_for_an_open_day(
    client, supervisor_a, this_week_a, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 12, 2))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(supervisor_a)

    page = client.get(this_week_a.get_absolute_url()).content.decode()

    assert 'id="hours-week"' in page
    assert page.count(">Present, 8 h<") == 3  # Monday to today, Wednesday (not tomorrow)
    assert 'id="hours-week-2026-12-03"' in page

    response = client.post(
        reverse("placements:daylog_save", args=[this_week_a.public_id]),
        {"date": "2026-12-01", "hours": "8.00", "absence": "present"},
    )

    assert response.status_code == 302
    day = DayLog.objects.get(placement=this_week_a)
    assert (day.date, day.hours, day.absence) == (D(2026, 12, 1), Decimal(8), Absence.PRESENT)
    page = client.get(this_week_a.get_absolute_url()).content.decode()
    assert page.count(">Present, 8 h<") == 2


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
def test_week_offers_the_school_no_button(client, request, this_week_a, persona, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 12, 2))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(request.getfixturevalue(persona))

    response = client.get(this_week_a.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="hours-week"' in page
    assert "Present, 8 h" not in page
    assert page.count("not recorded") >= 3


def test_a_sick_day_with_the_prefilled_hours_left_is_recorded_without_hours(placement_a):
    placement_a.daily_start_time, placement_a.daily_end_time = T(8, 0), T(16, 30)
    data = {"date": "2026-03-04", "hours": "8", "absence": "sick"}

    form = DayLogForm(data, placement=placement_a)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["hours"] == Decimal(0)


def test_a_sick_day_with_other_hours_typed_is_still_refused(placement_a):
    placement_a.daily_start_time, placement_a.daily_end_time = T(8, 0), T(16, 30)
    data = {"date": "2026-03-04", "hours": "6", "absence": "sick"}

    with translation.override("en"):
        form = DayLogForm(data, placement=placement_a)
        assert not form.is_valid()
        assert form.errors["hours"] == ["An absent day has no hours: enter 0, or choose present."]
    assert DayLog.objects.count() == 0

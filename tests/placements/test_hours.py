"""Hours and attendance: the day log, its totals, a leerwerktraject's progress, and a
lintstage's schedule with its calendar file."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from placements.models import Absence, DayLog, PlacementKind, PlacementStatus, Weekday
from placements.selectors.hours import (
    BEHIND_SCHEDULE_RATIO,
    HoursTotals,
    hours_summary,
    leerwerk_progress,
)
from tests.factories import (
    CompanyMembershipFactory,
    DayLogFactory,
    PlacementFactory,
    StudentFactory,
    day_logs_on_weekdays,
)

pytestmark = pytest.mark.django_db

D = datetime.date
LOGIN_URL = "/accounts/login/"
OTHER_SIDE = ["supervisor_b", "coordinator_b", "outsider"]
SCHOOL_SIDE = ["coordinator_a", "teacher_a"]
COMPANY_SIDE = ["supervisor_a", "staff"]


def _url(name, placement, *args):
    return reverse(f"placements:{name}", args=[placement.public_id, *args])


def _post_day(client, placement, **overrides):
    # placement_a runs from Monday 2 to Friday 13 March 2026.
    data = {"date": "2026-03-04", "hours": "7.5", "absence": "present", "note": "Leidingen"}
    return client.post(_url("daylog_save", placement), {**data, **overrides})


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def lintstage_a(company_a, supervisor_a, school_a, teacher_a):
    """Tuesdays in April 2027 from 7:30 to 16:00; King's Day 27 April falls on one."""
    student = StudentFactory(school=school_a, teacher=teacher_a, given_name="Sanne")
    return PlacementFactory(
        student=student,
        company=company_a,
        supervisor=supervisor_a,
        kind=PlacementKind.LINTSTAGE,
        weekday=Weekday.TUESDAY,
        start_date=D(2027, 4, 6),
        end_date=D(2027, 5, 4),
        daily_start_time=datetime.time(7, 30),
        daily_end_time=datetime.time(16, 0),
    )


@pytest.fixture
def christmas_lintstage_a(company_a, supervisor_a, school_a):
    """Fridays over Christmas and New Year, without daily times."""
    student = StudentFactory(school=school_a, given_name="Zoë")
    return PlacementFactory(
        student=student,
        company=company_a,
        supervisor=supervisor_a,
        kind=PlacementKind.LINTSTAGE,
        weekday=Weekday.FRIDAY,
        start_date=D(2026, 12, 4),
        end_date=D(2027, 1, 15),
    )


def _leerwerk(company, supervisor, school, start, end, planned=640):
    return PlacementFactory(
        student=StudentFactory(school=school),
        company=company,
        supervisor=supervisor,
        kind=PlacementKind.LEERWERKTRAJECT,
        planned_hours=planned,
        start_date=start,
        end_date=end,
    )


@pytest.fixture
def leerwerk_a(company_a, supervisor_a, school_a):
    """640 hours over exactly 100 days: 1 January to 10 April 2026."""
    return _leerwerk(company_a, supervisor_a, school_a, D(2026, 1, 1), D(2026, 4, 10))


# --- totals --------------------------------------------------------------------------------


def test_hours_summary_totals_per_week_and_overall(placement_a):
    for day, hours, absence in [
        (D(2026, 3, 2), "8", Absence.PRESENT),
        (D(2026, 3, 3), "7.5", Absence.PRESENT),
        (D(2026, 3, 4), "0", Absence.SICK),
        (D(2026, 3, 9), "6.25", Absence.PRESENT),
        (D(2026, 3, 10), "0", Absence.OTHER),
        (D(2026, 3, 11), "0", Absence.SICK),
    ]:
        DayLogFactory(placement=placement_a, date=day, hours=Decimal(hours), absence=absence)

    summary = hours_summary(placement_a, today=D(2026, 3, 12))

    weeks = [
        (w.year, w.week, w.first_day, w.hours, w.days_present, w.days_absent) for w in summary.weeks
    ]
    assert weeks == [
        (2026, 11, D(2026, 3, 9), Decimal("6.25"), 1, 2),
        (2026, 10, D(2026, 3, 2), Decimal("15.5"), 2, 1),
    ]
    assert summary.totals == HoursTotals(
        hours=Decimal("21.75"), days_present=3, sick_days=2, other_absences=1
    )
    assert summary.totals.days_recorded == 6


def test_hours_summary_without_days_is_all_zero(placement_a):
    summary = hours_summary(placement_a, today=D(2026, 3, 12))

    assert summary.totals == HoursTotals(
        hours=Decimal(0), days_present=0, sick_days=0, other_absences=0
    )
    assert summary.weeks == []
    assert summary.recent == []
    assert summary.progress is None


def test_hours_summary_week_across_new_year_is_iso_week_53(christmas_lintstage_a):
    DayLogFactory(placement=christmas_lintstage_a, date=D(2026, 12, 28), hours=Decimal(4))
    DayLogFactory(placement=christmas_lintstage_a, date=D(2027, 1, 1), hours=Decimal(3))
    DayLogFactory(placement=christmas_lintstage_a, date=D(2027, 1, 4), hours=Decimal(5))

    summary = hours_summary(christmas_lintstage_a, today=D(2027, 1, 5))

    weeks = [(w.year, w.week, w.first_day, w.hours) for w in summary.weeks]
    assert weeks == [
        (2027, 1, D(2027, 1, 4), Decimal(5)),
        (2026, 53, D(2026, 12, 28), Decimal(7)),
    ]


def test_hours_summary_lists_five_latest_days_first_and_the_rest_apart(leerwerk_a):
    day_logs_on_weekdays(leerwerk_a, 7)  # Thursday 1 January to Friday 9 January 2026

    summary = hours_summary(leerwerk_a, today=D(2026, 2, 1))

    assert [log.date for log in summary.recent] == [
        D(2026, 1, 9),
        D(2026, 1, 8),
        D(2026, 1, 7),
        D(2026, 1, 6),
        D(2026, 1, 5),
    ]
    assert [log.date for log in summary.older] == [D(2026, 1, 2), D(2026, 1, 1)]


def test_placement_detail_shows_earlier_days_folded_away(client, teacher_a, placement_a):
    day_logs_on_weekdays(placement_a, 7)
    client.force_login(teacher_a)
    _english(client)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert "<summary>Show 2 earlier days</summary>" in content
    assert content.count('<td data-label="Date">') == 7


# --- leerwerktraject progress ----------------------------------------------------------------


def test_leerwerk_progress_behind_schedule_halfway(leerwerk_a):
    # 50 of 100 days gone by: 320 hours expected, 288 (90 %) is the limit.
    progress = leerwerk_progress(leerwerk_a, logged=Decimal(280), today=D(2026, 2, 20))

    assert progress.expected == Decimal(320)
    assert progress.percent == 43
    assert progress.is_behind is True
    assert progress.behind == Decimal(40)


def test_leerwerk_progress_at_the_threshold_is_not_behind(leerwerk_a):
    limit = Decimal(320) * BEHIND_SCHEDULE_RATIO

    progress = leerwerk_progress(leerwerk_a, logged=limit, today=D(2026, 2, 20))

    assert limit == Decimal(288)
    assert progress.is_behind is False


def test_leerwerk_progress_just_under_the_threshold_is_behind(leerwerk_a):
    progress = leerwerk_progress(leerwerk_a, logged=Decimal("287.75"), today=D(2026, 2, 20))

    assert progress.is_behind is True
    assert progress.behind == Decimal("32.3")


def test_leerwerk_progress_on_the_first_day_expects_nothing(leerwerk_a):
    progress = leerwerk_progress(leerwerk_a, logged=Decimal(0), today=D(2026, 1, 1))

    assert progress.expected == Decimal(0)
    assert progress.is_behind is False
    assert progress.behind == Decimal(0)


def test_leerwerk_progress_before_the_start_expects_nothing(leerwerk_a):
    progress = leerwerk_progress(leerwerk_a, logged=Decimal(0), today=D(2025, 12, 1))

    assert progress.expected == Decimal(0)
    assert progress.is_behind is False


def test_leerwerk_progress_after_the_end_expects_all_planned_hours(leerwerk_a):
    progress = leerwerk_progress(leerwerk_a, logged=Decimal(600), today=D(2026, 9, 1))

    assert progress.expected == Decimal(640)
    assert progress.is_behind is False
    assert progress.behind == Decimal(40)


def test_leerwerk_progress_more_than_planned_caps_the_bar_at_100(leerwerk_a):
    progress = leerwerk_progress(leerwerk_a, logged=Decimal(700), today=D(2026, 9, 1))

    assert progress.percent == 100
    assert progress.behind == Decimal(0)


def test_leerwerk_progress_other_kinds_have_none(placement_a):
    assert leerwerk_progress(placement_a, logged=Decimal(8), today=D(2026, 3, 5)) is None


def test_hours_summary_leerwerk_behind_counts_logged_days(leerwerk_a):
    day_logs_on_weekdays(leerwerk_a, 35)  # 35 * 8 = 280 hours

    summary = hours_summary(leerwerk_a, today=D(2026, 2, 20))

    assert summary.progress.logged == Decimal(280)
    assert summary.progress.is_behind is True
    assert summary.progress.behind == Decimal(40)


def test_hours_summary_leerwerk_on_schedule_is_not_behind(leerwerk_a):
    day_logs_on_weekdays(leerwerk_a, 36)  # 36 * 8 = 288 hours

    summary = hours_summary(leerwerk_a, today=D(2026, 2, 20))

    assert summary.progress.logged == Decimal(288)
    assert summary.progress.is_behind is False


def test_placement_detail_leerwerk_behind_shows_warning_and_progressbar(
    client, supervisor_a, company_a, school_a
):
    placement = _leerwerk(company_a, supervisor_a, school_a, D(2025, 1, 6), D(2025, 4, 15))
    DayLogFactory(placement=placement, date=D(2025, 1, 6), hours=Decimal(8))
    client.force_login(supervisor_a)
    _english(client)

    response = client.get(placement.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        'role="progressbar" aria-labelledby="hours-progress-heading" aria-valuenow="8" '
        'aria-valuemin="0" aria-valuemax="640" aria-valuetext="8 of 640 hours (1 %)"'
    ) in content
    assert "8 of 640 hours (1 %)" in content
    assert "Behind schedule: 632 hours short of the 640 hours expected by today." in content


def test_placement_detail_leerwerk_in_future_shows_no_warning(
    client, coordinator_a, company_a, supervisor_a, school_a
):
    placement = _leerwerk(company_a, supervisor_a, school_a, D(2099, 1, 5), D(2099, 6, 26))
    client.force_login(coordinator_a)
    _english(client)

    response = client.get(placement.get_absolute_url())

    content = response.content.decode()
    assert 'role="progressbar"' in content
    assert "0 of 640 hours (0 %)" in content
    assert 'id="hours-behind"' not in content


def test_placement_detail_blokstage_has_no_progressbar(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert 'role="progressbar"' not in response.content.decode()


# --- schedule on the page --------------------------------------------------------------------


def test_hours_summary_schedule_marks_past_and_next_days(lintstage_a):
    log = DayLogFactory(
        placement=lintstage_a, date=D(2027, 4, 13), absence=Absence.SICK, hours=Decimal(0)
    )

    summary = hours_summary(lintstage_a, today=D(2027, 4, 14), language="nl")

    rows = [(d.date, d.is_past, d.is_next, d.log) for d in summary.schedule]
    assert rows == [
        (D(2027, 4, 6), True, False, None),
        (D(2027, 4, 13), True, False, log),
        (D(2027, 4, 20), False, True, None),
        (D(2027, 5, 4), False, False, None),
    ]
    assert summary.skipped == [(D(2027, 4, 27), "Koningsdag")]


def test_hours_summary_schedule_today_is_the_next_day(lintstage_a):
    summary = hours_summary(lintstage_a, today=D(2027, 4, 20))

    assert [d.date for d in summary.schedule if d.is_next] == [D(2027, 4, 20)]


def test_placement_detail_lintstage_in_dutch_lists_skipped_koningsdag(
    client, teacher_a, lintstage_a
):
    client.force_login(teacher_a)

    response = client.get(lintstage_a.get_absolute_url())

    content = response.content.decode()
    assert 'id="hours-schedule"' in content
    assert "<li>dinsdag 27 april 2027: Koningsdag</li>" in content
    assert f'href="{_url("schedule_ics", lintstage_a)}"' in content


def test_placement_detail_lintstage_in_english_names_kings_day(client, teacher_a, lintstage_a):
    client.force_login(teacher_a)
    _english(client)

    response = client.get(lintstage_a.get_absolute_url())

    assert "<li>Tuesday 27 April 2027: King&#x27;s Day</li>" in response.content.decode()


def test_placement_detail_blokstage_has_no_schedule(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert 'id="hours-schedule"' not in content
    assert "rooster.ics" not in content


# --- the section per persona -----------------------------------------------------------------


@pytest.mark.parametrize("persona", COMPANY_SIDE)
def test_placement_detail_company_side_sees_section_with_form(
    client, request, placement_a, persona
):
    DayLogFactory(placement=placement_a, date=D(2026, 3, 2))
    client.force_login(request.getfixturevalue(persona))

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="hours"' in content
    assert response.context["may_record_hours"] is True
    assert f'action="{_url("daylog_save", placement_a)}"' in content
    assert 'name="hours"' in content
    assert f'href="{_url("daylog_edit", placement_a, placement_a.day_logs.get().pk)}"' in content


@pytest.mark.parametrize("persona", SCHOOL_SIDE)
def test_placement_detail_school_side_sees_section_read_only(client, request, placement_a, persona):
    log = DayLogFactory(placement=placement_a, date=D(2026, 3, 2), note="Radiator gemonteerd")
    client.force_login(request.getfixturevalue(persona))

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="hours"' in content
    assert "Radiator gemonteerd" in content
    assert response.context["may_record_hours"] is False
    assert response.context["daylog_form"] is None
    assert _url("daylog_save", placement_a) not in content
    assert _url("daylog_edit", placement_a, log.pk) not in content


def test_placement_detail_form_suggests_today_only_within_the_period(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    # placement_a ended in March 2026: no date to suggest.
    assert response.context["daylog_form"].initial == {}


# --- record a day ----------------------------------------------------------------------------


def test_daylog_save_logged_out_redirects_to_login(client, placement_a):
    url = _url("daylog_save", placement_a)

    response = _post_day(client, placement_a)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"
    assert DayLog.objects.count() == 0


def test_daylog_save_get_is_405(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(_url("daylog_save", placement_a))

    assert response.status_code == 405


@pytest.mark.parametrize("persona", OTHER_SIDE)
def test_daylog_save_other_side_is_404(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = _post_day(client, placement_a)

    assert response.status_code == 404
    assert DayLog.objects.count() == 0


@pytest.mark.parametrize("persona", SCHOOL_SIDE)
def test_daylog_save_school_side_is_403(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = _post_day(client, placement_a)

    assert response.status_code == 403
    assert DayLog.objects.count() == 0


@pytest.mark.parametrize("persona", COMPANY_SIDE)
def test_daylog_save_company_side_records_the_day(client, request, placement_a, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    _english(client)

    response = _post_day(client, placement_a)

    log = DayLog.objects.get()
    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#hours"
    assert (log.placement, log.date, log.hours, log.absence, log.note, log.recorded_by) == (
        placement_a,
        D(2026, 3, 4),
        Decimal("7.5"),
        Absence.PRESENT,
        "Leidingen",
        user,
    )
    assert _messages(response) == ["The day of 4 March 2026 is saved."]


def test_daylog_save_supervisor_not_admin_records_the_day(client, company_a, placement_a):
    supervisor = CompanyMembershipFactory(company=company_a, is_company_admin=False).user
    placement_a.supervisor = supervisor
    placement_a.save(update_fields=["supervisor"])
    client.force_login(supervisor)

    response = _post_day(client, placement_a)

    assert response.status_code == 302
    assert DayLog.objects.get().recorded_by == supervisor


def test_daylog_save_same_post_twice_keeps_one_row(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    first = _post_day(client, placement_a)
    second = _post_day(client, placement_a)

    assert (first.status_code, second.status_code) == (302, 302)
    assert DayLog.objects.count() == 1


def test_daylog_save_same_date_again_updates_the_day(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    _post_day(client, placement_a)

    response = _post_day(client, placement_a, hours="", absence="sick", note="Griep")

    log = DayLog.objects.get()
    assert response.status_code == 302
    assert (log.hours, log.absence, log.note) == (Decimal(0), Absence.SICK, "Griep")


def test_daylog_save_absent_without_hours_saves_zero_hours(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = _post_day(client, placement_a, hours="", absence="other")

    assert response.status_code == 302
    assert DayLog.objects.get().hours == Decimal(0)


def test_daylog_save_boundaries_zero_and_24_hours_are_accepted(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    _post_day(client, placement_a, date="2026-03-02", hours="0")
    _post_day(client, placement_a, date="2026-03-13", hours="24")

    hours = list(DayLog.objects.order_by("date").values_list("date", "hours"))
    assert hours == [(D(2026, 3, 2), Decimal(0)), (D(2026, 3, 13), Decimal(24))]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"hours": "-1"}, "hours", "Enter between 0 and 24 hours."),
        ({"hours": "25"}, "hours", "Enter between 0 and 24 hours."),
        ({"hours": "24.01"}, "hours", "Enter between 0 and 24 hours."),
        ({"hours": "1000"}, "hours", "Enter between 0 and 24 hours."),
        ({"hours": ""}, "hours", "Enter the hours worked."),
        ({"hours": "acht"}, "hours", "Enter a number."),
        ({"hours": "7.125"}, "hours", "Ensure that there are no more than 2 decimal places."),
        (
            {"hours": "4", "absence": "sick"},
            "hours",
            "An absent day has no hours: enter 0, or choose present.",
        ),
        (
            {"hours": "0.5", "absence": "other"},
            "hours",
            "An absent day has no hours: enter 0, or choose present.",
        ),
        (
            {"date": "2026-03-01"},
            "date",
            "Choose a day within the placement, from 2 March 2026 to 13 March 2026.",
        ),
        (
            {"date": "2026-03-14"},
            "date",
            "Choose a day within the placement, from 2 March 2026 to 13 March 2026.",
        ),
        ({"date": "2026-13-45"}, "date", "Enter a valid date."),
        ({"date": ""}, "date", "This field is required."),
        (
            {"absence": "holiday"},
            "absence",
            "Select a valid choice. holiday is not one of the available choices.",
        ),
        ({"note": "x" * 501}, "note", "Ensure this value has at most 500 characters (it has 501)."),
    ],
)
def test_daylog_save_bad_input_shows_message_at_field_and_saves_nothing(
    client, supervisor_a, placement_a, overrides, field, message
):
    client.force_login(supervisor_a)
    _english(client)

    response = _post_day(client, placement_a, **overrides)

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {field: [message]}
    assert DayLog.objects.count() == 0
    assert response.templates[0].name == "placements/hours/daylog_form.html"


def test_daylog_save_bad_input_keeps_what_was_typed(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = _post_day(client, placement_a, hours="25", note="Bijna klaar")

    content = response.content.decode()
    assert 'value="25"' in content
    assert "Bijna klaar</textarea>" in content
    assert 'id="error_1_id_hours"' in content


def test_daylog_save_bad_input_on_existing_day_leaves_it_unchanged(
    client, supervisor_a, placement_a
):
    DayLogFactory(placement=placement_a, date=D(2026, 3, 4), hours=Decimal(6))
    client.force_login(supervisor_a)

    _post_day(client, placement_a, hours="25")

    assert DayLog.objects.get().hours == Decimal(6)


def test_daylog_save_other_placement_is_unaffected(client, supervisor_a, placement_a, placement_b):
    DayLogFactory(placement=placement_b, date=D(2026, 3, 4), hours=Decimal(6))
    client.force_login(supervisor_a)

    _post_day(client, placement_a)

    rows = set(DayLog.objects.values_list("placement_id", "hours"))
    assert rows == {(placement_a.pk, Decimal("7.5")), (placement_b.pk, Decimal(6))}


# --- correct a day ---------------------------------------------------------------------------


@pytest.fixture
def day_a(placement_a):
    return DayLogFactory(placement=placement_a, date=D(2026, 3, 4), hours=Decimal(6), note="Boren")


def test_daylog_edit_logged_out_redirects_to_login(client, placement_a, day_a):
    url = _url("daylog_edit", placement_a, day_a.pk)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


def test_daylog_edit_put_is_405(client, supervisor_a, placement_a, day_a):
    client.force_login(supervisor_a)

    response = client.put(_url("daylog_edit", placement_a, day_a.pk))

    assert response.status_code == 405


@pytest.mark.parametrize("persona", OTHER_SIDE)
@pytest.mark.parametrize("method", ["get", "post"])
def test_daylog_edit_other_side_is_404(client, request, placement_a, day_a, persona, method):
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(_url("daylog_edit", placement_a, day_a.pk), {"hours": "1"})

    day_a.refresh_from_db()
    assert response.status_code == 404
    assert day_a.hours == Decimal(6)


@pytest.mark.parametrize("persona", SCHOOL_SIDE)
@pytest.mark.parametrize("method", ["get", "post"])
def test_daylog_edit_school_side_is_403(client, request, placement_a, day_a, persona, method):
    client.force_login(request.getfixturevalue(persona))
    data = {"date": "2026-03-04", "hours": "1", "absence": "present"}

    response = getattr(client, method)(_url("daylog_edit", placement_a, day_a.pk), data)

    day_a.refresh_from_db()
    assert response.status_code == 403
    assert day_a.hours == Decimal(6)


def test_daylog_edit_get_shows_the_day_filled_in(client, supervisor_a, placement_a, day_a):
    client.force_login(supervisor_a)

    response = client.get(_url("daylog_edit", placement_a, day_a.pk))

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial == {
        "date": D(2026, 3, 4),
        "hours": Decimal(6),
        "absence": Absence.PRESENT,
        "note": "Boren",
    }
    assert f'action="{_url("daylog_delete", placement_a, day_a.pk)}"' in response.content.decode()


def test_daylog_edit_post_corrects_the_day(client, supervisor_a, placement_a, day_a):
    client.force_login(supervisor_a)
    _english(client)
    data = {"date": "2026-03-05", "hours": "7.25", "absence": "present", "note": "Zagen"}

    response = client.post(_url("daylog_edit", placement_a, day_a.pk), data)

    day_a.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#hours"
    assert (day_a.date, day_a.hours, day_a.note) == (D(2026, 3, 5), Decimal("7.25"), "Zagen")
    assert DayLog.objects.count() == 1
    assert _messages(response) == ["The day of 5 March 2026 is corrected."]


def test_daylog_edit_post_onto_a_recorded_date_is_refused(client, supervisor_a, placement_a, day_a):
    DayLogFactory(placement=placement_a, date=D(2026, 3, 5))
    client.force_login(supervisor_a)
    _english(client)
    data = {"date": "2026-03-05", "hours": "1", "absence": "present"}

    response = client.post(_url("daylog_edit", placement_a, day_a.pk), data)

    day_a.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "date": ["5 March 2026 is already recorded: change that day instead."]
    }
    assert (day_a.date, day_a.hours) == (D(2026, 3, 4), Decimal(6))
    assert DayLog.objects.count() == 2


def test_daylog_edit_post_hours_25_is_refused(client, supervisor_a, placement_a, day_a):
    client.force_login(supervisor_a)
    _english(client)
    data = {"date": "2026-03-04", "hours": "25", "absence": "present"}

    response = client.post(_url("daylog_edit", placement_a, day_a.pk), data)

    day_a.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"hours": ["Enter between 0 and 24 hours."]}
    assert day_a.hours == Decimal(6)


def test_daylog_edit_day_of_another_placement_is_404(
    client, supervisor_a, placement_a, placement_b
):
    other = DayLogFactory(placement=placement_b, date=D(2026, 3, 4))
    client.force_login(supervisor_a)

    response = client.get(_url("daylog_edit", placement_a, other.pk))

    assert response.status_code == 404


# --- delete a day ----------------------------------------------------------------------------


def test_daylog_delete_logged_out_redirects_to_login(client, placement_a, day_a):
    url = _url("daylog_delete", placement_a, day_a.pk)

    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"
    assert DayLog.objects.count() == 1


def test_daylog_delete_get_is_405(client, supervisor_a, placement_a, day_a):
    client.force_login(supervisor_a)

    response = client.get(_url("daylog_delete", placement_a, day_a.pk))

    assert response.status_code == 405
    assert DayLog.objects.count() == 1


@pytest.mark.parametrize("persona", OTHER_SIDE)
def test_daylog_delete_other_side_is_404(client, request, placement_a, day_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("daylog_delete", placement_a, day_a.pk))

    assert response.status_code == 404
    assert DayLog.objects.count() == 1


@pytest.mark.parametrize("persona", SCHOOL_SIDE)
def test_daylog_delete_school_side_is_403(client, request, placement_a, day_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("daylog_delete", placement_a, day_a.pk))

    assert response.status_code == 403
    assert DayLog.objects.count() == 1


@pytest.mark.parametrize("persona", COMPANY_SIDE)
def test_daylog_delete_company_side_deletes_the_day(client, request, placement_a, day_a, persona):
    client.force_login(request.getfixturevalue(persona))
    _english(client)

    response = client.post(_url("daylog_delete", placement_a, day_a.pk))

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#hours"
    assert DayLog.objects.count() == 0
    assert _messages(response) == ["The day of 4 March 2026 is deleted."]


def test_daylog_delete_twice_says_already_deleted(client, supervisor_a, placement_a, day_a):
    client.force_login(supervisor_a)
    _english(client)
    client.post(_url("daylog_delete", placement_a, day_a.pk))

    response = client.post(_url("daylog_delete", placement_a, day_a.pk))

    assert response.status_code == 302
    assert _messages(response) == [
        "The day of 4 March 2026 is deleted.",
        "That day was already deleted.",
    ]


def test_daylog_delete_day_of_another_placement_leaves_it(
    client, supervisor_a, placement_a, placement_b
):
    other = DayLogFactory(placement=placement_b, date=D(2026, 3, 4))
    client.force_login(supervisor_a)

    client.post(_url("daylog_delete", placement_a, other.pk))

    assert list(DayLog.objects.all()) == [other]


# --- the calendar file -----------------------------------------------------------------------


def _events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_schedule_ics_logged_out_redirects_to_login(client, lintstage_a):
    url = _url("schedule_ics", lintstage_a)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


def test_schedule_ics_post_is_405(client, supervisor_a, lintstage_a):
    client.force_login(supervisor_a)

    response = client.post(_url("schedule_ics", lintstage_a))

    assert response.status_code == 405


@pytest.mark.parametrize("persona", OTHER_SIDE)
def test_schedule_ics_other_side_is_404(client, request, lintstage_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_url("schedule_ics", lintstage_a))

    assert response.status_code == 404


def test_schedule_ics_other_schools_placement_is_404(client, coordinator_a, company_b, school_b):
    placement = PlacementFactory(
        student=StudentFactory(school=school_b),
        company=company_b,
        kind=PlacementKind.LINTSTAGE,
        weekday=Weekday.TUESDAY,
        start_date=D(2027, 4, 6),
        end_date=D(2027, 5, 4),
    )
    client.force_login(coordinator_a)

    response = client.get(_url("schedule_ics", placement))

    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a", "staff"])
def test_schedule_ics_anyone_who_sees_the_placement_downloads_it(
    client, request, lintstage_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_url("schedule_ics", lintstage_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="stagerooster-sanne-2027-04-06.ics"'
    )


def test_schedule_ics_has_one_event_per_day_without_kings_day(client, supervisor_a, lintstage_a):
    client.force_login(supervisor_a)
    _english(client)

    response = client.get(_url("schedule_ics", lintstage_a))

    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Stagegids//Lintstage schedule//NL"
    assert [e.decoded("DTSTART").date() for e in events] == [
        D(2027, 4, 6),
        D(2027, 4, 13),
        D(2027, 4, 20),
        D(2027, 5, 4),
    ]
    assert uids == [
        f"{lintstage_a.public_id}-{day}@stagegids"
        for day in ["20270406", "20270413", "20270420", "20270504"]
    ]
    assert len(set(uids)) == 4
    assert {str(e["LOCATION"]) for e in events} == {"Industrieweg 1, 3542 AD Utrecht"}
    assert {str(e["SUMMARY"]) for e in events} == {"Internship at Warmtetechniek Alfa B.V."}
    assert events[0].decoded("DTSTART").isoformat() == "2027-04-06T07:30:00+02:00"
    assert events[0].decoded("DTEND").isoformat() == "2027-04-06T16:00:00+02:00"
    assert all("DTSTAMP" in e for e in events)


def test_schedule_ics_over_christmas_has_all_day_events(
    client, supervisor_a, christmas_lintstage_a
):
    client.force_login(supervisor_a)

    response = client.get(_url("schedule_ics", christmas_lintstage_a))

    events = _events(response)
    assert [e.decoded("DTSTART") for e in events] == [
        D(2026, 12, 4),
        D(2026, 12, 11),
        D(2026, 12, 18),
        D(2027, 1, 8),
        D(2027, 1, 15),
    ]
    assert response["Content-Disposition"] == (
        'attachment; filename="stagerooster-zoe-2026-12-04.ics"'
    )


def test_schedule_ics_same_download_twice_keeps_the_uids(client, supervisor_a, lintstage_a):
    client.force_login(supervisor_a)

    first = _events(client.get(_url("schedule_ics", lintstage_a)))
    second = _events(client.get(_url("schedule_ics", lintstage_a)))

    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second]


@pytest.mark.parametrize("kind", [PlacementKind.BLOKSTAGE, PlacementKind.SNUFFELSTAGE])
def test_schedule_ics_without_weekly_schedule_is_404(client, supervisor_a, placement_a, kind):
    placement_a.kind = kind
    placement_a.save(update_fields=["kind"])
    client.force_login(supervisor_a)

    response = client.get(_url("schedule_ics", placement_a))

    assert response.status_code == 404


# --- query counts ----------------------------------------------------------------------------


def _detail_queries(client, placement):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(placement.get_absolute_url())
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a"])
@pytest.mark.parametrize("kind", [PlacementKind.LINTSTAGE, PlacementKind.LEERWERKTRAJECT])
def test_placement_detail_hours_queries_do_not_grow_with_days(
    client, request, company_a, supervisor_a, school_a, teacher_a, persona, kind
):
    def build():
        student = StudentFactory(school=school_a, teacher=teacher_a)
        lintstage = kind == PlacementKind.LINTSTAGE
        return PlacementFactory(
            student=student,
            company=company_a,
            supervisor=supervisor_a,
            kind=kind,
            weekday=Weekday.MONDAY if lintstage else None,
            planned_hours=None if lintstage else 640,
            start_date=D(2026, 1, 5),
            end_date=D(2026, 12, 28),
        )

    one, thirty = build(), build()
    DayLogFactory(placement=one, date=D(2026, 1, 5))
    for week in range(30):
        DayLogFactory(placement=thirty, date=D(2026, 1, 5) + datetime.timedelta(weeks=week))
    client.force_login(request.getfixturevalue(persona))

    queries_one = _detail_queries(client, one)
    queries_thirty = _detail_queries(client, thirty)

    assert queries_thirty == queries_one


@pytest.mark.parametrize("kind", [PlacementKind.BLOKSTAGE, PlacementKind.LEERWERKTRAJECT])
def test_the_week_section_costs_the_same_with_an_empty_or_a_full_week(
    client, monkeypatch, company_a, supervisor_a, school_a, kind
):
    """The section opens with this week's working days, each with its day log or its
    one-tap button: a week of five logged days costs no more queries than an empty one."""
    thursday = D(2026, 12, 3)
    monkeypatch.setattr(timezone, "localdate", lambda *args: thursday)

    def build():
        return PlacementFactory(
            student=StudentFactory(school=school_a),
            company=company_a,
            supervisor=supervisor_a,
            kind=kind,
            status=PlacementStatus.ACTIVE,
            planned_hours=640 if kind == PlacementKind.LEERWERKTRAJECT else None,
            start_date=D(2026, 11, 2),
            end_date=D(2027, 3, 26),
            daily_start_time=datetime.time(8, 0),
            daily_end_time=datetime.time(16, 30),
        )

    empty, full = build(), build()
    for day in range(4):  # Monday to Thursday of this week
        DayLogFactory(placement=full, date=D(2026, 11, 30) + datetime.timedelta(days=day))
    client.force_login(supervisor_a)

    def shown(placement):
        """The number of queries, and the week's days and one-tap buttons."""
        with CaptureQueriesContext(connection) as queries:
            response = client.get(placement.get_absolute_url())
        assert response.status_code == 200
        content = response.content.decode()
        start = content.index('id="hours-week"')
        week = content[start : content.index("</ul>", start)]
        one_taps = week.count('name="absence" value="present"')
        return len(queries.captured_queries), week.count('id="hours-week-2026-'), one_taps

    queries_empty, days_empty, taps_empty = shown(empty)
    queries_full, days_full, taps_full = shown(full)

    assert queries_full == queries_empty
    assert (days_empty, days_full) == (5, 5)  # Monday to Friday
    assert (taps_empty, taps_full) == (4, 0)  # up to today, where nothing is recorded


@pytest.mark.parametrize("days", [1, 30])
def test_hours_summary_is_one_query(django_assert_num_queries, lintstage_a, days):
    lintstage_a.end_date = D(2027, 12, 28)
    lintstage_a.save(update_fields=["end_date"])
    for week in range(days):
        DayLogFactory(placement=lintstage_a, date=D(2027, 4, 6) + datetime.timedelta(weeks=week))

    with django_assert_num_queries(1):
        summary = hours_summary(lintstage_a, today=D(2027, 6, 1))

    assert summary.totals.days_present == days

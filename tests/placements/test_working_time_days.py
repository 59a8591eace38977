"""#10 (2): recorded days against the working-time limits of the pupil's age. Saving,
correcting or removing a day marks the days of its week that break a limit and clears
the others; stating another age checks every recorded day again."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from placements.models import Absence, DayLog, PlacementStatus
from placements.services.hours import daylog_change, daylog_delete, daylog_record
from placements.services.working_time import placement_working_time_save
from stagegids.workspace.attention import coordinated_placements, working_time_over

pytestmark = pytest.mark.django_db

D = datetime.date
MONDAY = D(2026, 3, 2)  # placement_a runs from Monday 2 to Friday 13 March 2026


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _day(placement, by, offset, hours):
    return daylog_record(
        placement,
        date=MONDAY + datetime.timedelta(days=offset),
        hours=Decimal(hours),
        absence=Absence.PRESENT,
        by=by,
    )


def _marked(placement):
    return sorted(
        log.date.day for log in DayLog.objects.filter(placement=placement, exceeds_limit=True)
    )


def test_a_day_over_the_day_limit_is_marked_and_one_within_it_is_not(placement_a, supervisor_a):
    over = _day(placement_a, supervisor_a, 0, "8")  # at 15: at most 7
    within = _day(placement_a, supervisor_a, 1, "7")

    assert (over.exceeds_limit, within.exceeds_limit) == (True, False)
    assert _marked(placement_a) == [2]


def test_correcting_the_day_clears_its_mark(placement_a, supervisor_a):
    over = _day(placement_a, supervisor_a, 0, "8")

    corrected = daylog_change(
        over, date=over.date, hours=Decimal(7), absence=Absence.PRESENT, by=supervisor_a
    )

    assert corrected.exceeds_limit is False
    assert _marked(placement_a) == []


def test_a_week_over_the_limit_with_the_school_hours_marks_that_week_only(
    placement_a, supervisor_a
):
    placement_a.school_hours_per_week = Decimal(4)
    placement_a.save(update_fields=["school_hours_per_week"])
    for offset in range(5):  # 5 x 7 = 35 at the company, + 4 at school: 39 > 35
        _day(placement_a, supervisor_a, offset, "7")
    _day(placement_a, supervisor_a, 7, "7")  # the next Monday, a week of 7 + 4

    assert _marked(placement_a) == [2, 3, 4, 5, 6]


def test_removing_a_day_checks_its_week_again(placement_a, supervisor_a):
    for offset in range(5):
        _day(placement_a, supervisor_a, offset, "7")
    extra = _day(placement_a, supervisor_a, 5, "1")  # Saturday: 36 hours
    assert _marked(placement_a) == [2, 3, 4, 5, 6, 7]

    daylog_delete(extra, by=supervisor_a)

    assert _marked(placement_a) == []


def test_another_age_checks_every_recorded_day_again(placement_a, supervisor_a, coordinator_a):
    _day(placement_a, supervisor_a, 0, "8")
    _day(placement_a, supervisor_a, 7, "8")
    assert _marked(placement_a) == [2, 9]

    placement_working_time_save(
        placement_a, by=coordinator_a, pupil_age=16, school_hours_per_week=None
    )
    assert _marked(placement_a) == []  # at 16: 9 hours a day

    placement_working_time_save(
        placement_a, by=coordinator_a, pupil_age=14, school_hours_per_week=None
    )
    assert _marked(placement_a) == [2, 9]


def test_without_an_age_no_day_is_marked(placement_a, supervisor_a):
    placement_a.pupil_age = None
    placement_a.save(update_fields=["pupil_age"])

    assert _day(placement_a, supervisor_a, 0, "10").exceeds_limit is False
    assert _marked(placement_a) == []


def test_a_day_that_changes_no_mark_writes_none(placement_a, supervisor_a):
    _day(placement_a, supervisor_a, 0, "6")

    with CaptureQueriesContext(connection) as queries:
        _day(placement_a, supervisor_a, 1, "6")

    marks = [q["sql"] for q in queries.captured_queries if "exceeds_limit" in q["sql"]]
    assert not any(sql.lstrip().upper().startswith("UPDATE") for sql in marks)


def test_the_page_and_the_coordinator_see_the_marked_day(
    client, placement_a, supervisor_a, coordinator_a
):
    placement_a.status = PlacementStatus.ACTIVE
    placement_a.save(update_fields=["status"])
    _day(placement_a, supervisor_a, 0, "8")
    client.force_login(coordinator_a)

    page = client.get(placement_a.get_absolute_url())
    listed = working_time_over(coordinated_placements(coordinator_a), today=D(2026, 3, 10))
    overview = client.get(reverse("placements:list"), {"attention": "working_time"})

    assert page.status_code == 200
    content = page.content.decode()
    assert 'id="working-time-days-over"' in content
    assert "1 recorded day is over a working-time limit" in content
    assert [p.pk for p in listed.rows] == [placement_a.pk]
    assert overview.status_code == 200
    assert [p.pk for p in overview.context["page"]] == [placement_a.pk]


def test_a_placement_within_the_limits_is_not_listed(
    client, placement_a, supervisor_a, coordinator_a
):
    placement_a.status = PlacementStatus.ACTIVE
    placement_a.save(update_fields=["status"])
    _day(placement_a, supervisor_a, 0, "7")
    client.force_login(coordinator_a)

    page = client.get(placement_a.get_absolute_url())
    listed = working_time_over(coordinated_placements(coordinator_a), today=D(2026, 3, 10))

    assert page.status_code == 200
    assert 'id="working-time-days-over"' not in page.content.decode()
    assert listed.rows == [] and listed.total == 0

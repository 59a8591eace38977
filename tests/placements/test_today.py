"""#9: the page "Today": who is expected at the company today, and the day's work (hours,
checklist, feedback) a tap away, with htmx and without."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from placements.forms import PlacementForm
from placements.models import (
    Absence,
    DayLog,
    FeedbackMoment,
    Phase,
    PlacementKind,
    Programme,
    Weekday,
)
from placements.models import PlacementStatus as Status
from placements.selectors.hours import hours_summary
from placements.selectors.today import ITEMS_PER_INTERN, interns_today, is_expected_on
from stagegids.core.templatetags.hours import hours
from tests.factories import (
    ChecklistItemFactory,
    DayLogFactory,
    FeedbackMomentFactory,
    PlacementFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
#: A Thursday.
TODAY = D(2026, 12, 3)
TODAY_URL = reverse("placements:today")
LATER = D(2027, 3, 1)
YESTERDAY, TOMORROW = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Today is TODAY, also for the times things are done (a tick's ``done_at``)."""
    noon = datetime.datetime.combine(TODAY, T(12, 0), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: noon)
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def _intern(company, supervisor, school, *, name="Daan", **fields):
    defaults = {
        "kind": PlacementKind.BLOKSTAGE,
        "status": Status.ACTIVE,
        "start_date": D(2026, 11, 30),
        "end_date": D(2026, 12, 11),
        "daily_start_time": T(7, 30),
        "daily_end_time": T(16, 0),
    }
    student = StudentFactory(school=school, given_name=name, surname="Visser")
    return PlacementFactory(
        student=student, company=company, supervisor=supervisor, **(defaults | fields)
    )


@pytest.fixture
def blok(company_a, supervisor_a, school_a, teacher_a):
    placement = _intern(company_a, supervisor_a, school_a)
    placement.student.teacher = teacher_a
    placement.student.save()
    return placement


def _page(client, user, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    response = client.get(TODAY_URL)
    assert response.status_code == 200
    return response.content.decode()


def _names(today):
    return [intern.placement.student.given_name for intern in today.expected], [
        intern.placement.student.given_name for intern in today.others
    ]


# --- who is expected -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "day", "expected"),
    [
        ({}, TODAY, True),  # a blokstage on a Thursday of its period
        ({}, D(2026, 12, 5), False),  # ... not on its Saturday
        ({}, D(2026, 11, 27), False),  # ... nor before its start
        ({}, D(2026, 12, 14), False),  # ... nor after its end
        (
            {
                "kind": PlacementKind.LINTSTAGE,
                "weekday": Weekday.THURSDAY,
                "end_date": D(2027, 3, 1),
            },
            TODAY,
            True,
        ),
        (
            {
                "kind": PlacementKind.LINTSTAGE,
                "weekday": Weekday.TUESDAY,
                "end_date": D(2027, 3, 1),
            },
            TODAY,
            False,
        ),
        (
            {
                "kind": PlacementKind.LEERWERKTRAJECT,
                "planned_hours": 640,
                "work_days": [Weekday.TUESDAY, Weekday.THURSDAY],
                "end_date": D(2027, 7, 1),
            },
            TODAY,
            True,
        ),
        (
            {
                "kind": PlacementKind.LEERWERKTRAJECT,
                "planned_hours": 640,
                "work_days": [Weekday.MONDAY, Weekday.TUESDAY],
                "end_date": D(2027, 7, 1),
            },
            TODAY,
            False,
        ),
        (  # a leerwerktraject without agreed days: Monday to Friday
            {
                "kind": PlacementKind.LEERWERKTRAJECT,
                "planned_hours": 640,
                "end_date": D(2027, 7, 1),
            },
            D(2026, 12, 4),
            True,
        ),
    ],
)
def test_an_intern_is_expected_on_the_agreed_days_of_the_period(
    company_a, supervisor_a, school_a, fields, day, expected
):
    placement = _intern(company_a, supervisor_a, school_a, **fields)

    assert is_expected_on(placement, day, holiday=None) is expected


def test_nobody_is_expected_on_a_public_holiday(company_a, supervisor_a, school_a):
    christmas = D(2026, 12, 25)  # a Friday
    placement = _intern(company_a, supervisor_a, school_a, end_date=D(2027, 1, 8))

    today = interns_today(supervisor_a, today=christmas)

    assert today.holiday == "Christmas Day"
    assert _names(today) == ([], ["Daan"])
    assert is_expected_on(placement, christmas, holiday=today.holiday) is False


def test_the_page_names_the_holiday(client, supervisor_a, blok, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 12, 25))
    blok.end_date = D(2027, 1, 8)
    blok.save()

    page = _page(client, supervisor_a, "nl")

    assert "Eerste kerstdag" in page
    assert 'id="today-holiday"' in page
    assert 'id="today-expected"' not in page


def test_expected_interns_come_first_then_the_others_mine_before_colleagues(
    company_a, supervisor_a, school_a
):
    colleague = PlacementFactory(company=company_a).supervisor
    _intern(company_a, colleague, school_a, name="Anna")
    _intern(company_a, supervisor_a, school_a, name="Zeno")
    _intern(
        company_a,
        supervisor_a,
        school_a,
        name="Bram",
        kind=PlacementKind.LINTSTAGE,
        weekday=Weekday.MONDAY,
        end_date=D(2027, 3, 1),
    )

    assert _names(interns_today(supervisor_a, today=TODAY)) == (["Zeno", "Anna"], ["Bram"])


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.PROPOSED, Status.COMPLETED, Status.CANCELLED, Status.DECLINED]
)
def test_placements_that_are_not_under_way_are_not_listed(
    company_a, supervisor_a, school_a, status
):
    _intern(company_a, supervisor_a, school_a, status=status)

    assert _names(interns_today(supervisor_a, today=TODAY)) == ([], [])


def test_a_day_recorded_on_a_day_off_lists_the_intern_as_expected(supervisor_a, blok):
    blok.kind, blok.weekday, blok.end_date = PlacementKind.LINTSTAGE, Weekday.MONDAY, D(2027, 3, 1)
    blok.save()
    DayLogFactory(placement=blok, date=TODAY)

    assert _names(interns_today(supervisor_a, today=TODAY)) == (["Daan"], [])


def test_the_page_shows_only_interns_the_user_sees(client, supervisor_a, blok, placement_b):
    placement_b.status, placement_b.start_date, placement_b.end_date = (
        Status.ACTIVE,
        D(2026, 11, 30),
        D(2026, 12, 11),
    )
    placement_b.save()

    page = _page(client, supervisor_a)

    assert "Daan Visser" in page
    assert "Noor" not in page
    assert str(placement_b.public_id) not in page


def test_the_school_reads_along_without_record_or_tick_buttons(client, teacher_a, blok):
    ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY, text="Rondleiding gegeven")

    page = _page(client, teacher_a)

    assert "Daan Visser" in page
    assert "Hours not recorded yet." in page
    assert "Present, 8 h" not in page
    assert "Tick off" not in page  # an item for the company to tick


def test_a_user_without_interns_today_is_told_so(client, coordinator_b):
    page = _page(client, coordinator_b)

    assert "No intern is expected today." in page


# --- what is due ---------------------------------------------------------------------


def test_the_card_lists_the_first_open_items_of_the_current_phase(supervisor_a, blok):
    ChecklistItemFactory(placement=blok, phase=Phase.BEFORE_START, text="Voor de start")
    first_day = [
        ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY, text=f"Eerste dag {n}")
        for n in range(ITEMS_PER_INTERN + 2)
    ]
    first_day[0].done_at = timezone.now() - datetime.timedelta(days=3)
    first_day[0].save()
    ChecklistItemFactory(placement=blok, phase=Phase.DURING, text="Tijdens")

    (intern,) = interns_today(supervisor_a, today=TODAY).expected

    assert intern.phase == Phase.FIRST_DAY
    assert [item.text for item in intern.items] == [
        f"Eerste dag {n}" for n in range(1, ITEMS_PER_INTERN + 1)
    ]
    assert intern.more_items == 1


def test_an_item_ticked_today_stays_on_the_card_with_its_undo(supervisor_a, blok):
    ticked = ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY, text="Vandaag gedaan")
    ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY, text="Nog open")
    ticked.done_at = timezone.now()
    ticked.save()

    (intern,) = interns_today(supervisor_a, today=timezone.localtime().date()).expected

    assert [(item.text, item.is_done) for item in intern.items] == [
        ("Vandaag gedaan", True),
        ("Nog open", False),
    ]


def test_feedback_moments_due_are_those_planned_until_today_and_not_done(supervisor_a, blok):
    FeedbackMomentFactory(
        placement=blok, title="Gisteren", planned_on=TODAY - datetime.timedelta(1)
    )
    FeedbackMomentFactory(placement=blok, title="Vandaag", planned_on=TODAY)
    FeedbackMomentFactory(placement=blok, title="Morgen", planned_on=TOMORROW)
    FeedbackMomentFactory(placement=blok, title="Gedaan", planned_on=TODAY, done_at=timezone.now())
    FeedbackMomentFactory(placement=blok, title="Ongepland", planned_on=None)

    (intern,) = interns_today(supervisor_a, today=TODAY).expected

    assert [moment.title for moment in intern.feedback] == ["Gisteren", "Vandaag"]


@pytest.mark.parametrize("count", [1, 8])
def test_the_page_runs_the_same_queries_for_one_or_many_interns(
    client, company_a, supervisor_a, school_a, count
):
    for n in range(count):
        placement = _intern(company_a, supervisor_a, school_a, name=f"Intern{n}")
        ChecklistItemFactory(placement=placement, phase=Phase.FIRST_DAY)
        FeedbackMomentFactory(placement=placement, planned_on=TODAY)
        DayLogFactory(placement=placement, date=TODAY - datetime.timedelta(1))
    client.force_login(supervisor_a)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(TODAY_URL)

    assert response.status_code == 200
    assert response.content.decode().count('class="card mb-3 today-intern"') == count
    # session, user, memberships, placements, today's day logs, items, feedback moments
    assert len(queries) == 7


# --- the taps ------------------------------------------------------------------------


def _present(client, placement, *, htmx=True, **fields):
    data = {"back": "today", "date": TODAY.isoformat(), "hours": "8.00", "absence": "present"}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("placements:daylog_save", args=[placement.public_id]), data | fields, **headers
    )


def test_one_tap_records_the_agreed_hours_and_redraws_the_card(client, supervisor_a, blok):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(supervisor_a)

    response = _present(client, blok)

    assert response.status_code == 200
    card = response.content.decode()
    assert card.lstrip().startswith("<li") and "<html" not in card
    assert f'id="intern-{blok.public_id}"' in card
    assert "recorded" in card and "Present, 8 h" in card
    day = DayLog.objects.get(placement=blok)
    assert (day.date, day.hours, day.absence, day.recorded_by) == (
        TODAY,
        Decimal(8),
        Absence.PRESENT,
        supervisor_a,
    )


def test_without_javascript_the_tap_comes_back_to_the_page(client, supervisor_a, blok):
    client.force_login(supervisor_a)

    response = _present(client, blok, htmx=False)

    assert response.status_code == 302
    assert response["Location"] == f"{TODAY_URL}#intern-{blok.public_id}"
    assert DayLog.objects.filter(placement=blok, date=TODAY).exists()


def test_other_hours_or_an_absence_are_recorded_from_the_card(client, supervisor_a, blok):
    client.force_login(supervisor_a)

    _present(client, blok, hours="6,5")
    assert DayLog.objects.get(placement=blok).hours == Decimal("6.5")
    _present(client, blok, hours="8", absence=Absence.SICK)

    day = DayLog.objects.get(placement=blok)  # the same day, corrected
    assert (day.hours, day.absence) == (Decimal(0), Absence.SICK)


def test_refused_hours_show_at_the_field_in_the_card_and_save_nothing(client, supervisor_a, blok):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    client.force_login(supervisor_a)

    response = _present(client, blok, hours="30")

    assert response.status_code == 200
    card = response.content.decode()
    assert "Vul 0 tot en met 24 uur in." in card
    assert f'id="day-{blok.public_id}-form" open' in card
    assert not DayLog.objects.exists()

    response = _present(client, blok, htmx=False, hours="30")
    assert response.status_code == 302
    assert "Vul 0 tot en met 24 uur in." in client.get(TODAY_URL).content.decode()
    assert not DayLog.objects.exists()


def test_a_date_other_than_today_cannot_sneak_in_after_the_end(client, supervisor_a, blok):
    client.force_login(supervisor_a)

    response = _present(client, blok, date="2026-12-04")  # tomorrow

    assert response.status_code == 200
    assert not DayLog.objects.exists()


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_the_school_may_not_record_hours_from_the_page(client, request, blok, persona):
    client.force_login(request.getfixturevalue(persona))

    assert _present(client, blok).status_code == 403
    assert not DayLog.objects.exists()


def test_another_company_cannot_reach_the_card(client, supervisor_b, blok):
    client.force_login(supervisor_b)

    assert _present(client, blok).status_code == 404
    item = ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY)
    url = reverse("placements:checklist_item", args=[blok.public_id, item.pk])
    assert client.post(url, {"back": "today", "done": "1"}).status_code == 404
    assert not DayLog.objects.exists()
    item.refresh_from_db()
    assert not item.is_done


def test_a_tick_from_the_card_redraws_the_card_with_the_undo(client, supervisor_a, blok):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    item = ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY, text="Rondleiding")
    client.force_login(supervisor_a)
    url = reverse("placements:checklist_item", args=[blok.public_id, item.pk])

    response = client.post(url, {"back": "today", "done": "1"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    card = response.content.decode()
    assert f'id="intern-{blok.public_id}"' in card
    assert f'id="today-item-{item.pk}"' in card and ">Undo<" in card
    item.refresh_from_db()
    assert item.is_done and item.done_by == supervisor_a

    response = client.post(url, {"back": "today", "done": "0"})
    assert response.status_code == 302
    assert response["Location"] == f"{TODAY_URL}#intern-{blok.public_id}"
    item.refresh_from_db()
    assert not item.is_done


def test_a_refused_tick_shows_its_reason_in_the_card(client, supervisor_a, blok):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    item = ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY)
    client.force_login(supervisor_a)
    url = reverse("placements:checklist_item", args=[blok.public_id, item.pk])

    response = client.post(
        url, {"back": "today", "done": "1", "note": "x" * 501}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    item.refresh_from_db()
    assert not item.is_done


def test_a_feedback_moment_is_marked_done_from_the_card(client, supervisor_a, blok):
    moment = FeedbackMomentFactory(placement=blok, title="Tussenevaluatie", planned_on=TODAY)
    client.force_login(supervisor_a)
    url = reverse("placements:feedback_done", args=[blok.public_id, moment.pk])

    response = client.post(url, {"back": "today"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "Tussenevaluatie" not in response.content.decode()
    moment.refresh_from_db()
    assert moment.done_at is not None
    assert FeedbackMoment.objects.filter(done_at__isnull=True).count() == 0


def test_a_card_whose_period_no_longer_runs_today_sends_htmx_to_the_page(
    client, supervisor_a, blok
):
    client.force_login(supervisor_a)
    item = ChecklistItemFactory(placement=blok, phase=Phase.FIRST_DAY)
    blok.end_date = TODAY - datetime.timedelta(days=1)
    blok.save()
    url = reverse("placements:checklist_item", args=[blok.public_id, item.pk])

    response = client.post(url, {"back": "today", "done": "1"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{TODAY_URL}#intern-{blok.public_id}"


def test_the_dashboard_leads_a_supervisor_to_the_page(client, supervisor_a, teacher_a):
    client.force_login(supervisor_a)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert 'id="dashboard-today"' in response.content.decode()

    client.force_login(teacher_a)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert 'id="dashboard-today"' not in response.content.decode()


# --- a leerwerktraject's working days ------------------------------------------------

LEERWERK = {
    "kind": PlacementKind.LEERWERKTRAJECT,
    "start_date": "2026-09-01",
    "end_date": "2027-07-01",
    "planned_hours": "640",
}


def _terms(placement, **fields):
    """The admin's placement form for ``placement`` with a leerwerktraject's terms."""
    data = {
        "student": placement.student_id,
        "company": placement.company_id,
        "supervisor": placement.supervisor_id,
        "status": placement.status,
        **LEERWERK,
        **fields,
    }
    return PlacementForm(data, instance=placement)


def test_a_leerwerktraject_agrees_its_working_days(placement_a):
    placement_a.student.programme = Programme.VMBO_B
    placement_a.student.save()
    company = placement_a.company
    company.sbb_recognised, company.sbb_number = True, "SBB000001"
    company.sbb_valid_until = D(2099, 12, 31)
    company.save()
    form = _terms(placement_a, work_days=["3", "1"])

    assert form.is_valid(), form.errors
    assert form.cleaned_data["work_days"] == [1, 3]
    placement = form.save()
    assert placement.work_days == [1, 3]
    assert placement.expected_weekdays == (1, 3)
    with translation.override("en"):
        assert placement.work_days_display == "Tuesday, Thursday"
    with translation.override("nl"):
        assert placement.work_days_display == "dinsdag, donderdag"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": PlacementKind.BLOKSTAGE, "end_date": "2026-09-12", "planned_hours": ""},
            "Working days are only for a leerwerktraject; a lintstage has its weekday.",
        ),
        ({}, "Select a valid choice. 7 is not one of the available choices."),
    ],
)
def test_working_days_are_refused_outside_a_leerwerktraject_or_the_week(placement_a, data, message):
    days = ["7"] if not data else ["1"]
    form = _terms(placement_a, **data, work_days=days)

    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["work_days"] == [message]


def test_admin_form_refuses_a_list_that_is_not_weekdays(placement_a):
    placement_a.kind, placement_a.planned_hours = PlacementKind.LEERWERKTRAJECT, 640
    placement_a.work_days = ["maandag"]

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            placement_a.full_clean()
        assert refused.value.message_dict["work_days"] == [
            "Choose the working days from Monday to Sunday."
        ]
    assert PlacementForm.base_fields["work_days"].required is False


def test_the_hours_week_follows_the_working_days(company_a, supervisor_a, school_a):
    placement = _intern(
        company_a,
        supervisor_a,
        school_a,
        kind=PlacementKind.LEERWERKTRAJECT,
        planned_hours=640,
        work_days=[Weekday.TUESDAY, Weekday.THURSDAY],
        end_date=D(2027, 7, 1),
    )

    week = hours_summary(placement, today=TODAY).week

    assert [day.date for day in week] == [D(2026, 12, 1), D(2026, 12, 3)]


# --- hours as people write them ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (Decimal("8.00"), "8", "8"),
        (Decimal("7.50"), "7,5", "7.5"),
        (Decimal("6.25"), "6,25", "6.25"),
        (Decimal("10"), "10", "10"),
        (Decimal(0), "0", "0"),
        (None, "", ""),
        ("nonsense", "", ""),
    ],
)
def test_hours_are_written_without_trailing_zeros(value, nl, en):
    with translation.override("nl"):
        assert hours(value) == nl
    with translation.override("en"):
        assert hours(value) == en

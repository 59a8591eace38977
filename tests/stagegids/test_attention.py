"""The coordinator's dashboard: the lists that need action, the counts and the charts."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from evaluations.models import EvaluationKind, EvaluationStatus
from placements.models import InsuranceAnswer, Phase, PlacementKind, PlacementStatus, SchoolRole
from stagegids.workspace.attention import (
    ATTENTION_LIST_SIZE,
    attention_lists,
    awaiting_review,
    coordinated_placements,
    counts_by_status_and_kind,
    overdue_feedback,
    past_end,
    starting_soon,
    starts_per_month,
)
from stagegids.workspace.selectors import dashboard_for_user
from tests.factories import (
    ChecklistItemFactory,
    CompanyFactory,
    CompanyMembershipFactory,
    DayLogFactory,
    EvaluationFactory,
    FeedbackMomentFactory,
    IntakeFactory,
    MessageFactory,
    PlacementFactory,
    SchoolMembershipFactory,
    StatusChangeFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/"
TODAY = datetime.date(2026, 3, 11)  # a Wednesday
ATTENTION_IDS = [
    "starting-soon-heading",
    "overdue-feedback-heading",
    "review-heading",
    "past-end-heading",
]


def days(n):
    return datetime.timedelta(days=n)


def pupil_placement(school, **fields):
    """A placement of a new pupil of ``school`` at a new company."""
    return PlacementFactory(student=StudentFactory(school=school), **fields)


def starting(school, on, **fields):
    """A planned blokstage of a pupil of ``school`` that starts ``on`` and lasts two weeks."""
    return pupil_placement(school, start_date=on, end_date=on + days(11), **fields)


def running(school, status=PlacementStatus.ACTIVE, *, today=TODAY):
    """A placement of a pupil of ``school`` that started before ``today`` and has not ended."""
    return pupil_placement(
        school, status=status, start_date=today - days(20), end_date=today + days(20)
    )


def ended(school, on, status):
    return pupil_placement(school, status=status, start_date=on - days(11), end_date=on)


def ready(placement):
    """The before-the-start checklist done and both insurance questions answered."""
    ChecklistItemFactory(placement=placement, phase=Phase.BEFORE_START, done_at=timezone.now())
    IntakeFactory(placement=placement)
    return placement


def school_scope(user):
    return coordinated_placements(user)


def pks(attention_list):
    return [row.pk for row in attention_list.rows]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- starting within a week, not ready -------------------------------------------------------


def test_starting_soon_contains_exactly_the_unprepared_starts_of_the_coming_week(
    coordinator_a, school_a
):
    in_seven_days = starting(school_a, TODAY + days(7))  # no intake: insurance open
    starting(school_a, TODAY + days(8))
    starting(school_a, TODAY - days(1))
    today_draft = starting(school_a, TODAY, status=PlacementStatus.DRAFT)
    ready(starting(school_a, TODAY + days(2)))
    material_unknown = starting(school_a, TODAY + days(3))
    IntakeFactory(placement=material_unknown, insured_material_damage=InsuranceAnswer.UNKNOWN)
    accidents_unknown = starting(school_a, TODAY + days(4))
    IntakeFactory(placement=accidents_unknown, insured_accidents=InsuranceAnswer.UNKNOWN)
    checklist_open = ready(starting(school_a, TODAY + days(5)))
    ChecklistItemFactory(placement=checklist_open, phase=Phase.BEFORE_START)
    first_day_item_open = ready(starting(school_a, TODAY + days(5)))
    ChecklistItemFactory(placement=first_day_item_open, phase=Phase.FIRST_DAY)
    starting(school_a, TODAY + days(1), status=PlacementStatus.CANCELLED)
    starting(school_a, TODAY + days(1), status=PlacementStatus.ACTIVE)

    listed = starting_soon(school_scope(coordinator_a), today=TODAY)

    assert [(p.pk, p.checklist_open, p.insurance_open) for p in listed.rows] == [
        (today_draft.pk, False, True),
        (material_unknown.pk, False, True),
        (accidents_unknown.pk, False, True),
        (checklist_open.pk, True, False),
        (in_seven_days.pk, False, True),
    ]
    assert listed.total == 5


def test_starting_soon_with_open_checklist_and_no_intake_flags_both(coordinator_a, school_a):
    placement = starting(school_a, TODAY + days(1))
    ChecklistItemFactory(placement=placement, phase=Phase.BEFORE_START)

    listed = starting_soon(school_scope(coordinator_a), today=TODAY)

    assert [(p.pk, p.checklist_open, p.insurance_open) for p in listed.rows] == [
        (placement.pk, True, True)
    ]


def test_starting_soon_when_prepared_is_empty(coordinator_a, school_a):
    ready(starting(school_a, TODAY))

    listed = starting_soon(school_scope(coordinator_a), today=TODAY)

    assert (listed.rows, listed.total) == ([], 0)


# --- overdue feedback moments ----------------------------------------------------------------


def test_overdue_feedback_contains_exactly_the_missed_moments_of_running_placements(
    coordinator_a, school_a
):
    active = running(school_a)
    yesterday = FeedbackMomentFactory(placement=active, planned_on=TODAY - days(1))
    FeedbackMomentFactory(placement=active, planned_on=TODAY)
    FeedbackMomentFactory(placement=active, planned_on=None)
    FeedbackMomentFactory(placement=active, planned_on=TODAY - days(1), done_at=timezone.now())
    closing = running(school_a, PlacementStatus.CLOSING)
    long_ago = FeedbackMomentFactory(placement=closing, planned_on=TODAY - days(10))
    planned = running(school_a, PlacementStatus.PLANNED)
    planned_moment = FeedbackMomentFactory(placement=planned, planned_on=TODAY - days(2))
    for status in (PlacementStatus.CANCELLED, PlacementStatus.COMPLETED, PlacementStatus.DRAFT):
        FeedbackMomentFactory(placement=running(school_a, status), planned_on=TODAY - days(3))

    listed = overdue_feedback(school_scope(coordinator_a), today=TODAY)

    assert pks(listed) == [long_ago.pk, planned_moment.pk, yesterday.pk]
    assert listed.total == 3


# --- assessments waiting for review ----------------------------------------------------------


def test_awaiting_review_contains_exactly_the_submitted_assessments(coordinator_a, school_a):
    submitted = EvaluationFactory(placement=running(school_a), status=EvaluationStatus.SUBMITTED)
    midterm = EvaluationFactory(
        placement=submitted.placement,
        kind=EvaluationKind.MIDTERM,
        status=EvaluationStatus.SUBMITTED,
    )
    for status in (EvaluationStatus.DRAFT, EvaluationStatus.RETURNED, EvaluationStatus.APPROVED):
        EvaluationFactory(placement=running(school_a), status=status)

    listed = awaiting_review(school_scope(coordinator_a))

    assert pks(listed) == [submitted.pk, midterm.pk]
    assert listed.total == 2


# --- past the end date -----------------------------------------------------------------------


def test_past_end_contains_exactly_the_unfinished_placements_that_ended(coordinator_a, school_a):
    closing = ended(school_a, TODAY - days(1), PlacementStatus.CLOSING)
    active = ended(school_a, TODAY - days(30), PlacementStatus.ACTIVE)
    draft = ended(school_a, TODAY - days(5), PlacementStatus.DRAFT)
    planned = ended(school_a, TODAY - days(2), PlacementStatus.PLANNED)
    ended(school_a, TODAY - days(1), PlacementStatus.COMPLETED)
    ended(school_a, TODAY - days(1), PlacementStatus.CANCELLED)
    ended(school_a, TODAY, PlacementStatus.ACTIVE)

    listed = past_end(school_scope(coordinator_a), today=TODAY)

    assert pks(listed) == [active.pk, draft.pk, planned.pk, closing.pk]
    assert listed.total == 4


def test_past_end_shows_the_first_five_rows_and_counts_them_all(coordinator_a, school_a):
    placements = [ended(school_a, TODAY - days(30 - i), PlacementStatus.ACTIVE) for i in range(23)]

    listed = past_end(school_scope(coordinator_a), today=TODAY)

    assert ATTENTION_LIST_SIZE == 5
    assert pks(listed) == [p.pk for p in placements[:5]]
    assert (listed.total, listed.is_cut_off) == (23, True)


# --- scope -----------------------------------------------------------------------------------


def needing_every_kind_of_attention(school):
    """One placement of ``school`` in each attention list on ``TODAY``."""
    soon = starting(school, TODAY + days(1))
    moment = FeedbackMomentFactory(placement=running(school), planned_on=TODAY - days(1))
    evaluation = EvaluationFactory(placement=running(school), status=EvaluationStatus.SUBMITTED)
    late = ended(school, TODAY - days(1), PlacementStatus.CLOSING)
    registered = starting(school, TODAY + days(20), status=PlacementStatus.REGISTERED)
    proposed = starting(school, TODAY + days(30), status=PlacementStatus.PROPOSED, supervisor=None)
    answer = accepted(school, at=TODAY - days(2))
    over = running(school)
    DayLogFactory(placement=over, date=TODAY - days(3), hours=Decimal(9), exceeds_limit=True)
    return {
        "registrations": [registered.pk],
        "starting_soon": [soon.pk],
        "overdue_feedback": [moment.pk],
        "awaiting_review": [evaluation.pk],
        "past_end": [late.pk],
        "working_time": [over.pk],
        "proposals": [proposed.pk],
        "answers": [answer.pk],
    }


def accepted(school, *, at, from_status=PlacementStatus.PROPOSED):
    """A proposal the other side accepted on ``at``: its status change."""
    placement = starting(school, TODAY + days(40))
    return StatusChangeFactory(
        placement=placement,
        from_status=from_status,
        to_status=PlacementStatus.PLANNED,
        at=timezone.make_aware(datetime.datetime.combine(at, datetime.time(10))),
    )


def listed_pks(lists):
    return {name: pks(listed) for name, listed in lists.items()}


def test_attention_lists_never_show_another_schools_placements(
    coordinator_a, coordinator_b, school_a, school_b
):
    expected_b = needing_every_kind_of_attention(school_b)

    lists_a = attention_lists(school_scope(coordinator_a), today=TODAY)
    lists_b = attention_lists(school_scope(coordinator_b), today=TODAY)

    assert listed_pks(lists_a) == {name: [] for name in expected_b}
    assert listed_pks(lists_b) == expected_b


def test_attention_lists_leave_out_other_schools_pupils_at_the_coordinators_own_company(
    coordinator_a, school_a, school_b
):
    # A coordinator who is also company admin sees that company's placements, but the
    # attention lists are about the pupils of the schools they coordinate.
    company = CompanyFactory()
    CompanyMembershipFactory(company=company, user=coordinator_a, is_company_admin=True)
    other = ended(school_b, TODAY - days(1), PlacementStatus.ACTIVE)
    other.company = company
    other.save(update_fields=["company"])
    own = ended(school_a, TODAY - days(1), PlacementStatus.ACTIVE)

    listed = past_end(school_scope(coordinator_a), today=TODAY)

    assert pks(listed) == [own.pk]


def test_attention_lists_for_staff_cover_every_school(staff, school_a, school_b):
    expected_a = needing_every_kind_of_attention(school_a)
    expected_b = needing_every_kind_of_attention(school_b)

    lists = attention_lists(coordinated_placements(staff), today=TODAY)

    assert {name: sorted(rows) for name, rows in listed_pks(lists).items()} == {
        name: sorted(expected_a[name] + expected_b[name]) for name in expected_a
    }


def test_coordinated_placements_for_a_teacher_only_is_empty(teacher_a, school_a, placement_a):
    assert list(coordinated_placements(teacher_a)) == []


# --- counts and charts -----------------------------------------------------------------------


def test_counts_per_status_and_kind_are_exact(coordinator_a, school_a, school_b):
    for status, kind, n in [
        (PlacementStatus.PLANNED, PlacementKind.BLOKSTAGE, 3),
        (PlacementStatus.ACTIVE, PlacementKind.BLOKSTAGE, 2),
        (PlacementStatus.ACTIVE, PlacementKind.SNUFFELSTAGE, 1),
        (PlacementStatus.COMPLETED, PlacementKind.SNUFFELSTAGE, 4),
        (PlacementStatus.CANCELLED, PlacementKind.BLOKSTAGE, 1),
    ]:
        for _ in range(n):
            pupil_placement(school_a, status=status, kind=kind)
    pupil_placement(
        school_a,
        status=PlacementStatus.DRAFT,
        kind=PlacementKind.MEELOOPDAG,
        start_date=TODAY,
        end_date=TODAY,
    )
    pupil_placement(school_b, status=PlacementStatus.CLOSING)

    charts = counts_by_status_and_kind(school_scope(coordinator_a))

    assert charts["by_status"].values == {
        "proposed": 0,
        "registered": 0,
        "draft": 1,
        "planned": 3,
        "active": 3,
        "closing": 0,
        "completed": 4,
        "declined": 0,
        "cancelled": 1,
    }
    assert charts["by_kind"].values == {
        "snuffelstage": 5,
        "meeloopdag": 1,
        "lintstage": 0,
        "blokstage": 6,
        "leerwerktraject": 0,
    }
    assert (charts["by_status"].total, charts["by_kind"].total) == (12, 12)
    assert [bar.percent for bar in charts["by_kind"].bars] == [70.83, 14.17, 0, 85, 0]


def test_starts_per_month_counts_the_twelve_months_around_today(coordinator_a, school_a):
    for start in [
        datetime.date(2025, 9, 30),  # before the first month shown
        datetime.date(2025, 10, 1),
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 9, 30),
        datetime.date(2026, 10, 1),  # after the last month shown
    ]:
        starting(school_a, start)
    starting(school_a, datetime.date(2026, 3, 15), status=PlacementStatus.CANCELLED)

    chart = starts_per_month(school_scope(coordinator_a), today=TODAY)

    months = [datetime.date(2025, month, 1) for month in (10, 11, 12)] + [
        datetime.date(2026, month, 1) for month in range(1, 10)
    ]
    assert [bar.key for bar in chart.bars] == months
    assert chart.values == {month: 0 for month in months} | {
        datetime.date(2025, 10, 1): 1,
        datetime.date(2026, 3, 1): 2,
        datetime.date(2026, 9, 1): 1,
    }
    assert [bar.key for bar in chart.bars if bar.is_current] == [datetime.date(2026, 3, 1)]
    assert [bar.column_height for bar in chart.bars if bar.value] == [60, 120, 60]


# --- the dashboard page ----------------------------------------------------------------------


def test_dashboard_coordinator_shows_attention_then_charts_then_the_school(
    english, coordinator_a, school_a, school_b
):
    today = timezone.localdate()
    soon = starting(school_a, today + days(2))
    ChecklistItemFactory(placement=soon, phase=Phase.BEFORE_START)
    IntakeFactory(placement=soon)
    moment = FeedbackMomentFactory(
        placement=running(school_a, today=today), planned_on=today - days(1)
    )
    evaluation = EvaluationFactory(
        placement=running(school_a, today=today), status=EvaluationStatus.SUBMITTED
    )
    late = ended(school_a, today - days(1), PlacementStatus.CLOSING)
    other_school = starting(school_b, today + days(2))
    english.force_login(coordinator_a)

    response = english.get(DASHBOARD_URL)

    content = response.content.decode()
    assert response.status_code == 200
    positions = [
        content.index(f'id="{heading}"')
        for heading in ["attention-heading", *ATTENTION_IDS, "charts-heading", "school-heading"]
    ]
    assert positions == sorted(positions)
    assert f'href="{soon.get_absolute_url()}#checklists"' in content
    assert f'href="{soon.get_absolute_url()}#intake"' not in content
    assert f'href="{moment.placement.get_absolute_url()}#feedback"' in content
    assert f'href="{evaluation.placement.get_absolute_url()}#evaluations"' in content
    review_url = reverse("evaluations:edit", args=[evaluation.placement.public_id, evaluation.kind])
    assert f'href="{review_url}"' in content
    assert f'href="{late.get_absolute_url()}#status"' in content
    assert other_school.get_absolute_url() not in content
    assert "Nothing needs your attention right now." not in content


def test_dashboard_coordinator_shows_only_the_lists_that_have_rows(
    english, coordinator_a, school_a
):
    late = ended(school_a, timezone.localdate() - days(1), PlacementStatus.ACTIVE)
    english.force_login(coordinator_a)

    response = english.get(DASHBOARD_URL)

    content = response.content.decode()
    assert [heading for heading in ATTENTION_IDS if f'id="{heading}"' in content] == [
        "past-end-heading"
    ]
    assert f'href="{late.get_absolute_url()}#status"' in content


def test_dashboard_coordinator_with_nothing_to_do_says_so(english, coordinator_a, school_a):
    ready(starting(school_a, timezone.localdate() + days(3)))
    english.force_login(coordinator_a)

    response = english.get(DASHBOARD_URL)

    content = response.content.decode()
    assert 'id="attention-heading"' in content
    assert "Nothing needs your attention right now." in content
    assert [heading for heading in ATTENTION_IDS if f'id="{heading}"' in content] == []
    assert 'id="charts-heading"' in content


def test_dashboard_coordinator_sees_unread_messages_among_what_needs_attention(
    english, coordinator_a, supervisor_a, placement_a
):
    ready(placement_a)
    MessageFactory(placement=placement_a, author=supervisor_a)
    english.force_login(coordinator_a)

    response = english.get(DASHBOARD_URL)

    content = response.content.decode()
    assert content.count('id="unread-heading"') == 1
    assert content.index('id="attention-heading"') < content.index('id="unread-heading"')
    assert content.index('id="unread-heading"') < content.index('id="charts-heading"')
    assert f'href="{placement_a.get_absolute_url()}#messages"' in content
    assert "Nothing needs your attention right now." not in content


def test_dashboard_coordinator_says_how_many_a_long_list_has(english, coordinator_a, school_a):
    for n in range(23):
        ended(school_a, timezone.localdate() - days(n + 1), PlacementStatus.ACTIVE)
    english.force_login(coordinator_a)

    response = english.get(DASHBOARD_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "The first 5 of 23." in content
    assert content.count("#status") == 5


@pytest.mark.parametrize("persona", ["supervisor_a", "teacher_a"])
def test_dashboard_supervisor_and_teacher_get_no_attention_section(
    client, request, placement_a, persona
):
    placement_a.status = PlacementStatus.ACTIVE
    placement_a.end_date = timezone.localdate() - days(1)
    placement_a.start_date = placement_a.end_date - days(11)
    placement_a.save(update_fields=["status", "start_date", "end_date"])
    client.force_login(request.getfixturevalue(persona))

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "attention" not in response.context
    assert "charts" not in response.context
    assert 'id="attention-heading"' not in content
    assert 'id="charts-heading"' not in content


def test_dashboard_charts_show_every_number_as_text_and_in_a_table(
    english, coordinator_a, school_a
):
    today = timezone.localdate()
    for _ in range(2):
        starting(school_a, today, status=PlacementStatus.PLANNED)
    starting(school_a, today, status=PlacementStatus.ACTIVE, kind=PlacementKind.SNUFFELSTAGE)
    english.force_login(coordinator_a)

    response = english.get(DASHBOARD_URL)

    content = response.content.decode()
    status_chart = content[content.index('id="chart-status"') : content.index('id="chart-kind"')]
    assert re.findall(r'class="chart-value"[^>]*>(\d+)<', status_chart) == [
        "0",
        "0",
        "0",
        "2",
        "1",
        "0",
        "0",
        "0",
        "0",
    ]
    assert re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', status_chart) == [
        ("Proposed to the company", "0"),
        ("Registered by the company", "0"),
        ("Draft", "0"),
        ("Planned", "2"),
        ("Active", "1"),
        ("Closing", "0"),
        ("Completed", "0"),
        ("Declined", "0"),
        ("Cancelled", "0"),
    ]
    assert '<title id="chart-status-title">Placements per status</title>' in status_chart
    assert 'width="85%"' in status_chart
    assert 'width="42.5%"' in status_chart
    month_chart = content[content.index('id="chart-month"') :]
    assert (
        re.findall(r'class="chart-value"[^>]*>(\d+)<', month_chart) == ["0"] * 5 + ["3"] + ["0"] * 6
    )


def test_dashboard_charts_keep_decimal_points_in_dutch(client, coordinator_a, school_a):
    today = timezone.localdate()
    for _ in range(2):
        starting(school_a, today, status=PlacementStatus.PLANNED)
    starting(school_a, today, status=PlacementStatus.ACTIVE)
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert 'width="42.5%"' in content
    assert 'width="42,5%"' not in content


def test_dashboard_coordinator_without_placements_shows_no_charts(client, coordinator_a):
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert 'id="attention-heading"' in content
    assert 'id="charts-heading"' not in content


def test_dashboard_has_no_inline_styles_or_scripts(client, coordinator_a, school_a):
    needing_every_kind_of_attention(school_a)
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert "style=" not in content
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", content) == []


def test_dashboard_logged_out_redirects_to_login(client):
    response = client.get(DASHBOARD_URL)

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/")


def test_dashboard_post_is_405(client, coordinator_a):
    client.force_login(coordinator_a)

    response = client.post(DASHBOARD_URL)

    assert response.status_code == 405


def test_dashboard_ignores_nonsense_query_parameters(client, coordinator_a, school_a):
    needing_every_kind_of_attention(school_a)
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL, {"today": "2026-99-99", "status": "<x>"})

    assert response.status_code == 200


def test_dashboard_staff_who_coordinates_a_school_sees_only_that_school(staff, school_a, school_b):
    SchoolMembershipFactory(school=school_a, user=staff, role=SchoolRole.COORDINATOR)
    own = ended(school_a, timezone.localdate() - days(1), PlacementStatus.ACTIVE)
    ended(school_b, timezone.localdate() - days(1), PlacementStatus.ACTIVE)
    context = dashboard_for_user(staff)

    assert pks(context["attention"]["past_end"]) == [own.pk]


# --- query counts ----------------------------------------------------------------------------


def build_attention(school, n, *, today):
    """``n`` placements of ``school`` spread over every list, each its own pupil and
    company, with unread messages, so a missing join shows up as a query per row."""
    for i in range(n):
        match i % 8:
            case 0:
                starting(school, today + days(i % 7))
            case 1:
                FeedbackMomentFactory(
                    placement=running(school, today=today), planned_on=today - days(1)
                )
            case 2:
                EvaluationFactory(
                    placement=running(school, today=today), status=EvaluationStatus.SUBMITTED
                )
            case 3:
                ended(school, today - days(1 + i % 9), PlacementStatus.CLOSING)
            case 4:
                MessageFactory(placement=running(school, today=today))
            case 5:
                starting(school, today + days(30), status=PlacementStatus.REGISTERED)
            case 6:
                starting(school, today + days(30), status=PlacementStatus.PROPOSED, supervisor=None)
            case 7:
                StatusChangeFactory(
                    placement=starting(school, today + days(30)),
                    from_status=PlacementStatus.PROPOSED,
                    to_status=PlacementStatus.PLANNED,
                )


@pytest.mark.parametrize("size", [5, 200])
def test_dashboard_coordinator_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, size
):
    build_attention(school_a, size, today=timezone.localdate())
    client.force_login(coordinator_a)

    # session, user, company memberships, school memberships, eight attention lists,
    # counts per status and kind, starts per month, open placements, unread messages
    with django_assert_num_queries(16):
        response = client.get(DASHBOARD_URL)

    attention = dict(response.context["attention"])
    assert response.status_code == 200
    assert attention.pop("working_time").total == 0  # no day over a limit here
    # Situation i % 8 lands in one list: 5 registrations, 0 starting soon, 1 overdue
    # feedback, 2 to review, 3 past the end, (4 unread), 6 proposals, 7 answers.
    cases = [5, 0, 1, 2, 3, 6, 7]
    assert [attention[name].total for name in attention] == [
        len(range(case, size, 8)) for case in cases
    ]
    assert response.context["charts"]["by_status"].total == size


def test_recent_answers_start_at_midnight_fourteen_days_ago_local_time(placement_a, supervisor_a):
    from placements.models import StatusChange
    from stagegids.workspace.attention import RECENT_ANSWER_DAYS, recent_answers

    today = datetime.date(2027, 3, 15)
    first_day = today - datetime.timedelta(days=RECENT_ANSWER_DAYS)
    local = timezone.get_current_timezone()
    inside = datetime.datetime.combine(first_day, datetime.time(0, 0, 30), tzinfo=local)
    outside = inside - datetime.timedelta(minutes=1)  # 23:59:30 the evening before
    for at in (inside, outside):
        StatusChange.objects.create(
            placement=placement_a,
            from_status=PlacementStatus.PROPOSED,
            to_status=PlacementStatus.PLANNED,
            by=supervisor_a,
            at=at,
        )

    answers = recent_answers(
        placement_a.__class__.objects.all(), to_proposals=PlacementStatus.PROPOSED, today=today
    )

    assert [change.at for change in answers.rows] == [inside]


def test_coordinated_placements_are_those_of_the_coordinators_school_only(
    coordinator_a, school_a, school_b, placement_a
):
    PlacementFactory(student=StudentFactory(school=school_b))

    assert list(coordinated_placements(coordinator_a)) == [placement_a]


def test_coordinated_placements_for_an_inactive_coordinator_is_empty(coordinator_a, placement_a):
    coordinator_a.is_active = False
    coordinator_a.save(update_fields=["is_active"])

    assert list(coordinated_placements(coordinator_a)) == []


def test_coordinated_placements_for_staff_who_coordinate_a_school_is_that_school(
    staff, school_a, school_b, placement_a
):
    PlacementFactory(student=StudentFactory(school=school_b))
    SchoolMembershipFactory(school=school_a, user=staff, role=SchoolRole.COORDINATOR)

    assert list(coordinated_placements(staff)) == [placement_a]

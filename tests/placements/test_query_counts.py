"""Pages run a fixed number of queries, however many placements a person sees.

Every count includes the two queries of a logged-in request: the session and the user.
"""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    ChecklistItemFactory,
    DayLogFactory,
    FeedbackMomentFactory,
    IntakeFactory,
    MessageFactory,
    PlacementFactory,
    SchoolFactory,
    StatusChangeFactory,
    StudentFactory,
    TaskFactory,
    TaskRecordFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [1, 20]


@pytest.fixture
def build_visible(company_a, supervisor_a, school_a, teacher_a):
    """Return a function that makes ``n`` placements the persona sees, spread over relations.

    Each placement gets its own pupil and, where the persona allows it, its own school,
    company or supervisor, so a missing join shows up as one query per row.
    """

    def for_supervisor(n):
        return [
            PlacementFactory(
                student=StudentFactory(school=SchoolFactory()),
                company=company_a,
                supervisor=supervisor_a,
            )
            for _ in range(n)
        ]

    def for_coordinator(n):
        return [PlacementFactory(student=StudentFactory(school=school_a)) for _ in range(n)]

    def for_teacher(n):
        return [
            PlacementFactory(student=StudentFactory(school=school_a, teacher=teacher_a))
            for _ in range(n)
        ]

    def for_staff(n):
        return PlacementFactory.create_batch(n)

    builders = {
        "supervisor_a": for_supervisor,
        "coordinator_a": for_coordinator,
        "teacher_a": for_teacher,
        "staff": for_staff,
    }

    def build(persona, n):
        return builders[persona](n)

    return build


@pytest.fixture
def other_placements(company_b, supervisor_b, school_b):
    """Placements nobody but staff sees, so scoping has something to leave out."""
    return [
        PlacementFactory(
            student=StudentFactory(school=school_b), company=company_b, supervisor=supervisor_b
        )
        for _ in range(3)
    ]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a", "staff"])
def test_placement_list_queries_constant(
    client, request, django_assert_num_queries, build_visible, other_placements, persona, size
):
    build_visible(persona, size)
    client.force_login(request.getfixturevalue(persona))

    # session, user, the class and the company filter choices, paginator count, whether
    # the user may propose (coordinates a school) and register (works at a company), rows
    with django_assert_num_queries(7):
        response = client.get("/placements/")

    expected_rows = size + (3 if persona == "staff" else 0)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == expected_rows


@pytest.fixture
def journey_rows(placement_a, supervisor_a, coordinator_a):
    """Return a function that gives ``placement_a`` ``n`` rows in every part of its page:
    checklist items (ticked), day logs, task records, feedback moments, messages from
    both sides (already read) and status changes."""

    def build(n):
        placement = placement_a
        placement.start_date = datetime.date(2026, 1, 5)
        placement.end_date = datetime.date(2026, 6, 26)
        placement.save(update_fields=["start_date", "end_date"])
        for i in range(n):
            ChecklistItemFactory(placement=placement, done_at=timezone.now(), done_by=supervisor_a)
            DayLogFactory(placement=placement, date=placement.start_date + timedelta(days=i))
            TaskRecordFactory(placement=placement, task=TaskFactory(), recorded_by=supervisor_a)
            FeedbackMomentFactory(placement=placement, done_at=timezone.now(), done_by=supervisor_a)
            MessageFactory(placement=placement, author=(supervisor_a, coordinator_a)[i % 2])
            StatusChangeFactory(placement=placement, by=supervisor_a)
        IntakeFactory(placement=placement, support_needs="Korte instructies.")
        return placement

    return build


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize(
    ("persona", "queries"),
    [
        # session, user, the placement with its relations and intake, the user's two
        # memberships (what they may do), then per section: history; checklist items;
        # hours; work log; feedback moments; evaluations and the current form version;
        # messages (read mark, thread); what the next step waits for (the open
        # before-the-start items); the age band of the working-time rules; the work not
        # allowed at the pupil's age. The company side also gets the work-log form (its
        # task list).
        ("supervisor_a", 17),
        ("coordinator_a", 16),
        ("teacher_a", 16),
        ("staff", 17),
    ],
)
def test_placement_detail_queries_constant(
    client, request, django_assert_num_queries, journey_rows, persona, queries, size
):
    placement = journey_rows(size)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    client.get(placement.get_absolute_url())  # the first visit marks the thread read

    with django_assert_num_queries(queries):
        response = client.get(placement.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["thread_messages"]) == size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("persona", "queries"),
    [
        # session, user, company memberships, school memberships, then per role
        # (and, for members of a company or school, the placements with unread messages).
        # A coordinator's (staff: all schools') attention lists and charts: the seven lists
        # (registrations to confirm, starting soon, overdue feedback, to review, past the
        # end, proposals waiting for a company, recent answers), the counts per status and
        # kind, the starts per month, then the open placements of the school. Someone at
        # a company: proposals to answer, registrations waiting, the school's answers.
        ("supervisor_a", 10),  # + interns, 3 proposal lists, returned assessments, unread
        ("coordinator_a", 16),  # + 8 lists, 2 chart counts, open placements, unread
        ("teacher_a", 7),  # + followed pupils, assessments to review (school A lets them), unread
        ("staff", 15),  # + 8 lists, 2 chart counts, open placements (no unread list)
    ],
)
def test_dashboard_queries_constant(
    client,
    request,
    django_assert_num_queries,
    build_visible,
    other_placements,
    persona,
    queries,
    size,
):
    build_visible(persona, size)
    client.force_login(request.getfixturevalue(persona))

    with django_assert_num_queries(queries):
        response = client.get("/")

    assert response.status_code == 200

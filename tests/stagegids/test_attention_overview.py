"""#9 (6): each attention list of the coordinator's dashboard is a filter of the overview
that shows exactly its placements, and a cut-off card links to it; the overview finds a
pupil by student number."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from evaluations.models import EvaluationStatus
from placements.models import Phase, PlacementStatus
from stagegids.workspace.attention import (
    ATTENTION_LIST_SIZE,
    attention_lists,
    coordinated_placements,
)
from tests.factories import (
    ChecklistItemFactory,
    EvaluationFactory,
    FeedbackMomentFactory,
    IntakeFactory,
    PlacementFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/placements/"
S = PlacementStatus


def days(n):
    return datetime.timedelta(days=n)


def _placement(school, **fields):
    return PlacementFactory(student=StudentFactory(school=school), **fields)


@pytest.fixture
def situations(school_a, school_b):
    """Two placements of school A in each list, one of school A next to each list, and
    one of school B in each list."""
    today = timezone.localdate()
    made = {"starting_soon": [], "overdue_feedback": [], "awaiting_review": [], "past_end": []}
    for school in (school_a, school_a, school_b):
        soon = _placement(
            school, status=S.PLANNED, start_date=today + days(2), end_date=today + days(12)
        )
        ChecklistItemFactory(placement=soon, phase=Phase.BEFORE_START)
        running = _placement(
            school, status=S.ACTIVE, start_date=today - days(9), end_date=today + days(9)
        )
        FeedbackMomentFactory(placement=running, planned_on=today - days(1))
        FeedbackMomentFactory(placement=running, planned_on=today - days(2))  # two, one row
        reviewed = _placement(
            school, status=S.CLOSING, start_date=today - days(9), end_date=today + days(9)
        )
        EvaluationFactory(placement=reviewed, status=EvaluationStatus.SUBMITTED)
        late = _placement(
            school, status=S.ACTIVE, start_date=today - days(20), end_date=today - days(1)
        )
        if school == school_a:
            for name, placement in zip(made, [soon, running, reviewed, late], strict=True):
                made[name].append(placement)
    # Next to each list: ready in time, a moment done, an approved assessment, completed.
    ready = _placement(
        school_a, status=S.PLANNED, start_date=today + days(2), end_date=today + days(12)
    )
    ChecklistItemFactory(placement=ready, phase=Phase.BEFORE_START, done_at=timezone.now())
    IntakeFactory(placement=ready)
    done = _placement(school_a, status=S.ACTIVE, start_date=today - days(9), end_date=today)
    FeedbackMomentFactory(placement=done, planned_on=today - days(1), done_at=timezone.now())
    approved = _placement(
        school_a, status=S.CLOSING, start_date=today - days(9), end_date=today + days(9)
    )
    EvaluationFactory(placement=approved, status=EvaluationStatus.APPROVED)
    _placement(school_a, status=S.COMPLETED, start_date=today - days(20), end_date=today - days(1))
    return made


def _listed(response):
    return sorted(placement.pk for placement in response.context["page"].object_list)


@pytest.mark.parametrize(
    "name", ["starting_soon", "overdue_feedback", "awaiting_review", "past_end"]
)
def test_overview_filter_shows_exactly_the_placements_of_the_list(
    client, coordinator_a, situations, name
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"attention": name})

    assert response.status_code == 200
    expected = sorted(placement.pk for placement in situations[name])
    assert _listed(response) == expected
    lists = attention_lists(coordinated_placements(coordinator_a))
    rows = lists[name].rows
    on_the_list = sorted({getattr(row, "placement_id", row.pk) for row in rows})
    assert on_the_list == expected


def test_overview_ignores_an_unknown_attention_filter(client, coordinator_a, situations):
    client.force_login(coordinator_a)

    everything = client.get(LIST_URL)
    unknown = client.get(LIST_URL, {"attention": "nonsense\x00"})

    assert (everything.status_code, unknown.status_code) == (200, 200)
    assert _listed(unknown) == _listed(everything)


def test_a_cut_off_card_links_to_its_overview_filter(client, coordinator_a, school_a):
    today = timezone.localdate()
    for _ in range(ATTENTION_LIST_SIZE + 1):
        _placement(school_a, status=S.ACTIVE, start_date=today - days(9), end_date=today - days(1))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(coordinator_a)

    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert f"The first {ATTENTION_LIST_SIZE} of {ATTENTION_LIST_SIZE + 1}." in content
    assert '<a href="/placements/?attention=past_end">See them all in the overview</a>' in content
    listed = client.get(LIST_URL, {"attention": "past_end"})
    assert listed.context["page"].paginator.count == ATTENTION_LIST_SIZE + 1


def test_overview_search_finds_a_pupil_by_student_number(client, coordinator_a, school_a):
    wanted = _placement(school_a)
    wanted.student.student_number = "240117"
    wanted.student.save(update_fields=["student_number"])
    other = _placement(school_a)
    other.student.student_number = "2401170"
    other.student.save(update_fields=["student_number"])
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"q": "240117"})

    assert response.status_code == 200
    assert _listed(response) == [wanted.pk]


def test_overview_search_by_a_student_number_of_another_school_finds_nothing(
    client, coordinator_a, school_b
):
    elsewhere = _placement(school_b)
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"q": elsewhere.student.student_number})

    assert response.status_code == 200
    assert _listed(response) == []

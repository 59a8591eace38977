"""Pages run a fixed number of queries, however many placements a person sees.

Every count includes the two queries of a logged-in request: the session and the user.
"""

import pytest

from tests.factories import (
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
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

    # session, user, paginator count, page rows
    with django_assert_num_queries(4):
        response = client.get("/placements/")

    expected_rows = size + (3 if persona == "staff" else 0)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == expected_rows


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a", "staff"])
def test_placement_detail_queries_constant(
    client, request, django_assert_num_queries, build_visible, other_placements, persona, size
):
    placement = build_visible(persona, size)[-1]
    client.force_login(request.getfixturevalue(persona))

    # session, user, the placement with every relation joined, the user's company and
    # school memberships for the placement (what they may do on it)
    with django_assert_num_queries(5):
        response = client.get(placement.get_absolute_url())

    assert response.status_code == 200
    assert response.context["placement"] == placement


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("persona", "queries"),
    [
        # session, user, company memberships, school memberships, then per role:
        ("supervisor_a", 5),  # + interns
        ("coordinator_a", 6),  # + status counts, open placements of the school
        ("teacher_a", 5),  # + followed pupils
        ("staff", 6),  # + status counts, all open placements
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

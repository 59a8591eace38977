"""#9 (11): the dashboard shows the company the assessments the school returned, and a
teacher whose school lets teachers approve the assessments of their pupils to review."""

import pytest
from django.conf import settings
from django.urls import reverse

from evaluations.models import EvaluationKind, EvaluationStatus
from placements.models import PlacementStatus, SchoolRole
from tests.factories import (
    EvaluationFactory,
    PlacementFactory,
    SchoolMembershipFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

S = EvaluationStatus


def _dashboard(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response


def _edit(evaluation):
    return reverse("evaluations:edit", args=[evaluation.placement.public_id, evaluation.kind])


def test_supervisor_sees_a_returned_assessment_with_the_comment_and_a_revise_button(
    client, supervisor_a, placement_a
):
    returned = EvaluationFactory(
        placement=placement_a, status=S.RETURNED, review_comment="Vul de reflectie nog in."
    )

    response = _dashboard(client, supervisor_a)

    listed = response.context["returned_assessments"]
    assert (listed.total, listed.rows) == (1, [returned])
    content = response.content.decode()
    assert 'id="returned-heading">Assessments returned by the school' in content
    assert "The school: “Vul de reflectie nog in.”" in content
    assert f'href="{_edit(returned)}">Revise' in content


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.APPROVED])
def test_supervisor_dashboard_lists_only_returned_ones(client, supervisor_a, placement_a, status):
    EvaluationFactory(placement=placement_a, status=status)

    response = _dashboard(client, supervisor_a)

    assert response.context["returned_assessments"].total == 0
    assert 'id="returned-heading"' not in response.content.decode()


def test_returned_assessment_of_another_company_or_a_closed_placement_is_not_listed(
    client, supervisor_a, placement_a, placement_b
):
    EvaluationFactory(placement=placement_b, status=S.RETURNED)
    cancelled = PlacementFactory(
        company=placement_a.company, supervisor=supervisor_a, status=PlacementStatus.CANCELLED
    )
    EvaluationFactory(placement=cancelled, status=S.RETURNED)

    response = _dashboard(client, supervisor_a)

    assert response.context["returned_assessments"].total == 0


def test_school_side_gets_no_returned_list(client, coordinator_a, placement_a):
    EvaluationFactory(placement=placement_a, status=S.RETURNED)

    response = _dashboard(client, coordinator_a)

    assert "returned_assessments" not in response.context
    assert 'id="returned-heading"' not in response.content.decode()


def test_teacher_who_may_approve_sees_their_pupils_submitted_assessments(
    client, teacher_a, school_a, placement_a
):
    assert school_a.teachers_may_approve
    submitted = EvaluationFactory(placement=placement_a, status=S.SUBMITTED)
    # Another teacher's pupil of the same school, and a draft of their own: not theirs to review.
    other = PlacementFactory(student=StudentFactory(school=school_a))
    EvaluationFactory(placement=other, status=S.SUBMITTED)
    EvaluationFactory(placement=placement_a, kind=EvaluationKind.MIDTERM, status=S.DRAFT)

    response = _dashboard(client, teacher_a)

    listed = response.context["to_review"]
    assert (listed.total, listed.rows) == (1, [submitted])
    content = response.content.decode()
    assert 'id="to-review-heading">Assessments to review' in content
    assert f'href="{_edit(submitted)}">Review' in content


def test_teacher_whose_school_does_not_let_teachers_approve_gets_no_review_list(
    client, teacher_a, school_a, placement_a
):
    school_a.teachers_may_approve = False
    school_a.save(update_fields=["teachers_may_approve"])
    EvaluationFactory(placement=placement_a, status=S.SUBMITTED)

    response = _dashboard(client, teacher_a)

    assert "to_review" not in response.context
    assert 'id="to-review-heading"' not in response.content.decode()


def test_coordinator_who_also_teaches_finds_the_review_list_once(
    client, coordinator_a, school_a, placement_a
):
    SchoolMembershipFactory(user=coordinator_a, school=school_a, role=SchoolRole.TEACHER)
    placement_a.student.teacher = coordinator_a
    placement_a.student.save(update_fields=["teacher"])
    EvaluationFactory(placement=placement_a, status=S.SUBMITTED)

    content = _dashboard(client, coordinator_a).content.decode()

    assert 'id="review-heading"' in content  # among what needs attention
    assert 'id="to-review-heading"' not in content

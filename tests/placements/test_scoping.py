"""Who sees which placement: ``placements_for_user`` for every persona."""

import pytest

from companies.models import CompanyMembership
from placements.access import Memberships, memberships_of
from placements.models import SchoolMembership, SchoolRole
from placements.selectors import placements_for_user
from tests.factories import (
    CompanyMembershipFactory,
    PlacementFactory,
    SchoolMembershipFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague_a(company_a):
    """A plain supervisor at company A, next to the company admin supervisor_a."""
    return CompanyMembershipFactory(company=company_a).user


@pytest.fixture
def colleague_placement(company_a, colleague_a, school_a):
    """A school A pupil at company A, supervised by colleague_a and followed by nobody."""
    student = StudentFactory(school=school_a, given_name="Sem", surname="Jansen")
    return PlacementFactory(student=student, company=company_a, supervisor=colleague_a)


@pytest.fixture
def school_a_pupil_at_company_b(company_b, supervisor_b, school_a):
    """A school A pupil placed at the other company."""
    student = StudentFactory(school=school_a, given_name="Lotte", surname="Smit")
    return PlacementFactory(student=student, company=company_b, supervisor=supervisor_b)


def _pks(user):
    return set(placements_for_user(user).values_list("pk", flat=True))


def test_placements_for_user_staff_sees_all(staff, placement_a, placement_b, colleague_placement):
    expected = {placement_a.pk, placement_b.pk, colleague_placement.pk}

    visible = _pks(staff)

    assert visible == expected


def test_placements_for_user_company_admin_sees_whole_company(
    supervisor_a, placement_a, placement_b, colleague_placement, school_a_pupil_at_company_b
):
    visible = _pks(supervisor_a)

    assert visible == {placement_a.pk, colleague_placement.pk}


def test_placements_for_user_supervisor_sees_only_own(
    colleague_a, placement_a, placement_b, colleague_placement
):
    visible = _pks(colleague_a)

    assert visible == {colleague_placement.pk}


def test_placements_for_user_supervisor_without_membership_sees_none(
    colleague_a, company_a, placement_a, colleague_placement
):
    CompanyMembership.objects.filter(user=colleague_a, company=company_a).delete()

    visible = _pks(colleague_a)

    assert visible == set()


def test_placements_for_user_supervisor_b_sees_only_company_b(
    supervisor_b, placement_a, placement_b, school_a_pupil_at_company_b
):
    visible = _pks(supervisor_b)

    assert visible == {placement_b.pk, school_a_pupil_at_company_b.pk}


def test_placements_for_user_coordinator_sees_school_pupils_at_any_company(
    coordinator_a, placement_a, placement_b, colleague_placement, school_a_pupil_at_company_b
):
    expected = {placement_a.pk, colleague_placement.pk, school_a_pupil_at_company_b.pk}

    visible = _pks(coordinator_a)

    assert visible == expected


def test_placements_for_user_coordinator_b_sees_only_school_b(
    coordinator_b, placement_a, placement_b, school_a_pupil_at_company_b
):
    visible = _pks(coordinator_b)

    assert visible == {placement_b.pk}


def test_placements_for_user_teacher_sees_only_followed_pupils(
    teacher_a, placement_a, placement_b, colleague_placement, school_a_pupil_at_company_b
):
    visible = _pks(teacher_a)

    assert visible == {placement_a.pk}


def test_placements_for_user_teacher_without_membership_sees_none(teacher_a, school_a, placement_a):
    SchoolMembership.objects.filter(
        user=teacher_a, school=school_a, role=SchoolRole.TEACHER
    ).delete()

    visible = _pks(teacher_a)

    assert visible == set()


def test_placements_for_user_teacher_of_other_school_pupil_sees_none(
    teacher_a, school_b, company_b, supervisor_b
):
    # The pupil names teacher_a, but teacher_a has no membership at school B.
    student = StudentFactory(school=school_b, teacher=teacher_a)
    PlacementFactory(student=student, company=company_b, supervisor=supervisor_b)

    visible = _pks(teacher_a)

    assert visible == set()


def test_placements_for_user_outsider_sees_none(outsider, placement_a, placement_b):
    visible = _pks(outsider)

    assert visible == set()


@pytest.mark.parametrize("persona", ["staff", "supervisor_a", "coordinator_a", "teacher_a"])
def test_placements_for_user_inactive_sees_none(request, persona, placement_a, placement_b):
    user = request.getfixturevalue(persona)
    user.is_active = False
    user.save(update_fields=["is_active"])

    visible = _pks(user)

    assert visible == set()


def test_placements_for_user_coordinator_and_supervisor_sees_union_once(
    school_a,
    company_b,
    placement_a,
    placement_b,
    colleague_placement,
    school_a_pupil_at_company_b,
):
    user = UserFactory()
    SchoolMembershipFactory(user=user, school=school_a, role=SchoolRole.COORDINATOR)
    CompanyMembershipFactory(user=user, company=company_b, is_company_admin=True)
    expected = {
        placement_a.pk,
        colleague_placement.pk,
        school_a_pupil_at_company_b.pk,
        placement_b.pk,
    }

    visible = placements_for_user(user)

    assert set(visible.values_list("pk", flat=True)) == expected
    assert visible.count() == 4
    assert len(list(visible)) == 4


def test_placements_for_user_coordinator_and_teacher_sees_each_once(
    school_a, teacher_a, placement_a, colleague_placement
):
    # teacher_a follows placement_a's pupil and also coordinates the same school.
    SchoolMembershipFactory(user=teacher_a, school=school_a, role=SchoolRole.COORDINATOR)

    visible = placements_for_user(teacher_a)

    assert set(visible.values_list("pk", flat=True)) == {placement_a.pk, colleague_placement.pk}
    assert visible.count() == 2


def test_memberships_loaded_by_the_dashboard_scope_like_those_looked_up(
    supervisor_a, company_b, school_a, school_b, placement_a, placement_b, colleague_placement
):
    CompanyMembershipFactory(user=supervisor_a, company=company_b)  # plain member at B
    SchoolMembershipFactory(user=supervisor_a, school=school_a, role=SchoolRole.TEACHER)
    SchoolMembershipFactory(user=supervisor_a, school=school_b, role=SchoolRole.COORDINATOR)
    loaded = Memberships.of(
        supervisor_a.company_memberships.all(), supervisor_a.school_memberships.all()
    )

    assert loaded == memberships_of(supervisor_a)
    assert loaded.admin_of == {placement_a.company_id}
    assert loaded.companies == {placement_a.company_id, company_b.pk}
    assert (loaded.coordinates, loaded.teaches_at) == ({school_b.pk}, {school_a.pk})
    assert set(placements_for_user(supervisor_a, loaded)) == {
        placement_a,
        placement_b,
        colleague_placement,
    }

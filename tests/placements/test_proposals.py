"""Proposals at the service level: the school proposes and the company answers, the
company registers and the school answers; who may, what is refused, and who sees it.

Views, dashboards and query counts are in ``test_proposals_views.py``.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from placements.access import placement_access
from placements.models import (
    Message,
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    SchoolRole,
    StatusChange,
)
from placements.selectors import placements_for_user
from placements.services.lifecycle import (
    placement_accept,
    placement_cancel,
    placement_confirm,
    placement_decline,
)
from placements.services.proposals import (
    placement_propose,
    placement_register,
    placements_confirm_many,
)
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    PlacementFactory,
    SchoolMembershipFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

S = PlacementStatus
START = datetime.date(2026, 3, 2)  # a Monday
END = datetime.date(2026, 3, 13)
TERMS = {"kind": PlacementKind.BLOKSTAGE, "start_date": START, "end_date": END}
# The company's name ends in a full stop; the sentence adds its own.
ELSEWHERE = "The supervisor must work at Warmtetechniek Alfa B.V.."
NOTE = "Emma wil graag bij jullie de cv-ketels leren kennen."
OVERLAP = (
    "Emma Postma already has a placement from 2 March 2026 to 13 March 2026 that overlaps "
    "this period."
)


@pytest.fixture(autouse=True)
def english():
    """Assert on the English source texts, whatever translations exist."""
    with translation.override("en"):
        yield


@pytest.fixture
def colleague_a(company_a):
    """Works at company A without being its admin."""
    return CompanyMembershipFactory(company=company_a).user


@pytest.fixture
def pupil_a(school_a, teacher_a):
    """A vmbo-k pupil of school A, followed by teacher_a."""
    return StudentFactory(
        school=school_a,
        teacher=teacher_a,
        given_name="Emma",
        surname="Postma",
        student_number="2024001",
    )


def weeks(year, month, day):
    """Two weeks from the Monday ``year-month-day``, as the terms of a placement."""
    start = datetime.date(year, month, day)
    return {"start_date": start, "end_date": start + datetime.timedelta(days=11)}


def _propose(student, company, by, *, note="", **terms):
    return placement_propose(
        Placement(student=student, company=company, **(TERMS | terms)), by=by, note=note
    )


def _register(student, company, by, *, supervisor=None, note="", **terms):
    return placement_register(
        Placement(student=student, company=company, supervisor=supervisor, **(TERMS | terms)),
        by=by,
        note=note,
    )


@pytest.fixture
def proposal_a(pupil_a, company_a, coordinator_a):
    """School A proposes Emma to company A."""
    return _propose(pupil_a, company_a, coordinator_a, note=NOTE)


@pytest.fixture
def registration_a(pupil_a, company_a, colleague_a):
    """colleague_a registers Emma at company A (and so supervises her)."""
    return _register(pupil_a, company_a, colleague_a)


def _row(placement):
    return Placement.objects.values_list("status", "supervisor_id").get(pk=placement.pk)


def _changes(placement):
    return list(
        StatusChange.objects.filter(placement=placement)
        .order_by("pk")
        .values_list("from_status", "to_status", "by_id", "reason")
    )


def _thread(placement):
    return list(
        Message.objects.filter(placement=placement).order_by("pk").values_list("author_id", "body")
    )


# --- proposing ---------------------------------------------------------------------------


def test_propose_by_coordinator_saves_a_proposal_without_supervisor(
    proposal_a, coordinator_a, pupil_a, company_a
):
    assert (proposal_a.student, proposal_a.company) == (pupil_a, company_a)
    assert _row(proposal_a) == (S.PROPOSED, None)
    assert _changes(proposal_a) == [("", S.PROPOSED, coordinator_a.pk, "")]
    assert _thread(proposal_a) == [(coordinator_a.pk, NOTE)]


def test_propose_ignores_a_supervisor_chosen_by_the_school(
    pupil_a, company_a, coordinator_a, supervisor_a
):
    placement = Placement(student=pupil_a, company=company_a, supervisor=supervisor_a, **TERMS)

    placement_propose(placement, by=coordinator_a)

    assert _row(placement) == (S.PROPOSED, None)


@pytest.mark.parametrize("note", ["", "   \n "])
def test_propose_without_note_starts_no_thread(pupil_a, company_a, coordinator_a, note):
    placement = _propose(pupil_a, company_a, coordinator_a, note=note)

    assert _thread(placement) == []


def test_propose_by_staff_is_allowed(pupil_a, company_a, staff):
    placement = _propose(pupil_a, company_a, staff)

    assert _changes(placement) == [("", S.PROPOSED, staff.pk, "")]


@pytest.mark.parametrize("persona", ["coordinator_b", "teacher_a", "supervisor_a", "outsider"])
def test_propose_by_anyone_but_the_pupils_coordinator_is_refused(
    request, pupil_a, company_a, persona
):
    with pytest.raises(PermissionDenied):
        _propose(pupil_a, company_a, request.getfixturevalue(persona), note=NOTE)

    assert Placement.objects.count() == 0
    assert StatusChange.objects.count() == 0
    assert Message.objects.count() == 0


def test_propose_by_teacher_who_also_coordinates_another_school_is_refused(
    pupil_a, company_a, school_b, teacher_a
):
    SchoolMembershipFactory(school=school_b, user=teacher_a, role=SchoolRole.COORDINATOR)

    with pytest.raises(PermissionDenied):
        _propose(pupil_a, company_a, teacher_a)

    assert Placement.objects.count() == 0


# --- the rules apply to proposals and registrations --------------------------------------


def test_propose_overlapping_an_existing_placement_is_refused_at_start_date(
    pupil_a, company_a, company_b, coordinator_a, proposal_a
):
    with pytest.raises(ValidationError) as refused:
        _propose(pupil_a, company_b, coordinator_a, start_date=datetime.date(2026, 3, 9))

    assert refused.value.message_dict == {"start_date": [OVERLAP]}
    assert list(Placement.objects.values_list("pk", flat=True)) == [proposal_a.pk]


def test_propose_leerwerktraject_for_vmbo_k_pupil_is_refused_at_kind(
    pupil_a, coordinator_a, school_a
):
    recognised = CompanyFactory(recognised=True)

    with pytest.raises(ValidationError) as refused:
        _propose(
            pupil_a,
            recognised,
            coordinator_a,
            kind=PlacementKind.LEERWERKTRAJECT,
            end_date=datetime.date(2026, 12, 18),
            planned_hours=800,
        )

    assert refused.value.message_dict == {
        "kind": ["A leerwerktraject is only possible for vmbo-b pupils."]
    }
    assert Placement.objects.count() == 0


def test_propose_pro_pupil_at_company_without_sbb_recognition_is_refused_at_company(
    school_a, company_a, coordinator_a
):
    pro_pupil = StudentFactory(school=school_a, programme=Programme.PRO)

    with pytest.raises(ValidationError) as refused:
        _propose(pro_pupil, company_a, coordinator_a)

    assert refused.value.message_dict == {
        "company": [
            "This placement needs an SBB-recognised company, and Warmtetechniek Alfa B.V. has "
            "no recognition that is valid on 2 March 2026."
        ]
    }
    assert Placement.objects.count() == 0


def test_register_overlapping_a_proposal_is_refused_at_start_date(
    pupil_a, company_b, supervisor_b, proposal_a
):
    with pytest.raises(ValidationError) as refused:
        _register(pupil_a, company_b, supervisor_b)

    assert refused.value.message_dict == {"start_date": [OVERLAP]}
    assert list(Placement.objects.values_list("pk", flat=True)) == [proposal_a.pk]


# --- the company answers the school's proposal -------------------------------------------


@pytest.mark.parametrize("persona", ["supervisor_a", "colleague_a", "staff"])
def test_accept_by_company_member_plans_with_the_chosen_supervisor(
    request, proposal_a, coordinator_a, supervisor_a, persona
):
    accepter = request.getfixturevalue(persona)

    placement_accept(proposal_a, by=accepter, supervisor=supervisor_a)

    assert _row(proposal_a) == (S.PLANNED, supervisor_a.pk)
    assert (proposal_a.status, proposal_a.supervisor) == (S.PLANNED, supervisor_a)
    assert _changes(proposal_a) == [
        ("", S.PROPOSED, coordinator_a.pk, ""),
        (S.PROPOSED, S.PLANNED, accepter.pk, ""),
    ]


def test_accept_by_colleague_may_name_themselves(proposal_a, colleague_a):
    placement_accept(proposal_a, by=colleague_a, supervisor=colleague_a)

    assert _row(proposal_a) == (S.PLANNED, colleague_a.pk)


@pytest.mark.parametrize(
    "persona", ["supervisor_b", "coordinator_a", "coordinator_b", "teacher_a", "outsider"]
)
def test_accept_by_anyone_outside_the_company_is_refused(
    request, proposal_a, coordinator_a, supervisor_a, persona
):
    with pytest.raises(PermissionDenied):
        placement_accept(proposal_a, by=request.getfixturevalue(persona), supervisor=supervisor_a)

    assert _row(proposal_a) == (S.PROPOSED, None)
    assert _changes(proposal_a) == [("", S.PROPOSED, coordinator_a.pk, "")]


def test_accept_with_supervisor_from_another_company_is_refused_at_supervisor(
    proposal_a, supervisor_a, supervisor_b
):
    with pytest.raises(ValidationError) as refused:
        placement_accept(proposal_a, by=supervisor_a, supervisor=supervisor_b)

    assert refused.value.message_dict == {"supervisor": [ELSEWHERE]}
    assert _row(proposal_a) == (S.PROPOSED, None)
    assert len(_changes(proposal_a)) == 1


def test_accept_without_supervisor_is_refused(proposal_a, supervisor_a):
    with pytest.raises(ValidationError) as refused:
        placement_accept(proposal_a, by=supervisor_a, supervisor=None)

    assert refused.value.messages == ["Choose the supervisor who guides the intern."]
    assert _row(proposal_a) == (S.PROPOSED, None)
    assert len(_changes(proposal_a)) == 1


def test_accept_twice_is_refused_the_second_time(proposal_a, supervisor_a, colleague_a):
    placement_accept(proposal_a, by=supervisor_a, supervisor=supervisor_a)

    with pytest.raises(ValidationError) as refused:
        placement_accept(proposal_a, by=supervisor_a, supervisor=colleague_a)

    assert refused.value.messages == ["This placement is planned, so “Accept” is not possible."]
    assert _row(proposal_a) == (S.PLANNED, supervisor_a.pk)
    assert len(_changes(proposal_a)) == 2


def test_accept_of_a_stale_object_reads_the_status_again(proposal_a, supervisor_a, colleague_a):
    # Two tabs: the second still holds the placement as proposed.
    other_tab = Placement.objects.get(pk=proposal_a.pk)
    placement_decline(proposal_a, by=supervisor_a, reason="Geen plek meer.")

    with pytest.raises(ValidationError) as refused:
        placement_accept(other_tab, by=colleague_a, supervisor=colleague_a)

    assert refused.value.messages == ["This placement is declined, so “Accept” is not possible."]
    assert _row(proposal_a) == (S.DECLINED, None)


def test_accept_when_the_recognition_lapsed_since_the_proposal_is_refused_at_company(
    school_a, company_a, coordinator_a, supervisor_a
):
    company_a.sbb_recognised, company_a.sbb_number = True, "SBB000123"
    company_a.sbb_valid_until = datetime.date(2099, 12, 31)
    company_a.save()
    proposal = _propose(
        StudentFactory(school=school_a, programme=Programme.VSO), company_a, coordinator_a
    )
    company_a.sbb_valid_until = datetime.date(2026, 1, 31)
    company_a.save()

    with pytest.raises(ValidationError) as refused:
        placement_accept(proposal, by=supervisor_a, supervisor=supervisor_a)

    assert refused.value.message_dict == {
        "company": [
            "This placement needs an SBB-recognised company, and Warmtetechniek Alfa B.V. has "
            "no recognition that is valid on 2 March 2026."
        ]
    }
    assert _row(proposal) == (S.PROPOSED, None)


@pytest.mark.parametrize("persona", ["supervisor_a", "colleague_a"])
def test_decline_with_reason_by_company_member_declines(
    request, proposal_a, coordinator_a, persona
):
    decliner = request.getfixturevalue(persona)

    placement_decline(proposal_a, by=decliner, reason="  In maart hebben we geen begeleider.\n")

    assert _row(proposal_a) == (S.DECLINED, None)
    assert _changes(proposal_a) == [
        ("", S.PROPOSED, coordinator_a.pk, ""),
        (S.PROPOSED, S.DECLINED, decliner.pk, "In maart hebben we geen begeleider."),
    ]


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_decline_without_reason_is_refused(proposal_a, supervisor_a, reason):
    with pytest.raises(ValidationError) as refused:
        placement_decline(proposal_a, by=supervisor_a, reason=reason)

    assert refused.value.messages == ["Give a reason."]
    assert _row(proposal_a) == (S.PROPOSED, None)
    assert len(_changes(proposal_a)) == 1


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a", "supervisor_b", "outsider"])
def test_decline_of_a_proposal_by_anyone_outside_the_company_is_refused(
    request, proposal_a, persona
):
    with pytest.raises(PermissionDenied):
        placement_decline(proposal_a, by=request.getfixturevalue(persona), reason="Nee.")

    assert _row(proposal_a) == (S.PROPOSED, None)
    assert len(_changes(proposal_a)) == 1


def test_declined_proposal_frees_the_pupils_period(
    proposal_a, pupil_a, company_b, coordinator_a, supervisor_a
):
    placement_decline(proposal_a, by=supervisor_a, reason="Geen plek.")

    # On PostgreSQL the exclusion constraint (migration 0008) must let this through too.
    second = _propose(pupil_a, company_b, coordinator_a, start_date=datetime.date(2026, 3, 9))

    assert _row(second) == (S.PROPOSED, None)
    assert sorted(Placement.objects.values_list("status", flat=True)) == [S.DECLINED, S.PROPOSED]


def test_withdrawn_proposal_is_cancelled_by_the_coordinator(proposal_a, coordinator_a):
    placement_cancel(proposal_a, by=coordinator_a, reason="Emma heeft zelf iets gevonden.")

    assert _row(proposal_a) == (S.CANCELLED, None)
    assert _changes(proposal_a)[-1] == (
        S.PROPOSED,
        S.CANCELLED,
        coordinator_a.pk,
        "Emma heeft zelf iets gevonden.",
    )


def test_proposal_cannot_be_confirmed_by_the_school_itself(proposal_a, coordinator_a):
    with pytest.raises(ValidationError) as refused:
        placement_confirm(proposal_a, by=coordinator_a)

    assert refused.value.messages == [
        "This placement is proposed to the company, so “Confirm” is not possible."
    ]
    assert _row(proposal_a) == (S.PROPOSED, None)


# --- the company registers, the school answers -------------------------------------------


def test_register_by_colleague_makes_them_the_supervisor(
    pupil_a, company_a, colleague_a, supervisor_a
):
    placement = _register(pupil_a, company_a, colleague_a, supervisor=supervisor_a, note=NOTE)

    assert _row(placement) == (S.REGISTERED, colleague_a.pk)
    assert _changes(placement) == [("", S.REGISTERED, colleague_a.pk, "")]
    assert _thread(placement) == [(colleague_a.pk, NOTE)]


def test_register_by_company_admin_names_a_colleague(pupil_a, company_a, supervisor_a, colleague_a):
    placement = _register(pupil_a, company_a, supervisor_a, supervisor=colleague_a)

    assert _row(placement) == (S.REGISTERED, colleague_a.pk)
    assert _changes(placement) == [("", S.REGISTERED, supervisor_a.pk, "")]


def test_register_by_company_admin_with_supervisor_elsewhere_is_refused(
    pupil_a, company_a, supervisor_a, supervisor_b
):
    with pytest.raises(ValidationError) as refused:
        _register(pupil_a, company_a, supervisor_a, supervisor=supervisor_b)

    assert refused.value.message_dict == {"supervisor": [ELSEWHERE]}
    assert Placement.objects.count() == 0


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_a", "teacher_a", "outsider"])
def test_register_by_anyone_outside_the_company_is_refused(request, pupil_a, company_a, persona):
    with pytest.raises(PermissionDenied):
        _register(pupil_a, company_a, request.getfixturevalue(persona), note=NOTE)

    assert Placement.objects.count() == 0
    assert StatusChange.objects.count() == 0
    assert Message.objects.count() == 0


@pytest.mark.parametrize("persona", ["coordinator_a", "staff"])
def test_confirm_by_the_pupils_coordinator_plans(request, registration_a, colleague_a, persona):
    confirmer = request.getfixturevalue(persona)

    placement_confirm(registration_a, by=confirmer)

    assert _row(registration_a) == (S.PLANNED, colleague_a.pk)
    assert _changes(registration_a) == [
        ("", S.REGISTERED, colleague_a.pk, ""),
        (S.REGISTERED, S.PLANNED, confirmer.pk, ""),
    ]


@pytest.mark.parametrize(
    "persona", ["colleague_a", "supervisor_a", "teacher_a", "coordinator_b", "outsider"]
)
def test_confirm_by_anyone_but_the_pupils_coordinator_is_refused(
    request, registration_a, colleague_a, persona
):
    with pytest.raises(PermissionDenied):
        placement_confirm(registration_a, by=request.getfixturevalue(persona))

    assert _row(registration_a) == (S.REGISTERED, colleague_a.pk)
    assert len(_changes(registration_a)) == 1


def test_confirm_of_registration_without_supervisor_is_refused(
    pupil_a, company_a, staff, coordinator_a
):
    # Staff who work at no company may register without naming a supervisor.
    placement = _register(pupil_a, company_a, staff)

    with pytest.raises(ValidationError) as refused:
        placement_confirm(placement, by=coordinator_a)

    assert refused.value.messages == ["Choose the supervisor who guides the intern."]
    assert _row(placement) == (S.REGISTERED, None)


def test_reject_with_reason_by_coordinator_declines(registration_a, coordinator_a, colleague_a):
    placement_decline(registration_a, by=coordinator_a, reason="Emma loopt al stage in maart.")

    assert _row(registration_a) == (S.DECLINED, colleague_a.pk)
    assert _changes(registration_a)[-1] == (
        S.REGISTERED,
        S.DECLINED,
        coordinator_a.pk,
        "Emma loopt al stage in maart.",
    )


@pytest.mark.parametrize("persona", ["colleague_a", "supervisor_a", "coordinator_b", "teacher_a"])
def test_reject_by_anyone_but_the_pupils_coordinator_is_refused(request, registration_a, persona):
    with pytest.raises(PermissionDenied):
        placement_decline(registration_a, by=request.getfixturevalue(persona), reason="Nee.")

    assert _row(registration_a)[0] == S.REGISTERED
    assert len(_changes(registration_a)) == 1


def test_reject_without_reason_is_refused(registration_a, coordinator_a):
    with pytest.raises(ValidationError) as refused:
        placement_decline(registration_a, by=coordinator_a, reason=" ")

    assert refused.value.messages == ["Give a reason."]
    assert _row(registration_a)[0] == S.REGISTERED


def test_registration_cannot_be_accepted_by_the_company_itself(registration_a, supervisor_a):
    with pytest.raises(ValidationError) as refused:
        placement_accept(registration_a, by=supervisor_a, supervisor=supervisor_a)

    assert refused.value.messages == [
        "This placement is registered by the company, so “Accept” is not possible."
    ]
    assert _row(registration_a)[0] == S.REGISTERED


# --- confirming many ---------------------------------------------------------------------


def test_confirm_many_confirms_the_waiting_registrations_and_counts_the_rest(
    school_a, company_a, coordinator_a, placement_a
):
    registered = [
        PlacementFactory(student__school=school_a, company=company_a, status=S.REGISTERED)
        for _ in range(2)
    ]
    proposed = PlacementFactory(
        student__school=school_a, company=company_a, status=S.PROPOSED, supervisor=None
    )
    chosen = [*registered, proposed, placement_a]

    result = placements_confirm_many(
        placements_for_user(coordinator_a).filter(pk__in=[p.pk for p in chosen]),
        by=coordinator_a,
    )

    assert result == (2, 2)
    statuses = dict(Placement.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in chosen] == [S.PLANNED, S.PLANNED, S.PROPOSED, S.PLANNED]
    assert sorted(StatusChange.objects.values_list("placement_id", "to_status")) == sorted(
        (p.pk, S.PLANNED) for p in registered
    )


def test_confirm_many_by_a_teacher_confirms_nothing(school_a, teacher_a):
    registered = PlacementFactory(
        student__school=school_a, student__teacher=teacher_a, status=S.REGISTERED
    )

    result = placements_confirm_many(placements_for_user(teacher_a), by=teacher_a)

    assert result == (0, 1)
    assert _row(registered)[0] == S.REGISTERED


# --- who sees what -----------------------------------------------------------------------


@pytest.fixture
def everything_a(pupil_a, company_a, coordinator_a, colleague_a, supervisor_a):
    """Emma's proposal to company A (waiting), the one company A declined, and
    colleague_a's registration of her, each in its own period."""
    waiting = _propose(pupil_a, company_a, coordinator_a)
    declined = _propose(pupil_a, company_a, coordinator_a, **weeks(2026, 3, 16))
    placement_decline(declined, by=supervisor_a, reason="Geen plek.")
    registered = _register(pupil_a, company_a, colleague_a, **weeks(2026, 4, 6))
    return {"proposed": waiting, "declined": declined, "registered": registered}


def _visible(user):
    return set(placements_for_user(user).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator_a", {"proposed", "declined", "registered"}),
        ("teacher_a", {"proposed", "declined", "registered"}),
        ("supervisor_a", {"proposed", "declined", "registered"}),
        ("staff", {"proposed", "declined", "registered"}),
        # A colleague who is no admin: the open proposal, and what they registered.
        ("colleague_a", {"proposed", "registered"}),
    ],
)
def test_proposals_are_seen_by_both_sides(request, everything_a, persona, expected):
    assert _visible(request.getfixturevalue(persona)) == {
        everything_a[name].pk for name in expected
    }


def test_another_colleague_sees_only_the_open_proposal(company_a, everything_a):
    other_colleague = CompanyMembershipFactory(company=company_a).user

    assert _visible(other_colleague) == {everything_a["proposed"].pk}


@pytest.mark.parametrize("persona", ["coordinator_b", "supervisor_b", "outsider"])
def test_other_schools_and_companies_see_none_of_it(request, everything_a, persona):
    assert _visible(request.getfixturevalue(persona)) == set()


def test_teacher_of_another_pupil_sees_none_of_it(school_a, everything_a):
    other_teacher = SchoolMembershipFactory(school=school_a, role=SchoolRole.TEACHER).user
    StudentFactory(school=school_a, teacher=other_teacher)

    assert _visible(other_teacher) == set()


def test_former_colleague_no_longer_sees_the_proposal(company_a, everything_a, colleague_a):
    company_a.memberships.filter(user=colleague_a).delete()

    assert _visible(colleague_a) == set()


def test_colleague_answers_and_may_post_on_a_proposal(proposal_a, colleague_a):
    access = placement_access(colleague_a, proposal_a)

    assert (access.answers_proposal, access.may_post_message) == (True, True)
    assert (access.is_supervisor, access.company_side) == (False, False)


def test_colleague_loses_the_proposal_once_accepted_with_someone_else(
    proposal_a, colleague_a, supervisor_a
):
    placement_accept(proposal_a, by=colleague_a, supervisor=supervisor_a)
    access = placement_access(colleague_a, Placement.objects.get(pk=proposal_a.pk))

    assert _visible(colleague_a) == set()
    assert (access.answers_proposal, access.may_post_message) == (False, False)


def test_colleague_keeps_the_placement_they_accepted_to_supervise(proposal_a, colleague_a):
    placement_accept(proposal_a, by=colleague_a, supervisor=colleague_a)

    assert _visible(colleague_a) == {proposal_a.pk}


def test_exclusion_constraint_lets_a_declined_placement_overlap(pupil_a, company_a, company_b):
    """The database's own backstop agrees with the service: declined holds no period."""
    if connection.vendor != "postgresql":
        pytest.skip("the overlap exclusion constraint exists only on PostgreSQL")
    PlacementFactory(student=pupil_a, company=company_a, status=S.DECLINED)

    PlacementFactory(student=pupil_a, company=company_b, status=S.PROPOSED, supervisor=None)

    assert Placement.objects.filter(student=pupil_a).count() == 2

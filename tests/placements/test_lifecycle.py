"""The placement's status: transitions with their guards, who may start them, and history."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from evaluations.models import EvaluationKind, EvaluationStatus
from placements.models import (
    InsuranceAnswer,
    Phase,
    Placement,
    PlacementStatus,
    SchoolRole,
    StatusChange,
)
from placements.services.checklists import checklist_sync
from placements.services.lifecycle import placement_activate, placement_cancel
from tests.factories import (
    ChecklistItemFactory,
    CompanyMembershipFactory,
    EvaluationFactory,
    IntakeFactory,
    SchoolMembershipFactory,
    StatusChangeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = PlacementStatus
LOGIN_URL = "/accounts/login/"
LABELS = {
    "plan": "Plan",
    "activate": "Start the internship",
    "close": "Start closing",
    "complete": "Complete",
    "cancel": "Cancel",
}
CHECKLIST_MISSING = "Finish the before-the-start checklist: {} items are still open."
CHECKLIST_ONE_MISSING = "Finish the before-the-start checklist: 1 item is still open."
CLOSING_MISSING = "Finish the closing checklist: {} items are still open."
FINAL_MISSING = "The company has not started the final assessment yet."
FINAL_BY_STATUS = {
    EvaluationStatus.DRAFT: (
        "The company fills in the final assessment and submits it to the school."
    ),
    EvaluationStatus.SUBMITTED: "The school has to approve the final assessment first.",
    EvaluationStatus.RETURNED: (
        "The school returned the final assessment: the company revises and resubmits it."
    ),
}
INSURANCE_MISSING = (
    "Answer in the intake whether the school insures the pupil for material damage and for "
    "accidents."
)
SUPERVISOR_MISSING = "Choose the supervisor who guides the intern."


def _url(placement, action):
    return reverse(
        "placements:transition", kwargs={"public_id": placement.public_id, "action": action}
    )


def _cancel_url(placement):
    return reverse("placements:cancel", kwargs={"public_id": placement.public_id})


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _set_status(placement, status):
    Placement.objects.filter(pk=placement.pk).update(status=status)
    placement.refresh_from_db()
    return placement


def _tick(placement, phase, by, *, leave_open=0):
    items = placement.checklist_items.filter(phase=phase).order_by("pk")
    pks = list(items.values_list("pk", flat=True))[leave_open:]
    placement.checklist_items.filter(pk__in=pks).update(done_at=timezone.now(), done_by=by)


def _status(placement):
    return Placement.objects.values_list("status", flat=True).get(pk=placement.pk)


def _changes(placement):
    return list(
        StatusChange.objects.filter(placement=placement)
        .order_by("pk")
        .values_list("from_status", "to_status", "by", "reason")
    )


def _prepare(placement, action, by):
    """Put ``placement`` where ``action`` is possible, with its guards met."""
    if action == "plan":
        return _set_status(placement, S.DRAFT)
    if action == "activate":
        checklist_sync(placement)
        _tick(placement, Phase.BEFORE_START, by)
        IntakeFactory(placement=placement)
        return _set_status(placement, S.PLANNED)
    if action == "close":
        checklist_sync(placement)
        _tick(placement, Phase.FIRST_DAY, by)
        return _set_status(placement, S.ACTIVE)
    checklist_sync(placement)
    _tick(placement, Phase.CLOSING, by)
    EvaluationFactory(placement=placement, status=EvaluationStatus.APPROVED)
    return _set_status(placement, S.CLOSING)


TARGETS = {"plan": S.PLANNED, "activate": S.ACTIVE, "close": S.CLOSING, "complete": S.COMPLETED}
SOURCES = {"plan": S.DRAFT, "activate": S.PLANNED, "close": S.ACTIVE, "complete": S.CLOSING}


@pytest.fixture
def company_admin_a(company_a):
    """A second admin of company A who does not supervise placement_a."""
    return CompanyMembershipFactory(company=company_a, is_company_admin=True).user


@pytest.fixture
def planned_a(placement_a):
    """placement_a (planned blokstage) with its checklist, nothing done, no intake."""
    checklist_sync(placement_a)
    return placement_a


# --- who may: the allowed side ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "persona"),
    [
        ("plan", "supervisor_a"),
        ("plan", "company_admin_a"),
        ("plan", "coordinator_a"),
        ("plan", "staff"),
        ("activate", "supervisor_a"),
        ("activate", "company_admin_a"),
        ("activate", "staff"),
        ("close", "supervisor_a"),
        ("close", "company_admin_a"),
        ("close", "coordinator_a"),
        ("close", "staff"),
        ("complete", "coordinator_a"),
        ("complete", "staff"),
    ],
)
def test_transition_by_allowed_persona_moves_status_and_records_it(
    client, request, placement_a, action, persona
):
    user = request.getfixturevalue(persona)
    _prepare(placement_a, action, user)
    client.force_login(user)
    _in_english(client)

    response = client.post(_url(placement_a, action))

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#status"
    assert _messages(response) == [f"The placement is now {TARGETS[action].label}."]
    assert _status(placement_a) == TARGETS[action]
    assert _changes(placement_a) == [(SOURCES[action], TARGETS[action], user.pk, "")]


# --- who may: the refused side ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "persona"),
    [
        ("plan", "teacher_a"),
        ("activate", "coordinator_a"),
        ("activate", "teacher_a"),
        ("close", "teacher_a"),
        ("complete", "supervisor_a"),
        ("complete", "company_admin_a"),
        ("complete", "teacher_a"),
    ],
)
def test_transition_by_reader_is_403_and_changes_nothing(
    client, request, staff, placement_a, action, persona
):
    _prepare(placement_a, action, staff)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(placement_a, action))

    assert response.status_code == 403
    assert _status(placement_a) == SOURCES[action]
    assert _changes(placement_a) == []


@pytest.mark.parametrize("action", ["plan", "activate", "close", "complete"])
@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_transition_by_other_side_is_404_and_changes_nothing(
    client, request, staff, placement_a, action, persona
):
    _prepare(placement_a, action, staff)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(placement_a, action))

    assert response.status_code == 404
    assert _status(placement_a) == SOURCES[action]
    assert _changes(placement_a) == []


def test_transition_by_colleague_who_does_not_supervise_is_404(client, company_a, placement_a):
    colleague = CompanyMembershipFactory(company=company_a).user
    _set_status(placement_a, S.DRAFT)
    client.force_login(colleague)

    response = client.post(_url(placement_a, "plan"))

    assert response.status_code == 404
    assert _status(placement_a) == S.DRAFT


def test_transition_logged_out_redirects_to_login(client, placement_a):
    _set_status(placement_a, S.DRAFT)
    url = _url(placement_a, "plan")

    response = client.post(url)

    assert (response.status_code, response.url) == (302, f"{LOGIN_URL}?next={url}")
    assert _status(placement_a) == S.DRAFT


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_transition_wrong_method_is_405(client, staff, placement_a, method):
    _set_status(placement_a, S.DRAFT)
    client.force_login(staff)

    response = getattr(client, method)(_url(placement_a, "plan"))

    assert response.status_code == 405
    assert _status(placement_a) == S.DRAFT
    assert _changes(placement_a) == []


@pytest.mark.parametrize("action", ["launch", "cancel", "activated"])
def test_transition_unknown_action_is_404(client, staff, placement_a, action):
    client.force_login(staff)

    response = client.post(_url(placement_a, action), {"reason": "Zomaar"})

    assert response.status_code == 404
    assert _status(placement_a) == S.PLANNED
    assert _changes(placement_a) == []


# --- guards -----------------------------------------------------------------------------------


def test_plan_without_supervisor_is_refused_with_message(client, coordinator_a, placement_a):
    Placement.objects.filter(pk=placement_a.pk).update(status=S.DRAFT, supervisor=None)
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(_url(placement_a, "plan"))

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#status"
    assert _messages(response) == [SUPERVISOR_MISSING]
    assert _status(placement_a) == S.DRAFT
    assert _changes(placement_a) == []


def test_activate_with_open_items_and_no_intake_names_both(client, supervisor_a, planned_a):
    client.force_login(supervisor_a)
    _in_english(client)
    updated_at = planned_a.updated_at

    response = client.post(_url(planned_a, "activate"))

    planned_a.refresh_from_db()
    assert response.status_code == 302
    assert _messages(response) == [CHECKLIST_MISSING.format(9), INSURANCE_MISSING]
    assert planned_a.status == S.PLANNED
    assert planned_a.updated_at == updated_at
    assert _changes(planned_a) == []


def test_activate_with_open_items_and_a_good_intake_names_the_items(
    client, supervisor_a, planned_a
):
    _tick(planned_a, Phase.BEFORE_START, supervisor_a, leave_open=1)
    IntakeFactory(placement=planned_a)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(planned_a, "activate"))

    assert _messages(response) == [CHECKLIST_ONE_MISSING]
    assert _status(planned_a) == S.PLANNED
    assert _changes(planned_a) == []


def test_activate_with_items_done_but_no_intake_is_refused(client, supervisor_a, planned_a):
    _tick(planned_a, Phase.BEFORE_START, supervisor_a)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(planned_a, "activate"))

    assert _messages(response) == [INSURANCE_MISSING]
    assert _status(planned_a) == S.PLANNED
    assert _changes(planned_a) == []


@pytest.mark.parametrize(
    ("material", "accidents"),
    [
        (InsuranceAnswer.UNKNOWN, InsuranceAnswer.YES),
        (InsuranceAnswer.YES, InsuranceAnswer.UNKNOWN),
        (InsuranceAnswer.UNKNOWN, InsuranceAnswer.UNKNOWN),
    ],
)
def test_activate_with_an_unknown_insurance_answer_is_refused(
    client, supervisor_a, planned_a, material, accidents
):
    _tick(planned_a, Phase.BEFORE_START, supervisor_a)
    IntakeFactory(
        placement=planned_a, insured_material_damage=material, insured_accidents=accidents
    )
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(planned_a, "activate"))

    assert _messages(response) == [INSURANCE_MISSING]
    assert _status(planned_a) == S.PLANNED
    assert _changes(planned_a) == []


@pytest.mark.parametrize("answer", [InsuranceAnswer.YES, InsuranceAnswer.NO])
def test_activate_with_items_done_and_insurance_answered_starts(
    client, supervisor_a, planned_a, answer
):
    """ "No" is an answer too: the school said so, so the company knows where it stands."""
    _tick(planned_a, Phase.BEFORE_START, supervisor_a)
    IntakeFactory(placement=planned_a, insured_material_damage=answer, insured_accidents=answer)
    client.force_login(supervisor_a)

    response = client.post(_url(planned_a, "activate"))

    assert response.status_code == 302
    assert _status(planned_a) == S.ACTIVE
    assert _changes(planned_a) == [(S.PLANNED, S.ACTIVE, supervisor_a.pk, "")]


def test_activate_ignores_open_items_of_later_phases(client, supervisor_a, planned_a):
    _tick(planned_a, Phase.BEFORE_START, supervisor_a)
    IntakeFactory(placement=planned_a)
    client.force_login(supervisor_a)

    client.post(_url(planned_a, "activate"))

    assert planned_a.checklist_items.filter(done_at__isnull=True).count() == 14
    assert _status(planned_a) == S.ACTIVE


def test_complete_with_open_closing_items_is_refused(client, coordinator_a, planned_a):
    _set_status(planned_a, S.CLOSING)
    _tick(planned_a, Phase.CLOSING, coordinator_a, leave_open=2)
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(_url(planned_a, "complete"))

    assert _messages(response) == [CLOSING_MISSING.format(2), FINAL_MISSING]
    assert _status(planned_a) == S.CLOSING
    assert _changes(planned_a) == []


@pytest.mark.parametrize(
    "status", [EvaluationStatus.DRAFT, EvaluationStatus.SUBMITTED, EvaluationStatus.RETURNED]
)
def test_complete_without_an_approved_final_assessment_is_refused(
    client, coordinator_a, planned_a, status
):
    _set_status(planned_a, S.CLOSING)
    _tick(planned_a, Phase.CLOSING, coordinator_a)
    EvaluationFactory(placement=planned_a, status=status)
    EvaluationFactory(
        placement=planned_a, kind=EvaluationKind.MIDTERM, status=EvaluationStatus.APPROVED
    )
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(_url(planned_a, "complete"))

    assert _messages(response) == [FINAL_BY_STATUS[status]]
    assert _status(planned_a) == S.CLOSING
    assert _changes(planned_a) == []


def test_complete_with_an_approved_final_assessment_completes(client, coordinator_a, planned_a):
    _set_status(planned_a, S.CLOSING)
    _tick(planned_a, Phase.CLOSING, coordinator_a)
    EvaluationFactory(placement=planned_a, status=EvaluationStatus.APPROVED)
    client.force_login(coordinator_a)

    client.post(_url(planned_a, "complete"))

    assert _status(planned_a) == S.COMPLETED


def test_complete_with_no_closing_item_done_counts_all_four(client, coordinator_a, planned_a):
    _set_status(planned_a, S.CLOSING)
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(_url(planned_a, "complete"))

    assert _messages(response) == [CLOSING_MISSING.format(4), FINAL_MISSING]
    assert _status(planned_a) == S.CLOSING


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("activate", S.DRAFT),
        ("plan", S.PLANNED),
        ("close", S.PLANNED),
        ("complete", S.ACTIVE),
        ("plan", S.COMPLETED),
        ("activate", S.COMPLETED),
        ("close", S.CANCELLED),
        ("complete", S.COMPLETED),
    ],
)
def test_transition_from_wrong_status_is_refused_with_message(
    client, staff, placement_a, action, status
):
    _set_status(placement_a, status)
    client.force_login(staff)
    _in_english(client)

    response = client.post(_url(placement_a, action))

    assert response.status_code == 302
    assert _messages(response) == [
        f"This placement is {status.label}, so “{LABELS[action]}” is not possible."
    ]
    assert _status(placement_a) == status
    assert _changes(placement_a) == []


def test_activate_twice_is_refused_the_second_time(client, supervisor_a, placement_a):
    _prepare(placement_a, "activate", supervisor_a)
    client.force_login(supervisor_a)
    _in_english(client)

    first = client.post(_url(placement_a, "activate"), follow=True)  # shows its message
    second = client.post(_url(placement_a, "activate"))

    assert [str(message) for message in first.context["messages"]] == [
        "The placement is now active."
    ]
    assert _messages(second) == [
        "This placement is active, so “Start the internship” is not possible."
    ]
    assert _status(placement_a) == S.ACTIVE
    assert _changes(placement_a) == [(S.PLANNED, S.ACTIVE, supervisor_a.pk, "")]


def test_full_journey_records_every_step_in_order(client, supervisor_a, coordinator_a, placement_a):
    _set_status(placement_a, S.DRAFT)
    checklist_sync(placement_a)
    _tick(placement_a, Phase.BEFORE_START, supervisor_a)
    _tick(placement_a, Phase.FIRST_DAY, supervisor_a)
    _tick(placement_a, Phase.CLOSING, supervisor_a)
    IntakeFactory(placement=placement_a)
    EvaluationFactory(placement=placement_a, status=EvaluationStatus.APPROVED)

    client.force_login(supervisor_a)
    for action in ["plan", "activate", "close"]:
        client.post(_url(placement_a, action))
    client.force_login(coordinator_a)
    client.post(_url(placement_a, "complete"))

    assert _status(placement_a) == S.COMPLETED
    assert _changes(placement_a) == [
        (S.DRAFT, S.PLANNED, supervisor_a.pk, ""),
        (S.PLANNED, S.ACTIVE, supervisor_a.pk, ""),
        (S.ACTIVE, S.CLOSING, supervisor_a.pk, ""),
        (S.CLOSING, S.COMPLETED, coordinator_a.pk, ""),
    ]


# --- cancelling -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["supervisor_a", "company_admin_a", "coordinator_a", "staff"])
def test_cancel_page_get_by_allowed_persona_shows_reason_field(
    client, request, placement_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_cancel_url(placement_a))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["reason"]
    assert 'name="reason"' in response.content.decode()


@pytest.mark.parametrize("status", [S.DRAFT, S.PLANNED, S.ACTIVE, S.CLOSING])
@pytest.mark.parametrize("persona", ["supervisor_a", "company_admin_a", "coordinator_a", "staff"])
def test_cancel_with_reason_from_open_status_cancels(client, request, placement_a, status, persona):
    user = request.getfixturevalue(persona)
    _set_status(placement_a, status)
    client.force_login(user)
    _in_english(client)

    response = client.post(_cancel_url(placement_a), {"reason": "  Leerling is verhuisd.  "})

    assert response.status_code == 302
    assert response.url == placement_a.get_absolute_url()
    assert _messages(response) == ["The placement is cancelled."]
    assert _status(placement_a) == S.CANCELLED
    assert _changes(placement_a) == [(status, S.CANCELLED, user.pk, "Leerling is verhuisd.")]


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"], ids=["empty", "spaces", "whitespace"])
def test_cancel_without_reason_is_refused_at_the_field(client, supervisor_a, placement_a, reason):
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_cancel_url(placement_a), {"reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert "This field is required." in response.content.decode()
    assert _status(placement_a) == S.PLANNED
    assert _changes(placement_a) == []


def test_cancel_without_reason_field_is_refused(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(_cancel_url(placement_a), {"other": "x"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    assert _status(placement_a) == S.PLANNED


def test_cancel_with_too_long_reason_is_refused_at_the_field(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(_cancel_url(placement_a), {"reason": "x" * 1001})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    assert _status(placement_a) == S.PLANNED
    assert _changes(placement_a) == []


@pytest.mark.parametrize("status", [S.COMPLETED, S.CANCELLED])
def test_cancel_from_closed_status_is_refused_with_message(
    client, coordinator_a, placement_a, status
):
    _set_status(placement_a, status)
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(_cancel_url(placement_a), {"reason": "Toch maar niet"}, follow=True)

    assert response.redirect_chain == [(placement_a.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"This placement is {status.label}, so “Cancel” is not possible."
    ]
    assert _status(placement_a) == status
    assert _changes(placement_a) == []


def test_cancel_page_of_a_closed_placement_redirects_with_message(
    client, supervisor_a, placement_a
):
    _set_status(placement_a, S.COMPLETED)
    client.force_login(supervisor_a)

    response = client.get(_cancel_url(placement_a))

    assert response.status_code == 302
    assert response["Location"] == placement_a.get_absolute_url()


def test_cancel_twice_records_one_change(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    client.post(_cancel_url(placement_a), {"reason": "Ziek"})
    second = client.post(_cancel_url(placement_a), {"reason": "Ziek"})

    assert second.status_code == 302
    assert _status(placement_a) == S.CANCELLED
    assert _changes(placement_a) == [(S.PLANNED, S.CANCELLED, supervisor_a.pk, "Ziek")]


def test_cancel_by_teacher_is_403(client, teacher_a, placement_a):
    client.force_login(teacher_a)

    get = client.get(_cancel_url(placement_a))
    post = client.post(_cancel_url(placement_a), {"reason": "Ik stop ermee"})

    assert (get.status_code, post.status_code) == (403, 403)
    assert _status(placement_a) == S.PLANNED
    assert _changes(placement_a) == []


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_cancel_by_other_side_is_404(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    get = client.get(_cancel_url(placement_a))
    post = client.post(_cancel_url(placement_a), {"reason": "Weg ermee"})

    assert (get.status_code, post.status_code) == (404, 404)
    assert _status(placement_a) == S.PLANNED


def test_cancel_logged_out_redirects_to_login(client, placement_a):
    url = _cancel_url(placement_a)

    response = client.post(url, {"reason": "Weg ermee"})

    assert (response.status_code, response.url) == (302, f"{LOGIN_URL}?next={url}")
    assert _status(placement_a) == S.PLANNED


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_cancel_wrong_method_is_405(client, supervisor_a, placement_a, method):
    client.force_login(supervisor_a)

    response = getattr(client, method)(_cancel_url(placement_a))

    assert response.status_code == 405
    assert _status(placement_a) == S.PLANNED


# --- the history on the detail page -----------------------------------------------------------


def test_placement_detail_history_shows_transition_by_and_reason(client, supervisor_a, placement_a):
    _prepare(placement_a, "activate", supervisor_a)
    client.force_login(supervisor_a)
    _in_english(client)
    client.post(_url(placement_a, "activate"))
    client.post(_cancel_url(placement_a), {"reason": "Stagiair stopt."})

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    history = content[content.index('id="history"') :]
    name = escape(supervisor_a.get_full_name())
    assert [(c.from_status, c.to_status) for c in response.context["history"]] == [
        (S.PLANNED, S.ACTIVE),
        (S.ACTIVE, S.CANCELLED),
    ]
    assert f"{name} moved it from planned to active" in history
    assert f"{name} moved it from active to cancelled" in history
    assert "Reason: Stagiair stopt." in history
    assert history.count('<li class="mb-2">') == 2


def test_placement_detail_history_empty_says_so(client, teacher_a, placement_a):
    client.force_login(teacher_a)
    _in_english(client)

    response = client.get(placement_a.get_absolute_url())

    assert "No status changes yet." in response.content.decode()


def test_placement_detail_history_query_count_does_not_grow_with_changes(
    client, supervisor_a, placement_a
):
    """Each change by another user: a missing join shows up as a query per row."""
    StatusChangeFactory(placement=placement_a)
    client.force_login(supervisor_a)
    client.get(placement_a.get_absolute_url())  # warm-up: one-off queries (session, caches)
    with CaptureQueriesContext(connection) as one:
        client.get(placement_a.get_absolute_url())
    StatusChangeFactory.create_batch(29, placement=placement_a)

    with CaptureQueriesContext(connection) as thirty:
        response = client.get(placement_a.get_absolute_url())

    assert len(response.context["history"]) == 30
    assert len(thirty.captured_queries) == len(one.captured_queries)


# --- the detail page: current phase and next steps --------------------------------------------


def _phase_classes(content):
    return {
        int(phase): classes.split()
        for classes, phase in re.findall(r'<details class="([^"]*)" id="phase-(\d)"', content)
    }


def _current_phases(content):
    return [
        phase
        for phase, classes in sorted(_phase_classes(content).items())
        if "checklist-phase-current" in classes
    ]


@pytest.mark.parametrize(
    ("status", "ticked", "current"),
    [
        (S.DRAFT, [], [1]),
        (S.PLANNED, [], [1]),
        (S.ACTIVE, [], [2]),
        (S.ACTIVE, [Phase.BEFORE_START], [2]),
        (S.ACTIVE, [Phase.FIRST_DAY], [3]),
        (S.CLOSING, [], [4]),
        (S.CLOSING, [Phase.CLOSING], [4]),
        (S.COMPLETED, [], []),
        (S.CANCELLED, [], []),
    ],
)
def test_placement_detail_highlights_the_current_phase(
    client, supervisor_a, planned_a, status, ticked, current
):
    _set_status(planned_a, status)
    for phase in ticked:
        _tick(planned_a, phase, supervisor_a)
    client.force_login(supervisor_a)

    response = client.get(planned_a.get_absolute_url())

    content = response.content.decode()
    assert sorted(_phase_classes(content)) == [1, 2, 3, 4]
    assert _current_phases(content) == current
    assert response.context["current_phase"] == (Phase(current[0]) if current else None)


def test_placement_detail_active_with_one_first_day_item_open_stays_on_first_day(
    client, supervisor_a, planned_a
):
    _set_status(planned_a, S.ACTIVE)
    _tick(planned_a, Phase.FIRST_DAY, supervisor_a, leave_open=1)
    client.force_login(supervisor_a)

    response = client.get(planned_a.get_absolute_url())

    assert _current_phases(response.content.decode()) == [2]


def _box(content):
    """The box "Next step": its heading, what it lists as missing, its buttons and links
    (text, and whether disabled), and the section that stops the placement."""
    match = re.search(
        r'<section class="card mb-3 next-step" id="status".*?</section>', content, re.S
    )
    if match is None:
        return None
    box = match.group(0)
    missing = re.search(r'<ul [^>]*id="next-step-missing">(.*?)</ul>', box, re.S)
    return {
        "heading": re.search(r'id="status-heading">(.*?)</h2>', box).group(1),
        "missing": [
            re.sub(r"<[^>]+>", "", item)
            for item in re.findall(r"<li>(.*?)</li>", missing.group(1) if missing else "")
        ],
        "buttons": [
            (re.sub(r"<[^>]+>", "", text), " disabled" in attributes)
            for attributes, text in re.findall(
                r'<(?:a|button)[^>]* class="btn[^"]*"([^>]*)>(.*?)</(?:a|button)>', box
            )
        ],
    }


def _stop(content):
    match = re.search(r'<section [^>]*id="stop".*?</section>', content, re.S)
    return match.group(0) if match else None


def _page(client, user, placement):
    client.force_login(user)
    _in_english(client)
    response = client.get(placement.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("persona", "actions"),
    [
        ("supervisor_a", ["activate", "cancel"]),
        ("company_admin_a", ["activate", "cancel"]),
        ("staff", ["activate", "cancel"]),
        ("coordinator_a", ["cancel"]),
        ("teacher_a", []),
    ],
)
def test_placement_detail_planned_offers_the_persona_its_actions(
    client, request, planned_a, persona, actions
):
    _tick(planned_a, Phase.BEFORE_START, planned_a.supervisor)
    IntakeFactory(placement=planned_a)

    content = _page(client, request.getfixturevalue(persona), planned_a)

    box = _box(content)
    assert box["heading"] == "Next step: Start the internship"
    assert (f'action="{_url(planned_a, "activate")}"' in content) == ("activate" in actions)
    assert box["buttons"] == ([("Start the internship", False)] if "activate" in actions else [])
    # Cancelling lives apart from the step forward, at the end of the page.
    assert "Cancel" not in [text for text, _disabled in box["buttons"]]
    assert (f'href="{_cancel_url(planned_a)}"' in content) == ("cancel" in actions)
    assert (_stop(content) is not None) == ("cancel" in actions)
    if "cancel" in actions:
        assert f'href="{_cancel_url(planned_a)}"' in _stop(content)
    if "activate" not in actions:
        assert "This step is taken by the company." in content


def test_placement_detail_names_what_is_missing_and_offers_the_fix(client, supervisor_a, planned_a):
    content = _page(client, supervisor_a, planned_a)

    box = _box(content)
    assert box["missing"] == [
        escape(CHECKLIST_MISSING.format(9)),
        escape(INSURANCE_MISSING),
    ]
    # The first missing thing the supervisor can do is the box's one button.
    assert box["buttons"] == [("Go to the checklist", False)]
    assert '<a class="btn btn-primary" id="next-step-fix" href="#phase-1">' in content
    assert f'action="{_url(planned_a, "activate")}"' not in content


def test_placement_detail_with_only_the_intake_missing_links_to_it(client, supervisor_a, planned_a):
    _tick(planned_a, Phase.BEFORE_START, supervisor_a)

    content = _page(client, supervisor_a, planned_a)

    assert _box(content)["missing"] == [escape(INSURANCE_MISSING)]
    assert '<a class="btn btn-primary" id="next-step-fix" href="#intake">' in content


def test_placement_detail_without_blockers_enables_the_button(client, supervisor_a, placement_a):
    _prepare(placement_a, "activate", supervisor_a)

    content = _page(client, supervisor_a, placement_a)

    box = _box(content)
    assert box["missing"] == []
    assert "Everything this step needs is done." in content
    assert box["buttons"] == [("Start the internship", False)]
    assert (
        '<button type="submit" class="btn btn-primary" id="next-step-take">'
        "Start the internship</button>"
    ) in content


def test_placement_detail_draft_without_supervisor_shows_plan_blocker(
    client, coordinator_a, placement_a
):
    Placement.objects.filter(pk=placement_a.pk).update(status=S.DRAFT, supervisor=None)

    content = _page(client, coordinator_a, placement_a)

    box = _box(content)
    assert box["heading"] == "Next step: Plan"
    assert box["missing"] == [SUPERVISOR_MISSING]
    # Nothing on the page chooses the supervisor: the step shows, disabled, what it waits for.
    assert box["buttons"] == [("Plan", True)]
    assert 'disabled aria-describedby="next-step-missing"' in content


@pytest.mark.parametrize(
    ("persona", "buttons"),
    [
        ("supervisor_a", [("Go to the checklist", False)]),
        ("coordinator_a", [("Go to the checklist", False)]),
        ("staff", [("Go to the checklist", False)]),
        ("teacher_a", [("Go to the checklist", False)]),
    ],
)
def test_placement_detail_closing_names_what_completing_waits_for(
    client, request, planned_a, persona, buttons
):
    _set_status(planned_a, S.CLOSING)

    content = _page(client, request.getfixturevalue(persona), planned_a)

    box = _box(content)
    assert box["heading"] == "Next step: Complete"
    assert box["missing"] == [CLOSING_MISSING.format(4), FINAL_MISSING]
    assert box["buttons"] == buttons
    assert (escape("This step is taken by the school's coordinator.") in content) == (
        persona in {"supervisor_a", "teacher_a"}
    )


def test_placement_detail_closing_supervisor_is_offered_to_start_the_final_assessment(
    client, supervisor_a, planned_a
):
    _set_status(planned_a, S.CLOSING)
    _tick(planned_a, Phase.CLOSING, supervisor_a)

    content = _page(client, supervisor_a, planned_a)

    box = _box(content)
    assert box["missing"] == [FINAL_MISSING]
    assert box["buttons"] == [("Start the final assessment", False)]
    start = reverse("evaluations:edit", args=[planned_a.public_id, "final"])
    assert f'<form method="post" action="{start}">' in content


@pytest.mark.parametrize(
    ("status", "persona", "buttons"),
    [
        (EvaluationStatus.DRAFT, "supervisor_a", [("Fill in the final assessment", False)]),
        (EvaluationStatus.RETURNED, "supervisor_a", [("Revise the final assessment", False)]),
        (EvaluationStatus.SUBMITTED, "supervisor_a", []),
        (EvaluationStatus.SUBMITTED, "coordinator_a", [("Review the final assessment", False)]),
        (EvaluationStatus.DRAFT, "coordinator_a", [("Complete", True)]),
        (EvaluationStatus.APPROVED, "coordinator_a", [("Complete", False)]),
        (EvaluationStatus.APPROVED, "supervisor_a", []),
    ],
)
def test_placement_detail_closing_offers_who_can_move_the_assessment_on_the_next_move(
    client, request, planned_a, status, persona, buttons
):
    _set_status(planned_a, S.CLOSING)
    _tick(planned_a, Phase.CLOSING, planned_a.supervisor)
    EvaluationFactory(placement=planned_a, status=status)

    content = _page(client, request.getfixturevalue(persona), planned_a)

    box = _box(content)
    assert box["missing"] == (
        [] if status == EvaluationStatus.APPROVED else [FINAL_BY_STATUS[status]]
    )
    assert box["buttons"] == buttons


@pytest.mark.parametrize(
    ("persona", "buttons"),
    [
        ("supervisor_a", [("Go to the checklist", False)]),
        # The first day's items are the company's: the school waits, and sees for what.
        ("coordinator_a", [("Start closing", True)]),
        ("teacher_a", []),
    ],
)
def test_placement_detail_active_with_the_first_day_open_points_to_it(
    client, request, planned_a, persona, buttons
):
    _set_status(planned_a, S.ACTIVE)

    content = _page(client, request.getfixturevalue(persona), planned_a)

    box = _box(content)
    assert box["heading"] == "Next step: Start closing"
    assert box["missing"] == ["Finish the first-day checklist: 5 items are still open."]
    assert box["buttons"] == buttons
    assert ('<a class="btn btn-primary" id="next-step-fix" href="#phase-2">' in content) == (
        persona == "supervisor_a"
    )


@pytest.mark.parametrize(
    ("persona", "buttons"),
    [
        ("supervisor_a", [("Start closing", False)]),
        ("coordinator_a", [("Start closing", False)]),
        ("teacher_a", []),
    ],
)
def test_placement_detail_active_offers_closing(client, request, planned_a, persona, buttons):
    _tick(planned_a, Phase.FIRST_DAY, planned_a.supervisor)
    _set_status(planned_a, S.ACTIVE)

    content = _page(client, request.getfixturevalue(persona), planned_a)

    assert _box(content)["buttons"] == buttons


def test_close_with_the_first_day_checklist_open_is_refused(client, supervisor_a, planned_a):
    _set_status(planned_a, S.ACTIVE)
    _tick(planned_a, Phase.FIRST_DAY, supervisor_a, leave_open=2)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(planned_a, "close"))

    assert _messages(response) == ["Finish the first-day checklist: 2 items are still open."]
    assert _status(planned_a) == S.ACTIVE
    assert _changes(planned_a) == []


def test_next_step_fragment_is_the_box_alone_and_scoped(
    client, supervisor_a, coordinator_b, planned_a
):
    url = reverse("placements:next_step", args=[planned_a.public_id])
    client.force_login(coordinator_b)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 405

    client.force_login(supervisor_a)
    _in_english(client)
    _tick(planned_a, Phase.BEFORE_START, supervisor_a)
    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert content.strip().startswith('<section class="card mb-3 next-step" id="status"')
    assert _box(content)["missing"] == [escape(INSURANCE_MISSING)]
    assert "<nav" not in content


@pytest.mark.parametrize("status", [S.COMPLETED, S.CANCELLED])
def test_placement_detail_closed_placement_offers_no_actions(client, staff, planned_a, status):
    _set_status(planned_a, status)
    client.force_login(staff)

    response = client.get(planned_a.get_absolute_url())

    assert response.context["actions"] == []
    assert 'id="status"' not in response.content.decode()


def test_placement_detail_other_teacher_of_school_sees_nothing(client, school_a, placement_a):
    other_teacher = SchoolMembershipFactory(school=school_a, role=SchoolRole.TEACHER).user
    client.force_login(other_teacher)

    response = client.get(placement_a.get_absolute_url())

    assert response.status_code == 404


def test_status_change_by_deleted_user_keeps_the_row(placement_a):
    user = UserFactory()
    StatusChangeFactory(placement=placement_a, by=user)

    user.delete()

    assert _changes(placement_a) == [(S.DRAFT, S.PLANNED, None, "")]


@pytest.fixture
def plain_supervisor_a(company_a, placement_a):
    """An employee of company A, not an admin, who takes over supervising placement_a."""
    user = CompanyMembershipFactory(company=company_a).user
    Placement.objects.filter(pk=placement_a.pk).update(supervisor=user)
    placement_a.refresh_from_db()
    return user


@pytest.mark.parametrize(("action", "status_code"), [("activate", 302), ("complete", 403)])
def test_transition_by_supervisor_who_is_no_admin(
    client, staff, plain_supervisor_a, placement_a, action, status_code
):
    _prepare(placement_a, action, staff)
    client.force_login(plain_supervisor_a)

    response = client.post(_url(placement_a, action))

    assert response.status_code == status_code
    expected = TARGETS[action] if status_code == 302 else SOURCES[action]
    assert _status(placement_a) == expected


# --- the services on their own ------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_placement_cancel_service_without_reason_raises_and_changes_nothing(
    staff, placement_a, reason
):
    with pytest.raises(ValidationError) as refused:
        placement_cancel(placement_a, by=staff, reason=reason)

    assert refused.value.messages == ["Geef een reden op."]
    assert _status(placement_a) == S.PLANNED
    assert _changes(placement_a) == []


def test_placement_activate_service_by_teacher_raises_permission_denied(teacher_a, placement_a):
    _prepare(placement_a, "activate", teacher_a)

    with pytest.raises(PermissionDenied):
        placement_activate(placement_a, by=teacher_a)

    assert _status(placement_a) == S.PLANNED
    assert _changes(placement_a) == []


def test_placement_activate_service_updates_the_object_it_was_given(supervisor_a, placement_a):
    _prepare(placement_a, "activate", supervisor_a)

    placement_activate(placement_a, by=supervisor_a)

    assert placement_a.status == S.ACTIVE
    assert _status(placement_a) == S.ACTIVE


@pytest.mark.parametrize("items", [1, 30])
def test_next_step_fragment_queries_constant(
    client, supervisor_a, planned_a, django_assert_num_queries, items
):
    for _ in range(items):
        ChecklistItemFactory(placement=planned_a, phase=Phase.BEFORE_START)
    url = reverse("placements:next_step", args=[planned_a.public_id])
    client.force_login(supervisor_a)

    # session, user, the placement in the user's scope with its intake, the user's roles
    # for it, the open before-the-start items counted, the age band of the working-time
    # rules: the same for 1 item or 30
    with django_assert_num_queries(6):
        response = client.get(url)

    assert response.status_code == 200

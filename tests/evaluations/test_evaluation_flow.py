"""An evaluation's journey through the views: start, save, submit, return, approve, with
what is missing, crafted POSTs, the lost-update check and "does not suit"."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from evaluations.models import (
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationStatus,
    FollowUpOffer,
    FunnelStage,
)
from evaluations.services import evaluation_save, evaluation_start, evaluation_submit
from placements.models import School
from tests.factories import CompanyMembershipFactory

pytestmark = pytest.mark.django_db

A = EvaluationEvent.Action
S = EvaluationStatus
STALE = (
    "Someone else saved this evaluation while you were working on it. Your changes were not "
    "saved: reload the page, check their changes and enter yours again."
)
NOT_SUBMITTED_YET = "Saved as a draft, but not submitted yet: {} answers are missing, marked below."
ONE_NOT_SUBMITTED_YET = (
    "Saved as a draft, but not submitted yet: 1 answer is missing, marked below."
)
SCORE_MISSING = "Give this criterion a score."
SCORES_MISSING = "Give every criterion a score ({} missing)."
REMARKS_MISSING = "Write the overall remarks."
NEXT_STEP_MISSING = "Write down the next step you agreed."
DIRECTION_MISSING = "Name a direction or sector that might suit the pupil better."
DIRECTION_ONLY_WHEN_NOT_SUITED = (
    "Only fill this in when the pupil found that installation technology does not suit them."
)
COMMENT_MISSING = "Say what should change."


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source texts, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def company_admin_a(company_a):
    """A second admin of company A who does not supervise placement_a."""
    return CompanyMembershipFactory(company=company_a, is_company_admin=True).user


def _url(name, evaluation_or_placement, kind=None):
    placement = getattr(evaluation_or_placement, "placement", evaluation_or_placement)
    kind = kind or evaluation_or_placement.kind
    return reverse(f"evaluations:{name}", kwargs={"public_id": placement.public_id, "kind": kind})


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _criteria_ids(evaluation):
    return list(evaluation.definition.criteria.order_by("order", "pk").values_list("pk", flat=True))


def _form_data(evaluation, **overrides):
    """Everything filled in: every criterion scored 3, with the final's fields too."""
    data = {"version": evaluation.version}
    for number, pk in enumerate(_criteria_ids(evaluation), start=1):
        data |= {f"score_{pk}": "3", f"remark_{pk}": f"Opmerking {number}"}
    data |= {
        "overall_remarks": "Een fijne stagiair.",
        "qualities_seen": "Nauwkeurig en behulpzaam.",
        "other_direction": "",
        "reflection_experience": "Leuk en druk.",
        "reflection_expectations": "Ja, grotendeels.",
        "reflection_work_here": "Misschien later.",
        "reflection_room": "Ja.",
        "reflection_tips": "Meer uitleg bij tekeningen.",
        "funnel_stage": FunnelStage.DIRECTION,
        "what_became_clearer": "Liever buiten dan op kantoor.",
        "agreed_next_step": "Mbo installatietechniek bezoeken.",
        "follow_up_offer": FollowUpOffer.HOLIDAY_WORK,
    }
    return {key: value for key, value in (data | overrides).items() if value is not None}


def _snapshot(evaluation):
    """Every field of the evaluation, its scores and its steps, as stored."""
    stored = Evaluation.objects.get(pk=evaluation.pk)
    return {
        "fields": model_to_dict(stored) | {"updated_at": stored.updated_at},
        "scores": list(stored.scores.order_by("pk").values_list("criterion", "score", "remark")),
        "events": list(stored.events.order_by("pk").values_list("action", "by", "comment")),
    }


def _scores(evaluation):
    return list(evaluation.scores.order_by("criterion__order").values_list("score", "remark"))


def _filled(placement, by):
    """``placement``'s final assessment, filled in completely by ``by`` (version 2)."""
    evaluation = evaluation_start(placement, kind=EvaluationKind.FINAL, by=by)
    return evaluation_save(
        evaluation,
        by=by,
        version=evaluation.version,
        scores={pk: (3, "Goed") for pk in _criteria_ids(evaluation)},
        overall_remarks="Een fijne stagiair.",
        agreed_next_step="Mbo installatietechniek bezoeken.",
    )


def _submitted(placement, by):
    """The same, then submitted by ``by``."""
    evaluation = _filled(placement, by)
    return evaluation_submit(evaluation, by=by, version=evaluation.version)


# --- start -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [EvaluationKind.MIDTERM, EvaluationKind.FINAL])
@pytest.mark.parametrize("persona", ["supervisor_a", "company_admin_a", "staff"])
def test_start_by_company_side_creates_it_with_empty_scores(
    client, request, placement_a, kind, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("edit", placement_a, kind))

    evaluation = Evaluation.objects.get(placement=placement_a)
    assert response.status_code == 302
    assert response.url == _url("edit", evaluation)
    assert (evaluation.kind, evaluation.status, evaluation.version) == (kind, S.DRAFT, 1)
    assert evaluation.definition.version == 1
    assert _scores(evaluation) == [(None, "")] * 8


def test_start_twice_keeps_the_one_evaluation(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    client.post(_url("edit", placement_a, "final"))

    response = client.post(_url("edit", placement_a, "final"))

    assert response.status_code == 302
    assert Evaluation.objects.filter(placement=placement_a).count() == 1


def test_get_before_start_offers_the_start_button_and_creates_nothing(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)

    response = client.get(_url("edit", placement_a, "midterm"))

    assert response.status_code == 200
    assert response.context["evaluation"] is None
    assert b'id="evaluation-start"' in response.content
    assert b"Start the mid-term evaluation" in response.content
    assert Evaluation.objects.count() == 0


# --- save a draft ------------------------------------------------------------------------------


def test_save_final_by_supervisor_stores_everything_and_raises_version(
    client, supervisor_a, placement_a
):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    client.force_login(supervisor_a)

    response = client.post(_url("edit", evaluation), _form_data(evaluation))

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert response.url == _url("edit", evaluation)
    assert _messages(response) == ["Saved as a draft."]
    assert (evaluation.status, evaluation.version) == (S.DRAFT, 2)
    assert _scores(evaluation) == [(3, f"Opmerking {n}") for n in range(1, 9)]
    assert evaluation.overall_remarks == "Een fijne stagiair."
    assert evaluation.reflection_tips == "Meer uitleg bij tekeningen."
    assert evaluation.funnel_stage == FunnelStage.DIRECTION
    assert evaluation.agreed_next_step == "Mbo installatietechniek bezoeken."
    assert evaluation.follow_up_offer == FollowUpOffer.HOLIDAY_WORK
    assert list(evaluation.events.values_list("action", "by")) == [(A.SAVED, supervisor_a.pk)]


def test_save_draft_with_empty_scores_is_allowed(client, supervisor_a, placement_a):
    evaluation = evaluation_start(placement_a, kind="midterm", by=supervisor_a)
    _first, *rest = _criteria_ids(evaluation)
    data = _form_data(evaluation) | {f"score_{pk}": "" for pk in rest}
    client.force_login(supervisor_a)

    response = client.post(_url("edit", evaluation), data)

    assert response.status_code == 302
    assert [score for score, _ in _scores(evaluation)] == [3] + [None] * 7


def test_save_midterm_ignores_the_fields_of_the_final(client, supervisor_a, placement_a):
    evaluation = evaluation_start(placement_a, kind="midterm", by=supervisor_a)
    client.force_login(supervisor_a)

    response = client.post(_url("edit", evaluation), _form_data(evaluation))

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert evaluation.overall_remarks == "Een fijne stagiair."
    assert (evaluation.agreed_next_step, evaluation.reflection_tips) == ("", "")
    assert (evaluation.funnel_stage, evaluation.follow_up_offer) == ("", FollowUpOffer.NONE)


@pytest.mark.parametrize("score", ["0", "5", "drie", "3.5"])
def test_save_with_a_score_off_the_scale_is_refused_at_the_field(
    client, supervisor_a, placement_a, score
):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    pk = _criteria_ids(evaluation)[0]
    before = _snapshot(evaluation)
    client.force_login(supervisor_a)

    response = client.post(
        _url("edit", evaluation), _form_data(evaluation, **{f"score_{pk}": score})
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"score_{pk}": [f"Select a valid choice. {score} is not one of the available choices."]
    }
    assert _snapshot(evaluation) == before


@pytest.mark.parametrize(
    ("version", "status_code"),
    [(None, 302), ("", 200), ("twee", 200), ("0", 200)],  # without one it is a start
)
def test_save_without_a_valid_version_changes_nothing(
    client, supervisor_a, placement_a, version, status_code
):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    before = _snapshot(evaluation)
    client.force_login(supervisor_a)

    response = client.post(_url("edit", evaluation), _form_data(evaluation, version=version))

    assert response.status_code == status_code
    assert _snapshot(evaluation) == before


# --- does the trade suit the pupil -------------------------------------------------------------


def test_save_does_not_suit_with_a_direction_is_stored(client, supervisor_a, placement_a):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    data = _form_data(evaluation, trade_does_not_suit="on", other_direction="Zorg en welzijn")
    client.force_login(supervisor_a)

    response = client.post(_url("edit", evaluation), data)

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert (evaluation.trade_does_not_suit, evaluation.other_direction) == (
        True,
        "Zorg en welzijn",
    )


def test_save_a_direction_without_the_checkbox_is_refused_at_the_field(
    client, supervisor_a, placement_a
):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    before = _snapshot(evaluation)
    client.force_login(supervisor_a)

    response = client.post(
        _url("edit", evaluation), _form_data(evaluation, other_direction="Zorg en welzijn")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"other_direction": [DIRECTION_ONLY_WHEN_NOT_SUITED]}
    assert b"Zorg en welzijn" in response.content
    assert _snapshot(evaluation) == before


def test_submit_does_not_suit_without_a_direction_is_refused(client, supervisor_a, placement_a):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    client.force_login(supervisor_a)

    response = client.post(
        _url("submit", evaluation), _form_data(evaluation, trade_does_not_suit="on")
    )

    evaluation.refresh_from_db()
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "__all__": [ONE_NOT_SUBMITTED_YET],
        "other_direction": [DIRECTION_MISSING],
    }
    assert (evaluation.status, evaluation.trade_does_not_suit) == (S.DRAFT, True)


# --- lost update -------------------------------------------------------------------------------


def test_save_on_a_stale_version_is_refused_and_keeps_both_sides(
    client, supervisor_a, company_admin_a, placement_a
):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(supervisor_a)
    other.force_login(company_admin_a)
    loaded = client.get(_url("edit", evaluation)).context["form"]["version"].value()
    other_loaded = other.get(_url("edit", evaluation)).context["form"]["version"].value()
    client.post(_url("edit", evaluation), _form_data(evaluation, overall_remarks="Eerste."))
    after_first = _snapshot(evaluation)

    response = other.post(
        _url("edit", evaluation),
        _form_data(evaluation, version=other_loaded, overall_remarks="Tweede, overschreven?"),
    )

    evaluation.refresh_from_db()
    assert (loaded, other_loaded) == (1, 1)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [STALE]
    assert STALE.encode() in response.content
    assert b"Tweede, overschreven?" in response.content
    assert evaluation.overall_remarks == "Eerste."
    assert evaluation.version == 2
    assert _snapshot(evaluation) == after_first


def test_submit_on_a_stale_version_is_refused(client, supervisor_a, placement_a):
    evaluation = _filled(placement_a, supervisor_a)
    before = _snapshot(evaluation)
    client.force_login(supervisor_a)

    response = client.post(_url("submit", evaluation), _form_data(evaluation, version=1))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [STALE]
    assert _snapshot(evaluation) == before


# --- submit ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["supervisor_a", "company_admin_a", "staff"])
def test_submit_complete_final_saves_and_submits(client, request, placement_a, persona):
    user = request.getfixturevalue(persona)
    evaluation = evaluation_start(placement_a, kind="final", by=user)
    client.force_login(user)

    response = client.post(_url("submit", evaluation), _form_data(evaluation))

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#evaluations"
    assert _messages(response) == ["Submitted: the school will now review it."]
    assert (evaluation.status, evaluation.version) == (S.SUBMITTED, 3)
    assert evaluation.overall_remarks == "Een fijne stagiair."
    assert list(evaluation.events.order_by("pk").values_list("action", "by")) == [
        (A.SAVED, user.pk),
        (A.SUBMITTED, user.pk),
    ]


def test_submit_midterm_does_not_need_a_next_step(client, supervisor_a, placement_a):
    evaluation = evaluation_start(placement_a, kind="midterm", by=supervisor_a)
    client.force_login(supervisor_a)

    response = client.post(_url("submit", evaluation), _form_data(evaluation, agreed_next_step=""))

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert evaluation.status == S.SUBMITTED


def test_submit_empty_final_names_every_blocker_and_saves_the_draft(
    client, supervisor_a, placement_a
):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    data = {"version": 1, "follow_up_offer": FollowUpOffer.NONE}
    client.force_login(supervisor_a)

    response = client.post(_url("submit", evaluation), data)

    evaluation.refresh_from_db()
    assert response.status_code == 200
    form = response.context["form"]
    criteria = _criteria_ids(evaluation)
    assert form.errors == {
        "__all__": [NOT_SUBMITTED_YET.format(10)],
        **{f"score_{pk}": [SCORE_MISSING] for pk in criteria},
        "overall_remarks": [REMARKS_MISSING],
        "agreed_next_step": [NEXT_STEP_MISSING],
    }
    # The page carries the saved version on: the next save is not refused as stale.
    assert form["version"].value() == "2"
    assert (evaluation.status, evaluation.version) == (S.DRAFT, 2)
    assert list(evaluation.events.values_list("action", flat=True)) == [A.SAVED]


def test_submit_with_one_score_missing_keeps_what_was_typed(client, supervisor_a, placement_a):
    evaluation = evaluation_start(placement_a, kind="final", by=supervisor_a)
    last = _criteria_ids(evaluation)[-1]
    data = _form_data(evaluation, **{f"score_{last}": ""}, agreed_next_step="")
    client.force_login(supervisor_a)

    response = client.post(_url("submit", evaluation), data)

    evaluation.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": [NOT_SUBMITTED_YET.format(2)],
        f"score_{last}": [SCORE_MISSING],
        "agreed_next_step": [NEXT_STEP_MISSING],
    }
    content = response.content.decode()
    # The criterion without a score says so at its own radio buttons, the others do not.
    assert content.count(SCORE_MISSING) == 1
    assert f'id="error_1_id_evaluation_score_{last}"' in content or (
        f"score_{last}" in content and SCORE_MISSING in content
    )
    assert evaluation.status == S.DRAFT
    assert evaluation.overall_remarks == "Een fijne stagiair."
    assert [score for score, _ in _scores(evaluation)] == [3] * 7 + [None]


def test_submit_before_start_is_404(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(_url("submit", placement_a, "final"), {"version": 1})

    assert response.status_code == 404
    assert Evaluation.objects.count() == 0


# --- crafted POSTs on a submitted or approved evaluation ---------------------------------------


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED])
@pytest.mark.parametrize("action", ["edit", "submit"])
def test_crafted_post_on_a_locked_evaluation_changes_nothing(
    client, supervisor_a, placement_a, status, action
):
    evaluation = _submitted(placement_a, supervisor_a)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=status)
    before = _snapshot(evaluation)
    client.force_login(supervisor_a)

    response = client.post(
        _url(action, evaluation),
        _form_data(evaluation, version=before["fields"]["version"], overall_remarks="Gehackt"),
    )

    assert response.status_code == 200
    assert b'id="evaluation-form"' not in response.content
    refusal = f"This evaluation is {status.label} and can no longer be changed."
    assert response.context["refusals"] == [refusal]
    assert refusal.encode() in response.content
    assert _snapshot(evaluation) == before


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED])
def test_locked_evaluation_shows_read_only_to_the_company(
    client, supervisor_a, placement_a, status
):
    evaluation = _submitted(placement_a, supervisor_a)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=status)
    client.force_login(supervisor_a)

    response = client.get(_url("edit", evaluation))

    assert response.status_code == 200
    assert b'id="evaluation-form"' not in response.content
    assert b'id="review-submit"' not in response.content
    assert b"Een fijne stagiair." in response.content


# --- review ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a", "staff"])
def test_approve_by_school_side_approves(client, request, supervisor_a, placement_a, persona):
    evaluation = _submitted(placement_a, supervisor_a)
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.post(_url("review", evaluation), {"decision": "approve", "comment": ""})

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#evaluations"
    assert _messages(response) == ["The evaluation is now approved."]
    assert evaluation.status == S.APPROVED
    assert list(evaluation.events.order_by("pk").values_list("action", "by", "comment")) == [
        (A.SAVED, supervisor_a.pk, ""),
        (A.SUBMITTED, supervisor_a.pk, ""),
        (A.APPROVED, user.pk, ""),
    ]


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_return_with_comment_by_school_side_returns_it(
    client, request, supervisor_a, placement_a, persona
):
    evaluation = _submitted(placement_a, supervisor_a)
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.post(
        _url("review", evaluation), {"decision": "return", "comment": "Vul de tips nog aan."}
    )

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert _messages(response) == ["The evaluation is now returned."]
    assert (evaluation.status, evaluation.review_comment) == (S.RETURNED, "Vul de tips nog aan.")
    assert evaluation.events.order_by("pk").last().comment == "Vul de tips nog aan."


@pytest.mark.parametrize("comment", ["", "   "])
def test_return_without_comment_is_refused_at_the_field(
    client, supervisor_a, coordinator_a, placement_a, comment
):
    evaluation = _submitted(placement_a, supervisor_a)
    before = _snapshot(evaluation)
    client.force_login(coordinator_a)

    response = client.post(_url("review", evaluation), {"decision": "return", "comment": comment})

    assert response.status_code == 200
    assert response.context["review_form"].errors == {"comment": [COMMENT_MISSING]}
    assert _snapshot(evaluation) == before


@pytest.mark.parametrize("decision", ["", "maybe", "APPROVE"])
def test_review_with_an_unknown_decision_is_refused(
    client, supervisor_a, coordinator_a, placement_a, decision
):
    evaluation = _submitted(placement_a, supervisor_a)
    before = _snapshot(evaluation)
    client.force_login(coordinator_a)

    response = client.post(_url("review", evaluation), {"decision": decision})

    assert response.status_code == 200
    assert list(response.context["review_form"].errors) == ["decision"]
    assert _snapshot(evaluation) == before


@pytest.mark.parametrize("status", [S.DRAFT, S.RETURNED, S.APPROVED])
@pytest.mark.parametrize("decision", ["approve", "return"])
def test_review_of_an_evaluation_that_is_not_submitted_is_refused(
    client, supervisor_a, coordinator_a, placement_a, status, decision
):
    evaluation = _submitted(placement_a, supervisor_a)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=status)
    before = _snapshot(evaluation)
    client.force_login(coordinator_a)

    response = client.post(_url("review", evaluation), {"decision": decision, "comment": "Nee"})

    assert response.status_code == 200
    assert response.context["refusals"] == [
        f"Only a submitted evaluation can be reviewed; this one is {status.label}."
    ]
    assert _snapshot(evaluation) == before


def test_review_before_start_is_404(client, coordinator_a, placement_a):
    client.force_login(coordinator_a)

    response = client.post(_url("review", placement_a, "final"), {"decision": "approve"})

    assert response.status_code == 404


def test_submitted_evaluation_shows_the_review_form_to_the_school(
    client, supervisor_a, teacher_a, placement_a
):
    evaluation = _submitted(placement_a, supervisor_a)
    client.force_login(teacher_a)

    response = client.get(_url("edit", evaluation))

    assert response.status_code == 200
    assert response.context["review_form"] is not None
    assert b'id="review-submit"' in response.content
    assert b'id="evaluation-form"' not in response.content


# --- returned: editable again ------------------------------------------------------------------


def test_returned_evaluation_shows_the_comment_and_can_be_resubmitted(
    client, supervisor_a, coordinator_a, placement_a
):
    evaluation = _submitted(placement_a, supervisor_a)
    school = Client()
    school.force_login(coordinator_a)
    school.post(_url("review", evaluation), {"decision": "return", "comment": "Tips ontbreken."})
    client.force_login(supervisor_a)

    page = client.get(_url("edit", evaluation))
    version = page.context["form"]["version"].value()
    response = client.post(
        _url("submit", evaluation), _form_data(evaluation, version=version, reflection_tips="Meer")
    )

    evaluation.refresh_from_db()
    assert b'id="evaluation-review-comment"' in page.content
    assert b"Tips ontbreken." in page.content
    assert response.status_code == 302
    assert (evaluation.status, evaluation.reflection_tips) == (S.SUBMITTED, "Meer")
    assert list(evaluation.events.order_by("pk").values_list("action", flat=True)) == [
        A.SAVED,
        A.SUBMITTED,
        A.RETURNED,
        A.SAVED,
        A.SUBMITTED,
    ]


def test_history_shows_who_took_each_step(client, supervisor_a, coordinator_a, placement_a):
    evaluation = _submitted(placement_a, supervisor_a)
    school = Client()
    school.force_login(coordinator_a)
    school.post(_url("review", evaluation), {"decision": "return", "comment": "Tips ontbreken."})
    client.force_login(supervisor_a)

    response = client.get(_url("edit", evaluation))

    assert [(e.action, e.by, e.comment) for e in response.context["events"]] == [
        (A.SAVED, supervisor_a, ""),
        (A.SUBMITTED, supervisor_a, ""),
        (A.RETURNED, coordinator_a, "Tips ontbreken."),
    ]
    assert f"returned by {escape(coordinator_a.get_full_name())}".encode() in response.content


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_review_by_teacher_when_school_does_not_allow_it_is_403(
    client, supervisor_a, teacher_a, placement_a, decision
):
    evaluation = _submitted(placement_a, supervisor_a)
    School.objects.filter(pk=placement_a.student.school_id).update(teachers_may_approve=False)
    client.force_login(teacher_a)

    response = client.post(_url("review", evaluation), {"decision": decision, "comment": "x"})

    evaluation.refresh_from_db()
    assert response.status_code == 403
    assert evaluation.status == S.SUBMITTED


def test_evaluation_page_offers_no_review_to_teacher_when_school_does_not_allow_it(
    client, supervisor_a, teacher_a, coordinator_a, placement_a
):
    evaluation = _submitted(placement_a, supervisor_a)
    School.objects.filter(pk=placement_a.student.school_id).update(teachers_may_approve=False)

    client.force_login(teacher_a)
    as_teacher = client.get(_url("edit", evaluation))
    client.force_login(coordinator_a)
    as_coordinator = client.get(_url("edit", evaluation))

    assert (as_teacher.status_code, as_coordinator.status_code) == (200, 200)
    assert (as_teacher.context["may_review"], as_coordinator.context["may_review"]) == (
        False,
        True,
    )


# --- the form on a phone (#9) ------------------------------------------------------------------


def _criterion_block(content, pk):
    """The HTML of criterion ``pk``'s block on the form."""
    start = content.index(f'id="criterion-{pk}"')
    return content[start : content.index("</fieldset>", start)]


def test_each_criterion_is_four_score_buttons_and_a_folded_remark(
    client, supervisor_a, placement_a
):
    evaluation = evaluation_start(placement_a, kind=EvaluationKind.MIDTERM, by=supervisor_a)
    first, second, *_ = _criteria_ids(evaluation)
    evaluation_save(
        evaluation,
        by=supervisor_a,
        version=evaluation.version,
        scores={first: (4, "Pakt alles snel op."), second: (None, "")},
    )
    client.force_login(supervisor_a)

    response = client.get(_url("edit", evaluation))

    assert response.status_code == 200
    content = response.content.decode()
    scored, empty = _criterion_block(content, first), _criterion_block(content, second)
    for block, pk in ((scored, first), (empty, second)):
        # One radio per score, each with a button-sized label that says the number and word.
        assert block.count('type="radio"') == 4
        assert block.count('class="btn btn-outline-primary score-choice"') == 4
        assert f'for="id_evaluation_score_{pk}_3"' in block
        assert '<span class="score-number">4</span>' in block and "good</span>" in block
        # The remark has a label of its own, inside a fold.
        assert f'<label class="visually-hidden" for="id_evaluation_remark_{pk}">' in block
        assert '<details class="criterion-remark small"' in block
    assert 'value="4" autocomplete="off" checked' in scored
    assert "checked" not in empty
    # The fold is open where there is a remark to read, closed where there is none.
    assert '<details class="criterion-remark small" open>' in scored
    assert ">Pakt alles snel op.</textarea>" in scored
    assert '<details class="criterion-remark small">' in empty


def test_a_refused_criterion_marks_its_buttons_and_opens_its_remark_with_what_was_typed(
    client, supervisor_a, placement_a
):
    evaluation = evaluation_start(placement_a, kind=EvaluationKind.MIDTERM, by=supervisor_a)
    last = _criteria_ids(evaluation)[-1]
    too_long = "x" * 1001
    data = _form_data(evaluation, **{f"score_{last}": "7", f"remark_{last}": too_long})
    client.force_login(supervisor_a)

    response = client.post(_url("edit", evaluation), data)

    assert response.status_code == 200
    block = _criterion_block(response.content.decode(), last)
    assert block.count('class="btn-check is-invalid"') == 4
    assert f'aria-describedby="error_1_id_evaluation_score_{last}"' in block
    assert f'<p id="error_1_id_evaluation_score_{last}"><strong>' in block
    assert '<details class="criterion-remark small" open>' in block
    assert f'id="error_1_id_evaluation_remark_{last}"' in block
    assert f">{too_long}</textarea>" in block
    assert [remark for _, remark in _scores(evaluation)] == [""] * len(_criteria_ids(evaluation))

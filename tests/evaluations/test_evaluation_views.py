"""Who may open, fill in, submit and review an evaluation; the placement page's section
"Assessment"; and the queries the pages run."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from evaluations.models import (
    Criterion,
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationStatus,
    FormDefinition,
)
from evaluations.services import evaluation_start
from placements.models import Placement, PlacementKind, PlacementStatus
from tests.factories import CompanyMembershipFactory, EvaluationFactory

pytestmark = pytest.mark.django_db

S = EvaluationStatus
LOGIN_URL = "/accounts/login/"
OTHER_SIDE = ["supervisor_b", "coordinator_b", "outsider"]


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


@pytest.fixture
def final_a(placement_a, supervisor_a):
    """placement_a's final assessment, started: a draft with eight empty scores."""
    return evaluation_start(placement_a, kind=EvaluationKind.FINAL, by=supervisor_a)


def _url(name, placement, kind="final"):
    return reverse(f"evaluations:{name}", kwargs={"public_id": placement.public_id, "kind": kind})


def _set_status(evaluation, status):
    Evaluation.objects.filter(pk=evaluation.pk).update(status=status)
    evaluation.refresh_from_db()
    return evaluation


def _state(placement):
    """What a refused request must leave alone: the evaluations and their steps."""
    return (
        list(
            Evaluation.objects.filter(placement=placement).values_list("kind", "status", "version")
        ),
        EvaluationEvent.objects.count(),
        list(CriterionScore.objects.values_list("score", "remark")),
    )


# --- logged out, other side, unknown kind, wrong method -----------------------------------------


@pytest.mark.parametrize(
    ("method", "name"), [("get", "edit"), ("post", "edit"), ("post", "submit"), ("post", "review")]
)
def test_evaluation_views_logged_out_redirect_to_login(client, final_a, method, name):
    url = _url(name, final_a.placement)
    before = _state(final_a.placement)

    response = getattr(client, method)(url)

    assert (response.status_code, response.url) == (302, f"{LOGIN_URL}?next={url}")
    assert _state(final_a.placement) == before


@pytest.mark.parametrize(
    ("method", "name"), [("get", "edit"), ("post", "edit"), ("post", "submit"), ("post", "review")]
)
@pytest.mark.parametrize("persona", OTHER_SIDE)
def test_evaluation_views_for_the_other_side_are_404(
    client, request, final_a, method, name, persona
):
    _set_status(final_a, S.SUBMITTED)
    before = _state(final_a.placement)
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(
        _url(name, final_a.placement), {"version": 1, "decision": "approve"}
    )

    assert response.status_code == 404
    assert _state(final_a.placement) == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_evaluation_edit_by_colleague_who_does_not_supervise_is_404(
    client, company_a, placement_a, method
):
    client.force_login(CompanyMembershipFactory(company=company_a).user)

    response = getattr(client, method)(_url("edit", placement_a))

    assert response.status_code == 404
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize("kind", ["tussentijds", "FINAL", "final-assessment", "pdf"])
@pytest.mark.parametrize("name", ["edit", "submit", "review"])
def test_evaluation_views_with_an_unknown_kind_are_404(client, staff, placement_a, kind, name):
    client.force_login(staff)

    response = client.post(_url(name, placement_a, kind), {"version": 1})

    assert response.status_code == 404
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize("name", ["submit", "review"])
@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_submit_and_review_with_the_wrong_method_are_405(client, staff, final_a, name, method):
    before = _state(final_a.placement)
    client.force_login(staff)

    response = getattr(client, method)(_url(name, final_a.placement))

    assert response.status_code == 405
    assert _state(final_a.placement) == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_edit_with_the_wrong_method_is_405(client, staff, final_a, method):
    before = _state(final_a.placement)
    client.force_login(staff)

    response = getattr(client, method)(_url("edit", final_a.placement))

    assert response.status_code == 405
    assert _state(final_a.placement) == before


# --- readers who may not act: 403 ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["edit", "submit"])
@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
def test_school_side_may_not_fill_in_403(client, request, final_a, name, persona):
    before = _state(final_a.placement)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(name, final_a.placement), {"version": 1, "overall_remarks": "X"})

    assert response.status_code == 403
    assert _state(final_a.placement) == before


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
def test_school_side_may_not_start_403(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("edit", placement_a, "midterm"))

    assert response.status_code == 403
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize("decision", ["approve", "return"])
@pytest.mark.parametrize("persona", ["supervisor_a", "company_admin_a"])
def test_company_side_may_not_review_403(client, request, final_a, persona, decision):
    _set_status(final_a, S.SUBMITTED)
    before = _state(final_a.placement)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        _url("review", final_a.placement), {"decision": decision, "comment": "Ok"}
    )

    assert response.status_code == 403
    assert _state(final_a.placement) == before


@pytest.mark.parametrize("status", [PlacementStatus.COMPLETED, PlacementStatus.CANCELLED])
@pytest.mark.parametrize("name", ["edit", "submit"])
def test_company_side_may_not_fill_in_a_closed_placement_403(
    client, supervisor_a, final_a, status, name
):
    Placement.objects.filter(pk=final_a.placement_id).update(status=status)
    before = _state(final_a.placement)
    client.force_login(supervisor_a)

    response = client.post(_url(name, final_a.placement), {"version": 1, "overall_remarks": "X"})

    assert response.status_code == 403
    assert _state(final_a.placement) == before


def test_closed_placement_shows_the_draft_read_only_to_the_company(client, supervisor_a, final_a):
    Placement.objects.filter(pk=final_a.placement_id).update(status=PlacementStatus.COMPLETED)
    client.force_login(supervisor_a)

    response = client.get(_url("edit", final_a.placement))

    assert response.status_code == 200
    assert response.templates[0].name == "evaluations/evaluation_detail.html"
    assert b'id="evaluation-form"' not in response.content


# --- what each persona sees on the evaluation page ----------------------------------------------


@pytest.mark.parametrize(
    ("persona", "template", "review_form"),
    [
        ("supervisor_a", "evaluations/evaluation_form.html", False),
        ("company_admin_a", "evaluations/evaluation_form.html", False),
        ("staff", "evaluations/evaluation_form.html", False),
        ("coordinator_a", "evaluations/evaluation_detail.html", False),
        ("teacher_a", "evaluations/evaluation_detail.html", False),
    ],
)
def test_evaluation_page_of_a_draft_per_persona(
    client, request, final_a, persona, template, review_form
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_url("edit", final_a.placement))

    assert response.status_code == 200
    assert response.templates[0].name == template
    assert (b'id="review-submit"' in response.content) is review_form


@pytest.mark.parametrize(
    ("persona", "review_form"),
    [
        ("supervisor_a", False),
        ("company_admin_a", False),
        ("coordinator_a", True),
        ("teacher_a", True),
        ("staff", True),
    ],
)
def test_evaluation_page_of_a_submitted_one_per_persona(
    client, request, final_a, persona, review_form
):
    _set_status(final_a, S.SUBMITTED)
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_url("edit", final_a.placement))

    assert response.status_code == 200
    assert response.templates[0].name == "evaluations/evaluation_detail.html"
    assert (b'id="review-submit"' in response.content) is review_form
    assert b'id="evaluation-form"' not in response.content


def test_evaluation_page_head_is_allowed_and_creates_nothing(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.head(_url("edit", placement_a))

    assert response.status_code == 200
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
def test_evaluation_page_before_start_offers_the_school_no_button(
    client, request, placement_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_url("edit", placement_a))

    assert response.status_code == 200
    assert b'id="evaluation-start"' not in response.content
    assert Evaluation.objects.count() == 0


def test_evaluation_page_escapes_the_criterion_texts(client, supervisor_a, placement_a):
    definition = FormDefinition.objects.create(version=98, title="Proef")
    criterion = Criterion.objects.create(
        definition=definition,
        text="<b>Vet</b> {{ request.user }}",
        help_text="<i>{% now 'Y' %}</i>",
    )
    evaluation = EvaluationFactory(placement=placement_a, definition=definition)
    CriterionScore.objects.create(evaluation=evaluation, criterion=criterion)
    client.force_login(supervisor_a)

    response = client.get(_url("edit", placement_a))

    assert response.status_code == 200
    assert b"<b>Vet</b>" not in response.content
    # Shown as typed: escaped, and never run as a template.
    assert b"<legend>&lt;b&gt;Vet&lt;/b&gt; {{ request.user }}</legend>" in response.content
    assert b"&lt;i&gt;{% now &#x27;Y&#x27; %}&lt;/i&gt;</p>" in response.content


# --- the section on the placement page ----------------------------------------------------------


def _section_links(response, placement):
    """The ids of the section's buttons and links, and the addresses they lead to."""
    content = response.content.decode()
    public_id = placement.public_id
    candidates = {
        "start-midterm": 'id="evaluation-start-midterm"',
        "start-final": 'id="evaluation-start-final"',
        "fill-midterm": f'href="{_url("edit", placement, "midterm")}"',
        "fill-final": f'id="evaluation-fill-final" href="{_url("edit", placement)}"',
        "review-final": f'id="evaluation-review-final" href="{_url("edit", placement)}#review"',
        "open-final": f'id="evaluation-open-final" href="{_url("edit", placement)}"',
        "pdf-midterm": f'href="{_url("pdf", placement, "midterm")}"',
        "pdf-final": f'href="{_url("pdf", placement)}"',
        "blank": f'href="{reverse("evaluations:blank_pdf", kwargs={"version": 1})}"',
        "summary": f'href="{reverse("evaluations:summary_pdf", kwargs={"public_id": public_id})}"',
    }
    return sorted(name for name, needle in candidates.items() if needle in content)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("supervisor_a", ["blank", "start-final", "start-midterm", "summary"]),
        ("company_admin_a", ["blank", "start-final", "start-midterm", "summary"]),
        ("staff", ["blank", "start-final", "start-midterm", "summary"]),
        ("coordinator_a", ["blank", "summary"]),
        ("teacher_a", ["blank", "summary"]),
    ],
)
def test_placement_section_before_any_evaluation_per_persona(
    client, request, placement_a, persona, expected
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(placement_a.get_absolute_url())

    assert response.status_code == 200
    assert b'id="evaluations"' in response.content
    assert _section_links(response, placement_a) == expected
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "persona", "expected"),
    [
        (S.DRAFT, "supervisor_a", ["blank", "fill-final", "pdf-final", "start-midterm", "summary"]),
        (S.DRAFT, "coordinator_a", ["blank", "open-final", "pdf-final", "summary"]),
        (
            S.RETURNED,
            "supervisor_a",
            ["blank", "fill-final", "pdf-final", "start-midterm", "summary"],
        ),
        (
            S.SUBMITTED,
            "supervisor_a",
            ["blank", "open-final", "pdf-final", "start-midterm", "summary"],
        ),
        (S.SUBMITTED, "coordinator_a", ["blank", "pdf-final", "review-final", "summary"]),
        (S.SUBMITTED, "teacher_a", ["blank", "pdf-final", "review-final", "summary"]),
        (
            S.APPROVED,
            "supervisor_a",
            ["blank", "open-final", "pdf-final", "start-midterm", "summary"],
        ),
        (S.APPROVED, "teacher_a", ["blank", "open-final", "pdf-final", "summary"]),
    ],
)
def test_placement_section_with_a_final_assessment_per_persona(
    client, request, final_a, status, persona, expected
):
    _set_status(final_a, status)
    client.force_login(request.getfixturevalue(persona))

    response = client.get(final_a.placement.get_absolute_url())

    rows = {row.kind: row for row in response.context["evaluation_rows"]}
    assert _section_links(response, final_a.placement) == expected
    assert rows[EvaluationKind.FINAL].evaluation.status == status
    assert rows[EvaluationKind.MIDTERM].evaluation is None


def test_placement_section_shows_the_last_step(client, supervisor_a, coordinator_a, final_a):
    EvaluationEvent.objects.create(evaluation=final_a, action="saved", by=supervisor_a)
    last = EvaluationEvent.objects.create(evaluation=final_a, action="submitted", by=coordinator_a)
    client.force_login(supervisor_a)

    response = client.get(final_a.placement.get_absolute_url())

    final = response.context["evaluation_rows"][1]
    assert (final.last_step, final.last_by) == ("submitted", coordinator_a.get_full_name())
    assert final.evaluation.last_at == last.at
    assert (
        f"Last step: submitted by {escape(coordinator_a.get_full_name())}".encode()
        in response.content
    )


def test_placement_section_of_a_closed_placement_offers_no_start(client, supervisor_a, placement_a):
    Placement.objects.filter(pk=placement_a.pk).update(status=PlacementStatus.COMPLETED)
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert _section_links(response, placement_a) == ["blank", "summary"]


def test_placement_section_without_a_published_form_has_no_blank_link(
    client, supervisor_a, placement_a
):
    FormDefinition.objects.update(is_published=False)
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert response.context["evaluation_blank_version"] is None
    assert _section_links(response, placement_a) == ["start-final", "start-midterm", "summary"]


def test_start_without_a_published_form_is_refused_with_message(client, supervisor_a, placement_a):
    FormDefinition.objects.update(is_published=False)
    client.force_login(supervisor_a)

    response = client.post(_url("edit", placement_a))

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#evaluations"
    assert Evaluation.objects.count() == 0


# --- queries ------------------------------------------------------------------------------------


@pytest.fixture
def evaluation_on(placement_a, supervisor_a):
    """Return a function that gives placement_a a final assessment on a form with
    ``n`` criteria (the migration's version 1 has 8), each scored, with ``n`` steps."""

    def build(n):
        if n == 8:
            definition = FormDefinition.objects.get(version=1)
        else:
            definition = FormDefinition.objects.create(version=99, title="Uitgebreid")
            Criterion.objects.bulk_create(
                Criterion(definition=definition, order=i, text=f"Criterium {i}") for i in range(n)
            )
        evaluation = EvaluationFactory(placement=placement_a, definition=definition)
        CriterionScore.objects.bulk_create(
            CriterionScore(evaluation=evaluation, criterion=criterion, score=2, remark="Ok")
            for criterion in definition.criteria.all()
        )
        EvaluationEvent.objects.bulk_create(
            EvaluationEvent(evaluation=evaluation, action="saved", by=supervisor_a)
            for _ in range(n)
        )
        return evaluation

    return build


@pytest.mark.parametrize("criteria", [8, 30])
@pytest.mark.parametrize(
    ("persona", "status", "queries"),
    [
        # session, user, memberships, placement; the evaluation with its form version,
        # the criteria with their scores, the steps with who took them
        ("supervisor_a", S.DRAFT, 7),
        ("supervisor_a", S.APPROVED, 7),
        ("coordinator_a", S.SUBMITTED, 7),
    ],
)
def test_evaluation_page_queries_constant(
    client, request, django_assert_num_queries, evaluation_on, persona, status, queries, criteria
):
    evaluation = _set_status(evaluation_on(criteria), status)
    url = _url("edit", evaluation.placement)
    client.force_login(request.getfixturevalue(persona))

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["criteria"]) == criteria
    assert len(response.context["events"]) == criteria


@pytest.mark.parametrize("criteria", [8, 30])
def test_evaluation_save_refused_queries_constant(
    client, supervisor_a, django_assert_num_queries, evaluation_on, criteria
):
    url = _url("edit", evaluation_on(criteria).placement)
    client.force_login(supervisor_a)

    # as the page, plus the criteria for the posted form
    with django_assert_num_queries(8):
        response = client.post(url, {"version": "x"})

    assert response.status_code == 200


@pytest.mark.parametrize("criteria", [0, 8, 30])
@pytest.mark.parametrize(("persona", "queries"), [("supervisor_a", 17), ("coordinator_a", 16)])
def test_placement_page_with_evaluations_queries_constant(
    client,
    request,
    django_assert_num_queries,
    placement_a,
    evaluation_on,
    persona,
    queries,
    criteria,
):
    """The section adds two queries (both evaluations with their last step; the blank
    form's version), however many evaluations, criteria and steps there are."""
    if criteria:
        EvaluationFactory(placement=evaluation_on(criteria).placement, kind=EvaluationKind.MIDTERM)
    client.force_login(request.getfixturevalue(persona))
    client.get(placement_a.get_absolute_url())  # the first visit marks the thread read

    with django_assert_num_queries(queries):
        response = client.get(placement_a.get_absolute_url())

    assert response.status_code == 200
    assert len([row for row in response.context["evaluation_rows"] if row.evaluation]) == (
        2 if criteria else 0
    )


# --- a placement of a few days has no mid-term ---------------------------------------------


def _shorten(placement, days):
    end = placement.start_date + datetime.timedelta(days=days - 1)
    Placement.objects.filter(pk=placement.pk).update(kind=PlacementKind.SNUFFELSTAGE, end_date=end)
    placement.refresh_from_db()
    return placement


@pytest.mark.parametrize(("days", "has_midterm"), [(1, False), (7, False), (8, True)])
def test_placement_section_offers_a_midterm_only_after_a_week(
    client, supervisor_a, placement_a, days, has_midterm
):
    _shorten(placement_a, days)
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert response.status_code == 200
    kinds = [row.kind for row in response.context["evaluation_rows"]]
    assert kinds == ([EvaluationKind.MIDTERM] if has_midterm else []) + [EvaluationKind.FINAL]
    assert ("Start the mid-term evaluation" in response.content.decode()) == has_midterm


def test_starting_a_midterm_of_a_short_placement_is_refused(client, supervisor_a, placement_a):
    _shorten(placement_a, 3)
    client.force_login(supervisor_a)

    response = client.post(_url("edit", placement_a, "midterm"), follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "A placement of a few days has no mid-term evaluation: fill in the final one."
    ]
    assert Evaluation.objects.count() == 0


def test_a_midterm_started_before_the_placement_was_shortened_stays_visible(
    client, supervisor_a, placement_a
):
    evaluation_start(placement_a, kind=EvaluationKind.MIDTERM, by=supervisor_a)
    _shorten(placement_a, 2)
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert response.status_code == 200
    rows = response.context["evaluation_rows"]
    assert [row.kind for row in rows] == [EvaluationKind.MIDTERM, EvaluationKind.FINAL]
    assert rows[0].evaluation is not None

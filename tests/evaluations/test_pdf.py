"""The printed documents: the filled-in assessment, the blank form and the placement
summary; their accessibility, fonts and safety against markup in texts; the views that
download them; and the benchmark command."""

import datetime
import io
import logging

import pytest
import weasyprint
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from evaluations.models import (
    Criterion,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    FollowUpOffer,
    FormDefinition,
    FunnelStage,
)
from evaluations.pdf import (
    StaticOnlyFetcher,
    assessment_filename,
    assessment_pdf,
    blank_form_pdf,
    placement_summary_pdf,
    printable,
)
from evaluations.services import (
    evaluation_approve,
    evaluation_save,
    evaluation_start,
    evaluation_submit,
)
from placements.models import Phase, TaskLevel
from placements.services.checklists import checklist_item_set_done, checklist_sync
from tests.factories import (
    EvaluationFactory,
    FeedbackMomentFactory,
    TaskFactory,
    TaskRecordFactory,
    day_logs_on_weekdays,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
#: The scores given to the eight criteria of form version 1, in order.
SCORES = [4, 3, 2, 1, 4, 3, 2, 1]
SCORE_TEXTS = {1: "1 – insufficient", 2: "2 – moderate", 3: "3 – sufficient", 4: "4 – good"}
FILLED_IN = {
    "overall_remarks": "Een leergierige stagiair.",
    "qualities_seen": "Nauwkeurig en vriendelijk.",
    "reflection_experience": "Leuk en leerzaam.",
    "reflection_expectations": "Ja, grotendeels.",
    "reflection_work_here": "Misschien later, eerst naar het mbo.",
    "reflection_room": "Er was altijd iemand voor uitleg.",
    "reflection_tips": "Vertel op maandag wat we die week doen.",
    "funnel_stage": FunnelStage.DIRECTION,
    "what_became_clearer": "Werktuigbouwkundige installaties passen bij mij.",
    "agreed_next_step": "Aanmelden voor monteur werktuigkundige installaties.",
    "follow_up_offer": FollowUpOffer.HOLIDAY_WORK,
}
MARKUP = [
    "<script>alert(1)</script>",
    "url(http://example.invalid/x.png)",
    "</td></tr></table><h1>X</h1>",
]


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source texts, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def assess(placement, *, by, reviewer, kind=EvaluationKind.FINAL, remarks=None, **fields):
    """An evaluation filled in, submitted and approved through the services."""
    evaluation = evaluation_start(placement, kind=kind, by=by)
    criteria = list(evaluation.definition.criteria.all())
    remarks = remarks or [f"Opmerking {number}" for number in range(1, len(criteria) + 1)]
    scores = {c.pk: (s, r) for c, s, r in zip(criteria, SCORES, remarks, strict=True)}
    evaluation = evaluation_save(
        evaluation, by=by, version=evaluation.version, scores=scores, **(FILLED_IN | fields)
    )
    evaluation = evaluation_submit(evaluation, by=by, version=evaluation.version)
    return evaluation_approve(evaluation, by=reviewer)


def printed(evaluation):
    return printable(Evaluation.objects.filter(pk=evaluation.pk)).get()


def text_of(pdf: bytes) -> str:
    """All pages' text with runs of white space (line breaks in cells) made one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def final(placement_a, supervisor_a, coordinator_a):
    return assess(placement_a, by=supervisor_a, reviewer=coordinator_a)


# --- The filled-in assessment ---------------------------------------------------------


def test_assessment_pdf_contains_pupil_school_company_and_every_scored_criterion(final):
    pdf = assessment_pdf(printed(final))

    text = text_of(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    for needle in ["Daan Visser", "Vakcollege Alfa", "Warmtetechniek Alfa B.V."]:
        assert needle in text
    criteria = list(final.definition.criteria.all())
    rows = [
        f"{c.text} {c.help_text} {SCORE_TEXTS[score]} Opmerking {number}"
        for number, (c, score) in enumerate(zip(criteria, SCORES, strict=True), start=1)
    ]
    assert [row in text for row in rows] == [True] * 8


def test_assessment_pdf_header_names_supervisor_kind_period_and_form_version(final):
    placement = final.placement

    text = text_of(assessment_pdf(printed(final)))

    assert f"Supervisor {placement.supervisor.get_full_name()}" in text
    assert f"Teacher {placement.student.teacher.get_full_name()}" in text
    assert "Kind of placement Blokstage (one block)" in text
    assert "Period 2 March 2026 – 13 March 2026" in text
    assert "Evaluation Final assessment" in text
    assert "Beoordeling stage installatietechniek, version 1" in text


def test_assessment_pdf_of_a_final_contains_reflection_and_next_step(final):
    text = text_of(assessment_pdf(printed(final)))

    for field in [
        "reflection_experience",
        "reflection_expectations",
        "reflection_work_here",
        "reflection_room",
        "reflection_tips",
        "what_became_clearer",
        "agreed_next_step",
    ]:
        assert FILLED_IN[field] in text
    assert "Where the pupil stands now direction within the profile" in text
    assert "Follow-up offer holiday work" in text


def test_assessment_pdf_of_a_midterm_leaves_out_reflection_and_next_step(
    placement_a, supervisor_a, coordinator_a
):
    midterm = assess(
        placement_a, by=supervisor_a, reviewer=coordinator_a, kind=EvaluationKind.MIDTERM
    )

    pdf = assessment_pdf(printed(midterm))

    text = text_of(pdf)
    assert "Mid-term evaluation: Daan Visser" in text
    assert FILLED_IN["overall_remarks"] in text
    assert FILLED_IN["reflection_experience"] not in text
    assert FILLED_IN["agreed_next_step"] not in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


def test_assessment_pdf_shows_status_and_who_approved_when(final, supervisor_a, coordinator_a):
    approved_at = timezone.localtime(final.events.get(action="approved").at)

    text = text_of(assessment_pdf(printed(final)))

    assert "Status Approved" in text
    stamp = f"{approved_at:%-d %B %Y, %H:%M}"
    assert f"Approved {stamp} by {coordinator_a.get_full_name()}" in text
    assert f"Supervisor {supervisor_a.get_full_name()} Pupil Daan Visser" in text


def test_assessment_pdf_when_the_trade_does_not_suit_names_the_direction_and_the_note(
    placement_a, supervisor_a, coordinator_a
):
    evaluation = assess(
        placement_a,
        by=supervisor_a,
        reviewer=coordinator_a,
        trade_does_not_suit=True,
        other_direction="Zorg en welzijn",
    )

    text = text_of(assessment_pdf(printed(evaluation)))

    assert "Installation technology does not suit the pupil" in text
    assert "a valuable insight, not a failed internship" in text
    assert "Direction or sector that might suit: Zorg en welzijn" in text


def test_assessment_pdf_when_the_trade_suits_leaves_the_direction_out(final):
    text = text_of(assessment_pdf(printed(final)))

    assert "does not suit the pupil" not in text
    assert "Direction or sector that might suit" not in text


def test_assessment_pdf_is_tagged_with_title_and_language(final):
    reader = PdfReader(io.BytesIO(assessment_pdf(printed(final))))

    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Final assessment – Daan Visser"
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"] == {"/Marked": True}
    assert root["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert root["/ViewerPreferences"] == {"/DisplayDocTitle": True}


def _structure_tags(node, found=None):
    """Every structure type (H1, Table, TH…) in the PDF's structure tree."""
    found = set() if found is None else found
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            _structure_tags(kid, found)
    return found


def test_assessment_pdf_structure_has_headings_and_table_headers(final):
    reader = PdfReader(io.BytesIO(assessment_pdf(printed(final))))

    tags = _structure_tags(reader.trailer["/Root"]["/StructTreeRoot"])

    assert {"/H1", "/H2", "/H3", "/Table", "/THead", "/TH", "/TD"} - tags == set()


def test_assessment_pdf_without_a_language_follows_the_active_one(final):
    with translation.override("nl"):
        pdf = assessment_pdf(printed(final))

    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "nl"


def _font_files(reader):
    """Per font used on any page: its name and which FontFile keys its descriptor has."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # a composite font describes its descendant
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            keys = {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object())
            found[str(font["/BaseFont"])] = bool(keys)
    return found


def test_assessment_pdf_embeds_every_font(final):
    fonts = _font_files(PdfReader(io.BytesIO(assessment_pdf(printed(final)))))

    assert len(fonts) >= 2
    assert set(fonts.values()) == {True}


def test_assessment_pdf_prints_markup_in_texts_as_literal_text(
    placement_a, supervisor_a, coordinator_a, caplog
):
    remarks = [*MARKUP, *[f"Opmerking {n}" for n in range(4, 9)]]
    evaluation = assess(
        placement_a,
        by=supervisor_a,
        reviewer=coordinator_a,
        remarks=remarks,
        overall_remarks=" ".join(MARKUP),
    )

    with caplog.at_level(logging.WARNING):
        pdf = assessment_pdf(printed(evaluation))

    text = text_of(pdf)
    assert [needle in text for needle in MARKUP] == [True, True, True]
    assert " ".join(MARKUP) in text
    # The markup broke nothing: every criterion is still in its row, the layout the same.
    assert [c.text in text for c in evaluation.definition.criteria.all()] == [True] * 8
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    # Nothing was fetched but the stylesheet: no refusal, no failed resource.
    assert [r.getMessage() for r in caplog.records if r.name.startswith("evaluations")] == []
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


# --- The URL fetcher ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.invalid/x.png",
        "https://example.invalid/x.css",
        "file:///etc/passwd",
        "data:text/plain,hello",
        "static:../stagegids/settings.py",
        "static:css/../../manage.py",
        "static:/etc/passwd",
        "static:",
        "css/print.css",
    ],
)
def test_static_only_fetcher_refuses_everything_but_static_files(url, caplog):
    with caplog.at_level(logging.WARNING), pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)

    assert [r.getMessage() for r in caplog.records] == [
        f"Refused to fetch {url!r} while rendering a PDF."
    ]


def test_static_only_fetcher_serves_the_print_stylesheet():
    response = StaticOnlyFetcher().fetch("static:css/print.css")

    assert response.content_type == "text/css"
    assert response.read().startswith(b"/* The printed documents")


def test_rendering_with_an_outside_image_refuses_it_and_still_renders(caplog):
    html = '<html lang="nl"><title>T</title><img src="http://example.invalid/x.png"><p>Hallo</p>'

    with caplog.at_level(logging.WARNING):
        pdf = weasyprint.HTML(string=html, url_fetcher=StaticOnlyFetcher()).write_pdf()

    assert text_of(pdf) == "Hallo"
    refused = [r.getMessage() for r in caplog.records if r.name == "evaluations.pdf"]
    assert refused == ["Refused to fetch 'http://example.invalid/x.png' while rendering a PDF."]


def test_assessment_pdf_footer_has_page_numbers_and_printing_date(final):
    today = timezone.localdate()

    text = text_of(assessment_pdf(printed(final)))

    assert f"Printed on {today:%-d %B %Y} 1 / 2" in text
    assert f"Printed on {today:%-d %B %Y} 2 / 2" in text


# --- File name ------------------------------------------------------------------------


def test_assessment_filename_is_the_kind_the_slugged_full_name_and_the_approval_date(final):
    student = final.placement.student
    student.given_name, student.surname_prefix, student.surname = "Zoë", "van der", "Berg"
    student.save()
    approved = datetime.datetime(2026, 3, 13, 23, 30, tzinfo=datetime.UTC)  # 14 March in NL
    final.events.filter(action="approved").update(at=approved)
    final.events.filter(action="submitted").update(at=approved - datetime.timedelta(days=3))
    # A later save (a correction of a typo by an admin) does not redate the assessment.
    Evaluation.objects.filter(pk=final.pk).update(updated_at=approved + datetime.timedelta(days=9))

    name = assessment_filename(Evaluation.objects.select_related("placement__student").get())

    assert name == "eindbeoordeling-zoe-van-der-berg-2026-03-14.pdf"


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        (["submitted"], "2026-03-10"),  # submitted, not yet approved
        ([], "2026-03-20"),  # a draft: the day it was last saved
    ],
)
def test_assessment_filename_of_an_unapproved_midterm(placement_a, supervisor_a, actions, expected):
    midterm = EvaluationFactory(placement=placement_a, kind=EvaluationKind.MIDTERM)
    for action in actions:
        EvaluationEvent.objects.create(evaluation=midterm, action=action, by=supervisor_a)
    EvaluationEvent.objects.filter(evaluation=midterm).update(
        at=datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)
    )
    Evaluation.objects.filter(pk=midterm.pk).update(
        updated_at=datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC)
    )

    name = assessment_filename(Evaluation.objects.get(pk=midterm.pk))

    assert name == f"tussenevaluatie-daan-visser-{expected}.pdf"


def test_assessment_filename_of_an_unsaved_evaluation_uses_today(placement_a):
    evaluation = Evaluation(placement=placement_a, kind=EvaluationKind.FINAL)

    name = assessment_filename(evaluation)

    assert name == f"eindbeoordeling-daan-visser-{timezone.localdate():%Y-%m-%d}.pdf"


# --- The blank form -------------------------------------------------------------------


def test_blank_form_pdf_contains_every_criterion_and_the_scale_legend():
    definition = FormDefinition.objects.get(version=1)

    pdf = blank_form_pdf(definition)

    text = text_of(pdf)
    assert [c.text in text for c in definition.criteria.all()] == [True] * 8
    assert "1 2 3 4 Insufficient Moderate Sufficient Good" in text
    assert "☐ Mid-term evaluation ☐ Final assessment" in text
    assert "☐ 1 ☐ 2 ☐ 3 ☐ 4" in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Beoordeling stage installatietechniek (version 1)"
    assert len(reader.pages) == 3


def test_blank_form_pdf_of_another_version_has_only_its_own_criteria():
    definition = FormDefinition.objects.create(version=2, title="Korte beoordeling")
    Criterion.objects.create(definition=definition, order=1, text="Zelfstandigheid")
    Criterion.objects.create(definition=definition, order=2, text="Nieuwsgierigheid")

    text = text_of(blank_form_pdf(definition))

    assert "Zelfstandigheid" in text
    assert "Nieuwsgierigheid" in text
    assert "Omgaan met nieuwe situaties" not in text


# --- The placement summary ------------------------------------------------------------


def test_summary_pdf_contains_ticked_items_hours_tasks_and_feedback(placement_a, supervisor_a):
    checklist_sync(placement_a)
    first = placement_a.checklist_items.filter(phase=Phase.BEFORE_START).order_by("pk").first()
    first = checklist_item_set_done(first, by=supervisor_a, done=True)
    day_logs_on_weekdays(placement_a, 3)
    TaskRecordFactory(
        placement=placement_a,
        task=TaskFactory(name="Een dakgoot reinigen"),
        level=TaskLevel.INDEPENDENT,
        date=datetime.date(2026, 3, 4),
    )
    FeedbackMomentFactory(placement=placement_a, title="Eerste weekgesprek")

    text = text_of(placement_summary_pdf(placement_a))

    done_at = timezone.localtime(first.done_at)
    assert f"{first.text} {supervisor_a.get_full_name()} {done_at:%-d %b %Y, %H:%M}" in text
    assert "open" in text
    assert "Before the start: 1 of" in text
    assert "Hours worked 24 Days present 3 Sick days 0 Other absences 0" in text
    assert "Een dakgoot reinigen 3 of 3: independently 4 Mar 2026" in text
    assert "Eerste weekgesprek" in text


def test_summary_pdf_of_an_empty_placement_says_nothing_is_recorded(placement_a):
    text = text_of(placement_summary_pdf(placement_a))

    assert "This placement has no checklist." in text
    assert "No days recorded yet." in text
    assert "No tasks recorded yet." in text
    assert "No feedback moments planned yet." in text


# --- Views ----------------------------------------------------------------------------


def _pdf_url(evaluation_or_placement, kind=None):
    placement = getattr(evaluation_or_placement, "placement", evaluation_or_placement)
    kind = kind or evaluation_or_placement.kind
    return reverse("evaluations:pdf", kwargs={"public_id": placement.public_id, "kind": kind})


def _summary_url(placement):
    return reverse("evaluations:summary_pdf", kwargs={"public_id": placement.public_id})


def _blank_url(version):
    return reverse("evaluations:blank_pdf", kwargs={"version": version})


@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a", "staff"])
def test_evaluation_pdf_view_for_those_who_see_the_placement_is_a_pdf(
    client, final, persona, request
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_pdf_url(final))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{assessment_filename(final)}"'
    )
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_evaluation_pdf_view_for_others_is_404(client, final, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_pdf_url(final))

    assert response.status_code == 404


def test_evaluation_pdf_view_for_anonymous_redirects_to_login(client, final):
    url = _pdf_url(final)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


@pytest.mark.parametrize("kind", ["halfway", "FINAL", "midterm-final"])
def test_evaluation_pdf_view_of_an_unknown_kind_is_404(client, final, supervisor_a, kind):
    client.force_login(supervisor_a)

    response = client.get(_pdf_url(final.placement, kind))

    assert response.status_code == 404


def test_evaluation_pdf_view_of_a_missing_evaluation_is_404(client, final, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get(_pdf_url(final.placement, EvaluationKind.MIDTERM))

    assert response.status_code == 404


def test_evaluation_pdf_view_of_a_draft_is_a_pdf_too(client, placement_a, supervisor_a):
    evaluation_start(placement_a, kind=EvaluationKind.MIDTERM, by=supervisor_a)
    client.force_login(supervisor_a)

    response = client.get(_pdf_url(placement_a, EvaluationKind.MIDTERM))

    assert response.status_code == 200
    assert "Status Draft" in text_of(response.content)


def test_evaluation_pdf_view_refuses_post(client, final, supervisor_a):
    client.force_login(supervisor_a)

    response = client.post(_pdf_url(final))

    assert response.status_code == 405


def test_evaluation_pdf_view_runs_a_fixed_number_of_queries(
    client, final, supervisor_a, django_assert_num_queries
):
    client.force_login(supervisor_a)
    url = _pdf_url(final)

    # session, user, placement, 2 for the access, evaluation, criteria, scores, steps
    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a", "staff"])
def test_summary_pdf_view_for_those_who_see_the_placement_is_a_pdf(
    client, placement_a, persona, request
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_summary_url(placement_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="stageoverzicht-daan-visser-{timezone.localdate():%Y-%m-%d}.pdf"'
    )
    assert "Internship summary: Daan Visser" in text_of(response.content)


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_summary_pdf_view_for_others_is_404(client, placement_a, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_summary_url(placement_a))

    assert response.status_code == 404


def test_summary_pdf_view_for_anonymous_redirects_to_login(client, placement_a):
    url = _summary_url(placement_a)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


def test_summary_pdf_view_refuses_post(client, placement_a, supervisor_a):
    client.force_login(supervisor_a)

    response = client.post(_summary_url(placement_a))

    assert response.status_code == 405


@pytest.mark.parametrize("persona", ["outsider", "supervisor_b", "teacher_a"])
def test_blank_pdf_view_for_any_logged_in_user_is_a_pdf(client, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_blank_url(1))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="beoordelingsformulier-v1.pdf"'
    assert response.content.startswith(b"%PDF")


def test_blank_pdf_view_of_an_unknown_version_is_404(client, outsider):
    client.force_login(outsider)

    response = client.get(_blank_url(99))

    assert response.status_code == 404


def test_blank_pdf_view_for_anonymous_redirects_to_login(client):
    url = _blank_url(1)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


def test_blank_pdf_view_refuses_post(client, outsider):
    client.force_login(outsider)

    response = client.post(_blank_url(1))

    assert response.status_code == 405


# --- The benchmark --------------------------------------------------------------------


def test_bench_pdf_reports_median_p95_memory_and_machine(final):
    out = io.StringIO()

    call_command("bench_pdf", count=2, stdout=out)

    lines = out.getvalue().splitlines()
    assert (
        lines[0]
        == "Rendered 2 assessment PDFs, cycling over 1 evaluations (" + (lines[0].split("(", 1)[1])
    )
    assert [line.split(":")[0] for line in lines[1:]] == [
        "First PDF (fonts and caches loading)",
        "Median",
        "p95",
        "Peak memory of the process (max RSS)",
        "Peak Python allocations while rendering one PDF",
        "Machine",
    ]


def test_bench_pdf_without_evaluations_fails_with_a_clear_message():
    with pytest.raises(CommandError) as error:
        call_command("bench_pdf", count=2, stdout=io.StringIO())

    assert str(error.value) == (
        "There are no evaluations to render. Run 'manage.py seed_demo' first: "
        "it gives the completed demo placements an approved final assessment."
    )

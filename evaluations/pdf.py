"""The printable documents: a filled-in assessment, the blank form and a placement's
summary, rendered from print templates with WeasyPrint; and a ZIP of many assessments.

Every value reaches the print templates as template context, so Django's autoescaping
turns any HTML or CSS that someone typed into a remark into plain text. The renderer
may fetch only the project's own static files (the print stylesheet): a URL in any
text can never make the server fetch something from the network or the disk.
"""

import datetime
import logging
import mimetypes
import zipfile
from collections.abc import Iterable, Iterator
from io import RawIOBase
from pathlib import Path, PurePosixPath

import weasyprint
from django.contrib.staticfiles import finders
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from weasyprint.urls import URLFetcher, URLFetcherResponse

from evaluations.models import (
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    FollowUpOffer,
    FormDefinition,
    FunnelStage,
    Score,
)
from evaluations.services import EVALUATION_FIELDS
from placements.access import PlacementAccess
from placements.models import Placement
from placements.schedule import holiday_language
from placements.selectors.checklists import checklist_overview
from placements.selectors.feedback import feedback_moments
from placements.selectors.hours import hours_summary
from placements.selectors.worklog import task_progress

logger = logging.getLogger(__name__)

#: Print templates link their stylesheet as ``static:css/print.css``: a scheme of our
#: own, so the link works whatever STATIC_URL or the static storage's hashed names are.
STATIC_SCHEME = "static:"

#: PDF/UA-1: tagged, with the document's language and title, for screen readers.
PDF_VARIANT = "pdf/ua-1"

REFLECTION_FIELDS = (
    "reflection_experience",
    "reflection_expectations",
    "reflection_work_here",
    "reflection_room",
    "reflection_tips",
)


class StaticOnlyFetcher(URLFetcher):
    """Serves ``static:<path>`` from the project's static files and refuses every other
    URL (http, https, file, data, relative ones), logging what it refused.

    WeasyPrint catches the error and renders on without the resource.
    """

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = _static_path(url)
        if path is None:
            logger.warning("Refused to fetch %r while rendering a PDF.", url)
            raise ValueError(f"Only static files may be fetched, not {url!r}.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def _static_path(url: str) -> Path | None:
    """The file of a ``static:`` URL found by the staticfiles finders, else None."""
    if not url.startswith(STATIC_SCHEME):
        return None
    name = url.removeprefix(STATIC_SCHEME).split("?")[0].split("#")[0].lstrip("/")
    parts = PurePosixPath(name).parts
    if not parts or ".." in parts or "\\" in name or ":" in name:
        return None
    found = finders.find(name)
    return Path(found) if isinstance(found, str) else None


def render_pdf(template_name: str, context: dict, *, title: str, language: str = "nl") -> bytes:
    """Render ``template_name`` in ``language`` and print it to a tagged PDF/UA-1 document
    titled ``title``, with its fonts embedded."""
    with translation.override(language):
        html = render_to_string(
            template_name,
            {**context, "title": title, "language": language, "printed_on": timezone.localdate()},
        )
    document = weasyprint.HTML(string=html, base_url=STATIC_SCHEME, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def _language(language: str | None) -> str:
    return language or translation.get_language() or "nl"


def printable(evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """``evaluations`` with everything the assessment PDF prints, in four queries however
    many there are: placement, pupil, school, teacher, company, supervisor and form; the
    form's criteria; the scores; the review steps with who took them."""
    return evaluations.select_related(
        "definition",
        "placement__student__school",
        "placement__student__teacher",
        "placement__company",
        "placement__supervisor",
    ).prefetch_related(
        "definition__criteria",
        "scores",
        Prefetch("events", queryset=EvaluationEvent.objects.select_related("by")),
    )


def _labels() -> dict[str, str]:
    """The questions of the form: the verbose names of the fields the company fills in."""
    return {name: Evaluation._meta.get_field(name).verbose_name for name in EVALUATION_FIELDS}


def assessment_context(evaluation: Evaluation) -> dict:
    """What the assessment's print template shows."""
    labels = _labels()
    scores = {row.criterion_id: row for row in evaluation.scores.all()}
    last_step = {event.action: event for event in evaluation.events.all()}
    return {
        "evaluation": evaluation,
        "placement": evaluation.placement,
        "definition": evaluation.definition,
        # Every criterion of the form, also one without a score row.
        "criteria": [(c, scores.get(c.pk)) for c in evaluation.definition.criteria.all()],
        "scale": Score.choices,
        "labels": labels,
        "is_final": evaluation.kind == EvaluationKind.FINAL,
        "reflection": [(labels[name], getattr(evaluation, name)) for name in REFLECTION_FIELDS],
        "next_step": [
            (labels["funnel_stage"], evaluation.get_funnel_stage_display()),
            (labels["what_became_clearer"], evaluation.what_became_clearer),
            (labels["agreed_next_step"], evaluation.agreed_next_step),
            (labels["follow_up_offer"], evaluation.get_follow_up_offer_display()),
        ],
        "submitted": last_step.get(EvaluationEvent.Action.SUBMITTED),
        "approved": last_step.get(EvaluationEvent.Action.APPROVED),
    }


def assessment_pdf(evaluation: Evaluation, *, language: str | None = None) -> bytes:
    """The filled-in assessment as a PDF, in ``language`` (default: the active one).

    Pass an evaluation from ``printable()``; any other works too, with more queries.
    """
    title = _("%(kind)s – %(pupil)s") % {
        "kind": capfirst(evaluation.get_kind_display()),
        "pupil": evaluation.placement.student.full_name,
    }
    return render_pdf(
        "evaluations/print/assessment.html",
        assessment_context(evaluation),
        title=title,
        language=_language(language),
    )


def blank_form_pdf(definition: FormDefinition, *, language: str | None = None) -> bytes:
    """The empty assessment form of ``definition``, to fill in by hand."""
    labels = _labels()
    context = {
        "definition": definition,
        "criteria": list(definition.criteria.all()),
        "scale": Score.choices,
        "kinds": EvaluationKind.choices,
        "labels": labels,
        "reflection_questions": [labels[name] for name in REFLECTION_FIELDS],
        "funnel_stages": FunnelStage.choices,
        "follow_up_offers": FollowUpOffer.choices,
    }
    title = _("%(title)s (version %(version)s)") % {
        "title": definition.title,
        "version": definition.version,
    }
    return render_pdf(
        "evaluations/print/blank_form.html", context, title=title, language=_language(language)
    )


def placement_summary_pdf(placement: Placement, *, language: str | None = None) -> bytes:
    """A placement's journey on paper: checklists, hours, tasks learnt, feedback moments."""
    language = _language(language)
    today = timezone.localdate()
    context = {
        "placement": placement,
        # A read-only access: the summary shows who ticked what, it offers no ticking.
        "phases": checklist_overview(placement, PlacementAccess())["phases"],
        "hours": hours_summary(placement, today=today, language=holiday_language(language)),
        "tasks": task_progress(placement),
        "feedback_moments": feedback_moments(placement, today=today),
    }
    title = _("Internship summary – %(pupil)s") % {"pupil": placement.student.full_name}
    return render_pdf(
        "evaluations/print/placement_summary.html", context, title=title, language=language
    )


def _file_stem(prefix: str, name: str, date) -> str:
    return f"{prefix}-{slugify(name) or 'leerling'}-{date:%Y-%m-%d}"


#: The first word of an assessment's file name, per kind (file names stay Dutch, as the
#: school files them).
FILE_PREFIXES = {EvaluationKind.MIDTERM: "tussenevaluatie", EvaluationKind.FINAL: "eindbeoordeling"}

#: The steps that give an assessment its date: when it was approved, else submitted.
DATING_ACTIONS = (EvaluationEvent.Action.APPROVED, EvaluationEvent.Action.SUBMITTED)


def assessment_date(evaluation: Evaluation) -> datetime.date:
    """The assessment's own date: the day it was approved, else the day it was last
    submitted, else the day it was last saved. Reads the events ``printable`` prefetched
    (one query otherwise)."""
    if evaluation.pk is None:  # not saved yet: nothing has happened to it but today
        return timezone.localdate()
    events = list(evaluation.events.all())
    for action in DATING_ACTIONS:
        dates = [event.at for event in events if event.action == action]
        if dates:
            return timezone.localdate(max(dates))
    return timezone.localdate(evaluation.updated_at)


def assessment_filename(evaluation: Evaluation) -> str:
    """``eindbeoordeling-<pupil>-<yyyy-mm-dd>.pdf`` (or ``tussenevaluatie-…``), dated on
    the assessment's own date (``assessment_date``), so the mid-term and the final of one
    pupil never share a name."""
    prefix = FILE_PREFIXES[EvaluationKind(evaluation.kind)]
    name = evaluation.placement.student.full_name
    return f"{_file_stem(prefix, name, assessment_date(evaluation))}.pdf"


def summary_filename(placement: Placement) -> str:
    """``stageoverzicht-<pupil>-<yyyy-mm-dd>.pdf``, dated today."""
    stem = _file_stem("stageoverzicht", placement.student.full_name, timezone.localdate())
    return f"{stem}.pdf"


def blank_form_filename(definition: FormDefinition) -> str:
    return f"beoordelingsformulier-v{definition.version}.pdf"


def zip_filename() -> str:
    return f"beoordelingen-{timezone.localdate():%Y-%m-%d}.zip"


class _ChunkBuffer(RawIOBase):
    """A write-only, non-seekable buffer that hands out what was written since the last
    ``take()``; ZipFile then writes data descriptors instead of seeking back."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``<stem>-2.pdf``, ``<stem>-3.pdf``… when it is already in the ZIP."""
    stem, dot, extension = name.rpartition(".")
    candidate, counter = name, 1
    while candidate in taken:
        counter += 1
        candidate = f"{stem}-{counter}{dot}{extension}"
    taken.add(candidate)
    return candidate


def assessments_zip(evaluations: Iterable[Evaluation], *, language: str) -> Iterator[bytes]:
    """A ZIP of one assessment PDF per evaluation, produced piece by piece: each PDF is
    rendered, written into the archive and handed out before the next one is rendered,
    so memory holds one PDF at a time however many there are."""
    buffer = _ChunkBuffer()
    taken: set[str] = set()
    # PDFs are compressed already: storing them is as small and much faster.
    with zipfile.ZipFile(buffer, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for evaluation in evaluations:
            name = _unique(assessment_filename(evaluation), taken)
            archive.writestr(name, assessment_pdf(evaluation, language=language))
            yield buffer.take()
    yield buffer.take()

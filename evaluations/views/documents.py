"""PDF downloads: an assessment, a placement's summary, the blank form, and the approved
assessments of a coordinator's pupils as one ZIP."""

import importlib

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from evaluations.forms import BulkDownloadForm
from evaluations.models import EvaluationKind, FormDefinition
from evaluations.selectors import approved_assessments_for_bulk, class_choices
from placements.access import may_download_in_bulk, require
from placements.selectors.core import placement_for_user
from stagegids.core.http import attachment


def _pdf():
    """evaluations.pdf, imported on first use: WeasyPrint needs the Pango library, and
    the rest of the portal should run on a machine without it."""
    return importlib.import_module("evaluations.pdf")


#: How many of the matching assessments the bulk download page lists.
PREVIEW_ROWS = 50


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return attachment(HttpResponse(pdf, content_type="application/pdf"), filename)


@require_safe
@login_required
def evaluation_pdf(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    """The placement's evaluation of ``kind`` as a PDF, for anyone who sees the placement."""
    placement, _access = placement_for_user(request.user, public_id)
    if kind not in EvaluationKind.values:
        raise Http404("No such kind of evaluation.")
    pdf = _pdf()
    evaluation = get_object_or_404(pdf.printable(placement.evaluations.filter(kind=kind)))
    return _pdf_response(pdf.assessment_pdf(evaluation), pdf.assessment_filename(evaluation))


@require_safe
@login_required
def summary_pdf(request: HttpRequest, public_id) -> HttpResponse:
    """The placement's checklists, hours, tasks and feedback moments as a PDF."""
    placement, _access = placement_for_user(request.user, public_id)
    pdf = _pdf()
    return _pdf_response(pdf.placement_summary_pdf(placement), pdf.summary_filename(placement))


@require_safe
@login_required
def blank_pdf(request: HttpRequest, version: int) -> HttpResponse:
    """The empty assessment form of ``version``, to print and fill in by hand."""
    definition = get_object_or_404(FormDefinition, version=version)
    pdf = _pdf()
    return _pdf_response(pdf.blank_form_pdf(definition), pdf.blank_form_filename(definition))


@require_safe
@login_required
def bulk_download(request: HttpRequest) -> HttpResponse:
    """Coordinators and admins pick approved assessments by class, period and kind; with
    ``download=1`` they get them as a ZIP that is streamed while the PDFs are rendered."""
    require(may_download_in_bulk(request.user))
    form = BulkDownloadForm(request.GET, classes=class_choices(request.user))
    evaluations = form.filter(approved_assessments_for_bulk(request.user))
    total = evaluations.count()
    download = request.GET.get("download") == "1"
    if download and total and request.method == "GET":  # a HEAD renders no PDFs
        # The list is read before streaming starts; the generator then only renders.
        pdf = _pdf()
        chunks = pdf.assessments_zip(list(pdf.printable(evaluations)), language=get_language())
        response = StreamingHttpResponse(chunks, content_type="application/zip")
        return attachment(response, pdf.zip_filename())
    context = {
        "form": form,
        "total": total,
        "preview": evaluations.select_related("placement__student", "placement__company")[
            :PREVIEW_ROWS
        ],
        "nothing_to_download": download and not total,
    }
    return render(request, "evaluations/bulk_download.html", context)

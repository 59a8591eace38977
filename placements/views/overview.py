"""The placement overview: its page context, the CSV and Excel exports, and the bulk
message to the selected placements.

The list page (``core.placement_list``), both exports and the bulk action's page read
one and the same filtered, sorted set through ``overview_for``; an export too large for
the request is made in the background and fetched from the exports page.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from placements.access import Memberships, may_post_in_bulk, memberships_of, require
from placements.exports import (
    CONTENT_TYPES,
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_chunks,
    export_filename,
    xlsx_bytes,
)
from placements.forms.core import (
    BULK_MAX_PLACEMENTS,
    BulkMessageForm,
    BulkSelectionForm,
    PlacementFilterForm,
    overview_for,
)
from placements.models import ExportFormat, ExportStatus, Placement, PlacementStatus
from placements.selectors import placements_for_user
from placements.selectors.checklists import with_checklist_progress
from placements.selectors.exports import (
    EXPORT_LIST_SIZE,
    exceeds_inline_max,
    export_for_user,
    exports_for_user,
)
from placements.selectors.overview import (
    DEFAULT_SORT,
    SORT_FIELDS,
    export_values,
    with_message_permission,
)
from placements.services.exports import EXPORT_CHUNK_SIZE, EXPORT_KEEP, export_file_request
from placements.services.messages import message_post_to_many
from placements.services.proposals import placements_confirm_many
from stagegids.core.http import attachment

PAGE_SIZE = 25


@dataclass(frozen=True)
class SortLink:
    """A column header's link: the order it switches to, and the order it shows now."""

    url: str
    #: The header's ``aria-sort``: "ascending", "descending" or "" when not sorted by it.
    direction: str

    @property
    def arrow(self) -> str:
        """The sighted user's cue; screen readers get ``aria-sort`` instead."""
        return {"ascending": " ▲", "descending": " ▼"}.get(self.direction, "")


def sort_links(form: PlacementFilterForm) -> dict[str, SortLink]:
    """Per sort key the header link that keeps the filters: it sorts by that column, or,
    when the list is sorted by it already, turns the order around. ``period`` is the
    period column, which both dates sort."""
    current = form.cleaned_data.get("sort") or DEFAULT_SORT
    # The list's own address, not just "?…": the bulk action's error page shows them too.
    list_url = reverse("placements:list")
    links = {}
    for key in SORT_FIELDS:
        direction = {key: "ascending", f"-{key}": "descending"}.get(current, "")
        flipped = f"-{key}" if direction == "ascending" else key
        links[key] = SortLink(url=f"{list_url}?{form.query(sort=flipped)}", direction=direction)
    links["period"] = links["start_date"] if links["start_date"].direction else links["end_date"]
    return links


def overview_page(
    request: HttpRequest,
    params: QueryDict,
    *,
    bulk_form: BulkMessageForm | None = None,
    memberships: Memberships | None = None,
) -> dict[str, Any]:
    """The list page's context for the filters, order and page in ``params`` (with the
    user's ``memberships`` looked up when not given)."""
    if memberships is None:
        memberships = memberships_of(request.user)
    form, placements = overview_for(request.user, params, memberships)
    rows = with_message_permission(with_checklist_progress(placements), request.user, memberships)
    page = Paginator(rows, PAGE_SIZE).get_page(params.get("page"))
    if bulk_form is None:
        bulk_form = BulkMessageForm(initial={"back": form.query(page=page.number)})
    coordinates = request.user.is_staff or bool(memberships.coordinates)
    return {
        "may_propose": coordinates,
        "may_register": bool(memberships.companies),
        "form": form,
        "page": page,
        "query": form.query(),
        "sort_links": sort_links(form),
        "selectable": any(placement.may_message for placement in page),
        # Coordinators confirm the company registrations on the page in one go.
        "confirmable": coordinates
        and any(placement.status == PlacementStatus.REGISTERED for placement in page),
        "bulk_form": bulk_form,
        "ticked": set(bulk_form.data.getlist("placements")) if bulk_form.is_bound else set(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """The filtered, sorted placements (every page) as CSV, streamed while it is read;
    more than ``EXPORT_INLINE_MAX`` are made in the background (see ``_export``)."""
    return _export(request, ExportFormat.CSV)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The filtered, sorted placements (every page) as an Excel workbook; more than
    ``EXPORT_INLINE_MAX`` are made in the background (see ``_export``)."""
    return _export(request, ExportFormat.XLSX)


def _export(request: HttpRequest, file_format: ExportFormat) -> HttpResponse:
    """The export of the overview's filters (in the query string) as a download, or, for
    more than ``EXPORT_INLINE_MAX`` rows, a page that offers to make it in the background:
    its button POSTs here, which asks for the ``ExportFile`` (the same request again while
    it is being made reuses it) and leads to the user's exports. A GET writes nothing."""
    form, placements = overview_for(request.user, request.GET)
    if exceeds_inline_max(placements):
        if request.method != "POST":
            context = {"query": form.query(), "file_format": file_format.label}
            return render(request, "placements/export_large.html", context)
        filters = QueryDict(form.query()).dict()
        language = get_language()
        export_file_request(
            request.user, file_format=file_format, filters=filters, language=language
        )
        messages.info(request, _("Your export is being made in the background."))
        return redirect("placements:exports")
    values = export_values(placements, chunk_size=EXPORT_CHUNK_SIZE)
    if file_format == ExportFormat.CSV:
        response = StreamingHttpResponse(csv_chunks(values), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(xlsx_bytes(values), content_type=XLSX_CONTENT_TYPE)
    return attachment(response, export_filename(file_format))


@require_safe
@login_required
def export_list(request: HttpRequest) -> HttpResponse:
    """The user's recent background exports with their status and, once ready, a link;
    htmx asks again every few seconds while one is being made."""
    exports = list(exports_for_user(request.user)[:EXPORT_LIST_SIZE])
    context = {
        "exports": exports,
        "pending": any(export.status == ExportStatus.PENDING for export in exports),
        "keep_hours": int(EXPORT_KEEP.total_seconds() // 3600),
    }
    template = "_export_table.html" if request.htmx else "export_list.html"
    return render(request, f"placements/{template}", context)


@require_safe
@login_required
def export_download(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The file of one of the user's own background exports (anyone else's: 404)."""
    export = export_for_user(request.user, public_id)
    if export.is_expired():
        return render(request, "placements/export_expired.html", status=410)
    if export.status != ExportStatus.READY:
        return redirect("placements:exports")
    content_type = CONTENT_TYPES[export.file_format]
    response = HttpResponse(bytes(export.content), content_type=content_type)
    return attachment(response, export.file_name)


@require_POST
@login_required
def bulk_message(request: HttpRequest) -> HttpResponse:
    """Send one message to the threads of the placements ticked in the overview."""
    require(may_post_in_bulk(request.user))
    form = BulkMessageForm(request.POST)
    back = QueryDict(request.POST.get("back", ""))
    if not form.is_valid():
        context = overview_page(request, back, bulk_form=form)
        return render(request, "placements/placement_list.html", context)
    placements, selected = _selection(request, form, back)
    if placements is None:
        context = overview_page(request, back, bulk_form=form)
        return render(request, "placements/placement_list.html", context)
    sent = message_post_to_many(placements, author=request.user, body=form.cleaned_data["body"])
    _report(request, sent=sent, skipped=selected - sent)
    return _back_to_list(back)


def _selection(
    request: HttpRequest, form: BulkSelectionForm, back: QueryDict
) -> tuple[QuerySet[Placement] | None, int]:
    """The placements a valid bulk form names, scoped to the user, and how many were
    named: the ticked ones, or with ``everything`` all that match the overview's filters
    in ``back`` (every page). More than ``BULK_MAX_PLACEMENTS`` adds an error to the form
    and gives None."""
    if not form.cleaned_data["everything"]:
        selected = form.cleaned_data["placements"]
        return placements_for_user(request.user).filter(public_id__in=selected), len(selected)
    _filters, matching = overview_for(request.user, back)
    count = matching.count()
    if count > BULK_MAX_PLACEMENTS:
        form.add_error(
            "placements",
            _(
                "%(count)d placements match the filters: at most %(max)d at a time. Narrow "
                "the filters first."
            )
            % {"count": count, "max": BULK_MAX_PLACEMENTS},
        )
        return None, count
    return matching, count


def _back_to_list(back: QueryDict) -> HttpResponse:
    # Back to the same filters, order and page; re-encoded, so only a query string.
    query = back.urlencode()
    return redirect(f"{reverse('placements:list')}?{query}" if query else "placements:list")


@require_POST
@login_required
def bulk_confirm(request: HttpRequest) -> HttpResponse:
    """Confirm the company registrations ticked in the overview."""
    form = BulkSelectionForm(request.POST)
    back = QueryDict(request.POST.get("back", ""))
    if not form.is_valid():
        for error in form.errors.get("placements", []):
            messages.error(request, error)
        return _back_to_list(back)
    placements, selected = _selection(request, form, back)
    if placements is None:
        for error in form.errors.get("placements", []):
            messages.error(request, error)
        return _back_to_list(back)
    confirmed, _refused = placements_confirm_many(placements, by=request.user)
    if confirmed:
        text = ngettext(
            "%(count)d placement is confirmed and now planned.",
            "%(count)d placements are confirmed and now planned.",
            confirmed,
        )
        messages.success(request, text % {"count": confirmed})
    if skipped := selected - confirmed:
        text = ngettext(
            "%(count)d selected placement was left alone: it is not a registration "
            "waiting for your confirmation.",
            "%(count)d selected placements were left alone: they are not registrations "
            "waiting for your confirmation.",
            skipped,
        )
        messages.warning(request, text % {"count": skipped})
    return _back_to_list(back)


def _report(request: HttpRequest, *, sent: int, skipped: int) -> None:
    if sent:
        text = ngettext(
            "Your message was sent to %(count)d placement.",
            "Your message was sent to %(count)d placements.",
            sent,
        )
        messages.success(request, text % {"count": sent})
    if skipped:
        text = ngettext(
            "%(count)d selected placement was skipped: you cannot post there.",
            "%(count)d selected placements were skipped: you cannot post there.",
            skipped,
        )
        messages.warning(request, text % {"count": skipped})

"""Hours and attendance: the day log, its totals, and a lintstage's schedule (.ics)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from placements.access import PlacementAccess, require
from placements.forms.hours import DayLogForm
from placements.models import Placement, PlacementKind
from placements.schedule import (
    holiday_language,
    lintstage_days,
    schedule_calendar,
    schedule_filename,
)
from placements.selectors.core import placement_for_user
from placements.selectors.hours import hours_summary
from placements.services.hours import daylog_change, daylog_delete, daylog_record
from placements.views.today import back_to_today, wants_today
from stagegids.core.http import add_service_error, attachment

FORM_TEMPLATE = "placements/hours/daylog_form.html"


def hours_section(placement: Placement, access: PlacementAccess) -> dict:
    """The context of the placement page's section "Hours and attendance"."""
    today = timezone.localdate()
    may_record = access.may_record_hours
    language = holiday_language(get_language())
    return {
        "hours_summary": hours_summary(placement, today=today, language=language),
        "may_record_hours": may_record,
        "daylog_form": DayLogForm.for_new_day(placement, today=today) if may_record else None,
    }


def _back_to_section(placement: Placement) -> HttpResponse:
    return redirect(f"{placement.get_absolute_url()}#hours")


@require_POST
@login_required
def daylog_save(request: HttpRequest, public_id) -> HttpResponse:
    """Record a day; a date that is already recorded is updated, never doubled."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_record_hours)
    form = DayLogForm(request.POST, placement=placement)
    saved = None
    if form.is_valid():
        try:
            daylog = daylog_record(placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            date = date_format(daylog.date)
            saved = _("The day of %(date)s is saved.") % {"date": date}
    if wants_today(request):
        return back_to_today(request, placement, form=form, success=saved)
    if saved:
        messages.success(request, saved)
        return _back_to_section(placement)
    return render(request, FORM_TEMPLATE, {"placement": placement, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def daylog_edit(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    """Correct a recorded day (also its date); the page offers to delete it too."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_record_hours)
    daylog = get_object_or_404(placement.day_logs, pk=pk)
    form = DayLogForm.for_daylog(daylog, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            daylog_change(daylog, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            date = date_format(daylog.date)
            messages.success(request, _("The day of %(date)s is corrected.") % {"date": date})
            return _back_to_section(placement)
    context = {"placement": placement, "form": form, "daylog": daylog}
    return render(request, FORM_TEMPLATE, context)


@require_POST
@login_required
def daylog_remove(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    """Delete a recorded day; a second click on the same button changes nothing."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_record_hours)
    daylog = placement.day_logs.filter(pk=pk).first()
    if daylog is None:
        messages.info(request, _("That day was already deleted."))
        return _back_to_section(placement)
    date = date_format(daylog.date)
    daylog_delete(daylog, by=request.user)
    messages.success(request, _("The day of %(date)s is deleted.") % {"date": date})
    return _back_to_section(placement)


@require_safe
@login_required
def schedule_ics(request: HttpRequest, public_id) -> HttpResponse:
    """A lintstage's days as a calendar file; other kinds have no weekly schedule (404)."""
    placement, _access = placement_for_user(request.user, public_id)
    if placement.kind != PlacementKind.LINTSTAGE:
        raise Http404("Only a lintstage has a weekly schedule.")
    days, _skipped = lintstage_days(placement)
    body = schedule_calendar(placement, days, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    return attachment(response, schedule_filename(placement))

"""The work log: what the intern learnt, recorded by the company side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from placements.access import PlacementAccess, require
from placements.forms.journal import TaskRecordForm
from placements.models import Placement
from placements.selectors.core import placement_for_user
from placements.selectors.worklog import task_progress, task_record_for
from placements.services.worklog import task_record_delete, task_record_save
from stagegids.core.http import add_service_error


def worklog_section(placement: Placement, access: PlacementAccess) -> dict:
    """The context of the placement page's section "What the intern learnt"."""
    may_record = access.may_keep_worklog
    return {
        "worklog_progress": task_progress(placement),
        "worklog_form": TaskRecordForm(placement=placement) if may_record else None,
    }


def _back(placement: Placement) -> HttpResponse:
    return redirect(f"{placement.get_absolute_url()}#worklog")


@require_POST
@login_required
def worklog_record(request: HttpRequest, public_id) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_keep_worklog)
    form = TaskRecordForm(request.POST, placement=placement)
    if form.is_valid():
        try:
            record = task_record_save(placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:  # e.g. the task was deactivated meanwhile
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Recorded: %(task)s, %(level)s.")
                % {"task": record.task.name, "level": record.get_level_display()},
            )
            return _back(placement)
    context = {"placement": placement, "form": form}
    return render(request, "placements/worklog/record_form.html", context)


@require_POST
@login_required
def worklog_delete(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_keep_worklog)
    record = task_record_for(placement, pk)
    if record is None:  # a second click on the same button
        messages.info(request, _("This record was already deleted."))
    else:
        task_record_delete(record, by=request.user)
        messages.success(request, _("Record deleted: %(record)s.") % {"record": record})
    return _back(placement)

"""The pupils of a coordinator's schools, and importing them from a file: upload →
columns → preview → import. Only coordinators (and staff) get here; others get 404."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from placements.forms.imports import ColumnMappingForm, PupilSearchForm, StudentImportUploadForm
from placements.imports import REQUIRED_FIELDS, column_label, guess_mapping
from placements.models import School, StudentImport
from placements.selectors.core import schools_coordinated_by
from placements.selectors.imports import (
    search_students,
    student_import_for_user,
    students_of_coordinated_schools,
)
from placements.services.imports import (
    student_import_commit,
    student_import_create,
    student_import_discard,
    student_import_plan,
    student_import_set_mapping,
)
from stagegids.core.models import User
from stagegids.core.page_cache import render_cached, school_scope

PAGE_SIZE = 50
#: The preview lists at most this many invalid rows, and this many new and changed pupils.
INVALID_SHOWN = 200
SAMPLE_SIZE = 25


def _coordinated_schools(user: User) -> list[School]:
    """The schools ``user`` coordinates; 404 for whoever coordinates none."""
    schools = list(schools_coordinated_by(user))
    if not schools:
        raise Http404
    return schools


@require_safe
@login_required
def pupil_list(request: HttpRequest) -> HttpResponse:
    """The pupils of the user's schools, a page at a time; ``?school=`` shows one school."""
    schools = _coordinated_schools(request.user)

    def context() -> dict[str, Any]:
        chosen = next((s for s in schools if str(s.pk) == request.GET.get("school")), None)
        pupils = students_of_coordinated_schools(request.user)
        if chosen is not None:
            pupils = pupils.filter(school=chosen)
        form = PupilSearchForm(request.GET)
        query = form.query
        pupils = search_students(pupils, query)
        page = Paginator(pupils, PAGE_SIZE).get_page(request.GET.get("page"))
        keep = {"school": chosen and chosen.pk, "q": query}
        return {
            "page": page,
            "schools": schools,
            "chosen": chosen,
            "q": query,
            "keep": urlencode({k: v for k, v in keep.items() if v}),
            "search_errors": form.errors.get("q"),
        }

    return render_cached(
        request,
        "placements/student_list.html",
        page="pupils",
        scopes={school_scope(school.pk) for school in schools},
        context=context,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: the school and the file. A file that cannot be read is not stored."""
    schools = _coordinated_schools(request.user)
    if request.method != "POST":
        form = StudentImportUploadForm(initial=request.GET.dict(), schools=schools)
        return render(request, "placements/imports/upload.html", {"form": form})
    form = StudentImportUploadForm(request.POST, request.FILES, schools=schools)
    if not form.is_valid():
        return render(request, "placements/imports/upload.html", {"form": form})
    student_import = student_import_create(
        form.chosen_school,
        by=request.user,
        file_name=request.FILES["file"].name,
        parsed=form.cleaned_data["file"],
    )
    return redirect("placements:import_mapping", public_id=student_import.public_id)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_mapping(request: HttpRequest, public_id) -> HttpResponse:
    """Step 2: which column holds which field, guessed from the column names at first."""
    student_import = student_import_for_user(request.user, public_id)
    header = student_import.header
    if request.method == "POST":
        form = ColumnMappingForm(request.POST, header=header)
        if form.is_valid():
            student_import_set_mapping(student_import, mapping=form.mapping)
            return redirect("placements:import_preview", public_id=public_id)
    else:
        mapping = student_import.mapping or guess_mapping(header)
        form = ColumnMappingForm(initial=mapping, header=header)
    examples = student_import.rows[:3]
    columns = [
        (
            column_label(index, name),
            [cells[index] if index < len(cells) else "" for _number, cells in examples],
        )
        for index, name in enumerate(header)
    ]
    context = {"student_import": student_import, "form": form, "columns": columns}
    return render(request, "placements/imports/mapping.html", context)


@require_safe
@login_required
def import_preview(request: HttpRequest, public_id) -> HttpResponse:
    """Step 3: what the import would do, and every row that stops it, with the reasons."""
    student_import = student_import_for_user(request.user, public_id)
    if not student_import.mapping.keys() >= REQUIRED_FIELDS:
        return redirect("placements:import_mapping", public_id=public_id)
    plan = student_import_plan(student_import)
    context = {
        "student_import": student_import,
        "plan": plan,
        "invalid_shown": plan.invalid[:INVALID_SHOWN],
        "invalid_more": max(len(plan.invalid) - INVALID_SHOWN, 0),
        "new_shown": plan.new[:SAMPLE_SIZE],
        "updated_shown": plan.updated[:SAMPLE_SIZE],
        "import_count": len(plan.new) + len(plan.updated),
    }
    return render(request, "placements/imports/preview.html", context)


@require_POST
@login_required
def import_commit(request: HttpRequest, public_id) -> HttpResponse:
    """Step 4: import every pupil of the file, or none."""
    student_import = student_import_for_user(request.user, public_id)
    school = student_import.school
    try:
        result = student_import_commit(student_import, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("placements:import_preview", public_id=public_id)
    except StudentImport.DoesNotExist:
        messages.info(request, _("This file was imported or deleted already."))
        return redirect(f"{reverse('placements:pupil_list')}?school={school.pk}")
    except IntegrityError:
        # Someone else saved a pupil with a number from the file after the check.
        messages.error(
            request,
            _("Nothing was imported: the school's pupils changed meanwhile. Try again."),
        )
        return redirect("placements:import_preview", public_id=public_id)
    messages.success(
        request,
        _(
            "The pupils of %(school)s are imported. New: %(created)d, updated: "
            "%(updated)d, unchanged: %(unchanged)d."
        )
        % {
            "school": school.name,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        },
    )
    return redirect(f"{reverse('placements:pupil_list')}?school={school.pk}")


@require_POST
@login_required
def import_discard(request: HttpRequest, public_id) -> HttpResponse:
    """Throw the uploaded file away without importing it."""
    student_import = student_import_for_user(request.user, public_id)
    student_import_discard(student_import)
    messages.info(request, _("The uploaded file is deleted; nothing was imported."))
    return redirect("placements:import_upload")

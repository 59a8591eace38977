from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.utils.translation import gettext_lazy as _

from placements.forms import PlacementForm, StudentForm
from placements.models import (
    AgeBand,
    ChecklistItem,
    ChecklistItemTemplate,
    DayLog,
    FeedbackMoment,
    ForbiddenWork,
    Intake,
    Invitation,
    Placement,
    PlacementKind,
    School,
    SchoolMembership,
    StatusChange,
    Student,
    SupportNeedsAccess,
    Task,
    TaskRecord,
)
from placements.services import placement_save, student_save
from stagegids.core.admin_base import ReadOnlyAdmin, ReadOnlyInline


class SchoolMembershipInline(admin.TabularInline):
    model = SchoolMembership
    extra = 0
    autocomplete_fields = ["user"]


class StudentInline(admin.TabularInline):
    model = Student
    extra = 0
    fields = [
        "student_number",
        "given_name",
        "surname_prefix",
        "surname",
        "programme",
        "class_name",
        "year",
    ]
    show_change_link = True


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "brin", "city", "teachers_may_approve"]
    list_filter = ["city"]
    search_fields = ["name", "brin", "city"]
    inlines = [SchoolMembershipInline, StudentInline]


@admin.register(SchoolMembership)
class SchoolMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role"]
    list_filter = ["role", "school"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "school__name"]
    list_select_related = ["user", "school"]
    autocomplete_fields = ["user", "school"]


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    form = StudentForm
    list_display = [
        "surname",
        "given_name",
        "surname_prefix",
        "student_number",
        "school",
        "programme",
        "class_name",
    ]
    list_filter = ["programme", "year", "school"]
    search_fields = ["given_name", "surname", "student_number", "class_name", "school__name"]
    list_select_related = ["school"]
    autocomplete_fields = ["school", "teacher"]

    def save_model(self, request, obj: Student, form: ModelForm, change: bool) -> None:
        student_save(obj, by=request.user)


class ChecklistItemInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ["phase", "text", "done_at", "done_by", "note"]


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["at", "from_status", "to_status", "by", "reason"]


class DayLogInline(ReadOnlyInline):
    model = DayLog
    fields = ["date", "hours", "absence", "note"]


class TaskRecordInline(ReadOnlyInline):
    model = TaskRecord
    fields = ["task", "level", "date", "note"]


class FeedbackMomentInline(ReadOnlyInline):
    model = FeedbackMoment
    fields = ["title", "planned_on", "is_midterm", "done_at"]


class IntakeInline(ReadOnlyInline):
    model = Intake
    # Support needs stay out of admin: only the people around the pupil may read them.
    fields = ["learning_goals", "insured_material_damage", "insured_accidents", "contact_name"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    form = PlacementForm
    list_display = ["student", "company", "kind", "status", "start_date", "end_date", "supervisor"]
    list_filter = ["status", "kind", "company__sbb_recognised", "school"]
    search_fields = [
        "student__given_name",
        "student__surname",
        "company__name",
        "company__kvk_number",
    ]
    list_select_related = ["student", "company", "supervisor"]
    autocomplete_fields = ["student", "company", "supervisor"]
    date_hierarchy = "start_date"
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [
        IntakeInline,
        StatusChangeInline,
        ChecklistItemInline,
        DayLogInline,
        TaskRecordInline,
        FeedbackMomentInline,
    ]

    def save_model(self, request, obj: Placement, form: ModelForm, change: bool) -> None:
        placement_save(obj, by=request.user)


class ChecklistItemTemplateForm(forms.ModelForm):
    kinds = forms.TypedMultipleChoiceField(
        label=_("kinds of placement"),
        choices=PlacementKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The kinds this item applies to; none ticked means all kinds."),
    )

    class Meta:
        model = ChecklistItemTemplate
        fields = ["phase", "order", "text", "help_text", "kinds", "school_may_tick", "is_active"]


@admin.register(ChecklistItemTemplate)
class ChecklistItemTemplateAdmin(admin.ModelAdmin):
    """The guide's checklists. Changes reach new placements only; existing ones keep
    the text they were given."""

    form = ChecklistItemTemplateForm
    list_display = ["text", "phase", "order", "kinds_display", "school_may_tick", "is_active"]
    list_filter = ["phase", "school_may_tick", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["text", "help_text"]

    @admin.display(description=_("kinds of placement"))
    def kinds_display(self, template: ChecklistItemTemplate) -> str:
        return template.get_kinds_display()


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]


@admin.register(SupportNeedsAccess)
class SupportNeedsAccessAdmin(ReadOnlyAdmin):
    """Who saw or changed a pupil's support needs, and when: read only."""

    list_display = ["at", "user", "action", "placement"]
    list_filter = ["action"]
    search_fields = ["user__email", "placement__student__surname"]
    list_select_related = ["user", "placement__student", "placement__company"]
    date_hierarchy = "at"


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Read only: invitations are sent, sent again and withdrawn in the portal. The token's
    hash is never shown."""

    list_display = ["email", "role", "company", "school", "invited_by", "created_at", "status"]
    list_filter = ["role", "created_at"]
    search_fields = ["email", "company__name", "school__name", "invited_by__email"]
    list_select_related = ["company", "school", "invited_by"]
    fields = [
        "email",
        "role",
        "company",
        "school",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "withdrawn_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("status"))
    def status(self, invitation: Invitation) -> str:
        return Invitation.Status(invitation.status).label


@admin.register(AgeBand)
class AgeBandAdmin(admin.ModelAdmin):
    """The working-time limits per age: a change in the law is an edit here."""

    list_display = [
        "name",
        "min_age",
        "max_age",
        "rules_decide",
        "max_hours_per_day",
        "max_hours_per_week",
        "no_work_from",
        "no_work_until",
        "sunday_allowed",
    ]
    ordering = ["min_age"]


@admin.register(ForbiddenWork)
class ForbiddenWorkAdmin(admin.ModelAdmin):
    list_display = ["name", "max_age", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["max_age", "is_active"]
    search_fields = ["name"]

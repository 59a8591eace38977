from django.contrib import admin
from django.forms import ModelForm

from placements.forms import PlacementForm, StudentForm
from placements.models import Placement, School, SchoolMembership, Student
from placements.services import placement_save, student_save


class SchoolMembershipInline(admin.TabularInline):
    model = SchoolMembership
    extra = 0
    autocomplete_fields = ["user"]


class StudentInline(admin.TabularInline):
    model = Student
    extra = 0
    fields = ["given_name", "surname_prefix", "surname", "programme", "class_name", "year"]
    show_change_link = True


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "brin", "city"]
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
    list_display = ["surname", "given_name", "surname_prefix", "school", "programme", "class_name"]
    list_filter = ["programme", "year", "school"]
    search_fields = ["given_name", "surname", "class_name", "school__name"]
    list_select_related = ["school"]
    autocomplete_fields = ["school", "teacher"]

    def save_model(self, request, obj: Student, form: ModelForm, change: bool) -> None:
        student_save(obj, by=request.user)


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    form = PlacementForm
    list_display = ["student", "company", "kind", "status", "start_date", "end_date", "supervisor"]
    list_filter = ["status", "kind", "company__sbb_recognised", "student__school"]
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

    def save_model(self, request, obj: Placement, form: ModelForm, change: bool) -> None:
        placement_save(obj, by=request.user)

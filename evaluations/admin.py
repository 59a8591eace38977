from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from evaluations.models import (
    Criterion,
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    FormDefinition,
)
from stagegids.core.admin_base import ReadOnlyAdmin, ReadOnlyInline


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["order", "text", "help_text"]

    def has_add_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.evaluations.exists()

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.evaluations.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.evaluations.exists()


@admin.register(FormDefinition)
class FormDefinitionAdmin(admin.ModelAdmin):
    """Assessment forms. A version that evaluations use is locked: copy it into a new
    version to change the questions."""

    list_display = ["title", "version", "is_published", "criteria_count", "created_at"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    inlines = [CriterionInline]
    actions = ["copy_as_new_version"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[FormDefinition]:
        return super().get_queryset(request).prefetch_related("criteria")

    @admin.display(description=_("criteria"))
    def criteria_count(self, definition: FormDefinition) -> int:
        return len(definition.criteria.all())

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        if obj is not None and obj.evaluations.exists():
            return ["version", "title", "introduction"]
        return []

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.evaluations.exists()

    @admin.action(description=_("Copy as a new, unpublished version"))
    @transaction.atomic
    def copy_as_new_version(self, request: HttpRequest, queryset: QuerySet) -> None:
        next_version = (FormDefinition.objects.aggregate(v=Max("version"))["v"] or 0) + 1
        for offset, definition in enumerate(queryset.order_by("version")):
            copy = FormDefinition.objects.create(
                version=next_version + offset,
                title=definition.title,
                introduction=definition.introduction,
            )
            Criterion.objects.bulk_create(
                Criterion(definition=copy, order=c.order, text=c.text, help_text=c.help_text)
                for c in definition.criteria.all()
            )
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d new version created; edit it, then publish it.",
                "%(count)d new versions created; edit them, then publish them.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class CriterionScoreInline(ReadOnlyInline):
    model = CriterionScore
    fields = ["criterion", "score", "remark"]


class EvaluationEventInline(ReadOnlyInline):
    model = EvaluationEvent
    fields = ["at", "action", "by", "comment"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    """Evaluations are filled in and reviewed in the portal; admin shows them read only."""

    list_display = ["placement", "kind", "status", "definition", "updated_at"]
    list_filter = ["kind", "status", "definition"]
    search_fields = ["placement__student__surname", "placement__company__name"]
    list_select_related = ["placement__student", "placement__company", "definition"]
    inlines = [CriterionScoreInline, EvaluationEventInline]

    may_delete = True

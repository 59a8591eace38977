"""The guide's four checklists: templates that admins edit, and each placement's own copy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from placements.enums import Phase
from placements.models.core import Placement, PlacementKind


class ChecklistItemTemplate(models.Model):
    """An item of the guide's checklists; copied onto every new placement it applies to.

    Editing a template never changes placements that already have their copy.
    """

    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("text"), max_length=200)
    help_text = models.TextField(_("help text"), blank=True)
    kinds = models.JSONField(
        _("kinds of placement"),
        default=list,
        blank=True,
        help_text=_("The kinds this item applies to; none ticked means all kinds."),
    )
    school_may_tick = models.BooleanField(
        _("the school may tick"),
        default=False,
        help_text=_("Besides the supervisor, the school's coordinator and teacher may tick it."),
    )
    is_active = models.BooleanField(
        pgettext_lazy("switched on", "active"),
        default=True,
        help_text=_("Only active items go onto new placements."),
    )

    class Meta:
        verbose_name = _("checklist item template")
        verbose_name_plural = _("checklist item templates")
        ordering = ["phase", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def get_kinds_display(self) -> str:
        if not self.kinds:
            return str(_("all kinds"))
        return ", ".join(str(PlacementKind(kind).label) for kind in self.kinds)


class ChecklistItem(models.Model):
    """One placement's copy of a checklist item, with who ticked it and when."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="checklist_items",
        verbose_name=_("placement"),
    )
    template = models.ForeignKey(
        ChecklistItemTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("template"),
    )
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("text"), max_length=200)
    help_text = models.TextField(_("help text"), blank=True)
    school_may_tick = models.BooleanField(_("the school may tick"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["phase", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "template"],
                condition=Q(template__isnull=False),
                name="placements_checklistitem_once_per_template",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=False) | Q(done_by__isnull=True),
                name="placements_checklistitem_done_by_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

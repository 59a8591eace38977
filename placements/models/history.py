"""The history of a placement's status."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models.core import Placement, PlacementStatus


class StatusChange(models.Model):
    """One transition of a placement: who moved it from which status to which, and why."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("placement"),
    )
    #: Empty for the first row of a placement proposed or registered in the portal.
    from_status = models.CharField(_("from"), max_length=20, choices=PlacementStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PlacementStatus)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]
        # The dashboards' recent answers: the newest changes out of one status (the
        # answers to proposals, to registrations), of every school at once.
        indexes = [models.Index(fields=["from_status", "at"], name="placements_statuschange_from")]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

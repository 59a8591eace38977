"""Who wants which emails, and when a thread last mailed someone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from placements.enums import NotificationKind
from placements.models.core import Placement


class NotificationPreference(models.Model):
    """A user's choice for one kind of email; without a row, the email is sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind)
    email = models.BooleanField(_("by email"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="placements_notificationpreference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}"


class ThreadNotice(models.Model):
    """When ``user`` was last emailed about the thread of ``placement``, and since when
    messages wait for the next email (several messages within ``MESSAGE_WINDOW`` go out as
    one)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="+")
    last_sent_at = models.DateTimeField(null=True)
    waiting_since = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "placement"], name="placements_threadnotice_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["waiting_since"],
                condition=models.Q(waiting_since__isnull=False),
                name="placements_thread_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.placement}"


class SentReminder(models.Model):
    """That ``user`` was reminded of ``kind`` about ``placement`` for ``key`` (a date or a
    feedback moment): the same reminder is never sent twice, however often
    ``send_reminders`` runs. Holds no text."""

    kind = models.CharField(max_length=30, choices=NotificationKind)
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "placement", "user", "key"], name="placements_sentreminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} – {self.user}"

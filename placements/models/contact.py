"""Feedback moments and the message thread between company and school."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.models.core import Placement


class FeedbackMoment(models.Model):
    """A planned conversation about how the internship goes, e.g. the mid-term evaluation."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="feedback_moments",
        verbose_name=_("placement"),
    )
    title = models.CharField(_("title"), max_length=150)
    planned_on = models.DateField(_("planned on"), null=True, blank=True)
    is_midterm = models.BooleanField(_("mid-term evaluation"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback moment")
        verbose_name_plural = _("feedback moments")
        ordering = ["planned_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement"],
                condition=Q(is_midterm=True),
                name="placements_feedbackmoment_one_midterm",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    """A message in the placement's thread between the supervisor and the school."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="messages", verbose_name=_("placement")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        # A thread in order, and what came after a reader's read mark, from the index.
        indexes = [
            models.Index(fields=["placement", "created_at"], name="placements_message_thread")
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.created_at:%Y-%m-%d %H:%M}"


class MessageReadMark(models.Model):
    """Until when ``user`` has read the thread of ``placement``."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="read_marks", verbose_name=_("placement")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    read_until = models.DateTimeField(_("read until"))

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "user"], name="placements_messagereadmark_once_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.read_until:%Y-%m-%d %H:%M}"

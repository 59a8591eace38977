"""What the intern did: the tasks learnt and the days worked."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from placements.enums import Absence, TaskLevel
from placements.models.core import Placement


class Task(models.Model):
    """A task from the catalogue of things an intern can do (admin-editable)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(pgettext_lazy("switched on", "active"), default=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TaskRecord(models.Model):
    """The intern reached ``level`` on ``task`` on ``date``."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="task_records",
        verbose_name=_("placement"),
    )
    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="records", verbose_name=_("task")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=TaskLevel)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task record")
        verbose_name_plural = _("task records")
        ordering = ["task__order", "task__name", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "task", "level"], name="placements_taskrecord_once_per_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.get_level_display()})"


MAX_HOURS_PER_DAY = Decimal(24)


class DayLog(models.Model):
    """One day of a placement: the hours worked, or why the intern was absent."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="day_logs", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours worked"), max_digits=4, decimal_places=2, default=0)
    absence = models.CharField(
        _("attendance"), max_length=10, choices=Absence, default=Absence.PRESENT
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    #: Set when the day, or its week with the school's hours, breaks a working-time limit
    #: of the pupil's age band (placements.working_time.day_problems).
    exceeds_limit = models.BooleanField(_("over a working-time limit"), default=False)

    class Meta:
        verbose_name = _("day log")
        verbose_name_plural = _("day logs")
        ordering = ["date"]
        indexes = [
            models.Index(
                fields=["placement"],
                condition=Q(exceeds_limit=True),
                name="placements_daylog_over_limit",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "date"], name="placements_daylog_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=MAX_HOURS_PER_DAY),
                name="placements_daylog_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.date}"

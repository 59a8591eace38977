"""The law for minors as data: the working-time limits per age band.

The numbers are the Working Hours Act's rules for children and young people on a
school-related placement (see the README, "Working time and age"). They are rows, loaded
by a data migration and edited in Django admin, so a change in the law is an edit, not
a release. A band whose ``rules_decide`` is off (younger than 14) has no limits the
portal can check: the school confirms that the placement fits the rules.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

#: The ages the school can state for a pupil on the first day of a placement.
MIN_PUPIL_AGE = 10
MAX_PUPIL_AGE = 20

AGE_MESSAGE = _("Enter the age in whole years, from 10 to 20.")
AGE_VALIDATORS = [
    MinValueValidator(MIN_PUPIL_AGE, message=AGE_MESSAGE),
    MaxValueValidator(MAX_PUPIL_AGE, message=AGE_MESSAGE),
]


class AgeBand(models.Model):
    """The working-time rules for pupils of ``min_age`` to ``max_age`` (inclusive).

    An empty limit is a rule that does not apply to the band.
    """

    name = models.CharField(_("name"), max_length=60)
    min_age = models.PositiveSmallIntegerField(_("from age"), validators=AGE_VALIDATORS)
    max_age = models.PositiveSmallIntegerField(
        _("up to and including age"), validators=AGE_VALIDATORS
    )
    rules_decide = models.BooleanField(
        _("the rules decide"),
        default=True,
        help_text=_(
            "Off when the law gives no limits the portal can check (younger than 14): "
            "the school then confirms that the placement fits the rules."
        ),
    )
    max_hours_per_day = models.DecimalField(
        _("hours per day at most"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    max_hours_per_week = models.DecimalField(
        _("hours per week at most"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("School hours in that week count as working time."),
    )
    max_average_hours_per_week = models.DecimalField(
        _("hours per week on average at most"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Over four weeks; school hours count."),
    )
    no_work_from = models.TimeField(
        _("no work from"), null=True, blank=True, help_text=_("The start of the night window.")
    )
    no_work_until = models.TimeField(
        _("no work until"), null=True, blank=True, help_text=_("The end of the night window.")
    )
    min_rest_hours = models.DecimalField(
        _("consecutive rest per day at least (hours)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    sunday_allowed = models.BooleanField(_("work on Sunday allowed"), default=True)
    break_after_hours = models.DecimalField(
        _("break needed when working more than (hours)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
    )
    break_minutes = models.PositiveSmallIntegerField(
        _("break of at least (minutes)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        ordering = ["min_age"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age__gte=F("min_age")), name="placements_ageband_ages_in_order"
            ),
            models.CheckConstraint(
                condition=Q(no_work_from__isnull=True, no_work_until__isnull=True)
                | Q(no_work_from__isnull=False, no_work_until__isnull=False),
                name="placements_ageband_night_window_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.min_age is None or self.max_age is None:
            return
        if self.max_age < self.min_age:
            raise ValidationError({"max_age": _("The band must end at or after its first age.")})
        overlapping = AgeBand.objects.filter(
            min_age__lte=self.max_age, max_age__gte=self.min_age
        ).exclude(pk=self.pk)
        if other := overlapping.first():
            raise ValidationError(
                {"min_age": _("These ages overlap the band %(band)s.") % {"band": other.name}}
            )

    @property
    def has_night_window(self) -> bool:
        return self.no_work_from is not None and self.no_work_until is not None

    @property
    def max_planned_hours_per_week(self) -> Decimal | None:
        """The limit for a plan that is the same every week: the lower of the weekly
        maximum and the four-week average."""
        limits = [x for x in (self.max_hours_per_week, self.max_average_hours_per_week) if x]
        return min(limits) if limits else None


class ForbiddenWork(models.Model):
    """Work a pupil may not do up to and including ``max_age`` (the Arbobesluit's rules
    for young workers, with examples from installation work); admin-editable rows."""

    name = models.CharField(_("work"), max_length=200, unique=True)
    explanation = models.CharField(_("explanation"), max_length=500, blank=True)
    max_age = models.PositiveSmallIntegerField(
        _("not allowed up to and including age"), validators=AGE_VALIDATORS
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("work not allowed for young workers")
        verbose_name_plural = _("work not allowed for young workers")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class SafeWork(models.Model):
    """What the company tells the school and the parents before the start: the pupil's
    tasks, their risks and the measures taken, and its confirmations that the risk
    assessment (RI&E) covers young workers and that the pupil will not do the work the
    law forbids at their age."""

    placement = models.OneToOneField(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="safe_work",
        verbose_name=_("placement"),
    )
    tasks = models.TextField(
        _("the pupil's tasks"),
        max_length=4000,
        help_text=_("What the pupil will do, in plain words the parents understand."),
    )
    risks = models.TextField(_("risks of these tasks"), max_length=4000)
    measures = models.TextField(
        _("measures taken"),
        max_length=4000,
        help_text=_("Instruction, how the work is arranged, what the pupil does not do alone."),
    )
    protective_equipment = models.CharField(
        _("protective equipment"),
        max_length=500,
        blank=True,
        help_text=_("e.g. safety shoes, gloves, safety glasses, hearing protection."),
    )
    supervised_by = models.CharField(
        _("who supervises the work"),
        max_length=200,
        help_text=_("The supervisor, or the colleague the pupil works with."),
    )
    rie_covers_young_workers = models.BooleanField(
        _("our risk assessment (RI&E) has a part about young workers"), default=False
    )
    forbidden_work_excluded = models.BooleanField(
        _("the pupil will not do the work listed as not allowed at their age"), default=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("safe work")
        verbose_name_plural = _("safe work")

    def __str__(self) -> str:
        return str(self.placement)

    @property
    def is_complete(self) -> bool:
        """Described, and both confirmations given."""
        return bool(
            self.tasks.strip()
            and self.risks.strip()
            and self.measures.strip()
            and self.supervised_by.strip()
            and self.rie_covers_young_workers
            and self.forbidden_work_excluded
        )

"""The law for minors as data: the working-time limits per age band.

The numbers are the Working Hours Act's rules for children and young people on a
school-related placement (see the README, "Working time and age"). They are rows, loaded
by a data migration and edited in Django admin, so a change in the law is an edit, not
a release. A band whose ``rules_decide`` is off (younger than 14) has no limits the
portal can check: the school confirms that the placement fits the rules.
"""

from decimal import Decimal

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

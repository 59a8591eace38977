"""Schools, their staff and pupils, and the placements of pupils at companies."""

import datetime
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from placements.enums import PlacementKind, PlacementStatus, Programme, SchoolRole, Weekday
from placements.models.minors import AGE_VALIDATORS
from stagegids.core.fields import BrinField
from stagegids.core.models import Address

LEERWERKTRAJECT_MIN_HOURS = 640
LEERWERKTRAJECT_MAX_HOURS = 1280
LINTSTAGE_MIN_DAYS = 14


#: A placement of more days than this gets a mid-term: a feedback moment planned halfway
#: and a mid-term evaluation.
MIDTERM_AFTER_DAYS = 7

#: The days of the week an intern is expected when nothing else is agreed.
WORKING_WEEK = (0, 1, 2, 3, 4)

#: A working day longer than this many hours has a break of BREAK_HOURS (the rule for
#: young workers of 14 to 17), which is not working time.
BREAK_AFTER_HOURS = Decimal("4.5")
BREAK_HOURS = Decimal("0.5")


def _is_weekday_list(value) -> bool:
    """A list of distinct weekdays Monday (0) to Sunday (6), or empty."""
    return (
        isinstance(value, list)
        and all(type(day) is int and day in Weekday.values for day in value)
        and len(set(value)) == len(value)
    )


class School(Address):
    """A secondary school (vo-school), identified by its BRIN code."""

    name = models.CharField(_("name"), max_length=200)
    brin = BrinField(_("BRIN code"), unique=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    teachers_may_approve = models.BooleanField(
        _("teachers may approve assessments"),
        default=False,
        help_text=_(
            "When on, the teacher who follows a pupil may approve or return the pupil's "
            "assessments; otherwise only the coordinators do."
        ),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="SchoolMembership",
        related_name="schools",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolMembership(models.Model):
    """Makes a user a coordinator (all the school's placements) or a teacher (own pupils)."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("school")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="school_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=SchoolRole)

    class Meta:
        verbose_name = _("school staff member")
        verbose_name_plural = _("school staff")
        ordering = ["school__name", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "user", "role"], name="placements_schoolmembership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.school}"


class Student(models.Model):
    """A pupil. Only what the internship needs: no BSN, no date of birth, no address."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="students", verbose_name=_("school")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    surname_prefix = models.CharField(
        _("surname prefix"), max_length=20, blank=True, help_text=_("e.g. van, de, van der")
    )
    surname = models.CharField(_("surname"), max_length=100)
    student_number = models.CharField(
        _("student number"),
        max_length=20,
        blank=True,
        help_text=_("The number in the school's administration; unique within the school."),
    )
    programme = models.CharField(_("programme"), max_length=10, choices=Programme)
    class_name = models.CharField(_("class"), max_length=20, help_text=_("e.g. 3B"))
    year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("1 to 6"),
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_students",
        verbose_name=_("teacher"),
        help_text=_("The teacher who follows the pupil during the internship."),
    )

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        ordering = ["surname", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1, year__lte=6), name="placements_student_year_range"
            ),
            models.UniqueConstraint(
                fields=["school", "student_number"],
                condition=~Q(student_number=""),
                name="placements_student_unique_number",
                violation_error_message=_("This school already has a pupil with this number."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        moved = not self._state.adding
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if moved and (update_fields is None or "school" in update_fields):
            # A pupil who moves to another school takes their placements along: each
            # placement keeps a copy of its pupil's school (``Placement.school``).
            self.placements.exclude(school_id=self.school_id).update(school_id=self.school_id)

    @property
    def full_name(self) -> str:
        return self.compose_name(self.given_name, self.surname_prefix, self.surname)

    @staticmethod
    def compose_name(given_name: str, surname_prefix: str, surname: str) -> str:
        """ "Fenna de Graaf": the parts that are filled in, for exports that read values."""
        return " ".join(part for part in (given_name, surname_prefix, surname) if part)


class Placement(models.Model):
    """A pupil's internship at a company, supervised by one of its employees.

    Rules that only need this row live in ``clean`` and, as a backstop, in named
    database constraints; rules that cross relations (programme, SBB recognition,
    supervisor's company, overlap) live in ``placements.services``.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.PROTECT, related_name="placements", verbose_name=_("pupil")
    )
    #: The pupil's school, copied from ``student`` on every save (and by ``Student.save``
    #: when the pupil moves), so that a school's lists read its placements from one index
    #: instead of joining every pupil: see ``placements.selectors.core.roles_q``.
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="placements",
        editable=False,
        db_index=False,  # the index on (school, start_date) below serves it
        verbose_name=_("school"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("company"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_placements",
        verbose_name=_("supervisor"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PlacementKind)
    status = models.CharField(
        _("status"), max_length=20, choices=PlacementStatus, default=PlacementStatus.DRAFT
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    daily_start_time = models.TimeField(_("working day starts"), null=True, blank=True)
    daily_end_time = models.TimeField(_("working day ends"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=Weekday,
        null=True,
        blank=True,
        help_text=_("The fixed day of the week of a lintstage."),
    )
    #: The weekdays (0 = Monday) a leerwerktraject works at the company, e.g. ``[0, 1, 2]``;
    #: empty for other kinds, and for a leerwerktraject whose days are not agreed.
    work_days = models.JSONField(
        _("working days"),
        default=list,
        blank=True,
        help_text=_("The days of the week a leerwerktraject is at the company."),
    )
    planned_hours = models.PositiveSmallIntegerField(
        _("planned hours"),
        null=True,
        blank=True,
        help_text=_("Hours at the company for a leerwerktraject: 640 to 1280."),
    )
    #: The law for minors (placements.models.minors): the school states the pupil's age
    #: on the first day of the placement; no birth date is kept anywhere.
    pupil_age = models.PositiveSmallIntegerField(
        _("age on the first day"),
        null=True,
        blank=True,
        validators=AGE_VALIDATORS,
        help_text=_("The pupil's age on the first day of the placement, stated by the school."),
    )
    school_hours_per_week = models.DecimalField(
        _("school hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
        help_text=_("Lessons in a week of the placement: they count as working time."),
    )
    break_minutes = models.PositiveSmallIntegerField(
        _("break per day (minutes)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(240)],
        help_text=_("Empty: the usual half hour on a day of more than 4.5 hours."),
    )
    age_rules_confirmed_at = models.DateTimeField(
        _("school confirmed the rules for minors"), null=True, blank=True
    )
    age_rules_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-start_date", "pk"]
        indexes = [
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["school", "start_date"], name="placements_placement_school"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="placements_placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind=PlacementKind.MEELOOPDAG) | Q(end_date=F("start_date")),
                name="placements_placement_meeloopdag_one_day",
            ),
            models.CheckConstraint(
                condition=Q(kind=PlacementKind.LINTSTAGE, weekday__isnull=False)
                | (~Q(kind=PlacementKind.LINTSTAGE) & Q(weekday__isnull=True)),
                name="placements_placement_weekday_for_lintstage",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind=PlacementKind.LEERWERKTRAJECT,
                    planned_hours__isnull=False,
                    planned_hours__gte=LEERWERKTRAJECT_MIN_HOURS,
                    planned_hours__lte=LEERWERKTRAJECT_MAX_HOURS,
                )
                | (~Q(kind=PlacementKind.LEERWERKTRAJECT) & Q(planned_hours__isnull=True)),
                name="placements_placement_leerwerktraject_hours",
            ),
            models.CheckConstraint(
                condition=Q(daily_start_time__isnull=True)
                | Q(daily_end_time__isnull=True)
                | Q(daily_end_time__gt=F("daily_start_time")),
                name="placements_placement_day_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gt=0, hours_per_week__lte=40),
                name="placements_placement_hours_per_week_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.company} ({self.get_kind_display()})"

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "student" in update_fields:
            self.school_id = self._school_id_of_student()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "school"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("placements:detail", kwargs={"public_id": self.public_id})

    def _school_id_of_student(self) -> int | None:
        """The school of ``student``: from the pupil if loaded, else in one query."""
        if self.student_id is None:
            return None
        if Placement.student.is_cached(self) and self.student.pk == self.student_id:
            return self.student.school_id
        return Student.objects.values_list("school_id", flat=True).get(pk=self.student_id)

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def agreed_day_hours(self) -> Decimal | None:
        """The hours of one working day as agreed, to the quarter: start to end, less the
        agreed break, else less the half-hour break young workers have on a day of more
        than 4.5 hours; None when the working times are not agreed."""
        if not (self.daily_start_time and self.daily_end_time):
            return None
        hours = self.day_span_hours
        if self.break_minutes is not None:
            hours -= Decimal(self.break_minutes) / 60
        elif hours > BREAK_AFTER_HOURS:
            hours -= BREAK_HOURS
        return max((hours * 4).to_integral_value(ROUND_HALF_UP) / 4, Decimal(0))

    @property
    def day_span_hours(self) -> Decimal:
        """From the start to the end of the working day, the break included (0 when the
        working times are not agreed)."""
        if not (self.daily_start_time and self.daily_end_time):
            return Decimal(0)
        start = datetime.datetime.combine(datetime.date.min, self.daily_start_time)
        end = datetime.datetime.combine(datetime.date.min, self.daily_end_time)
        return Decimal((end - start).seconds) / 3600

    @property
    def agreed_break_minutes(self) -> int:
        """The break of a working day: as agreed, else the usual half hour on a day of
        more than 4.5 hours."""
        if self.break_minutes is not None:
            return self.break_minutes
        return int(BREAK_HOURS * 60) if self.day_span_hours > BREAK_AFTER_HOURS else 0

    @property
    def expected_weekdays(self) -> tuple[int, ...]:
        """The weekdays (0 = Monday) the intern is expected at the company: a lintstage's
        one day, a leerwerktraject's agreed days, else Monday to Friday."""
        if self.weekday is not None:
            return (self.weekday,)
        return tuple(self.work_days) or WORKING_WEEK

    @property
    def work_days_display(self) -> str:
        """The agreed working days by name, e.g. "Monday, Tuesday, Thursday"."""
        return ", ".join(str(Weekday(day).label) for day in sorted(self.work_days))

    @property
    def has_midterm(self) -> bool:
        """Only a placement of more than a week has a mid-term: a meeloopdag or a
        snuffelstage of a few days goes straight to the final assessment."""
        return self.duration_days > MIDTERM_AFTER_DAYS

    def clean(self) -> None:
        """Rules that need only this placement's own fields, reported at the field."""
        super().clean()
        errors: dict[str, str] = {}
        start, end = self.start_date, self.end_date
        if start and end and end < start:
            errors["end_date"] = _("The end date cannot be before the start date.")
        elif self.kind == PlacementKind.MEELOOPDAG and start and end and end != start:
            errors["end_date"] = _("A meeloopdag lasts one day: end on the start date.")
        elif (
            self.kind == PlacementKind.LINTSTAGE
            and start
            and end
            and end - start < datetime.timedelta(days=LINTSTAGE_MIN_DAYS)
        ):
            errors["end_date"] = _(
                "A lintstage spans several weeks: end at least two weeks after the start."
            )
        if self.kind == PlacementKind.LINTSTAGE and self.weekday is None:
            errors["weekday"] = _("Choose the fixed weekday of the lintstage.")
        elif self.kind != PlacementKind.LINTSTAGE and self.weekday is not None:
            errors["weekday"] = _("Only a lintstage has a fixed weekday; leave this empty.")
        if self.work_days and self.kind != PlacementKind.LEERWERKTRAJECT:
            errors["work_days"] = _(
                "Working days are only for a leerwerktraject; a lintstage has its weekday."
            )
        elif not _is_weekday_list(self.work_days):
            errors["work_days"] = _("Choose the working days from Monday to Sunday.")
        if self.kind == PlacementKind.LEERWERKTRAJECT:
            hours = self.planned_hours
            if hours is None or not LEERWERKTRAJECT_MIN_HOURS <= hours <= LEERWERKTRAJECT_MAX_HOURS:
                errors["planned_hours"] = _(
                    "A leerwerktraject plans between 640 and 1280 hours at the company."
                )
        elif self.planned_hours is not None:
            errors["planned_hours"] = _(
                "Planned hours are only for a leerwerktraject; leave this empty."
            )
        if (
            self.daily_start_time
            and self.daily_end_time
            and self.daily_end_time <= self.daily_start_time
        ):
            errors["daily_end_time"] = _("The working day must end after it starts.")
        if self.hours_per_week is not None and not 0 < self.hours_per_week <= 40:
            errors["hours_per_week"] = _("Enter between 0 and 40 hours per week.")
        if errors:
            raise ValidationError(errors)

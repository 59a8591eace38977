"""Installation companies, their SBB recognition and the people who supervise interns."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from companies.enums import Sector
from stagegids.core.fields import KvkField
from stagegids.core.models import Address


class Company(Address):
    """A company that hosts interns, identified by its KvK number.

    SBB recognition matters for leerwerktrajecten and for pro and vso pupils: those
    placements need a recognition that is valid on the first day.
    """

    name = models.CharField(_("name"), max_length=200)
    kvk_number = KvkField(_("KvK number"), unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector, default=Sector.COMBINED)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    sbb_recognised = models.BooleanField(_("SBB-recognised learning company"), default=False)
    sbb_number = models.CharField(_("SBB registration number"), max_length=20, blank=True)
    sbb_valid_until = models.DateField(_("SBB recognition valid until"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CompanyMembership",
        related_name="companies",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="companies_company_kvk_eight_digits",
            ),
            models.CheckConstraint(
                condition=Q(sbb_recognised=False)
                | (Q(sbb_valid_until__isnull=False) & ~Q(sbb_number="")),
                name="companies_company_sbb_recognition_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.sbb_recognised:
            errors = {}
            if not self.sbb_number:
                errors["sbb_number"] = _("A recognised company needs its SBB registration number.")
            if self.sbb_valid_until is None:
                errors["sbb_valid_until"] = _("Enter until when the SBB recognition is valid.")
            if errors:
                raise ValidationError(errors)

    def sbb_valid_on(self, day: datetime.date) -> bool:
        """Whether the SBB recognition covers ``day``."""
        return (
            self.sbb_recognised and self.sbb_valid_until is not None and self.sbb_valid_until >= day
        )


class CompanyMembership(models.Model):
    """Makes a user a supervisor at a company; company admins see all its placements."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_memberships",
        verbose_name=_("user"),
    )
    is_company_admin = models.BooleanField(
        _("company admin"),
        default=False,
        help_text=_("Company admins see and manage every placement of the company."),
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("supervisor")
        verbose_name_plural = _("supervisors")
        ordering = ["company__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"], name="companies_companymembership_unique_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.company}"

"""Invitations into a role: a single-use link, mailed to one address, valid for 7 days."""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.enums import COMPANY_ROLES, InvitationRole

INVITATION_VALID_FOR = datetime.timedelta(days=7)


def token_hash(token: str) -> str:
    """The sha256 of ``token``, as stored: the database never holds a working link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation to ``email`` into ``role`` at ``company`` or ``school``.

    A company admin invitation names the company and the school whose coordinator sent it;
    a supervisor invitation only the company; teacher and coordinator ones only the school.
    Only the hash of the link's token is kept. Sending it again makes a new invitation and
    withdraws this one, so its link stops working.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        EXPIRED = "expired", _("expired")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=InvitationRole)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("company"),
    )
    school = models.ForeignKey(
        "placements.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("school"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["invited_by", "created_at"], name="placements_invitation_sender"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=COMPANY_ROLES, company__isnull=False)
                    | (~Q(role__in=COMPANY_ROLES) & Q(company__isnull=True, school__isnull=False))
                ),
                name="placements_invitation_company_or_school",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="placements_invitation_accepted_or_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} – {self.company or self.school}"

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return self.Status.ACCEPTED
        if self.withdrawn_at is not None:
            return self.Status.WITHDRAWN
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    @property
    def place(self):
        """Where the role is: the company for company roles, else the school."""
        return self.company if self.role in COMPANY_ROLES else self.school

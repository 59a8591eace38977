"""Invitations into a role: sending (and sending again), withdrawing and accepting.

The link's token is made here and mailed; only its sha256 is stored
(``Invitation.token_hash``), so the database never holds a working link.
"""

import datetime
import secrets
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Company, CompanyMembership
from placements.access import may_invite
from placements.enums import InvitationRole
from placements.models import (
    INVITATION_VALID_FOR,
    Invitation,
    School,
    SchoolMembership,
    token_hash,
)
from placements.selectors.invitations import has_role, invitations_sent_since, user_for_email
from stagegids.core.mail import queue_email
from stagegids.core.models import User

#: At most this many invitations (each resend counts) per sender per hour.
MAX_INVITATIONS_PER_HOUR = 50

#: Builds the absolute link of the accept page from a token (the view knows the host).
LinkBuilder = Callable[[str], str]


def _check_rate(by: User) -> None:
    # Lock the sender's row so that two requests at once count each other (PostgreSQL).
    User.objects.select_for_update().filter(pk=by.pk).first()
    since = timezone.now() - datetime.timedelta(hours=1)
    if invitations_sent_since(by, since) >= MAX_INVITATIONS_PER_HOUR:
        raise ValidationError(
            _(
                "You have sent %(count)d invitations in the last hour, the most there may be. "
                "Try again later."
            )
            % {"count": MAX_INVITATIONS_PER_HOUR},
            code="rate_limited",
        )


def _create_and_mail(
    *,
    by: User,
    email: str,
    role: str,
    company: Company | None,
    school: School | None,
    link: LinkBuilder,
) -> Invitation:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        company=company,
        school=school,
        invited_by=by,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    queue_email(
        to=invitation.email,
        template="invitation",
        context={
            "inviter": by.get_full_name() or by.email,
            "role": invitation.get_role_display(),
            "place": str(invitation.place),
            "school": school.name if school is not None else "",
            "link": link(token),
            "valid_days": INVITATION_VALID_FOR.days,
            "expires_at": invitation.expires_at,
        },
    )
    return invitation


@transaction.atomic
def invitation_send(
    *,
    by: User,
    email: str,
    role: str,
    link: LinkBuilder,
    company: Company | None = None,
    school: School | None = None,
) -> Invitation:
    """``by`` invites ``email`` into ``role`` at ``company`` (company roles; a company admin
    invitation names the inviting coordinator's ``school`` too) or at ``school``.

    ``company`` may be new and unsaved (name and KvK number from the form): it is created,
    unless a company with its KvK number exists, which is then the one meant.
    Side effects: perhaps a new Company; a new Invitation valid for 7 days; a mail to
    ``email`` with the link ``link(token)`` (sent once the transaction commits).
    Raises PermissionDenied when ``by`` may not invite into that role there (nothing is
    created), and ValidationError when the address has the role already, has a pending
    invitation for it, or ``by`` sent too many invitations in the last hour.
    """
    email = User.objects.normalize_email(email).lower()
    if company is not None and company.pk is None:
        company, _created = Company.objects.get_or_create(
            kvk_number=company.kvk_number, defaults={"name": company.name}
        )
    if not may_invite(
        by,
        role=role,
        company_id=company.pk if company is not None else None,
        school_id=school.pk if school is not None else None,
    ):
        raise PermissionDenied
    if role not in {InvitationRole.COMPANY_ADMIN, InvitationRole.SUPERVISOR}:
        company = None
    if has_role(email, role=role, company=company, school=school):
        raise ValidationError(
            {
                "email": _("This address already has this role at %(place)s.")
                % {"place": company or school}
            },
            code="has_role",
        )
    pending = Invitation.objects.filter(
        email=email,
        role=role,
        company=company,
        school=school,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    if pending.exists():
        raise ValidationError(
            {
                "email": _(
                    "This address has been invited into this role already; you can send "
                    "that invitation again on the invitations page."
                )
            },
            code="pending",
        )
    _check_rate(by)
    return _create_and_mail(
        by=by, email=email, role=role, company=company, school=school, link=link
    )


@transaction.atomic
def invitation_resend(invitation: Invitation, *, by: User, link: LinkBuilder) -> Invitation:
    """Send ``invitation`` again with a new link valid for another 7 days.

    Side effects: ``invitation`` is withdrawn (its link stops working) and a new Invitation
    with the same address, role and place is created and mailed as ``invitation_send``.
    Raises PermissionDenied unless ``by`` sent it and may still invite into that role there,
    ValidationError when it is no longer pending or the hourly limit is reached.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_sender(invitation, by=by)
    _check_rate(by)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    return _create_and_mail(
        by=by,
        email=invitation.email,
        role=invitation.role,
        company=invitation.company,
        school=invitation.school,
        link=link,
    )


@transaction.atomic
def invitation_withdraw(invitation: Invitation, *, by: User) -> None:
    """``by`` withdraws the pending ``invitation`` they sent: its link stops working.

    Side effects: sets ``withdrawn_at``. Raises PermissionDenied or ValidationError as
    ``invitation_resend``.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_sender(invitation, by=by)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])


def _require_sender(invitation: Invitation, *, by: User) -> None:
    allowed = invitation.invited_by_id == by.pk and may_invite(
        by, role=invitation.role, company_id=invitation.company_id, school_id=invitation.school_id
    )
    if not allowed:
        raise PermissionDenied
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("This invitation is no longer pending."), code="not_pending")


@transaction.atomic
def invitation_accept(invitation: Invitation, *, user: User) -> None:
    """``user`` accepts ``invitation`` and gets its role; a role they have already stays
    (a company admin invited as a supervisor stays admin).

    Side effects: a CompanyMembership (or makes the existing one admin) or a
    SchoolMembership; marks the invitation accepted by ``user``, so the link works once.
    Raises PermissionDenied when ``user``'s address is not the invitation's and
    ValidationError when it is no longer pending; then nothing changes.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("This invitation is no longer pending."), code="not_pending")
    if invitation.role == InvitationRole.COMPANY_ADMIN:
        membership, _created = CompanyMembership.objects.get_or_create(
            company_id=invitation.company_id, user=user, defaults={"is_company_admin": True}
        )
        if not membership.is_company_admin:
            membership.is_company_admin = True
            membership.save(update_fields=["is_company_admin"])
    elif invitation.role == InvitationRole.SUPERVISOR:
        CompanyMembership.objects.get_or_create(company_id=invitation.company_id, user=user)
    else:
        SchoolMembership.objects.get_or_create(
            school_id=invitation.school_id, user=user, role=invitation.role
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


@transaction.atomic
def invitation_accept_new_user(
    invitation: Invitation, *, first_name: str, last_name: str, password: str
) -> User:
    """Make the account for ``invitation``'s address (which has none yet) and accept it.

    ``password`` has passed Django's password validators (the form checks them).
    Side effects: a new User with the invitation's email (its allauth EmailAddress follows
    from ``stagegids.core.signals``), and everything ``invitation_accept`` does.
    Raises ValidationError when the address has an account by now.
    """
    if user_for_email(invitation.email) is not None:
        raise ValidationError(
            _("This address has an account already: log in to accept the invitation."),
            code="has_account",
        )
    user = User.objects.create_user(
        invitation.email, password, first_name=first_name, last_name=last_name
    )
    invitation_accept(invitation, user=user)
    return user

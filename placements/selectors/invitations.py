"""Scoped reads for invitations: by their link's token (anyone holding it), and the
pending ones their sender manages."""

import uuid

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from companies.models import Company, CompanyMembership
from placements.enums import InvitationRole
from placements.models import Invitation, Placement, School, SchoolMembership, token_hash
from stagegids.core.models import User

#: Longer input than a token of ``secrets.token_urlsafe(32)`` (43 characters) is no token.
MAX_TOKEN_LENGTH = 64


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation whose link carries ``token``, in any state; None for an unknown or
    altered token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        Invitation.objects.select_related("company", "school", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def pending_invitations_sent_by(user: User) -> QuerySet[Invitation]:
    """The invitations ``user`` sent that wait for an answer (not accepted, withdrawn or
    expired), newest first, with company, school and sender joined."""
    return Invitation.objects.select_related("company", "school", "invited_by").filter(
        invited_by=user,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def pending_invitation_sent_by(user: User, public_id: uuid.UUID) -> Invitation:
    """One of ``user``'s pending invitations (else 404)."""
    return get_object_or_404(pending_invitations_sent_by(user), public_id=public_id)


def invitations_sent_since(user: User, since) -> int:
    """How many invitations ``user`` sent from ``since`` on (each resend is one)."""
    return Invitation.objects.filter(invited_by=user, created_at__gte=since).count()


def companies_of_schools(schools: QuerySet[School]) -> QuerySet[Company]:
    """The companies where pupils of ``schools`` are or were placed."""
    return Company.objects.filter(
        pk__in=Placement.objects.filter(school__in=schools).values("company_id")
    ).order_by("name")


def companies_administered_by(user: User) -> QuerySet[Company]:
    """The companies ``user`` is a company admin of."""
    return Company.objects.filter(
        pk__in=CompanyMembership.objects.filter(user=user, is_company_admin=True).values(
            "company_id"
        )
    ).order_by("name")


def has_role(
    email: str, *, role: str, company: Company | None = None, school: School | None = None
) -> bool:
    """Whether the account with ``email`` has ``role`` there already (a supervisor
    invitation counts any membership of the company: it would give nothing new)."""
    if role == InvitationRole.COMPANY_ADMIN:
        return CompanyMembership.objects.filter(
            user__email__iexact=email, company=company, is_company_admin=True
        ).exists()
    if role == InvitationRole.SUPERVISOR:
        return CompanyMembership.objects.filter(user__email__iexact=email, company=company).exists()
    return SchoolMembership.objects.filter(
        user__email__iexact=email, school=school, role=role
    ).exists()


def user_for_email(email: str) -> User | None:
    """The account with ``email`` (not case-sensitive), if there is one."""
    return User.objects.filter(email__iexact=email).first()

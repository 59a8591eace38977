"""The companies directory for schools: which companies a user sees, with their SBB
recognition and the placements there. It crosses companies and placements, so it lives
in the top layer."""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from companies.models import Company, CompanyMembership
from placements.enums import (
    CURRENT_STATUSES,
    OPEN_STATUSES,
    PAST_STATUSES,
    PROGRAMMES_NEEDING_SBB,
    PlacementKind,
)
from placements.models import Placement
from placements.selectors.core import placements_for_user
from stagegids.core.models import User

#: A placement that needs its company's SBB recognition (a leerwerktraject, a pro or vso
#: pupil) while the company is not recognised, or not until the placement's last day.
SBB_RECOGNITION_TOO_SHORT = (
    (Q(kind=PlacementKind.LEERWERKTRAJECT) | Q(student__programme__in=PROGRAMMES_NEEDING_SBB))
    & Q(status__in=OPEN_STATUSES)
    & (
        Q(company__sbb_recognised=False)
        | Q(company__sbb_valid_until__isnull=True)
        | Q(end_date__gt=F("company__sbb_valid_until"))
    )
)


def companies_for_user(user: User) -> QuerySet[Company]:
    """The companies ``user`` may see.

    - staff: all;
    - company members: their own companies;
    - coordinators and teachers: the companies where a placement they can see is (or
      was) held, i.e. of their school's pupils or of the pupils they follow.
    """
    companies = Company.objects.all()
    if not user.is_authenticated or not user.is_active:
        return companies.none()
    if user.is_staff:
        return companies
    own = CompanyMembership.objects.filter(user=user).values("company_id")
    placed = placements_for_user(user).values("company_id")
    return companies.filter(Q(pk__in=own) | Q(pk__in=placed))


def _visible_count(visible: QuerySet[Placement], statuses) -> Coalesce:
    """How many of ``visible`` at the outer company have one of ``statuses``."""
    counts = (
        visible.filter(company=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def company_directory(user: User, *, today: datetime.date | None = None) -> QuerySet[Company]:
    """``user``'s companies by name, in one query, each annotated with:

    - ``current_count`` / ``past_count``: the placements ``user`` sees there that are
      planned, active or closing / completed;
    - ``sbb_state``: ``"valid"``, ``"expired"`` or ``"none"`` on ``today``;
    - ``sbb_warning``: a placement ``user`` sees needs a longer SBB recognition.
    """
    today = today or timezone.localdate()
    visible = placements_for_user(user)
    return (
        companies_for_user(user)
        .annotate(
            current_count=_visible_count(visible, CURRENT_STATUSES),
            past_count=_visible_count(visible, PAST_STATUSES),
            sbb_state=Case(
                When(Q(sbb_recognised=False) | Q(sbb_valid_until__isnull=True), then=Value("none")),
                When(sbb_valid_until__lt=today, then=Value("expired")),
                default=Value("valid"),
                output_field=CharField(),
            ),
            sbb_warning=Exists(visible.filter(SBB_RECOGNITION_TOO_SHORT, company=OuterRef("pk"))),
        )
        .order_by("name", "pk")
    )


def company_supervisors(company: Company) -> QuerySet[CompanyMembership]:
    """The company's contact supervisors with their user, company admins first."""
    return company.memberships.select_related("user").order_by(
        "-is_company_admin", "user__last_name", "user__first_name", "pk"
    )


def company_placements(company: Company, *, user: User) -> QuerySet[Placement]:
    """The placements at ``company`` that ``user`` sees, newest first, each annotated with
    ``sbb_warning`` (see ``SBB_RECOGNITION_TOO_SHORT``)."""
    return (
        placements_for_user(user)
        .filter(company=company)
        .annotate(
            sbb_warning=ExpressionWrapper(SBB_RECOGNITION_TOO_SHORT, output_field=BooleanField())
        )
        .order_by("-start_date", "pk")
    )


def company_overview(company: Company, *, user: User) -> dict:
    """The context of one company's page: supervisors, placements grouped, SBB warnings."""
    placements = list(company_placements(company, user=user))
    current = [p for p in placements if p.status in CURRENT_STATUSES]
    past = [p for p in placements if p.status in PAST_STATUSES]
    other = [p for p in placements if p.status not in CURRENT_STATUSES | PAST_STATUSES]
    return {
        "company": company,
        "supervisors": list(company_supervisors(company)),
        # Current and past always show (empty or not); drafts and cancelled only if any.
        "placement_sections": [
            {"id": "current", "placements": current},
            {"id": "past", "placements": past},
            *([{"id": "other", "placements": other}] if other else []),
        ],
        "sbb_warnings": [p for p in placements if p.sbb_warning],
        "sbb_valid_today": company.sbb_valid_on(timezone.localdate()),
    }

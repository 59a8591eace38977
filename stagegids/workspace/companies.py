"""The companies directory for schools: which companies a user sees, with their SBB
recognition and the placements there. It crosses companies and placements, so it lives
in the top layer."""

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from companies.models import Company, CompanyMembership
from placements.access import Memberships
from placements.enums import (
    CURRENT_STATUSES,
    OPEN_STATUSES,
    PAST_STATUSES,
    PROGRAMMES_NEEDING_SBB,
    PlacementKind,
    SchoolRole,
)
from placements.models import Placement, SchoolMembership
from placements.selectors.core import placements_for_user
from stagegids.core.models import User

#: Companies per page of the directory.
PAGE_SIZE = 25
#: A company's page lists at most this many placements of each section (the newest) and
#: this many SBB warnings; the placement overview, filtered by the company, has them all.
SECTION_SIZE = 25

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

    These are the companies of ``placements_for_user`` plus the user's own, with one
    subquery per role so that PostgreSQL answers each from an index (``roles_q``'s one
    OR across pupils and companies reads every placement). Its company-side roles
    (supervisor, proposals, company admin) reach only companies the user belongs to, so
    ``own`` covers them.
    """
    companies = Company.objects.all()
    if not user.is_authenticated or not user.is_active:
        return companies.none()
    if user.is_staff:
        return companies
    own = CompanyMembership.objects.filter(user=user).values("company_id")
    schools = SchoolMembership.objects.filter(user=user)
    coordinated = schools.filter(role=SchoolRole.COORDINATOR).values("school_id")
    taught = schools.filter(role=SchoolRole.TEACHER).values("school_id")
    of_school = Placement.objects.filter(school__in=coordinated).values("company_id")
    of_followed = Placement.objects.filter(student__teacher=user, school__in=taught).values(
        "company_id"
    )
    return companies.filter(Q(pk__in=own) | Q(pk__in=of_school) | Q(pk__in=of_followed))


def search_companies(companies: QuerySet[Company], query: str) -> QuerySet[Company]:
    """``companies`` of which every word of ``query`` is part of the name, the city or the
    KvK number, ignoring case; an empty ``query`` keeps them all."""
    for word in query.split():
        companies = companies.filter(
            Q(name__icontains=word) | Q(city__icontains=word) | Q(kvk_number__contains=word)
        )
    return companies


def company_directory(
    user: User,
    *,
    query: str = "",
    page: int | str | None = None,
    today: datetime.date | None = None,
    memberships: Memberships | None = None,
) -> Page:
    """Page ``page`` (``PAGE_SIZE`` by name; a page out of range gives the last, nonsense
    the first) of ``user``'s companies that match ``query`` (``search_companies``).

    Three queries: the count, the pks of the page's companies, and those companies joined
    to their placements and grouped (one row each, counting only the placements ``user``
    sees), so that each company carries:

    - ``current_count`` / ``past_count``: the placements ``user`` sees there that are
      planned, active or closing / completed;
    - ``sbb_state``: ``"valid"``, ``"expired"`` or ``"none"`` on ``today``;
    - ``sbb_warning``: a placement ``user`` sees needs a longer SBB recognition.

    The grouped query reads only the page's companies' placements (by the index on
    ``company_id``), however many there are elsewhere.
    """
    today = today or timezone.localdate()
    matching = search_companies(companies_for_user(user), query).order_by("name", "pk")
    result = Paginator(matching.values_list("pk", flat=True), PAGE_SIZE).get_page(page)
    # The page's pks as values, not a subquery: the scope is worked out once, and the
    # placements are read by their company's index.
    here = list(result.object_list)
    visible = placements_for_user(user, memberships).filter(company__in=here)
    seen = Q(placements__in=visible.values("pk"))
    warned = Q(placements__in=visible.filter(SBB_RECOGNITION_TOO_SHORT).values("pk"))
    result.object_list = (
        Company.objects.filter(pk__in=here)
        .annotate(
            current_count=Count(
                "placements", filter=seen & Q(placements__status__in=CURRENT_STATUSES)
            ),
            past_count=Count("placements", filter=seen & Q(placements__status__in=PAST_STATUSES)),
            sbb_state=Case(
                When(Q(sbb_recognised=False) | Q(sbb_valid_until__isnull=True), then=Value("none")),
                When(sbb_valid_until__lt=today, then=Value("expired")),
                default=Value("valid"),
                output_field=CharField(),
            ),
            sbb_warning=GreaterThan(Count("placements", filter=warned), 0),
        )
        .order_by("name", "pk")
    )
    return result


def company_supervisors(company: Company) -> QuerySet[CompanyMembership]:
    """The company's contact supervisors with their user, company admins first."""
    return company.memberships.select_related("user").order_by(
        "-is_company_admin", "user__last_name", "user__first_name", "pk"
    )


def _newest_first(
    placements: QuerySet[Placement], *, per: Expression | None = None
) -> QuerySet[Placement]:
    """``placements`` newest first, at most ``SECTION_SIZE`` (of each ``per``), each with
    ``total``: how many there are (of its ``per``) before the cut."""
    partition = {"partition_by": [per]} if per is not None else {}
    order = [F("start_date").desc(), F("pk").asc()]
    return (
        placements.annotate(
            rank=Window(RowNumber(), order_by=order, **partition),
            total=Window(Count("pk"), **partition),
        )
        .filter(rank__lte=SECTION_SIZE)
        .order_by(*order)
    )


def company_overview(company: Company, *, user: User) -> dict:
    """The context of one company's page: supervisors, the placements ``user`` sees there
    in sections (current, past, other) and its SBB warnings, the newest ``SECTION_SIZE``
    of each with their total. One query for the sections, one for the warnings."""
    visible = placements_for_user(user).filter(company=company)
    section = Case(
        When(status__in=CURRENT_STATUSES, then=Value("current")),
        When(status__in=PAST_STATUSES, then=Value("past")),
        default=Value("other"),
        output_field=CharField(),
    )
    too_short = ExpressionWrapper(SBB_RECOGNITION_TOO_SHORT, output_field=BooleanField())
    rows = list(
        _newest_first(visible.annotate(section=section, sbb_warning=too_short), per=F("section"))
    )
    sections = {
        name: {"id": name, "placements": [p for p in rows if p.section == name]}
        for name in ("current", "past", "other")
    }
    for part in sections.values():
        part["total"] = part["placements"][0].total if part["placements"] else 0
    warnings = list(_newest_first(visible.filter(SBB_RECOGNITION_TOO_SHORT)))
    return {
        "company": company,
        "supervisors": list(company_supervisors(company)),
        # Current and past always show (empty or not); drafts and cancelled only if any.
        "placement_sections": [
            sections["current"],
            sections["past"],
            *([sections["other"]] if sections["other"]["total"] else []),
        ],
        "sbb_warnings": warnings,
        "sbb_warnings_more": warnings[0].total - len(warnings) if warnings else 0,
        "sbb_valid_today": company.sbb_valid_on(timezone.localdate()),
    }

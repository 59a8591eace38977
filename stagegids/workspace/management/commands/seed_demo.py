"""``manage.py seed_demo``: create or refresh the fictional demo data set.

Safe to run again at any time: rows are matched on their natural keys (email, BRIN,
KvK number, the pupil's school and name, the pupil and kind of placement) and updated,
so a second run adds nothing. Placement dates follow the day the command runs, and
every demo password is reset to ``stagegids-demo``. The data lives in
``stagegids.workspace.demo_data``.

The README publishes that password, so the command runs only with DEBUG on (as
``make run`` sets it): a production database never gets the demo accounts.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from companies.models import Company, CompanyMembership
from evaluations.models import (
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationStatus,
    FollowUpOffer,
    FormDefinition,
    FunnelStage,
)
from placements.enums import PROPOSAL_STATUSES, VOID_STATUSES
from placements.models import (
    InsuranceAnswer,
    Phase,
    Placement,
    PlacementKind,
    PlacementStatus,
    School,
    SchoolMembership,
    SchoolRole,
    StatusChange,
    Student,
)
from placements.services import placement_save, student_save
from placements.services.intake import intake_update
from placements.working_time import needs_school_confirmation
from stagegids.core import page_cache
from stagegids.core.models import User
from stagegids.workspace import demo_data
from stagegids.workspace.demo_data import DEMO_PASSWORD, Timing


def add_workdays(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day (Monday to Friday) after ``day``, or before it when
    ``count`` is negative; 0 gives ``day`` itself, or the Friday before a weekend day."""
    step = datetime.timedelta(days=1 if count > 0 else -1)
    remaining = abs(count)
    while remaining or day.weekday() >= 5:
        day += step
        if day.weekday() < 5 and remaining:
            remaining -= 1
    return day


def placement_dates(
    kind: str, timing: Timing, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """First and last day of a placement of ``kind`` planned by ``timing`` (see Timing)."""
    if kind in demo_data.DAY_KINDS:
        start = add_workdays(today, timing.start)
        return start, add_workdays(start, timing.length - 1)
    monday = today - datetime.timedelta(days=today.weekday())
    start = monday + datetime.timedelta(weeks=timing.start, days=timing.day)
    if kind == PlacementKind.LINTSTAGE:
        return start, start + datetime.timedelta(weeks=timing.length - 1)
    # Blokstage and leerwerktraject run to the Friday of their last week.
    return start, monday + datetime.timedelta(weeks=timing.start + timing.length, days=-3)


class Command(BaseCommand):
    help = "Create or refresh the fictional demo data set; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Plan the placements around this date (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, today: datetime.date | None = None, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts whose password the README publishes, so it only "
                "runs with DEBUG on: use 'make run', or 'DEBUG=1 python manage.py seed_demo' "
                "on a development database."
            )
        today = today or timezone.localdate()
        created: Counter[str] = Counter()
        # One renewal of the cached pages' stamps at the end, not one per row.
        with transaction.atomic(), page_cache.paused():
            users = seed_users(created)
            schools = seed_schools(created)
            companies = seed_companies(today, created)
            seed_memberships(users, schools, companies, created)
            pupils = seed_pupils(schools, users, created)
            seed_placements(pupils, companies, users, today, created)
            seed_proposal_history(users)
            seed_progress(users[demo_data.ADMIN_EMAIL], today)
            seed_assessments(users[demo_data.ADMIN_EMAIL])
        self.print_summary(today, created)

    def print_summary(self, today: datetime.date, created: Counter[str]) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo data ready, planned around {today}."))
        for model in (
            User,
            School,
            SchoolMembership,
            Company,
            CompanyMembership,
            Student,
            Placement,
        ):
            name = model.__name__
            self.stdout.write(f"  {name:<18} {model.objects.count():>4}  ({created[name]} new)")
        emails = [account.email for account in demo_data.ACCOUNTS]
        accounts = User.objects.filter(email__in=emails).prefetch_related(
            "school_memberships__school", "company_memberships__company"
        )
        by_email = {user.email: user for user in accounts}
        self.stdout.write("\nDemo logins:")
        self.stdout.write(f"  {'email':<32} {'password':<16} role")
        for email in emails:
            role = describe_role(by_email[email])
            self.stdout.write(f"  {email:<32} {DEMO_PASSWORD:<16} {role}")
        self.stdout.write(
            "\nDjango admin (/admin/) asks staff for two-factor login: on the first visit it"
            "\nshows a QR code to scan with an authenticator app, then asks for its code."
        )


def describe_role(user: User) -> str:
    """A one-line description of what ``user`` does in the demo, from the database."""
    roles = ["superuser (Django admin)"] if user.is_superuser else []
    roles += [f"{m.role}, {m.school.name}" for m in user.school_memberships.all()]
    roles += [
        f"supervisor{' + company admin' if m.is_company_admin else ''}, {m.company.name}"
        for m in user.company_memberships.all()
    ]
    return "; ".join(roles)


def seed_users(created: Counter[str]) -> dict[str, User]:
    # Hash once: hashing is slow on purpose, and the password is public anyway.
    password = make_password(DEMO_PASSWORD)
    users = {}
    for account in demo_data.ACCOUNTS:
        user, is_new = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_staff": account.is_superuser,
                "is_superuser": account.is_superuser,
                "is_active": True,
                "password": password,
            },
        )
        created["User"] += is_new
        users[account.email] = user
    return users


def seed_schools(created: Counter[str]) -> dict[str, School]:
    schools = {}
    for row in demo_data.SCHOOLS:
        # School A lets its teachers approve assessments, so docent@ can show it.
        defaults = row._asdict() | {"teachers_may_approve": row.brin == demo_data.SCHOOL_A_BRIN}
        school, is_new = School.objects.update_or_create(brin=row.brin, defaults=defaults)
        created["School"] += is_new
        schools[row.brin] = school
    return schools


def seed_companies(today: datetime.date, created: Counter[str]) -> dict[str, Company]:
    companies = {}
    for row in demo_data.COMPANIES:
        recognised = row.sbb_years is not None
        values = row._asdict()
        del values["sbb_years"]
        values["sbb_recognised"] = recognised
        values["sbb_valid_until"] = (
            datetime.date(today.year + row.sbb_years, 12, 31) if recognised else None
        )
        company, is_new = Company.objects.update_or_create(
            kvk_number=row.kvk_number, defaults=values
        )
        created["Company"] += is_new
        companies[row.name] = company
    return companies


def seed_memberships(
    users: dict[str, User],
    schools: dict[str, School],
    companies: dict[str, Company],
    created: Counter[str],
) -> None:
    for row in demo_data.SCHOOL_STAFF:
        _, is_new = SchoolMembership.objects.get_or_create(
            school=schools[row.brin], user=users[row.email], role=row.role
        )
        created["SchoolMembership"] += is_new
    for row in demo_data.SUPERVISORS:
        _, is_new = CompanyMembership.objects.update_or_create(
            company=companies[row.company],
            user=users[row.email],
            defaults={"job_title": row.job_title, "is_company_admin": row.is_company_admin},
        )
        created["CompanyMembership"] += is_new


def seed_pupils(
    schools: dict[str, School], users: dict[str, User], created: Counter[str]
) -> dict[str, Student]:
    """Create the pupils; return them by full name, which the placement rows use."""
    pupils = {}
    for number, row in enumerate(demo_data.PUPILS, start=demo_data.FIRST_STUDENT_NUMBER):
        school = schools[row.brin]
        pupil = Student.objects.filter(
            school=school, given_name=row.given_name, surname=row.surname
        ).first()
        is_new = pupil is None
        pupil = pupil or Student(school=school, given_name=row.given_name, surname=row.surname)
        pupil.surname_prefix = row.surname_prefix
        pupil.student_number = str(number)
        pupil.programme = row.programme
        pupil.class_name = row.class_name
        pupil.year = row.year
        pupil.teacher = users[row.teacher] if row.teacher else None
        student_save(pupil, by=users[demo_data.ADMIN_EMAIL])
        created["Student"] += is_new
        if pupil.full_name in pupils:
            raise CommandError(f"Two demo pupils are called {pupil.full_name}.")
        pupils[pupil.full_name] = pupil
    return pupils


def seed_placements(
    pupils: dict[str, Student],
    companies: dict[str, Company],
    users: dict[str, User],
    today: datetime.date,
    created: Counter[str],
) -> None:
    """Create or update every demo placement through ``placement_save``, so the domain
    rules are checked exactly as in the portal."""
    admin = users[demo_data.ADMIN_EMAIL]
    for row in demo_data.PLACEMENTS:
        pupil = pupils[row.pupil]
        placement = Placement.objects.filter(student=pupil, kind=row.kind).first()
        created["Placement"] += placement is None
        placement = placement or Placement(student=pupil, kind=row.kind)
        set_placement_fields(placement, row, companies, users, today)
        try:
            placement_save(placement, by=admin)
        except ValidationError as error:
            raise CommandError(
                f"The demo {row.kind} of {row.pupil} breaks a rule: {'; '.join(error.messages)}"
            ) from error
        confirm_rules_for_the_young(placement)


#: Statuses of a placement that has started: the school has done its part before.
STARTED = {PlacementStatus.ACTIVE, PlacementStatus.CLOSING, PlacementStatus.COMPLETED}


def confirm_rules_for_the_young(placement: Placement) -> None:
    """A started placement of a pupil the rules for minors do not decide (younger than
    14) was confirmed by the school's coordinator; the others wait for it."""
    if placement.status not in STARTED or not needs_school_confirmation(placement):
        return
    coordinator = (
        SchoolMembership.objects.filter(
            school=placement.student.school, role=SchoolRole.COORDINATOR
        )
        .order_by("pk")
        .first()
    )
    if coordinator is not None and placement.age_rules_confirmed_at is None:
        # As history: a completed placement no longer takes the confirmation itself.
        Placement.objects.filter(pk=placement.pk).update(
            age_rules_confirmed_at=timezone.now(), age_rules_confirmed_by=coordinator.user
        )


def set_placement_fields(
    placement: Placement,
    row: demo_data.PlacementData,
    companies: dict[str, Company],
    users: dict[str, User],
    today: datetime.date,
) -> None:
    start, end = placement_dates(row.kind, demo_data.TIMINGS[row.kind, row.status], today)
    placement.company = companies[row.company]
    placement.supervisor = users[row.supervisor] if row.supervisor else None
    placement.status = row.status
    placement.start_date, placement.end_date = start, end
    placement.weekday = start.weekday() if row.kind == PlacementKind.LINTSTAGE else None
    placement.planned_hours = (
        demo_data.LEERWERKTRAJECT_PLANNED_HOURS
        if row.kind == PlacementKind.LEERWERKTRAJECT
        else None
    )
    placement.work_days = (
        demo_data.LEERWERKTRAJECT_WORK_DAYS if row.kind == PlacementKind.LEERWERKTRAJECT else []
    )
    hours = demo_data.WORKING_HOURS[row.kind]
    is_draft = row.status == PlacementStatus.DRAFT
    placement.daily_start_time = None if is_draft else hours.start
    placement.daily_end_time = None if is_draft else hours.end
    placement.hours_per_week = None if is_draft else hours.per_week
    placement.pupil_age = demo_data.pupil_age(placement.student.year)
    placement.school_hours_per_week = demo_data.SCHOOL_HOURS_PER_WEEK.get(row.kind)


#: How far each status is along the checklists: the phases whose items are all done.
PHASES_DONE = {
    PlacementStatus.ACTIVE: {Phase.BEFORE_START},
    PlacementStatus.CLOSING: {Phase.BEFORE_START, Phase.FIRST_DAY, Phase.DURING},
    PlacementStatus.COMPLETED: set(Phase),
}


def seed_proposal_history(users: dict[str, User]) -> None:
    """Record who proposed or registered each demo proposal and who declined the declined
    one, as the portal does; a second run finds the rows and adds none."""
    placements = Placement.objects.filter(status__in=demo_data.PROPOSED_BY)
    for placement in placements:
        first_status = (
            PlacementStatus.PROPOSED
            if placement.status == PlacementStatus.DECLINED
            else placement.status
        )
        StatusChange.objects.get_or_create(
            placement=placement,
            from_status="",
            defaults={
                "to_status": first_status,
                "by": users[demo_data.PROPOSED_BY[placement.status]],
            },
        )
        if placement.status == PlacementStatus.DECLINED:
            StatusChange.objects.get_or_create(
                placement=placement,
                to_status=PlacementStatus.DECLINED,
                defaults={
                    "from_status": PlacementStatus.PROPOSED,
                    "by": users[demo_data.DECLINED_BY],
                    "reason": demo_data.DECLINE_REASON,
                },
            )


def seed_progress(admin: User, today: datetime.date) -> None:
    """Tick the checklists and fill the intakes as far as each placement's status implies.

    A planned placement has all but one before-the-start item done, so the demo shows
    what is still missing before it can start. Ticks are set directly (with the
    supervisor as the one who ticked) because closed placements refuse ticks through the
    service, and the demo needs their history.
    """
    ticked_at = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9)))
    placements = Placement.objects.exclude(
        status__in=[PlacementStatus.DRAFT, *PROPOSAL_STATUSES, *VOID_STATUSES]
    ).select_related("supervisor", "student__teacher")
    for placement in placements:
        items = placement.checklist_items.filter(done_at__isnull=True)
        phases = PHASES_DONE.get(placement.status, set())
        items.filter(phase__in=phases).update(
            done_at=ticked_at, done_by=placement.supervisor or admin
        )
        last = placement.checklist_items.filter(phase=Phase.BEFORE_START).last()
        if placement.status == PlacementStatus.PLANNED and last:
            items.filter(phase=Phase.BEFORE_START).exclude(pk=last.pk).update(
                done_at=ticked_at, done_by=placement.supervisor or admin
            )
        teacher = placement.student.teacher
        intake_update(
            placement,
            by=admin,
            learning_goals="Ontdekken of installatietechniek bij mij past.",
            agreements="Werkdagen volgens planning, op schooldagen niet aanwezig.",
            insured_material_damage=InsuranceAnswer.YES,
            insured_accidents=InsuranceAnswer.YES,
            contact_name=teacher.get_full_name() if teacher else "",
            contact_email=teacher.email if teacher else "",
        )


#: Scores and remarks of the demo's approved final assessments, criterion by criterion.
DEMO_SCORES = [3, 4, 3, 3, 4, 2, 3, 4]
DEMO_REMARK = "Pakt dit goed op; blijf vragen stellen als iets niet duidelijk is."


def seed_assessments(admin: User) -> None:
    """Give every completed placement an approved final assessment, filled in by its
    supervisor and approved by the school's coordinator (or the admin).

    Written directly, like the ticks: the services refuse changes to closed placements,
    and the demo needs their finished assessments (the PDFs and the benchmark use them).
    """
    definition = FormDefinition.objects.filter(is_published=True).order_by("-version").first()
    if definition is None:
        return
    criteria = list(definition.criteria.all())
    completed = Placement.objects.filter(status=PlacementStatus.COMPLETED).select_related(
        "supervisor", "student__school"
    )
    for placement in completed:
        evaluation, created = Evaluation.objects.update_or_create(
            placement=placement,
            kind=EvaluationKind.FINAL,
            defaults={
                "definition": definition,
                "status": EvaluationStatus.APPROVED,
                "overall_remarks": "Een leergierige stagiair die snel zijn plek vond in het team.",
                "qualities_seen": "Nauwkeurig, vriendelijk tegen klanten, werkt netjes.",
                "reflection_experience": "Leuk en leerzaam, vooral het werk op de bouw.",
                "reflection_expectations": "Ja, en ik mocht meer zelf doen dan ik dacht.",
                "reflection_work_here": "Misschien later, eerst wil ik naar het mbo.",
                "reflection_room": "Ja, er was altijd iemand die uitleg gaf.",
                "reflection_tips": "Vertel op de eerste dag wat we die week gaan doen.",
                "funnel_stage": FunnelStage.DIRECTION,
                "what_became_clearer": "Werktuigbouwkundige installaties passen goed bij mij.",
                "agreed_next_step": "Aanmelden voor de mbo-opleiding monteur "
                "werktuigkundige installaties.",
                "follow_up_offer": FollowUpOffer.HOLIDAY_WORK,
            },
        )
        for criterion, score in zip(criteria, DEMO_SCORES, strict=False):
            CriterionScore.objects.update_or_create(
                evaluation=evaluation,
                criterion=criterion,
                defaults={"score": score, "remark": DEMO_REMARK},
            )
        if created:
            coordinator = placement.student.school.memberships.filter(
                role=SchoolRole.COORDINATOR
            ).first()
            EvaluationEvent.objects.bulk_create(
                [
                    EvaluationEvent(
                        evaluation=evaluation,
                        action=EvaluationEvent.Action.SUBMITTED,
                        by=placement.supervisor or admin,
                    ),
                    EvaluationEvent(
                        evaluation=evaluation,
                        action=EvaluationEvent.Action.APPROVED,
                        by=coordinator.user if coordinator else admin,
                    ),
                ]
            )

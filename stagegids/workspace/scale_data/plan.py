"""What ``seed_scale`` draws before it writes anything: the schools and companies
(``places``), the pupils and their placements, and each placement's history. Every draw
comes from one ``random.Random(seed)`` in a fixed order."""

import datetime
import random
import uuid

from django.utils import timezone

from companies.models import Company
from placements.enums import PROGRAMMES_NEEDING_SBB
from placements.models import Placement, Programme, School, Student
from stagegids.core.models import User
from stagegids.workspace.demo_data import WORKING_HOURS
from stagegids.workspace.scale_data.dates import DAY, MINUTE, at, in_order, period
from stagegids.workspace.scale_data.places import (
    CompanyPicker,
    plan_companies,
    plan_schools,
    school_quotas,
)
from stagegids.workspace.scale_data.texts import (
    CANCEL_REASONS,
    DECLINE_REASONS,
    GIVEN_NAMES,
    PREFIXES,
    SURNAMES,
)
from stagegids.workspace.scale_data.world import (
    AFTER_PLANNED,
    COMPANY_ADMIN_EMAIL,
    COORDINATOR_EMAIL,
    KIND_WEIGHTS,
    KIND_WEIGHTS_B,
    KINDS,
    PROGRAMMES,
    STATUS_WEIGHTS,
    SUPERVISOR_EMAIL,
    TEACHER_EMAIL,
    K,
    PlacementPlan,
    S,
    World,
    size_for,
)


def split_surname(name: str) -> tuple[str, str]:
    """("van der", "Linden") for "van der Linden": a pupil's prefix has a field of its own."""
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return prefix.strip(), name.removeprefix(prefix)
    return "", name


def plan(*, placements: int, seed: int, today: datetime.date) -> World:
    """Draw the whole data set for ``placements`` placements; write nothing."""
    rng = random.Random(seed)  # noqa: S311  (made-up data, reproducible on purpose)
    world = World(rng=rng, today=today, size=size_for(placements), cutoff=at(today, 0))
    regions = max(1, world.size.schools // 5)
    quotas = school_quotas(world)
    coordinator = world.person(COORDINATOR_EMAIL, joined=today - 800 * DAY)
    teacher = world.person(TEACHER_EMAIL, joined=today - 800 * DAY)
    admin = world.person(COMPANY_ADMIN_EMAIL, joined=today - 800 * DAY)
    supervisor = world.person(SUPERVISOR_EMAIL, joined=today - 800 * DAY)
    staff = plan_schools(world, quotas, regions, coordinator=coordinator, teacher=teacher)
    members, weights = plan_companies(world, regions, admin=admin, supervisor=supervisor)
    picker = CompanyPicker(world.companies, weights, regions, rng)
    plan_placements(world, quotas, staff, members, picker, regions)
    give_supervisor_interns(world, supervisor, members[world.companies[0].kvk_number])
    for placement_plan in world.plans:
        plan_history(world, placement_plan, members[placement_plan.placement.company.kvk_number])
    return world


def plan_placements(
    world: World,
    quotas: list[int],
    staff: dict[str, tuple[list[User], list[User]]],
    members: dict[str, list[User]],
    picker: CompanyPicker,
    regions: int,
) -> None:
    """Pupils and their placements, school by school, until each school's quota is met.

    A pupil gets one to three placements that never overlap (not even void ones); the
    first nine placements of the data set take every status once, and every kind.
    """
    rng = world.rng
    statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    must_have = [(KINDS[i % len(KINDS)], status) for i, status in enumerate(statuses)]
    programmes = list(PROGRAMMES)
    programme_weights = [weight for _, weight in PROGRAMMES.values()]
    for index, (school, quota) in enumerate(zip(world.schools, quotas, strict=True)):
        coordinators, teachers = staff[school.brin]
        class_teachers: dict[str, User | None] = {}
        made = 0
        while made < quota:
            forced = must_have.pop(0) if must_have else None
            wanted = 1 if forced else rng.choices((1, 2, 3), (55, 35, 10))[0]
            programme = rng.choices(programmes, programme_weights)[0]
            if forced and forced[0] == K.LEERWERKTRAJECT:
                programme = Programme.VMBO_B
            student = new_pupil(world, school, programme, teachers, class_teachers)
            periods: list[tuple[datetime.date, datetime.date]] = []
            for _ in range(min(wanted, quota - made)):
                kind, status = forced or (None, rng.choices(statuses, status_weights)[0])
                if kind is None:
                    weights = KIND_WEIGHTS_B if programme == Programme.VMBO_B else KIND_WEIGHTS
                    kind = rng.choices(KINDS, weights)[0]
                for _attempt in range(20):
                    start, end, weekday = period(rng, kind, status, world.today)
                    if all(end < first or start > last for first, last in periods):
                        break
                else:
                    break  # no free period left for this pupil: the next pupil takes it
                periods.append((start, end))
                needs_sbb = kind == K.LEERWERKTRAJECT or programme in PROGRAMMES_NEEDING_SBB
                company = picker.pick(index % regions, needs_sbb=needs_sbb)
                world.plans.append(
                    new_placement(
                        world, student, kind, status, (start, end, weekday), company,
                        members[company.kvk_number], coordinators,
                    )
                )  # fmt: skip
                made += 1


def new_pupil(
    world: World,
    school: School,
    programme: str,
    teachers: list[User],
    class_teachers: dict[str, User | None],
) -> Student:
    """A pupil in a class of their year and programme; three classes in four have a
    teacher who follows their pupils (the school's teachers in turn, teacher@ first)."""
    rng = world.rng
    year = rng.choices((2, 3, 4), (25, 45, 30))[0]
    class_name = f"{year}{PROGRAMMES[programme][0]}{rng.randint(1, 3)}"
    if class_name not in class_teachers:
        followed = sum(teacher is not None for teacher in class_teachers.values())
        has_teacher = len(class_teachers) % 4 != 3
        class_teachers[class_name] = teachers[followed % len(teachers)] if has_teacher else None
    prefix, surname = split_surname(rng.choice(SURNAMES))
    student = Student(
        school=school,
        given_name=rng.choice(GIVEN_NAMES),
        surname_prefix=prefix,
        surname=surname,
        student_number=str(100001 + len(world.students)),
        programme=programme,
        class_name=class_name,
        year=year,
        teacher=class_teachers[class_name],
    )
    world.students.append(student)
    return student


def new_placement(
    world: World,
    student: Student,
    kind: str,
    status: str,
    dates: tuple[datetime.date, datetime.date, int | None],
    company: Company,
    members: list[User],
    coordinators: list[User],
) -> PlacementPlan:
    """A placement of ``student`` at ``company`` supervised by one of ``members`` (none
    for a proposal and some drafts), and how it began (origin) and was cancelled."""
    rng, (start, end, weekday) = world.rng, dates
    hours = WORKING_HOURS[kind]
    without_hours = status == S.DRAFT
    supervisor = rng.choice(members)
    if status == S.PROPOSED or (status == S.DRAFT and rng.random() < 0.5):
        supervisor = None
    placement = Placement(
        public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
        student=student,
        school=student.school,
        company=company,
        supervisor=supervisor,
        kind=kind,
        status=status,
        start_date=start,
        end_date=end,
        weekday=weekday,
        planned_hours=rng.randrange(640, 1281, 80) if kind == K.LEERWERKTRAJECT else None,
        daily_start_time=None if without_hours else hours.start,
        daily_end_time=None if without_hours else hours.end,
        hours_per_week=None if without_hours else hours.per_week,
    )
    result = PlacementPlan(placement, student.school, coordinators, student.teacher)
    if status in (S.PROPOSED, S.REGISTERED):
        result.origin = status
    elif status == S.DECLINED:
        result.origin = rng.choices((S.PROPOSED, S.REGISTERED), (7, 3))[0]
        if result.origin == S.PROPOSED:
            placement.supervisor = None
    elif status != S.DRAFT:
        result.origin = rng.choices((S.DRAFT, S.PROPOSED, S.REGISTERED), (60, 25, 15))[0]
    if status == S.CANCELLED:
        if start > world.today:
            result.cancelled_from = rng.choices(
                (S.DRAFT, S.PLANNED, S.PROPOSED, S.REGISTERED), (3, 5, 1, 1)
            )[0]
        else:
            result.cancelled_from = rng.choices((S.PLANNED, S.ACTIVE), (1, 3))[0]
        if result.cancelled_from in (S.PROPOSED, S.REGISTERED):
            result.origin = result.cancelled_from
        elif result.cancelled_from == S.DRAFT:
            result.origin = S.DRAFT
        if result.origin == S.PROPOSED and result.cancelled_from == S.PROPOSED:
            placement.supervisor = None
    return result


def give_supervisor_interns(world: World, supervisor: User, members: list[User]) -> None:
    """Move exactly ``size.supervisor_open`` open (planned, active, closing) placements and
    some past ones to supervisor@ at the first company, which is SBB-recognised, so any
    pupil may go there. Pupils of the company's region come first."""
    company = world.companies[0]
    regions = max(1, world.size.schools // 5)
    near = {school.brin for i, school in enumerate(world.schools) if i % regions == 0}
    for statuses, count in (
        ((S.PLANNED, S.ACTIVE, S.CLOSING), world.size.supervisor_open),
        ((S.COMPLETED, S.CANCELLED), world.size.supervisor_past),
    ):
        candidates = [
            p
            for p in world.plans
            if p.placement.status in statuses
            and p.placement.supervisor is not None
            and p.placement.supervisor is not supervisor
        ]
        candidates.sort(key=lambda p: p.school.brin not in near)
        for chosen in candidates[:count]:
            chosen.placement.company = company
            chosen.placement.supervisor = supervisor


def plan_history(world: World, p: PlacementPlan, members: list[User]) -> None:
    """When the placement was made and each of its transitions, by whom (a StatusChange
    each, as the lifecycle services record them); what the other tables need of it."""
    rng, today, placement = world.rng, world.today, p.placement
    start, end, status = placement.start_date, placement.end_date, placement.status
    company_side = placement.supervisor or rng.choice(members)
    coordinator = rng.choice(p.coordinators)
    created = start - rng.randint(14, 90) * DAY
    if created >= today:
        created = today - rng.randint(1, 20) * DAY
    created_at = at(created, rng.randint(8, 16), rng.randint(0, 59))
    # Answered (accepted, confirmed, declined) or planned before the start.
    answer_day = created + rng.randint(1, max(1, min(20, (start - created).days - 1))) * DAY
    answered_at = at(answer_day, rng.randint(9, 16), rng.randint(0, 59))
    steps: list[tuple[str, str, datetime.datetime, User | None, str]] = []
    if p.origin != S.DRAFT:
        proposer = company_side if p.origin == S.REGISTERED else coordinator
        steps.append(("", p.origin, created_at, proposer, ""))
    if status == S.DECLINED:
        by = company_side if p.origin == S.PROPOSED else coordinator
        steps.append((p.origin, S.DECLINED, answered_at, by, rng.choice(DECLINE_REASONS)))
    previous = p.origin
    for target in AFTER_PLANNED.get(p.cancelled_from or status, ()):
        if target == S.PLANNED:
            by = {S.PROPOSED: company_side, S.REGISTERED: coordinator}.get(
                p.origin, rng.choice((company_side, coordinator))
            )
            moment = answered_at
        elif target == S.ACTIVE:
            by, moment = company_side, at(start, 7, rng.randint(30, 59))
        elif target == S.CLOSING:
            by = rng.choice((company_side, coordinator))
            moment = at(end, 16, rng.randint(0, 59)) + rng.randint(0, 3) * DAY
        else:
            by, moment = coordinator, moment + rng.randint(60, 14 * 24 * 60) * MINUTE
        steps.append((previous, target, moment, by, ""))
        previous = target
    if status == S.CANCELLED:
        if p.cancelled_from == S.ACTIVE:
            days = max(0, (min(end, today - DAY) - start).days)
            moment = at(start + rng.randint(0, days) * DAY, rng.randint(10, 16))
        else:  # before the start
            moment = min(answered_at + rng.randint(1, 5) * DAY, at(start - DAY, 17))
        by = rng.choice((company_side, coordinator))
        steps.append((p.cancelled_from, S.CANCELLED, moment, by, rng.choice(CANCEL_REASONS)))
    times = in_order([created_at] + [step[2] for step in steps], world.cutoff)
    p.created_at = placement.created_at = times[0]
    placement.updated_at = times[-1]
    p.history = [
        (source, target, moment, by, reason)
        for (source, target, _, by, reason), moment in zip(steps, times[1:], strict=True)
    ]
    p.reached = {target: moment for _, target, moment, _, _ in p.history}
    if S.ACTIVE in p.reached:
        last = min(end, today - DAY)
        if S.CANCELLED in p.reached:
            last = min(last, timezone.localtime(p.reached[S.CANCELLED]).date())
        p.last_day = last if last >= start else None

"""The rows that follow from the planned placements, table by table, as the services
would have left them: history, checklists, intakes, feedback moments, hours, work log,
messages (and, in ``assessments``, the assessments)."""

import datetime
import random
import string
from collections.abc import Iterable, Iterator
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from companies.models import Company, CompanyMembership
from evaluations.models import (
    Criterion,
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    FormDefinition,
)
from placements.models import (
    Absence,
    ChecklistItem,
    ChecklistItemTemplate,
    DayLog,
    FeedbackMoment,
    InsuranceAnswer,
    Intake,
    Message,
    MessageReadMark,
    Phase,
    Placement,
    School,
    SchoolMembership,
    StatusChange,
    Student,
    SupportNeedsAccess,
    Task,
    TaskLevel,
    TaskRecord,
)
from placements.services.feedback import midterm_date
from stagegids.core.models import User
from stagegids.workspace.scale_data.assessments import (
    criterion_scores,
    evaluation_events,
    evaluations,
)
from stagegids.workspace.scale_data.dates import DAY, MINUTE, at, in_order
from stagegids.workspace.scale_data.texts import FEEDBACK_TITLES, MESSAGES, PROGRAMME_NAMES
from stagegids.workspace.scale_data.world import KINDS, SCALE_PASSWORD, K, PlacementPlan, S, World
from stagegids.workspace.scale_data.writing import builder


def tables(world: World) -> Iterator[tuple[type[models.Model], Iterable[models.Model]]]:
    """Each table's rows, in the order they can be written: the rows of a table have the
    primary keys of the tables before it once those are written (``bulk_create`` sets
    them on the objects)."""
    rng = world.rng
    password = make_password(
        SCALE_PASSWORD, salt="".join(rng.choices(string.ascii_letters + string.digits, k=22))
    )
    for user in world.users:
        user.password = password
    yield User, world.users
    # bulk_create sends no post_save, so allauth learns the addresses here (as
    # ``email_address_sync`` does for a saved user): verified and primary.
    new_address = builder(EmailAddress)
    yield (
        EmailAddress,
        (
            new_address(user_id=user.pk, email=user.email, verified=True, primary=True)
            for user in world.users
        ),
    )
    yield School, world.schools
    yield SchoolMembership, world.school_memberships
    yield Company, world.companies
    yield CompanyMembership, world.company_memberships
    yield Student, world.students
    yield Placement, [p.placement for p in world.plans]
    yield StatusChange, status_changes(world)
    yield ChecklistItem, checklist_items(world)
    support_needs: list[tuple[PlacementPlan, datetime.datetime]] = []
    yield Intake, intakes_of(world, support_needs)
    new_access = builder(SupportNeedsAccess)
    yield (
        SupportNeedsAccess,
        (
            new_access(
                placement_id=p.placement.pk,
                user_id=p.coordinators[0].pk,
                action=SupportNeedsAccess.Action.EDIT,
                at=written_at - MINUTE,
            )
            for p, written_at in support_needs
        ),
    )
    yield FeedbackMoment, feedback_moments(world)
    yield DayLog, day_logs(world)
    yield TaskRecord, task_records(world)
    yield Message, messages(world)
    yield MessageReadMark, world.read_marks
    definition = FormDefinition.objects.filter(is_published=True).order_by("-version").first()
    criteria = list(Criterion.objects.filter(definition=definition).order_by("order", "pk"))
    yield Evaluation, evaluations(world, definition)
    yield CriterionScore, criterion_scores(world, criteria)
    yield EvaluationEvent, evaluation_events(world)


def status_changes(world: World) -> Iterator[StatusChange]:
    new = builder(StatusChange)
    for p in world.plans:
        for source, target, moment, by, reason in p.history:
            yield new(
                placement_id=p.placement.pk,
                from_status=source,
                to_status=target,
                by_id=by.pk,
                at=moment,
                reason=reason,
            )


#: How far each status got along the checklists: the phases all done, and the phase
#: partly done with the share of its items ticked.
CHECKLIST_PROGRESS = {
    S.DRAFT: ((), Phase.BEFORE_START, 0.1),
    S.PLANNED: ((), Phase.BEFORE_START, 0.6),
    S.ACTIVE: ((Phase.BEFORE_START, Phase.FIRST_DAY), Phase.DURING, 0.5),
    S.CLOSING: ((Phase.BEFORE_START, Phase.FIRST_DAY, Phase.DURING), Phase.CLOSING, 0.4),
    S.COMPLETED: (tuple(Phase), None, 0.0),
}


def checklist_items(world: World) -> Iterator[ChecklistItem]:
    """Each placement's copy of the active templates of its kind (as ``checklist_sync``),
    ticked as far as its status (a cancelled one's: the status it was cancelled in)
    implies: an active placement finished the before-the-start list (it could not have
    started otherwise), a completed one every list."""
    rng, cutoff = world.rng, world.cutoff
    templates = [t for t in ChecklistItemTemplate.objects.order_by("pk") if t.is_active]
    by_kind = {kind: [t for t in templates if t.applies_to(kind)] for kind in KINDS}
    new = builder(ChecklistItem)
    for p in world.plans:
        placement = p.placement
        done_phases, partly, share = CHECKLIST_PROGRESS.get(
            p.cancelled_from or placement.status, ((), None, 0.0)
        )
        if p.last_day is None:  # started today, or never: only the preparation is done
            done_phases = tuple(phase for phase in done_phases if phase == Phase.BEFORE_START)
            partly = partly if partly == Phase.BEFORE_START else None
        for template in by_kind[placement.kind]:
            done_at = done_by = None
            if template.phase in done_phases or (template.phase == partly and rng.random() < share):
                done_at = min(tick_time(rng, p, template.phase, cutoff), cutoff - MINUTE)
                done_by = (placement.supervisor or p.coordinators[0]).pk
                if template.school_may_tick and rng.random() < 0.3:
                    done_by = p.coordinators[0].pk
            yield new(
                placement_id=placement.pk,
                template_id=template.pk,
                phase=template.phase,
                order=template.order,
                text=template.text,
                help_text=template.help_text,
                school_may_tick=template.school_may_tick,
                done_at=done_at,
                done_by_id=done_by,
            )


def tick_time(
    rng: random.Random, p: PlacementPlan, phase: int, cutoff: datetime.datetime
) -> datetime.datetime:
    """When an item of ``phase`` was ticked: before the start, on the first day, on a day
    worked, or between the closing and the completion."""
    placement = p.placement
    if phase == Phase.BEFORE_START:
        latest = min(p.reached.get(S.ACTIVE, at(placement.start_date, 7)), cutoff)
        return p.created_at + random_minutes(rng, latest - p.created_at)
    if phase == Phase.FIRST_DAY:
        return at(placement.start_date, rng.randint(9, 15), rng.randint(0, 59))
    if phase == Phase.DURING:
        last = p.last_day or placement.start_date
        day = placement.start_date + rng.randint(0, (last - placement.start_date).days) * DAY
        return at(day, rng.randint(9, 16), rng.randint(0, 59))
    closing = p.reached.get(S.CLOSING, at(placement.end_date, 16))
    latest = min(p.reached.get(S.COMPLETED, closing + 5 * DAY), cutoff)
    return closing + random_minutes(rng, latest - closing)


def random_minutes(rng: random.Random, span: datetime.timedelta) -> datetime.timedelta:
    """Some whole minutes, at least one, and less than ``span`` where it allows."""
    return rng.randint(1, max(1, int(span.total_seconds() // 60) - 1)) * MINUTE


def intakes_of(
    world: World, with_support_needs: list[tuple[PlacementPlan, datetime.datetime]]
) -> Iterator[Intake]:
    """An intake for every placement that was planned, filled in by a coordinator; the
    insurance is answered once it started (the start requires it). Appends those with
    support needs, and when they were written (that is logged), to ``with_support_needs``."""
    rng, new = world.rng, builder(Intake)
    for p in world.plans:
        if S.PLANNED not in p.reached:
            continue
        placement, contact = p.placement, p.teacher or p.coordinators[0]
        answered = S.ACTIVE in p.reached or rng.random() < 0.7
        insured = InsuranceAnswer.YES if answered else InsuranceAnswer.UNKNOWN
        written_at = min(p.reached[S.PLANNED] + rng.randint(10, 600) * MINUTE, world.cutoff)
        support_needs = ""
        if rng.random() < 0.08:
            support_needs = "Heeft baat bij korte, duidelijke opdrachten; laat het eerst voordoen."
            with_support_needs.append((p, written_at))
        student = placement.student
        yield new(
            placement_id=placement.pk,
            learning_goals="Ontdekken of installatietechniek bij mij past.",
            prior_knowledge=f"{PROGRAMME_NAMES[student.programme]}, leerjaar {student.year}.",
            agreements="Werkdagen volgens planning, op schooldagen niet aanwezig.",
            insured_material_damage=insured,
            insured_accidents=insured,
            contact_name=contact.get_full_name(),
            contact_email=contact.email,
            support_needs=support_needs,
            updated_by_id=p.coordinators[0].pk,
            updated_at=written_at - MINUTE,
        )


def feedback_moments(world: World) -> Iterator[FeedbackMoment]:
    """The mid-term evaluation of every placement longer than a week (as
    ``feedback_propose_midterm``), a talk before the start and a final talk for some;
    done where the day passed and the placement got that far."""
    rng, today = world.rng, world.today
    with translation.override(settings.LANGUAGE_CODE):
        midterm_title = gettext("Mid-term evaluation")
    new = builder(FeedbackMoment)
    for p in world.plans:
        placement = p.placement
        moments = []
        if placement.has_midterm:
            moments.append((midterm_title, midterm_date(placement), True))
        if S.PLANNED in p.reached and rng.random() < 0.4:
            moments.append(
                (FEEDBACK_TITLES[0], placement.start_date - rng.randint(3, 10) * DAY, False)
            )
        if placement.duration_days > 14 and rng.random() < 0.3:
            moments.append(
                (FEEDBACK_TITLES[2], placement.end_date - rng.randint(0, 3) * DAY, False)
            )
        for title, day, is_midterm in moments:
            # A talk took place (mostly) when its day passed while the placement went on.
            went_on = p.last_day if p.last_day else placement.start_date - DAY
            took_place = (
                S.PLANNED in p.reached and day < today and day <= went_on and rng.random() < 0.9
            )
            yield new(
                placement_id=placement.pk,
                title=title,
                planned_on=day,
                is_midterm=is_midterm,
                notes="Gaat goed, afspraken gemaakt over de laatste weken." if took_place else "",
                done_at=at(day, rng.randint(10, 16)) if took_place else None,
                done_by_id=(placement.supervisor or p.coordinators[0]).pk if took_place else None,
                created_at=p.created_at,
            )


def workdays_of(p: PlacementPlan, rng: random.Random) -> list[datetime.date]:
    """The days the intern worked, up to ``last_day``: a lintstage's weekday, two fixed
    days a week of a leerwerktraject, every weekday of the other kinds."""
    placement = p.placement
    days, day = [], placement.start_date
    if placement.kind == K.LEERWERKTRAJECT:
        first = rng.randint(0, 3)
        weekdays = (first, first + 1)
    else:
        weekdays = (placement.weekday,) if placement.kind == K.LINTSTAGE else (0, 1, 2, 3, 4)
    while day <= p.last_day:
        if day.weekday() in weekdays:
            days.append(day)
        day += DAY
    return days


def day_logs(world: World) -> Iterator[DayLog]:
    """The hours of every placement that started, up to yesterday: every working day of
    the short ones, about 30 days of the long ones (not every day is written down)."""
    rng, cutoff, new = world.rng, world.cutoff, builder(DayLog)
    for p in world.plans:
        if p.last_day is None:
            continue
        days = workdays_of(p, rng)
        if len(days) > 35:
            days = sorted(rng.sample(days, rng.randint(25, 35)))
        elif p.placement.status == S.COMPLETED and len(days) > 3:
            days = [day for day in days if rng.random() < 0.9]
        start, end = p.placement.daily_start_time, p.placement.daily_end_time
        worked = Decimal(end.hour - start.hour) + Decimal(end.minute - start.minute) / 60
        worked -= Decimal("0.5")  # the lunch break
        for day in days:
            absence = rng.choices((Absence.PRESENT, Absence.SICK, Absence.OTHER), (94, 4, 2))[0]
            hours = worked + rng.choice((0, 0, 0, Decimal("-1"), Decimal("0.5")))
            yield new(
                placement_id=p.placement.pk,
                date=day,
                hours=hours if absence == Absence.PRESENT else Decimal(0),
                absence=absence,
                note="" if absence == Absence.PRESENT else "Ziek gemeld.",
                recorded_by_id=p.placement.supervisor.pk,
                recorded_at=min(at(day, 16, rng.randint(0, 59)), cutoff - MINUTE),
            )


def task_records(world: World) -> Iterator[TaskRecord]:
    """A few tasks of the catalogue per placement that started, each reached level by
    level on later days (one record per task and level, as ``task_record_save``)."""
    rng, cutoff, new = world.rng, world.cutoff, builder(TaskRecord)
    tasks = list(Task.objects.filter(is_active=True).order_by("order", "pk"))
    per_kind = {
        K.MEELOOPDAG: (0, 1), K.SNUFFELSTAGE: (1, 2), K.LINTSTAGE: (1, 4),
        K.BLOKSTAGE: (2, 4), K.LEERWERKTRAJECT: (3, 8),
    }  # fmt: skip
    for p in world.plans:
        if p.last_day is None or not tasks:
            continue
        placement, span = p.placement, (p.last_day - p.placement.start_date).days
        low, high = per_kind[placement.kind]
        for task in rng.sample(tasks, min(len(tasks), rng.randint(low, high))):
            levels = rng.choices((1, 2, 3), (5, 3, 2))[0] if span >= 2 else 1
            days = sorted(rng.randint(0, span) for _ in range(levels))
            for level, offset in zip(TaskLevel, days, strict=False):
                day = placement.start_date + offset * DAY
                yield new(
                    placement_id=placement.pk,
                    task_id=task.pk,
                    level=level,
                    date=day,
                    recorded_by_id=placement.supervisor.pk,
                    recorded_at=min(at(day, 16, rng.randint(0, 59)), cutoff - MINUTE),
                )


def messages(world: World) -> Iterator[Message]:
    """A few messages per placement between the company side and the school, from the
    proposal's note on; fills ``world.read_marks``: the supervisor and a coordinator read
    most threads to the end, some not (unread messages), some never opened."""
    rng, cutoff = world.rng, world.cutoff
    new, new_mark = builder(Message), builder(MessageReadMark)
    counts = {
        S.PROPOSED: (0, 2), S.REGISTERED: (0, 2), S.DECLINED: (0, 1), S.DRAFT: (0, 1),
        S.PLANNED: (1, 3), S.ACTIVE: (2, 6), S.CLOSING: (2, 5), S.COMPLETED: (1, 5),
        S.CANCELLED: (1, 3),
    }  # fmt: skip
    for p in world.plans:
        placement = p.placement
        count = rng.randint(*counts[placement.status])
        if not count:
            continue
        company_side = [placement.supervisor] if placement.supervisor else []
        school_side = [p.coordinators[0], *([p.teacher] if p.teacher else [])]
        # Threads of closed placements fell silent when they closed; the others go on.
        last = (
            p.history[-1][2]
            if placement.status in (S.COMPLETED, S.CANCELLED, S.DECLINED)
            else cutoff
        )
        span = max(count + 1, int((last - p.created_at).total_seconds() // 60))
        times = sorted(p.created_at + rng.randint(1, span) * MINUTE for _ in range(count))
        times = in_order(times, cutoff)
        # The side that made the placement writes first (a proposal's note), then in turn.
        first = 1 if p.origin == S.REGISTERED else 0
        for i, moment in enumerate(times):
            side = company_side if (i + first) % 2 == 1 and company_side else school_side
            yield new(
                placement_id=placement.pk,
                author_id=rng.choice(side).pk,
                body=rng.choice(MESSAGES),
                created_at=moment,
            )
        for reader in [*company_side, p.coordinators[0]]:
            seen = rng.random()
            if seen < 0.08:
                continue  # never opened the thread: all of it is unread
            if seen < 0.8 or len(times) == 1:  # read it to the end
                until = min(times[-1] + rng.randint(1, 90) * MINUTE, cutoff - MINUTE)
            else:  # the newest messages are unread
                until = times[rng.randrange(len(times) - 1)]
            world.read_marks.append(
                new_mark(placement_id=placement.pk, user_id=reader.pk, read_until=until)
            )

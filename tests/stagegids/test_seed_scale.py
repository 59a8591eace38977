"""The scale data set: what ``seed_scale`` writes for 300 placements, that the same seed
and day give the same data, that its rows keep the domain's rules, and that it refuses
to run twice.

Seeding takes a second or two, so the module seeds once (the ``seeded`` fixture) and
every test starts from that database; the tests of running again run the command once
more on top.
"""

import datetime
import io
import itertools
from collections import defaultdict
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import models, transaction
from django.db.models import F, Q
from django.test import override_settings

from companies.models import Company, CompanyMembership
from evaluations.enums import EvaluationKind, EvaluationStatus
from evaluations.models import CriterionScore, Evaluation, EvaluationEvent
from evaluations.services import submit_blockers
from placements.enums import CURRENT_STATUSES, VOID_STATUSES
from placements.models import (
    ChecklistItem,
    ChecklistItemTemplate,
    DayLog,
    FeedbackMoment,
    Intake,
    Message,
    MessageReadMark,
    Phase,
    Placement,
    PlacementKind,
    PlacementStatus,
    School,
    SchoolMembership,
    SchoolRole,
    StatusChange,
    Student,
    SupportNeedsAccess,
    TaskRecord,
)
from placements.selectors.core import placements_for_user
from placements.selectors.messages import unread_messages_for_user
from placements.services import placement_rule_errors
from placements.services.feedback import feedback_moment_rule_errors
from placements.services.worklog import task_record_rule_errors
from stagegids.core.models import User
from stagegids.workspace import scale_data
from stagegids.workspace.scale_data import (
    COMPANY_ADMIN_EMAIL,
    COORDINATOR_EMAIL,
    SCALE_PASSWORD,
    SUPERVISOR_EMAIL,
    TEACHER_EMAIL,
    Size,
    size_for,
)
from tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db

PLACEMENTS, SEED = 300, 7
TODAY = datetime.date(2026, 3, 4)  # a Wednesday
MIDNIGHT = datetime.datetime(2026, 3, 4, tzinfo=ZoneInfo("Europe/Amsterdam"))
S = PlacementStatus
MODELS = (
    User, EmailAddress, School, SchoolMembership, Company, CompanyMembership, Student,
    Placement, StatusChange, ChecklistItem, Intake, SupportNeedsAccess, FeedbackMoment,
    DayLog, TaskRecord, Message, MessageReadMark, Evaluation, CriterionScore, EvaluationEvent,
)  # fmt: skip


def seed(**options) -> tuple[str, str]:
    """Run seed_scale for 300 placements with seed 7 around TODAY; its stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    options = {"placements": PLACEMENTS, "seed": SEED, "today": TODAY} | options
    call_command("seed_scale", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker) -> Iterator[tuple[str, str]]:
    """One run of seed_scale (with DEBUG off, as in the test settings) on the empty
    database, shared by the module and rolled back when it ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


def sample(model: type[models.Model], size: int = 200) -> list[models.Model]:
    """About ``size`` rows of ``model`` spread evenly over the table."""
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return list(model.objects.filter(pk__in=pks[:: max(1, len(pks) // size)]))


def rows(queryset: models.QuerySet, *fields: str) -> list[tuple]:
    return sorted(queryset.values_list(*fields), key=repr)


def fingerprint() -> dict[str, list[tuple]]:
    """The scale data by natural keys and values, without primary keys (they differ
    from one database and run to another)."""
    evaluation = ("evaluation__placement__public_id", "evaluation__kind")
    return {
        "users": rows(
            scale_data.scale_users(), "email", "first_name", "last_name", "password", "date_joined"
        ),
        "addresses": rows(EmailAddress.objects.all(), "email", "verified", "primary"),
        "schools": rows(School.objects.all(), "brin", "name", "postcode", "email", "phone"),
        "school staff": rows(SchoolMembership.objects.all(), "school__brin", "user__email", "role"),
        "companies": rows(
            Company.objects.all(), "kvk_number", "name", "sector", "sbb_number", "sbb_valid_until"
        ),
        "company staff": rows(
            CompanyMembership.objects.all(),
            "company__kvk_number",
            "user__email",
            "is_company_admin",
        ),
        "pupils": rows(
            Student.objects.all(),
            *("school__brin", "student_number", "given_name", "surname_prefix", "surname"),
            *("programme", "class_name", "year", "teacher__email"),
        ),
        "placements": rows(
            Placement.objects.all(),
            *("public_id", "student__student_number", "company__kvk_number", "supervisor__email"),
            *("kind", "status", "start_date", "end_date", "weekday", "planned_hours"),
            *("daily_start_time", "hours_per_week", "created_at", "updated_at"),
        ),
        "history": rows(
            StatusChange.objects.all(),
            *("placement__public_id", "from_status", "to_status", "by__email", "at", "reason"),
        ),
        "checklists": rows(
            ChecklistItem.objects.all(),
            *("placement__public_id", "template__text", "done_at", "done_by__email"),
        ),
        "intakes": rows(
            Intake.objects.all(),
            *("placement__public_id", "insured_accidents", "support_needs", "updated_at"),
        ),
        "support needs seen": rows(
            SupportNeedsAccess.objects.all(), "placement__public_id", "user__email", "at"
        ),
        "feedback": rows(
            FeedbackMoment.objects.all(),
            *("placement__public_id", "title", "planned_on", "done_at", "created_at"),
        ),
        "hours": rows(
            DayLog.objects.all(),
            *("placement__public_id", "date", "hours", "absence", "recorded_at"),
        ),
        "work log": rows(
            TaskRecord.objects.all(),
            *("placement__public_id", "task__name", "level", "date", "recorded_at"),
        ),
        "messages": rows(
            Message.objects.all(), "placement__public_id", "author__email", "body", "created_at"
        ),
        "read": rows(
            MessageReadMark.objects.all(), "placement__public_id", "user__email", "read_until"
        ),
        "evaluations": rows(
            Evaluation.objects.all(),
            *("placement__public_id", "kind", "status", "version", "created_at", "updated_at"),
        ),
        "scores": rows(CriterionScore.objects.all(), *evaluation, "criterion__order", "score"),
        "steps": rows(EvaluationEvent.objects.all(), *evaluation, "action", "by__email", "at"),
    }


def test_size_for_full_scale_is_the_issue_s_spread():
    assert size_for(100_000) == Size(
        placements=100_000,
        schools=100,
        companies=2000,
        large_school_placements=3000,
        supervisor_open=40,
        supervisor_past=16,
    )


def test_size_for_small_numbers_keeps_the_minimums():
    assert size_for(1000) == Size(1000, 2, 20, 30, 40, 16)
    assert size_for(50) == Size(50, 2, 3, 2, 10, 4)


def test_seed_scale_counts_follow_the_number_of_placements():
    size = size_for(PLACEMENTS)
    pupils = Student.objects.count()
    started = Placement.objects.filter(status__in=[S.ACTIVE, S.CLOSING, S.COMPLETED]).count()

    assert Placement.objects.count() == PLACEMENTS
    assert School.objects.count() == size.schools
    assert Company.objects.count() == size.companies
    # One to three placements each, 1.5 on average; nobody without one.
    assert PLACEMENTS / 2 < pupils < PLACEMENTS / 1.2
    assert Student.objects.filter(placements__isnull=True).count() == 0
    assert User.objects.count() == scale_data.scale_users().count() == EmailAddress.objects.count()
    assert 5 <= DayLog.objects.count() / started <= 15
    assert 2 <= Message.objects.count() / PLACEMENTS <= 4
    assert 2 <= StatusChange.objects.count() / PLACEMENTS <= 4
    assert 0.7 <= Evaluation.objects.count() / PLACEMENTS <= 1


def test_seed_scale_makes_every_status_and_kind():
    placements = Placement.objects.all()

    assert set(placements.values_list("status", flat=True)) == set(PlacementStatus.values)
    assert set(placements.values_list("kind", flat=True)) == set(PlacementKind.values)
    # Most lie in the past, a good share is under way or about to be.
    assert placements.filter(status__in=[S.COMPLETED, S.CANCELLED]).count() > PLACEMENTS * 0.4
    assert placements.filter(status__in=CURRENT_STATUSES).count() > PLACEMENTS * 0.2


def test_seed_scale_gives_every_placement_the_checklist_of_its_kind():
    templates = [t for t in ChecklistItemTemplate.objects.all() if t.is_active]
    expected = {
        placement.pk: sorted(t.text for t in templates if t.applies_to(placement.kind))
        for placement in Placement.objects.all()
    }
    copies = defaultdict(list)
    for placement_id, text in ChecklistItem.objects.values_list("placement_id", "template__text"):
        copies[placement_id].append(text)

    assert {pk: sorted(texts) for pk, texts in copies.items()} == expected


def test_seed_scale_placements_went_through_the_journey_the_services_require():
    started = Placement.objects.filter(status__in=[S.ACTIVE, S.CLOSING, S.COMPLETED])
    completed = Placement.objects.filter(status=S.COMPLETED)

    assert started.filter(supervisor__isnull=True).count() == 0
    assert (
        ChecklistItem.objects.filter(
            placement__in=started, phase=Phase.BEFORE_START, done_at__isnull=True
        ).count()
        == 0
    )
    assert Intake.objects.filter(placement__in=started, insured_accidents="yes").count() == (
        started.count()
    )
    assert ChecklistItem.objects.filter(placement__in=completed, done_at__isnull=True).count() == 0
    assert (
        Evaluation.objects.filter(
            placement__in=completed, kind=EvaluationKind.FINAL, status=EvaluationStatus.APPROVED
        ).count()
        == completed.count()
    )
    for placement in completed:
        steps = list(
            placement.status_changes.order_by("at", "pk").values_list("to_status", flat=True)
        )
        assert steps[-4:] == [S.PLANNED, S.ACTIVE, S.CLOSING, S.COMPLETED]
    for evaluation in Evaluation.objects.exclude(status=EvaluationStatus.DRAFT):
        assert submit_blockers(evaluation) == []


def test_seed_scale_special_accounts_have_the_stated_numbers(seeded):
    supervisor = User.objects.get(email=SUPERVISOR_EMAIL)
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    teacher = User.objects.get(email=TEACHER_EMAIL)
    admin = User.objects.get(email=COMPANY_ADMIN_EMAIL)
    company = CompanyMembership.objects.get(user=supervisor, is_company_admin=False).company
    school = SchoolMembership.objects.get(user=coordinator, role=SchoolRole.COORDINATOR).school
    supervised = Placement.objects.filter(supervisor=supervisor)

    assert supervised.filter(status__in=CURRENT_STATUSES).count() == 40
    assert placements_for_user(supervisor).filter(status__in=CURRENT_STATUSES).count() == 40
    assert supervised.filter(status__in=[S.COMPLETED, S.CANCELLED]).count() == 16
    assert supervised.count() == 56
    assert set(supervised.values_list("company", flat=True)) == {company.pk}
    assert CompanyMembership.objects.get(user=admin).company == company
    assert CompanyMembership.objects.get(user=admin).is_company_admin
    assert placements_for_user(admin).count() == company.placements.count() > 56
    assert placements_for_user(coordinator).count() == 9  # 3 % of 300
    assert SchoolMembership.objects.get(user=teacher).school == school
    assert SchoolMembership.objects.get(user=teacher).role == SchoolRole.TEACHER
    assert 0 < placements_for_user(teacher).count() < 9
    for user in (supervisor, coordinator, teacher, admin):
        assert user.check_password(SCALE_PASSWORD)
        assert user.email in seeded[0]
    assert SCALE_PASSWORD in seeded[0]


def test_seed_scale_every_user_logs_in_with_the_password_and_a_verified_address():
    user = scale_data.scale_users().order_by("pk").last()

    assert user.check_password(SCALE_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_seed_scale_rows_pass_full_clean(model):
    named = (Placement, Student, DayLog, Evaluation, Message, ChecklistItem)
    rows = sample(model, 200 if model in named else 50)

    assert rows
    for row in rows:
        row.full_clean()


def test_seed_scale_placements_keep_the_rules_across_relations():
    for placement in sample(Placement):
        assert placement_rule_errors(placement) == {}
    for record in sample(TaskRecord):
        errors = task_record_rule_errors(record.placement, task=record.task, date=record.date)
        assert errors == {}
    for moment in sample(FeedbackMoment):
        assert feedback_moment_rule_errors(moment.placement, planned_on=moment.planned_on) == {}


def test_seed_scale_gives_every_placement_its_pupils_school():
    assert Placement.objects.exists()
    assert not Placement.objects.exclude(school_id=F("student__school_id")).exists()


def test_seed_scale_no_pupil_has_overlapping_placements():
    periods = defaultdict(list)
    for student, start, end in Placement.objects.exclude(status__in=VOID_STATUSES).values_list(
        "student", "start_date", "end_date"
    ):
        periods[student].append((start, end))

    assert any(len(pupil) > 1 for pupil in periods.values())
    for pupil in periods.values():
        pupil.sort()
        for (_, end), (start, _) in itertools.pairwise(pupil):
            assert start > end


def test_seed_scale_hours_and_work_log_lie_in_the_period_and_not_after_today():
    outside = Q(date__gt=TODAY) | Q(date__lt=F("placement__start_date"))
    outside |= Q(date__gt=F("placement__end_date"))

    assert DayLog.objects.count() > 0
    assert DayLog.objects.filter(outside).count() == 0
    assert TaskRecord.objects.filter(outside).count() == 0
    assert DayLog.objects.exclude(absence="present").exclude(hours=0).count() == 0
    assert DayLog.objects.filter(placement__status__in=[S.PLANNED, S.DRAFT]).count() == 0


def test_seed_scale_nothing_happened_after_today():
    timestamps = [
        (Placement, "updated_at"), (StatusChange, "at"), (ChecklistItem, "done_at"),
        (Intake, "updated_at"), (FeedbackMoment, "done_at"), (DayLog, "recorded_at"),
        (TaskRecord, "recorded_at"), (Message, "created_at"), (MessageReadMark, "read_until"),
        (Evaluation, "updated_at"), (EvaluationEvent, "at"), (User, "date_joined"),
    ]  # fmt: skip
    for model, name in timestamps:
        assert model.objects.filter(**{f"{name}__gte": MIDNIGHT}).count() == 0, model
        assert model.objects.filter(**{f"{name}__lt": MIDNIGHT}).count() > 0, model


def test_seed_scale_leaves_some_threads_unread():
    supervisor = User.objects.get(email=SUPERVISOR_EMAIL)
    threads = placements_for_user(supervisor).filter(messages__isnull=False).distinct()

    unread = unread_messages_for_user(placements_for_user(supervisor), user=supervisor)

    assert 0 < unread.count() < threads.count()


def test_seed_scale_with_debug_off_warns(seeded):
    assert seeded[1] == (
        "DEBUG is off: every account this creates has the password printed below. Use it "
        "on a benchmark database only.\n"
    )


def test_seed_scale_again_refuses_and_changes_nothing():
    before = fingerprint()

    with pytest.raises(CommandError) as excinfo:
        seed()

    assert str(excinfo.value) == (
        "This database holds scale data already (users @scale.stagegids.nl). Run again with "
        "--flush to replace it, or use an empty database."
    )
    assert fingerprint() == before


def test_seed_scale_with_too_few_placements_refuses():
    with pytest.raises(CommandError) as excinfo:
        seed(placements=19, flush=True)

    assert str(excinfo.value) == "--placements must be at least 20."
    assert Placement.objects.count() == PLACEMENTS


def test_seed_scale_flush_with_the_same_seed_and_day_makes_the_same_data():
    other = PlacementFactory()  # not scale data: stays
    before = fingerprint()

    with override_settings(DEBUG=True):
        out, err = seed(flush=True)

    assert fingerprint() == before
    assert err == ""  # no warning with DEBUG on
    assert f"  {'Placement':<20} {PLACEMENTS:>10,} deleted\n" in out
    assert Placement.objects.filter(pk=other.pk).exists()
    assert Placement.objects.count() == PLACEMENTS + 1


def test_plan_with_another_seed_draws_other_data():
    first = scale_data.plan(placements=PLACEMENTS, seed=SEED, today=TODAY)
    same = scale_data.plan(placements=PLACEMENTS, seed=SEED, today=TODAY)
    other = scale_data.plan(placements=PLACEMENTS, seed=SEED + 1, today=TODAY)

    def dates(world):
        return [(p.placement.start_date, p.placement.status) for p in world.plans]

    assert dates(first) == dates(same)
    assert dates(first) != dates(other)
    assert len(dates(other)) == PLACEMENTS

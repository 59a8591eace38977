"""The demo data set: what ``seed_demo`` creates, and that running it again changes
nothing but the dates and passwords.

Seeding takes about half a second, so the module seeds once (the ``seeded`` fixture) and
every test starts from that database; the tests about running the command again (twice,
on another day, after a password change) run it once more on top.
"""

import datetime
import io
import itertools
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from companies.models import Company, CompanyMembership
from evaluations.models import (
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationStatus,
)
from placements.enums import PROPOSAL_STATUSES
from placements.models import (
    ChecklistItem,
    Intake,
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    School,
    SchoolMembership,
    SchoolRole,
    Student,
)
from placements.services import placement_rule_errors
from stagegids.core.models import User
from stagegids.workspace.demo_data import (
    COMPANY_A_KVK,
    COMPANY_B_KVK,
    DEMO_PASSWORD,
    SCHOOL_A_BRIN,
    SCHOOL_B_BRIN,
)
from stagegids.workspace.management.commands.seed_demo import add_workdays

pytestmark = pytest.mark.django_db

MODELS = (User, School, SchoolMembership, Company, CompanyMembership, Student, Placement)
JOURNEY = (ChecklistItem, Intake, Evaluation, CriterionScore, EvaluationEvent)
A_MONDAY = datetime.date(2026, 3, 2)


def seed(today: datetime.date | None = None) -> str:
    """Run seed_demo as ``make run`` does, with DEBUG on (it refuses to run without)."""
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=out, **({"today": today} if today else {}))
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The output of one run of seed_demo on the empty database, shared by the module.

    The run stays in a transaction that is rolled back when the module ends, so no other
    module sees the demo data; each test's own changes roll back to a savepoint inside
    it, as usual.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


def primary_keys() -> dict[str, list[int]]:
    return {
        model.__name__: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in MODELS
    }


def test_seed_demo_gives_every_placement_its_pupils_school():
    assert Placement.objects.exists()
    assert not Placement.objects.exclude(school_id=F("student__school_id")).exists()


def test_seed_demo_run_twice_creates_nothing_new():
    first = primary_keys()  # after the module's run

    output = seed()

    assert primary_keys() == first
    assert output.count("(0 new)") == len(MODELS)


def test_seed_demo_run_twice_adds_no_journey_rows():
    before = {model.__name__: model.objects.count() for model in JOURNEY}

    seed()

    assert {model.__name__: model.objects.count() for model in JOURNEY} == before


def test_seed_demo_completed_placements_have_an_approved_scored_final_assessment():
    completed = Placement.objects.filter(status=PlacementStatus.COMPLETED)
    finals = Evaluation.objects.filter(placement__in=completed, kind=EvaluationKind.FINAL)

    assert finals.count() == completed.count() > 0
    assert set(finals.values_list("status", flat=True)) == {EvaluationStatus.APPROVED}
    assert CriterionScore.objects.filter(evaluation__in=finals, score__isnull=True).count() == 0
    assert CriterionScore.objects.filter(evaluation__in=finals).count() == 8 * finals.count()


def test_seed_demo_planned_placement_misses_one_before_the_start_item():
    planned = Placement.objects.filter(status=PlacementStatus.PLANNED)
    open_items = [p.checklist_items.filter(phase=1, done_at__isnull=True).count() for p in planned]

    assert open_items == [1] * planned.count()


def test_seed_demo_on_a_later_day_moves_dates_instead_of_adding_rows():
    seed(A_MONDAY)
    first = primary_keys()
    later = A_MONDAY + datetime.timedelta(days=103)

    seed(later)

    assert primary_keys() == first
    active = Placement.objects.get(student__given_name="Gijs", kind=PlacementKind.BLOKSTAGE)
    assert (active.start_date, active.end_date) == (
        datetime.date(2026, 6, 8),
        datetime.date(2026, 6, 19),
    )


def test_seed_demo_creates_schools_companies_and_pupils():
    programmes = Student.objects.values_list("programme", flat=True)
    recognised = Company.objects.filter(sbb_recognised=True).values_list("kvk_number", flat=True)

    assert (School.objects.count(), Company.objects.count(), Student.objects.count()) == (4, 8, 45)
    assert set(programmes) == set(Programme.values)
    assert set(recognised) == {COMPANY_A_KVK, COMPANY_B_KVK, "09187342", "30562718"}


def test_seed_demo_recognitions_are_valid_in_the_future():
    today = datetime.date(2026, 3, 4)

    seed(today)

    recognised = Company.objects.filter(sbb_recognised=True)
    assert [c.sbb_valid_on(today + datetime.timedelta(days=365)) for c in recognised] == [True] * 4


def test_seed_demo_covers_every_kind_and_status():
    pairs = set(Placement.objects.values_list("kind", "status"))

    # Every kind in every status of the journey; proposals once each.
    journey = set(PlacementStatus.values) - PROPOSAL_STATUSES - {PlacementStatus.DECLINED}
    assert set(itertools.product(PlacementKind.values, journey)) <= pairs
    assert {status for _kind, status in pairs} == set(PlacementStatus.values)


@pytest.mark.parametrize(
    "email",
    [
        "admin@stagegids.test",
        "coordinator@stagegids.test",
        "coordinator2@stagegids.test",
        "docent@stagegids.test",
        "begeleider@stagegids.test",
        "begeleider2@stagegids.test",
    ],
)
def test_seed_demo_account_logs_in_with_demo_password(client, email):
    logged_in = client.login(email=email, password=DEMO_PASSWORD)

    assert logged_in is True


def test_seed_demo_resets_a_changed_password(client):
    user = User.objects.get(email="begeleider@stagegids.test")
    user.set_password("something-else")
    user.save()

    seed()

    assert client.login(email="begeleider@stagegids.test", password=DEMO_PASSWORD) is True


def test_seed_demo_admin_is_superuser_and_staff():
    admin = User.objects.get(email="admin@stagegids.test")

    assert (admin.is_superuser, admin.is_staff) == (True, True)


@pytest.mark.parametrize(
    ("email", "brin", "role"),
    [
        ("coordinator@stagegids.test", SCHOOL_A_BRIN, SchoolRole.COORDINATOR),
        ("coordinator2@stagegids.test", SCHOOL_B_BRIN, SchoolRole.COORDINATOR),
        ("docent@stagegids.test", SCHOOL_A_BRIN, SchoolRole.TEACHER),
    ],
)
def test_seed_demo_school_staff_have_their_role(email, brin, role):
    memberships = SchoolMembership.objects.filter(user__email=email)

    assert list(memberships.values_list("school__brin", "role")) == [(brin, role)]
    assert User.objects.get(email=email).is_staff is False


def test_seed_demo_teacher_follows_school_a_pupils_with_placements():
    followed = Student.objects.filter(
        teacher__email="docent@stagegids.test", placements__isnull=False
    ).distinct()

    assert set(followed.values_list("school__brin", flat=True)) == {SCHOOL_A_BRIN}
    assert followed.count() == 10


def test_seed_demo_teachers_teach_at_their_pupils_school():
    pupils = Student.objects.filter(teacher__isnull=False)
    mismatches = [
        p.full_name
        for p in pupils
        if not SchoolMembership.objects.filter(
            school=p.school, user=p.teacher, role=SchoolRole.TEACHER
        ).exists()
    ]

    assert (pupils.count(), mismatches) == (18, [])


@pytest.mark.parametrize(
    ("email", "kvk", "is_admin", "active"),
    [
        ("begeleider@stagegids.test", COMPANY_A_KVK, True, 2),
        ("begeleider2@stagegids.test", COMPANY_B_KVK, False, 3),
    ],
)
def test_seed_demo_supervisor_supervises_placements_at_own_company(email, kvk, is_admin, active):
    user = User.objects.get(email=email)

    memberships = CompanyMembership.objects.filter(user=user)
    supervised = Placement.objects.filter(supervisor=user)

    assert list(memberships.values_list("company__kvk_number", "is_company_admin")) == [
        (kvk, is_admin)
    ]
    assert set(supervised.values_list("company__kvk_number", flat=True)) == {kvk}
    assert supervised.filter(status=PlacementStatus.ACTIVE).count() == active


def test_seed_demo_never_places_school_b_pupils_at_company_a():
    crossing = Placement.objects.filter(
        student__school__brin=SCHOOL_B_BRIN, company__kvk_number=COMPANY_A_KVK
    )

    assert crossing.count() == 0


def test_seed_demo_company_b_hosts_pupils_of_school_a_and_b():
    schools = Placement.objects.filter(company__kvk_number=COMPANY_B_KVK).values_list(
        "student__school__brin", flat=True
    )

    assert set(schools) == {SCHOOL_A_BRIN, SCHOOL_B_BRIN}


def test_seed_demo_placements_need_a_supervisor_unless_not_yet_agreed():
    unsupervised = Placement.objects.filter(supervisor__isnull=True)

    # A draft, a proposal the company has not answered and one it declined have none yet.
    assert set(unsupervised.values_list("status", flat=True)) == {
        PlacementStatus.DRAFT,
        PlacementStatus.PROPOSED,
        PlacementStatus.DECLINED,
    }


@pytest.mark.parametrize(
    "today",
    [A_MONDAY + datetime.timedelta(days=n) for n in range(7)],
    ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
)
def test_seed_demo_placements_pass_every_rule(today):
    seed(today)

    errors = {
        str(p): placement_rule_errors(p) | validation_errors(p)
        for p in Placement.objects.select_related("student", "company")
    }

    assert {name: found for name, found in errors.items() if found} == {}


def test_seed_demo_schools_companies_and_pupils_pass_validation():
    errors = {
        str(obj): validation_errors(obj)
        for model in (School, Company, Student)
        for obj in model.objects.all()
    }

    assert {name: found for name, found in errors.items() if found} == {}


def validation_errors(obj) -> dict[str, list[str]]:
    try:
        obj.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def date_problems(placement: Placement, today: datetime.date) -> list[str]:
    """Why the placement's dates do not fit its status on ``today``; empty when they do."""
    start, end, status = placement.start_date, placement.end_date, placement.status
    problems = [] if start.weekday() < 5 else ["starts in a weekend"]
    # A one-day meeloopdag cannot span a weekend day: then it was on the Friday before.
    last_workday = add_workdays(today, 0)
    if status in {PlacementStatus.DRAFT, PlacementStatus.PLANNED} and not start > today:
        problems.append("not in the future")
    if status == PlacementStatus.ACTIVE and not start <= last_workday <= end:
        problems.append("does not span today")
    if status == PlacementStatus.CLOSING and not (
        today - datetime.timedelta(days=14) <= end < today
    ):
        problems.append("did not end recently")
    if status == PlacementStatus.COMPLETED and not end < today - datetime.timedelta(days=14):
        problems.append("not in the past")
    return problems


@pytest.mark.parametrize(
    "today",
    [A_MONDAY + datetime.timedelta(days=n) for n in range(7)],
    ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
)
def test_seed_demo_dates_fit_the_status(today):
    seed(today)

    problems = {
        str(p): date_problems(p, today)
        for p in Placement.objects.select_related("student", "company")
    }

    assert {name: found for name, found in problems.items() if found} == {}


def test_seed_demo_active_placements_span_today_on_weekdays():
    wednesday = A_MONDAY + datetime.timedelta(days=2)

    seed(wednesday)

    active = Placement.objects.filter(status=PlacementStatus.ACTIVE)
    assert [p.start_date <= wednesday <= p.end_date for p in active] == [True] * active.count()


def test_seed_demo_prints_the_demo_logins(seeded):
    output = seeded  # what the module's run printed

    assert "begeleider@stagegids.test" in output
    assert "supervisor + company admin, Van Dijk Installatietechniek B.V." in output
    assert output.count(DEMO_PASSWORD) == 17


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (datetime.date(2026, 3, 4), 0, datetime.date(2026, 3, 4)),
        (datetime.date(2026, 3, 7), 0, datetime.date(2026, 3, 6)),
        (datetime.date(2026, 3, 6), 1, datetime.date(2026, 3, 9)),
        (datetime.date(2026, 3, 9), -1, datetime.date(2026, 3, 6)),
        (datetime.date(2026, 3, 8), -1, datetime.date(2026, 3, 6)),
    ],
)
def test_add_workdays_skips_weekends(day, count, expected):
    result = add_workdays(day, count)

    assert result == expected


def test_seed_demo_school_a_lets_teachers_approve_and_others_do_not():
    allowed = dict(School.objects.values_list("brin", "teachers_may_approve"))

    assert allowed == {brin: brin == SCHOOL_A_BRIN for brin in allowed}

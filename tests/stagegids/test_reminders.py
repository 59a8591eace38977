"""Reminders: each sent once when due, not when not due, not twice, not when switched off;
the link opens the placement for the recipient and nothing for anyone else."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from evaluations.models import EvaluationKind, EvaluationStatus
from placements.enums import NotificationKind
from placements.models import (
    FeedbackMoment,
    InsuranceAnswer,
    Intake,
    NotificationPreference,
    PlacementKind,
    PlacementStatus,
    SentReminder,
    Weekday,
)
from stagegids.workspace.reminders import send_reminders
from tests.factories import EvaluationFactory, PlacementFactory, StudentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 8)  # a Monday
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(today=TODAY) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(today=today)

    return run


def _to() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def _placement(school_a, company_a, supervisor_a, **fields):
    student = StudentFactory(school=school_a)
    return PlacementFactory(student=student, company=company_a, supervisor=supervisor_a, **fields)


# --- starting soon ---------------------------------------------------------------------


@pytest.fixture
def starting(school_a, company_a, supervisor_a):
    """Planned, starting in two days, its checklist untouched and no intake yet."""
    return _placement(
        school_a,
        company_a,
        supervisor_a,
        status=PlacementStatus.PLANNED,
        start_date=TODAY + datetime.timedelta(days=2),
        end_date=TODAY + datetime.timedelta(days=4),
        kind=PlacementKind.SNUFFELSTAGE,
    )


def test_start_reminder_goes_once_to_the_company_side_and_the_coordinators(
    send, starting, supervisor_a, coordinator_a
):
    first = send()
    second = send()

    assert (first, second) == (2, 0)
    assert _to() == sorted([supervisor_a.email, coordinator_a.email])
    assert mail.outbox[0].subject == (
        f"Stagegids: {starting.student} begint op 10 maart: nog niet klaar"
    )
    assert SentReminder.objects.count() == 2


def test_start_reminder_waits_until_three_days_before(send, starting, coordinator_a):
    sent = send(today=TODAY - datetime.timedelta(days=2))

    assert sent == 0
    assert mail.outbox == []


def test_start_reminder_is_not_sent_once_checklist_and_insurance_are_done(
    send, starting, coordinator_a
):
    starting.checklist_items.update(done_at=timezone.now())
    Intake.objects.create(
        placement=starting,
        insured_material_damage=InsuranceAnswer.YES,
        insured_accidents=InsuranceAnswer.YES,
    )

    assert send() == 0


def test_start_reminder_is_not_sent_to_someone_who_switched_it_off(
    send, starting, supervisor_a, coordinator_a
):
    NotificationPreference.objects.create(
        user=supervisor_a, kind=NotificationKind.REMINDER_START, email=False
    )

    send()

    assert _to() == [coordinator_a.email]


def test_reminder_link_opens_the_placement_for_the_recipient_only(
    client, send, starting, supervisor_a, supervisor_b
):
    send()
    message = next(m for m in mail.outbox if m.to == [supervisor_a.email])
    (path,) = re.findall(r"https://testserver(/\S+)", message.body)

    client.force_login(supervisor_a)
    opened = client.get(path)
    client.force_login(supervisor_b)
    refused = client.get(path)

    assert path == starting.get_absolute_url()
    assert (opened.status_code, refused.status_code) == (200, 404)


# --- feedback moments ---------------------------------------------------------------------


@pytest.fixture
def moment(placement_a):
    placement_a.status = PlacementStatus.ACTIVE
    placement_a.start_date = TODAY - datetime.timedelta(days=7)
    placement_a.end_date = TODAY + datetime.timedelta(days=30)
    placement_a.save(update_fields=["status", "start_date", "end_date"])
    placement_a.feedback_moments.all().delete()  # the mid-term moment planned with it
    return FeedbackMoment.objects.create(
        placement=placement_a, title="Tussenevaluatie", planned_on=TOMORROW
    )


def test_feedback_reminder_the_day_before_and_once_overdue(send, moment, supervisor_a):
    tomorrow = send()
    on_the_day = send(today=TOMORROW)
    overdue = send(today=TOMORROW + datetime.timedelta(days=1))
    later = send(today=TOMORROW + datetime.timedelta(days=5))

    subjects = [message.subject for message in mail.outbox]
    name = moment.placement.student.full_name
    assert (tomorrow, on_the_day, overdue, later) == (1, 0, 1, 0)
    assert subjects == [
        f"Stagegids: Morgen: ‘Tussenevaluatie’ met {name}",
        f"Stagegids: Verlopen: ‘Tussenevaluatie’ met {name}",
    ]
    assert _to() == [supervisor_a.email, supervisor_a.email]


def test_feedback_reminder_is_not_sent_for_a_moment_that_is_done(send, moment):
    moment.done_at = timezone.now()
    moment.save(update_fields=["done_at"])

    assert send(today=TOMORROW + datetime.timedelta(days=1)) == 0


# --- the final assessment ----------------------------------------------------------------


@pytest.fixture
def ended(school_a, company_a, supervisor_a):
    return _placement(
        school_a,
        company_a,
        supervisor_a,
        status=PlacementStatus.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=20),
        end_date=TODAY - datetime.timedelta(days=1),
    )


def test_final_reminder_after_the_end_date_without_a_submitted_final(send, ended, supervisor_a):
    sent = send()
    again = send(today=TODAY + datetime.timedelta(days=3))

    assert (sent, again) == (1, 0)
    assert _to() == [supervisor_a.email]
    assert "eindbeoordeling" in mail.outbox[0].subject


@pytest.mark.parametrize("status", [EvaluationStatus.SUBMITTED, EvaluationStatus.APPROVED])
def test_final_reminder_is_not_sent_once_the_final_is_submitted(send, ended, status):
    EvaluationFactory(placement=ended, kind=EvaluationKind.FINAL, status=status)

    assert send() == 0


def test_final_reminder_is_sent_while_the_final_is_only_a_draft(send, ended):
    EvaluationFactory(placement=ended, kind=EvaluationKind.FINAL, status=EvaluationStatus.DRAFT)

    assert send() == 1


# --- the lintstage day -------------------------------------------------------------------


@pytest.fixture
def lintstage(school_a, company_a, supervisor_a):
    return _placement(
        school_a,
        company_a,
        supervisor_a,
        kind=PlacementKind.LINTSTAGE,
        status=PlacementStatus.ACTIVE,
        weekday=Weekday.TUESDAY,
        start_date=TODAY - datetime.timedelta(days=6),
        end_date=TODAY + datetime.timedelta(days=90),
    )


def test_lintstage_reminder_is_off_unless_the_supervisor_switches_it_on(
    send, lintstage, supervisor_a
):
    before = send()
    NotificationPreference.objects.create(
        user=supervisor_a, kind=NotificationKind.REMINDER_LINTSTAGE, email=True
    )
    after = send()
    again = send()

    assert (before, after, again) == (0, 1, 0)
    assert mail.outbox[0].subject == f"Stagegids: Morgen komt {lintstage.student} voor de lintstage"


def test_lintstage_reminder_only_the_day_before_a_lintstage_day(send, lintstage, supervisor_a):
    NotificationPreference.objects.create(
        user=supervisor_a, kind=NotificationKind.REMINDER_LINTSTAGE, email=True
    )

    assert send(today=TOMORROW) == 0  # Wednesday is no lintstage day


# --- the command and the demo -----------------------------------------------------------


def test_demo_data_holds_a_reminder_that_is_due(django_capture_on_commit_callbacks):
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    sent = int(re.search(r"Sent (\d+) reminders", out.getvalue())[1])

    assert sent >= 1
    assert len(mail.outbox) == sent

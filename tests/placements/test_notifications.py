"""Email notifications: who hears of a proposal, a registration and their answers, a new
message (batched within 10 minutes) and an assessment's steps; never the one who acted,
never someone who switched that kind off, never twice; the link opens the placement for
the recipient and nothing for anyone else."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluations.models import EvaluationKind
from evaluations.services import (
    evaluation_approve,
    evaluation_return,
    evaluation_save,
    evaluation_start,
    evaluation_submit,
)
from placements.enums import NotificationKind
from placements.models import NotificationPreference, Placement, PlacementKind, PlacementStatus
from placements.services.lifecycle import placement_accept, placement_confirm, placement_decline
from placements.services.messages import message_post
from placements.services.notifications import MESSAGE_WINDOW, notify, send_waiting_threads
from placements.services.proposals import placement_propose, placement_register
from stagegids.core.models import OutgoingEmail
from tests.factories import CompanyMembershipFactory, EvaluationFactory, StudentFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2027, 3, 1)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run ``action`` and what waits for its commit (the emails), as a request would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def colleague_a(company_a):
    """Someone at company A who is neither admin nor anyone's supervisor."""
    return CompanyMembershipFactory(company=company_a).user


def _new_placement(student, company, **fields) -> Placement:
    return Placement(
        student=student,
        company=company,
        kind=PlacementKind.SNUFFELSTAGE,
        start_date=START,
        end_date=START + datetime.timedelta(days=2),
        **fields,
    )


@pytest.fixture
def proposal(committed, coordinator_a, company_a, school_a, teacher_a, supervisor_a, colleague_a):
    student = StudentFactory(school=school_a, teacher=teacher_a)
    placement = _new_placement(student, company_a)
    committed(placement_propose, placement, by=coordinator_a, note="Kan Sem bij jullie?")
    return placement


def _received() -> dict[str, str]:
    """Each email's recipient and subject."""
    return {message.to[0]: message.subject for message in mail.outbox}


def _link(message) -> str:
    (path,) = re.findall(r"https://testserver(/\S+)", message.body)
    return path


# --- proposals and registrations ------------------------------------------------------


def test_proposal_is_emailed_to_everyone_at_the_company_but_not_the_proposer(
    proposal, coordinator_a, supervisor_a, colleague_a, school_a
):
    assert _received() == {
        supervisor_a.email: f"Stagegids: {school_a.name} stelt een stagiair voor",
        colleague_a.email: f"Stagegids: {school_a.name} stelt een stagiair voor",
    }
    assert "Kan Sem bij jullie?" in mail.outbox[0].body
    assert [message.alternatives[0][1] for message in mail.outbox] == ["text/html"] * 2


def test_proposal_link_opens_it_for_the_recipient_and_for_nobody_else(
    client, proposal, supervisor_a, supervisor_b
):
    (message,) = [m for m in mail.outbox if m.to == [supervisor_a.email]]
    path = _link(message)

    client.force_login(supervisor_a)
    opened = client.get(path)
    client.force_login(supervisor_b)
    refused = client.get(path)
    client.logout()
    logged_out = client.get(path)

    assert path == proposal.get_absolute_url()
    assert opened.status_code == 200
    assert refused.status_code == 404
    assert (logged_out.status_code, logged_out.url) == (302, f"/accounts/login/?next={path}")


def test_proposal_is_not_emailed_to_someone_who_switched_it_off(
    committed, coordinator_a, company_a, school_a, supervisor_a, colleague_a
):
    NotificationPreference.objects.create(
        user=colleague_a, kind=NotificationKind.PROPOSAL_RECEIVED, email=False
    )
    placement = _new_placement(StudentFactory(school=school_a), company_a)

    committed(placement_propose, placement, by=coordinator_a)

    assert list(_received()) == [supervisor_a.email]


def test_accepted_proposal_is_emailed_to_the_proposer_only(
    committed, proposal, coordinator_a, supervisor_a
):
    mail.outbox.clear()

    committed(placement_accept, proposal, by=supervisor_a, supervisor=supervisor_a)

    name = proposal.student.full_name
    assert _received() == {
        coordinator_a.email: f"Stagegids: Geaccepteerd: {name}, {proposal.company.name}"
    }
    assert "is nu gepland" in mail.outbox[0].body


def test_declined_proposal_tells_the_proposer_the_reason(
    committed, proposal, coordinator_a, colleague_a
):
    mail.outbox.clear()

    committed(placement_decline, proposal, by=colleague_a, reason="Geen plek in maart.")

    (message,) = mail.outbox
    assert message.to == [coordinator_a.email]
    assert message.subject.startswith("Stagegids: Afgewezen: ")
    assert "Geen plek in maart." in message.body


def test_registration_is_emailed_to_the_coordinators_and_its_answer_to_the_company(
    committed, coordinator_a, school_a, teacher_a, company_a, supervisor_a
):
    student = StudentFactory(school=school_a, teacher=teacher_a)
    placement = _new_placement(student, company_a, supervisor=supervisor_a)

    committed(placement_register, placement, by=supervisor_a)
    registered = _received()
    mail.outbox.clear()
    committed(placement_confirm, placement, by=coordinator_a)

    assert registered == {
        coordinator_a.email: f"Stagegids: {company_a.name} heeft een stagiair aangemeld"
    }
    assert list(_received()) == [supervisor_a.email]
    assert Placement.objects.get(pk=placement.pk).status == PlacementStatus.PLANNED


# --- messages ------------------------------------------------------------------------------


def test_first_message_is_emailed_at_once_to_both_sides_but_the_author(
    committed, placement_a, supervisor_a, coordinator_a, teacher_a
):
    committed(message_post, placement_a, author=supervisor_a, body="Daan was ziek vandaag.")

    assert sorted(_received()) == sorted([coordinator_a.email, teacher_a.email])
    assert "Daan was ziek vandaag." in mail.outbox[0].body
    assert _link(mail.outbox[0]) == f"{placement_a.get_absolute_url()}#messages"


def test_messages_within_ten_minutes_go_out_as_one_email_when_the_window_is_over(
    committed, placement_a, supervisor_a, coordinator_a, teacher_a
):
    committed(message_post, placement_a, author=supervisor_a, body="Eerste bericht.")
    mail.outbox.clear()

    committed(message_post, placement_a, author=supervisor_a, body="Tweede bericht.")
    committed(message_post, placement_a, author=supervisor_a, body="Derde bericht.")
    held = list(mail.outbox)
    early = committed(send_waiting_threads)
    later = committed(send_waiting_threads, now=timezone.now() + MESSAGE_WINDOW)
    again = committed(send_waiting_threads, now=timezone.now() + 2 * MESSAGE_WINDOW)

    coordinator_mail = next(m for m in mail.outbox if m.to == [coordinator_a.email])
    assert held == []
    assert (early, later, again) == (0, 2, 0)
    assert sorted(_received()) == sorted([coordinator_a.email, teacher_a.email])
    assert coordinator_mail.subject == f"Stagegids: 2 nieuwe berichten over {placement_a.student}"
    assert "Tweede bericht." in coordinator_mail.body
    assert "Derde bericht." in coordinator_mail.body
    assert "Eerste bericht." not in coordinator_mail.body


def test_message_is_not_emailed_to_someone_who_switched_it_off(
    client, committed, placement_a, supervisor_a, coordinator_a, teacher_a
):
    client.force_login(teacher_a)
    wanted = [kind for kind in NotificationKind.values if kind != NotificationKind.MESSAGE]
    saved = client.post("/accounts/notifications/", {"wanted": wanted})

    committed(message_post, placement_a, author=supervisor_a, body="Daan was ziek vandaag.")

    assert (saved.status_code, saved.url) == (302, "/accounts/notifications/")
    assert list(_received()) == [coordinator_a.email]


def test_notification_settings_page_shows_the_kinds_on_by_default_switched_on(client, teacher_a):
    client.force_login(teacher_a)

    response = client.get("/accounts/notifications/")

    boxes = re.findall(r'<input type="checkbox"[^>]*name="wanted"[^>]*>', response.content.decode())
    assert response.status_code == 200
    assert len(boxes) == len(NotificationKind)
    checked = [re.search(r'value="(\w+)"', box)[1] for box in boxes if box.endswith(" checked>")]
    assert checked == [kind for kind in NotificationKind.values if kind != "reminder_lintstage"]


def test_notification_settings_page_needs_a_login(client):
    response = client.get("/accounts/notifications/")

    assert (response.status_code, response.url) == (
        302,
        "/accounts/login/?next=/accounts/notifications/",
    )


def test_notification_settings_ignore_an_unknown_kind(client, teacher_a):
    client.force_login(teacher_a)

    response = client.post("/accounts/notifications/", {"wanted": ["message", "bogus\x00"]})

    assert response.status_code == 200
    assert NotificationPreference.objects.filter(user=teacher_a).count() == 0


# --- assessments ---------------------------------------------------------------------------


def _submitted(committed, placement, by):
    evaluation = evaluation_start(placement, kind=EvaluationKind.FINAL, by=by)
    evaluation = evaluation_save(
        evaluation,
        by=by,
        version=evaluation.version,
        scores={score.criterion_id: (3, "Goed") for score in evaluation.scores.all()},
        overall_remarks="Een fijne stagiair.",
        agreed_next_step="Mbo installatietechniek bezoeken.",
    )
    return committed(evaluation_submit, evaluation, by=by, version=evaluation.version)


def test_submitted_assessment_is_emailed_to_its_reviewers(
    committed, placement_a, supervisor_a, coordinator_a, teacher_a
):
    _submitted(committed, placement_a, supervisor_a)

    # School A lets the pupil's teacher approve, so the teacher reviews too.
    assert sorted(_received()) == sorted([coordinator_a.email, teacher_a.email])
    assert mail.outbox[0].subject == (
        f"Stagegids: Te beoordelen: eindbeoordeling van {placement_a.student}"
    )


def test_returned_assessment_tells_the_company_side_the_remark(
    committed, placement_a, supervisor_a, coordinator_a
):
    evaluation = _submitted(committed, placement_a, supervisor_a)
    mail.outbox.clear()

    committed(evaluation_return, evaluation, by=coordinator_a, comment="Vul de tips nog in.")

    (message,) = mail.outbox
    assert message.to == [supervisor_a.email]
    assert message.subject.startswith("Stagegids: Teruggestuurd: ")
    assert "Vul de tips nog in." in message.body


def test_approved_assessment_is_emailed_to_the_company_side(
    committed, placement_a, supervisor_a, coordinator_a
):
    evaluation = _submitted(committed, placement_a, supervisor_a)
    mail.outbox.clear()

    committed(evaluation_approve, evaluation, by=coordinator_a)

    assert list(_received()) == [supervisor_a.email]
    assert mail.outbox[0].subject.startswith("Stagegids: Goedgekeurd: ")


def test_waiting_thread_email_is_a_deferred_task_with_the_database_backend(
    committed, settings, placement_a, supervisor_a, coordinator_a, teacher_a
):
    from django_tasks_db.models import DBTaskResult

    committed(message_post, placement_a, author=supervisor_a, body="Eerste bericht.")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    committed(message_post, placement_a, author=supervisor_a, body="Tweede bericht.")

    deferred = DBTaskResult.objects.filter(
        task_path="placements.services.notifications.send_waiting_thread"
    )
    first_sent = min(m.created_at for m in placement_a.messages.all())
    assert deferred.count() == 2  # the coordinator's and the teacher's
    assert all(task.run_after >= first_sent + MESSAGE_WINDOW for task in deferred)


def test_send_pending_email_sends_the_waiting_thread_emails(
    committed, placement_a, supervisor_a, coordinator_a
):
    from django.core.management import call_command

    from placements.models import ThreadNotice

    committed(message_post, placement_a, author=supervisor_a, body="Eerste bericht.")
    committed(message_post, placement_a, author=supervisor_a, body="Tweede bericht.")
    ThreadNotice.objects.update(last_sent_at=timezone.now() - MESSAGE_WINDOW)
    mail.outbox.clear()

    committed(call_command, "send_pending_email", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert coordinator_a.email in _received()
    assert ThreadNotice.objects.filter(waiting_since__isnull=False).count() == 0


@pytest.mark.parametrize("step", ["message", "submitted", "approved", "registered"])
def test_every_notification_link_opens_the_placement_only_for_its_recipient(
    client, committed, step, placement_a, supervisor_a, coordinator_a, supervisor_b, company_a
):
    if step == "message":
        committed(message_post, placement_a, author=supervisor_a, body="Hallo school.")
    elif step == "registered":
        placement = _new_placement(StudentFactory(school=placement_a.student.school), company_a)
        placement.supervisor = supervisor_a
        committed(placement_register, placement, by=supervisor_a)
    else:
        evaluation = _submitted(committed, placement_a, supervisor_a)
        if step == "approved":
            committed(evaluation_approve, evaluation, by=coordinator_a)
    recipient = coordinator_a if step != "approved" else supervisor_a
    (message,) = [m for m in mail.outbox if m.to == [recipient.email]][-1:]
    path = _link(message).split("#")[0]

    client.force_login(recipient)
    opened = client.get(path)
    client.force_login(supervisor_b)
    refused = client.get(path)

    assert (opened.status_code, refused.status_code) == (200, 404)


# --- cost ------------------------------------------------------------------------------


def test_a_notification_costs_the_same_queries_for_one_recipient_as_for_ten(
    placement_a, supervisor_a, coordinator_a
):
    evaluation = EvaluationFactory(placement=placement_a, kind=EvaluationKind.FINAL)
    extra = {"evaluation": evaluation, "comment": ""}

    def queries_for(recipients) -> int:
        with CaptureQueriesContext(connection) as queries:
            sent = notify(
                NotificationKind.ASSESSMENT_REVIEWED,
                placement=placement_a,
                recipients=recipients,
                by=coordinator_a,
                extra=extra,
            )
        assert sent == len(recipients)
        return len(queries)

    many = [CompanyMembershipFactory(company=placement_a.company).user for _ in range(10)]
    queries_for([supervisor_a])  # the placement's pupil and school, loaded once

    assert queries_for([supervisor_a]) == queries_for(many)
    assert OutgoingEmail.objects.filter(to__in=[user.email for user in many]).count() == 10

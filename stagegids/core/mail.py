"""Email that survives a crash and an SMTP server that is down.

``queue_email`` renders the message and stores it as an ``OutgoingEmail`` row inside the
caller's transaction; once that transaction commits, the task ``deliver_email`` sends it
through Django's tasks API (the django-tasks backport; Django 6's ``django.tasks`` has
the same API). By default tasks run in the web process right after the commit; with
``TASKS_BACKEND=database`` they run in ``manage.py db_worker`` processes.

A failed delivery keeps the row and sets its next attempt (1, 2, 4 … minutes, at most
3 hours apart; given up after ``MAX_ATTEMPTS``). A backend that can defer tasks (the
database one) gets the retry as a deferred task; ``manage.py send_pending_email`` (cron
or a systemd timer, every few minutes) sends whatever is due in any setup.
"""

import datetime
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from stagegids.core.models import OutgoingEmail

logger = logging.getLogger(__name__)

#: About four days of attempts at the longest interval.
MAX_ATTEMPTS = 40
LONGEST_WAIT = datetime.timedelta(hours=3)


def queue_email(*, to: str, template: str, context: dict) -> None:
    """Render ``templates/emails/<template>_subject.txt``, ``<template>.txt`` and
    ``<template>.html`` with ``context`` (in the portal's language, Dutch) and send the
    result to ``to`` once the current transaction commits.

    Side effects: one OutgoingEmail row; after the commit, a ``deliver_email`` task.
    """
    queue_emails(template, [(to, context)])


def queue_emails(template: str, messages: Iterable[tuple[str, dict]]) -> None:
    """``queue_email`` for several ``(to, context)`` pairs of one template: one INSERT for
    all of them, however many recipients."""
    with translation.override(settings.LANGUAGE_CODE):
        rows = [
            OutgoingEmail(
                to=to,
                subject=_subject(render_to_string(f"emails/{template}_subject.txt", context)),
                text_body=render_to_string(f"emails/{template}.txt", context),
                html_body=render_to_string(f"emails/{template}.html", context),
            )
            for to, context in messages
        ]
    _store(rows)


def _subject(text: str) -> str:
    return " ".join(f"{settings.EMAIL_SUBJECT_PREFIX}{text}".split())[:250]


def _store(rows: list[OutgoingEmail]) -> None:
    """Save ``rows`` in one INSERT and deliver each once the transaction commits."""
    for email in OutgoingEmail.objects.bulk_create(rows):
        transaction.on_commit(lambda pk=email.pk: deliver_email.enqueue(pk))


def queue_message(message: EmailMessage) -> None:
    """Send an already built ``message`` (allauth's login emails) the same way as
    ``queue_email``: stored now, delivered after the commit, retried while it fails."""
    html_body = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    _store(
        [
            OutgoingEmail(
                to=to, subject=message.subject[:250], text_body=message.body, html_body=html_body
            )
            for to in message.to
        ]
    )


def _retry_delay(attempts: int) -> datetime.timedelta:
    return min(datetime.timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def deliver(email_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Send the OutgoingEmail ``email_id`` if it is still waiting; True once sent.

    Side effects: deletes the row when the SMTP server takes the message; otherwise
    counts the attempt and sets the next one (and enqueues it, where the task backend
    can defer). Another worker that holds the row already makes this a no-op.
    """
    now = now or timezone.now()
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, gave_up_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        message = EmailMultiAlternatives(email.subject, email.text_body, to=[email.to])
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            _postpone(email, error, now=now)
            return False
        email.delete()
    return True


def _postpone(email: OutgoingEmail, error: Exception, *, now: datetime.datetime) -> None:
    email.attempts += 1
    email.last_error = type(error).__name__[:100]
    email.next_attempt_at = now + _retry_delay(email.attempts)
    if email.attempts >= MAX_ATTEMPTS:
        email.gave_up_at = now
    email.save(update_fields=["attempts", "last_error", "next_attempt_at", "gave_up_at"])
    # The id and the kind of error only: the address and the text are personal data.
    logger.warning(
        "Email %s not sent (%s), attempt %s.", email.pk, email.last_error, email.attempts
    )
    if email.gave_up_at is None and default_task_backend.supports_defer:
        retry = deliver_email.using(run_after=email.next_attempt_at)
        transaction.on_commit(lambda: retry.enqueue(email.pk))


def deliver_due(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Try every OutgoingEmail whose next attempt is due; (sent, still waiting)."""
    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(gave_up_at__isnull=True, next_attempt_at__lte=now)
    sent = sum(deliver(pk, now=now) for pk in due.values_list("pk", flat=True))
    waiting = OutgoingEmail.objects.filter(gave_up_at__isnull=True).count()
    return sent, waiting


@task()
def deliver_email(email_id: int) -> None:
    """The task that sends one queued email (see ``deliver``)."""
    deliver(email_id)

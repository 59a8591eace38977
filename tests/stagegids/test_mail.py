"""Email through the outbox: written with the transaction, sent after it commits by a
task, kept and tried again while the SMTP server is down, never sent twice."""

import datetime
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stagegids.core.mail import MAX_ATTEMPTS, deliver_due, queue_email
from stagegids.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db

TEMPLATES = {
    "emails/hello_subject.txt": "Hallo {{ name }}\n",
    "emails/hello.txt": "Tekst voor {{ name }}",
    "emails/hello.html": "<p>HTML voor {{ name }}</p>",
}


@pytest.fixture(autouse=True)
def hello_templates(settings):
    """A small message of its own, so these tests do not depend on any feature's text."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "APP_DIRS": False,
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", TEMPLATES),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]


@pytest.fixture
def smtp_down(settings):
    """SMTP pointed at a local port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    return port


def _queue(django_capture_on_commit_callbacks, *, commit: bool = True) -> None:
    with django_capture_on_commit_callbacks(execute=commit):
        queue_email(to="begeleider@example.nl", template="hello", context={"name": "Daan"})


def test_queue_email_sends_nothing_before_the_commit(django_capture_on_commit_callbacks):
    _queue(django_capture_on_commit_callbacks, commit=False)

    assert mail.outbox == []
    assert OutgoingEmail.objects.count() == 1


def test_queue_email_sends_text_and_html_after_the_commit_and_forgets_it(
    django_capture_on_commit_callbacks,
):
    _queue(django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.to == ["begeleider@example.nl"]
    assert message.subject == "Stagegids: Hallo Daan"
    assert message.body == "Tekst voor Daan"
    assert message.alternatives == [("<p>HTML voor Daan</p>", "text/html")]
    assert OutgoingEmail.objects.count() == 0


def test_smtp_server_down_keeps_the_email_for_a_later_attempt(
    django_capture_on_commit_callbacks, smtp_down
):
    before = timezone.now()

    _queue(django_capture_on_commit_callbacks)

    email = OutgoingEmail.objects.get()
    assert (email.attempts, email.last_error, email.gave_up_at) == (
        1,
        "ConnectionRefusedError",
        None,
    )
    assert before + datetime.timedelta(seconds=59) < email.next_attempt_at
    assert email.next_attempt_at < timezone.now() + datetime.timedelta(seconds=61)


def test_send_pending_email_waits_until_the_next_attempt_is_due(
    django_capture_on_commit_callbacks, smtp_down
):
    _queue(django_capture_on_commit_callbacks)

    sent, waiting = deliver_due()

    assert (sent, waiting) == (0, 1)
    assert OutgoingEmail.objects.get().attempts == 1


def test_send_pending_email_delivers_once_the_server_is_back(
    django_capture_on_commit_callbacks, settings, smtp_down, smtp_server
):
    server_port, settings.EMAIL_PORT = settings.EMAIL_PORT, smtp_down
    _queue(django_capture_on_commit_callbacks)
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    settings.EMAIL_PORT = server_port

    call_command("send_pending_email", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent_again, _waiting = deliver_due()

    (message,) = smtp_server
    assert message["To"] == "begeleider@example.nl"
    assert message.get_body(("plain",)).get_content().strip() == "Tekst voor Daan"
    assert OutgoingEmail.objects.count() == 0
    assert sent_again == 0


def test_retries_back_off_and_give_up_after_the_last_attempt(
    django_capture_on_commit_callbacks, smtp_down
):
    _queue(django_capture_on_commit_callbacks)
    now = timezone.now()

    for attempt in range(2, MAX_ATTEMPTS + 1):
        OutgoingEmail.objects.update(next_attempt_at=now)
        deliver_due(now=now)
        if attempt == 3:
            third = OutgoingEmail.objects.get()

    email = OutgoingEmail.objects.get()
    assert third.next_attempt_at - now == datetime.timedelta(minutes=4)
    assert email.attempts == MAX_ATTEMPTS
    assert email.gave_up_at == now
    assert deliver_due(now=now + datetime.timedelta(days=1)) == (0, 0)


# db_worker opens its own connections, which PostgreSQL's test transaction cannot give it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_task_backend_sends_from_a_db_worker(
    django_capture_on_commit_callbacks, settings, smtp_server
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    _queue(django_capture_on_commit_callbacks)
    waiting = list(DBTaskResult.objects.values_list("status", flat=True))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert waiting == ["READY"]
    assert [message["To"] for message in smtp_server] == ["begeleider@example.nl"]
    assert OutgoingEmail.objects.count() == 0


# db_worker opens its own connections, which PostgreSQL's test transaction cannot give it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_task_backend_defers_the_retry_to_the_next_attempt(
    django_capture_on_commit_callbacks, settings, smtp_down
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _queue(django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    email = OutgoingEmail.objects.get()
    retry = DBTaskResult.objects.get(status="READY")
    assert email.attempts == 1
    assert retry.run_after == email.next_attempt_at

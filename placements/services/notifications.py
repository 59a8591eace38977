"""Emails to the people a placement concerns, when something needs them.

Each service that changes something worth telling calls one function here, inside its
transaction; the emails go out once it commits (``stagegids.core.mail``). Nobody is
told about their own action, and nobody who switched that kind off
(``NotificationPreference``). Every email links straight to the placement (through the
login page when needed); the page itself decides what the reader may see.

Messages are batched per reader and thread: the first one in a quiet thread is emailed
at once; what follows within ``MESSAGE_WINDOW`` waits and goes out as one email when the
window is over (a deferred task where the task backend can defer, otherwise the next
``manage.py send_pending_email``).
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from placements.enums import NOTIFICATIONS_OFF_BY_DEFAULT, NotificationKind, SchoolRole
from placements.models import Message, NotificationPreference, Placement, ThreadNotice
from stagegids.core.mail import queue_email, queue_emails
from stagegids.core.models import User

MESSAGE_WINDOW = datetime.timedelta(minutes=10)


def absolute_url(path: str) -> str:
    """``path`` on the portal's own address (``SITE_URL``), for links in emails."""
    return f"{settings.SITE_URL}{path}"


def company_people(placement: Placement) -> list[User]:
    """The placement's supervisor and the admins of its company (one query)."""
    return list(
        User.objects.filter(is_active=True, company_memberships__company_id=placement.company_id)
        .filter(Q(pk=placement.supervisor_id) | Q(company_memberships__is_company_admin=True))
        .distinct()
    )


def company_members(placement: Placement) -> list[User]:
    """Everyone at the placement's company: anyone there may answer a proposal."""
    return list(
        User.objects.filter(
            is_active=True, company_memberships__company_id=placement.company_id
        ).distinct()
    )


def coordinators(placement: Placement) -> list[User]:
    """The coordinators of the pupil's school."""
    return list(
        User.objects.filter(
            is_active=True,
            school_memberships__school_id=placement.student.school_id,
            school_memberships__role=SchoolRole.COORDINATOR,
        ).distinct()
    )


def school_people(placement: Placement, *, reviewers_only: bool = False) -> list[User]:
    """The coordinators of the pupil's school and the teacher who follows the pupil (as
    a reviewer only when the school lets teachers approve)."""
    school = placement.student.school
    teacher_counts = not reviewers_only or school.teachers_may_approve
    follows = Q(pk=placement.student.teacher_id) if teacher_counts else Q(pk__in=[])
    return list(
        User.objects.filter(is_active=True, school_memberships__school_id=school.pk)
        .filter(Q(school_memberships__role=SchoolRole.COORDINATOR) | follows)
        .distinct()
    )


def wanted(users: Iterable[User], kind: str, *, by: User | None) -> list[User]:
    """``users`` less ``by`` and less whoever does not want ``kind`` (switched it off, or
    did not switch on a kind that is off by default); one query."""
    users = [user for user in users if by is None or user.pk != by.pk]
    choices = dict(
        NotificationPreference.objects.filter(user__in=users, kind=kind).values_list(
            "user_id", "email"
        )
    )
    default = kind not in NOTIFICATIONS_OFF_BY_DEFAULT
    return [user for user in users if choices.get(user.pk, default)]


def notify(
    kind: NotificationKind,
    *,
    placement: Placement,
    recipients: Iterable[User],
    by: User | None,
    extra: dict | None = None,
) -> int:
    """Email ``recipients`` (less ``by`` and whoever switched ``kind`` off) about
    ``placement``; return how many. Side effects: one OutgoingEmail per recipient."""
    link = absolute_url(placement.get_absolute_url())
    recipients = wanted(recipients, kind, by=by)
    shared = {"placement": placement, "by": by, "link": link, **(extra or {})}
    queue_emails(
        f"notifications/{kind}", [(user.email, {**shared, "user": user}) for user in recipients]
    )
    return len(recipients)


# --- messages --------------------------------------------------------------------------


def message_readers(placement: Placement) -> list[User]:
    """Who hears of a new message: both sides of the placement."""
    people = {user.pk: user for user in company_people(placement) + school_people(placement)}
    return list(people.values())


def notify_message(message: Message) -> None:
    """Tell the readers of ``message``'s thread: at once where the thread was quiet for
    them, else when the window is over. Side effects: ThreadNotice rows; emails."""
    placement, now = message.placement, message.created_at
    for user in wanted(message_readers(placement), NotificationKind.MESSAGE, by=message.author):
        notice, _created = ThreadNotice.objects.select_for_update().get_or_create(
            user=user, placement=placement
        )
        if notice.waiting_since is not None:
            continue  # already waiting: this message joins that email
        if notice.last_sent_at is not None and now - notice.last_sent_at < MESSAGE_WINDOW:
            notice.waiting_since = now
            notice.save(update_fields=["waiting_since"])
            _send_later(notice, at=notice.last_sent_at + MESSAGE_WINDOW)
        else:
            _send_thread(notice, now=now)


def _send_later(notice: ThreadNotice, *, at: datetime.datetime) -> None:
    if default_task_backend.supports_defer:
        later = send_waiting_thread.using(run_after=at)
        transaction.on_commit(lambda: later.enqueue(notice.pk))


def _send_thread(notice: ThreadNotice, *, now: datetime.datetime) -> None:
    since = notice.last_sent_at or datetime.datetime.min.replace(tzinfo=datetime.UTC)
    unread = list(
        Message.objects.filter(placement=notice.placement, created_at__gt=since)
        .exclude(author=notice.user)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    notice.last_sent_at, notice.waiting_since = now, None
    notice.save(update_fields=["last_sent_at", "waiting_since"])
    if unread:
        link = absolute_url(f"{notice.placement.get_absolute_url()}#messages")
        context = {"placement": notice.placement, "messages": unread, "link": link}
        queue_email(to=notice.user.email, template="notifications/message", context=context)


def send_waiting_threads(*, now: datetime.datetime | None = None) -> int:
    """Send every thread email whose window is over; how many. (``send_pending_email``
    runs this.) Side effects: emails, ThreadNotice rows updated."""
    now = now or timezone.now()
    due = ThreadNotice.objects.filter(
        waiting_since__isnull=False, last_sent_at__lte=now - MESSAGE_WINDOW
    ).select_related("user", "placement__student__school")
    sent = 0
    with transaction.atomic():
        for notice in due.select_for_update(skip_locked=True):
            _send_thread(notice, now=now)
            sent += 1
    return sent


@task()
def send_waiting_thread(notice_id: int) -> None:
    """The deferred task of one waiting thread email (database task backend)."""
    with transaction.atomic():
        notice = (
            ThreadNotice.objects.select_for_update(skip_locked=True)
            .select_related("user", "placement__student__school")
            .filter(pk=notice_id, waiting_since__isnull=False)
            .first()
        )
        if notice is not None:
            _send_thread(notice, now=timezone.now())


# --- preferences -------------------------------------------------------------------------


@transaction.atomic
def notification_preferences_set(user: User, *, wanted: set[str]) -> None:
    """Email ``user`` about the kinds in ``wanted`` and about no other kind.

    Side effects: one NotificationPreference row per kind (created or updated)."""
    for kind in NotificationKind:
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": kind in wanted}
        )


def notification_kinds_wanted(user: User) -> set[str]:
    """The kinds ``user`` gets emails about."""
    choices = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {
        kind
        for kind in NotificationKind.values
        if choices.get(kind, kind not in NOTIFICATIONS_OFF_BY_DEFAULT)
    }

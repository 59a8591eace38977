"""Reminders: what is due and has not been done, emailed once to the people concerned.

``send_reminders`` (the management command; safe every few minutes from cron or a systemd
timer) finds what is due on a day and sends each reminder once: a ``SentReminder`` row per
kind, placement, recipient and occasion makes a second run (or two at the same time)
send nothing more. It combines placements and evaluations (an unsubmitted final
assessment), so it lives in the top layer.

- a placement starts within 3 days and its before-the-start checklist is incomplete or
  the insurance question is open: the company side and the coordinators;
- a feedback moment is due tomorrow, or overdue (once for each): the company side;
- the end date has passed and the final assessment is not submitted: the company side;
- a lintstage day tomorrow: the supervisor, only if they switched it on.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from evaluations.models import Evaluation, EvaluationKind, EvaluationStatus
from placements.enums import NotificationKind, PlacementKind
from placements.enums import PlacementStatus as S
from placements.models import FeedbackMoment, Placement, SentReminder
from placements.schedule import lintstage_days
from placements.selectors.intake import with_start_readiness
from placements.services import notifications
from stagegids.core.mail import queue_email
from stagegids.core.models import User

START_WITHIN_DAYS = 3
PLACEMENTS = Placement.objects.select_related("student__school", "company", "supervisor")


@dataclass
class Reminder:
    kind: NotificationKind
    placement: Placement
    #: What makes this occasion one of its own (a start date, a moment and its state).
    key: str
    recipients: list[User]
    context: dict = field(default_factory=dict)


def _starting_soon(today: datetime.date) -> Iterator[Reminder]:
    soon = PLACEMENTS.filter(
        status__in=(S.DRAFT, S.PLANNED),
        start_date__range=(today, today + datetime.timedelta(days=START_WITHIN_DAYS)),
    )
    due = with_start_readiness(soon).filter(Q(checklist_open=True) | Q(insurance_open=True))
    for placement in due:
        people = notifications.company_people(placement) + notifications.coordinators(placement)
        yield Reminder(
            NotificationKind.REMINDER_START, placement, str(placement.start_date), people
        )


def _feedback_due(today: datetime.date) -> Iterator[Reminder]:
    tomorrow = today + datetime.timedelta(days=1)
    moments = FeedbackMoment.objects.filter(
        done_at__isnull=True,
        planned_on__lte=tomorrow,
        placement__status__in=(S.PLANNED, S.ACTIVE, S.CLOSING),
    ).select_related("placement__student__school", "placement__company")
    for moment in moments:
        state = "tomorrow" if moment.planned_on == tomorrow else "overdue"
        if moment.planned_on == today:
            continue  # due today: the reminder went yesterday, "overdue" comes tomorrow
        placement = moment.placement
        yield Reminder(
            NotificationKind.REMINDER_FEEDBACK,
            placement,
            f"moment-{moment.pk}-{state}",
            notifications.company_people(placement),
            {"moment": moment, "overdue": state == "overdue"},
        )


def _final_missing(today: datetime.date) -> Iterator[Reminder]:
    submitted = Evaluation.objects.filter(
        placement=OuterRef("pk"),
        kind=EvaluationKind.FINAL,
        status__in=(EvaluationStatus.SUBMITTED, EvaluationStatus.APPROVED),
    )
    due = PLACEMENTS.filter(status__in=(S.ACTIVE, S.CLOSING), end_date__lt=today).exclude(
        Exists(submitted)
    )
    for placement in due:
        yield Reminder(
            NotificationKind.REMINDER_FINAL,
            placement,
            "final",
            notifications.company_people(placement),
        )


def _lintstage_tomorrow(today: datetime.date) -> Iterator[Reminder]:
    tomorrow = today + datetime.timedelta(days=1)
    candidates = PLACEMENTS.filter(
        kind=PlacementKind.LINTSTAGE,
        status__in=(S.PLANNED, S.ACTIVE),
        weekday=tomorrow.weekday(),
        start_date__lte=tomorrow,
        end_date__gte=tomorrow,
        supervisor__isnull=False,
    )
    for placement in candidates:
        days, _skipped = lintstage_days(placement)
        if tomorrow in days:
            yield Reminder(
                NotificationKind.REMINDER_LINTSTAGE,
                placement,
                str(tomorrow),
                [placement.supervisor],
                {"day": tomorrow},
            )


def due_reminders(today: datetime.date) -> Iterator[Reminder]:
    yield from _starting_soon(today)
    yield from _feedback_due(today)
    yield from _final_missing(today)
    yield from _lintstage_tomorrow(today)


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Send every reminder due on ``today`` that has not been sent; how many emails.

    Side effects: a SentReminder row and an OutgoingEmail per email sent."""
    today = today or timezone.localdate()
    sent = 0
    for reminder in due_reminders(today):
        recipients = {user.pk: user for user in reminder.recipients}.values()
        for user in notifications.wanted(recipients, reminder.kind, by=None):
            sent += _send_once(reminder, user)
    return sent


def _send_once(reminder: Reminder, user: User) -> int:
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                kind=reminder.kind, placement=reminder.placement, user=user, key=reminder.key
            )
            link = notifications.absolute_url(reminder.placement.get_absolute_url())
            context = {"placement": reminder.placement, "user": user, "link": link}
            queue_email(
                to=user.email,
                template=f"reminders/{reminder.kind}",
                context=context | reminder.context,
            )
    except IntegrityError:
        return 0  # sent already (by an earlier run, or one running at the same time)
    return 1

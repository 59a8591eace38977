"""Writes to the message thread between the company and the school."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.access import placement_access
from placements.models import Message, MessageReadMark, Placement
from placements.services import notifications
from stagegids.core.models import User

MESSAGE_MAX_LENGTH = Message._meta.get_field("body").max_length
#: The same text from the same author within this window is one message sent twice.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(seconds=10)


@transaction.atomic
def message_post(placement: Placement, *, author: User, body: str, notify: bool = True) -> Message:
    """Add ``author``'s message to the thread of ``placement``; the caller checked access.

    A second submit of the same text by the same author within ``DOUBLE_SUBMIT_WINDOW``
    returns the first message instead of adding another.

    Side effects: locks the placement row until the transaction ends and inserts one
    Message row (or none on a double submit); with ``notify``, emails the thread's readers
    (``notifications.notify_message``: at once, or batched within 10 minutes). Raises
    ValidationError (key ``body``) for an empty or too long text; then nothing is saved.
    """
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a message first.")})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"body": _("A message has at most %(max)d characters.") % {"max": MESSAGE_MAX_LENGTH}}
        )
    # Lock the placement so two simultaneous submits cannot both miss each other.
    Placement.objects.select_for_update().filter(pk=placement.pk).values_list("pk").first()
    earlier = (
        Message.objects.filter(
            placement=placement,
            author=author,
            body=body,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if earlier is not None:
        return earlier
    message = Message.objects.create(placement=placement, author=author, body=body)
    if notify:
        notifications.notify_message(message)
    return message


@transaction.atomic
def messages_mark_read(
    placement: Placement, *, user: User, until: datetime.datetime | None = None
) -> MessageReadMark:
    """Record that ``user`` has read the thread of ``placement`` up to ``until`` (default now).

    Pass the moment the thread was loaded as ``until`` so a message that arrives while the
    page renders still counts as unread next time.

    Side effects: inserts or updates the user's MessageReadMark row for the placement.
    """
    mark, _created = MessageReadMark.objects.update_or_create(
        placement=placement, user=user, defaults={"read_until": until or timezone.now()}
    )
    return mark


@transaction.atomic
def message_post_to_many(placements: QuerySet[Placement], *, author: User, body: str) -> int:
    """Post ``body`` in the thread of each of ``placements`` that ``author`` may post on
    (the company or the school side); return how many. The caller passes placements
    already scoped to the author (``placements_for_user``).

    Side effects: one Message per placement (none on a double submit, see
    ``message_post``), all of them or none when one is refused.
    """
    sent = 0
    # In pk order, so two bulk messages at once lock their placements in the same order.
    for placement in placements.order_by("pk"):
        access = placement_access(author, placement)
        if access.may_post_message:
            message_post(placement, author=author, body=body)
            sent += 1
    return sent

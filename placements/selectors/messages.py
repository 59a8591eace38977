"""Reads of the message thread between the company and the school."""

from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from companies.models import CompanyMembership
from placements.access import PlacementAccess
from placements.models import Message, MessageReadMark, Placement, SchoolMembership
from stagegids.core.models import User


class Side:
    """Which side of the conversation a message's author is on."""

    COMPANY = "company"
    SCHOOL = "school"


def thread_messages(placement: Placement) -> QuerySet[Message]:
    """The messages of ``placement``, oldest first, each with its author and ``author_side``.

    ``author_side`` is "company" for a member of the placement's company, "school" for
    staff of the pupil's school, and "" for an author who left both (or was deleted).
    """
    at_company = CompanyMembership.objects.filter(
        user_id=OuterRef("author_id"), company_id=placement.company_id
    )
    at_school = SchoolMembership.objects.filter(
        user_id=OuterRef("author_id"), school_id=placement.student.school_id
    )
    return (
        Message.objects.filter(placement=placement)
        .select_related("author")
        .annotate(
            author_side=Case(
                When(Exists(at_company), then=Value(Side.COMPANY)),
                When(Exists(at_school), then=Value(Side.SCHOOL)),
                default=Value(""),
            )
        )
        .order_by("created_at", "pk")
    )


def message_thread(placement: Placement, access: PlacementAccess, *, user: User) -> dict[str, Any]:
    """The thread for the placement page, with what ``user`` had not read yet.

    Returns ``thread_messages`` (oldest first; each with ``author_side`` and ``is_unread``),
    ``unread_message_count``, ``thread_loaded_at`` (pass it to ``messages_mark_read``) and
    ``may_post_message``. Runs two queries, however long the thread.
    """
    loaded_at = timezone.now()
    read_until = (
        MessageReadMark.objects.filter(placement=placement, user=user)
        .values_list("read_until", flat=True)
        .first()
    )
    messages = list(thread_messages(placement))
    for message in messages:
        message.is_unread = message.author_id != user.pk and (
            read_until is None or message.created_at > read_until
        )
    return {
        "thread_messages": messages,
        "unread_message_count": sum(message.is_unread for message in messages),
        "thread_loaded_at": loaded_at,
        "may_post_message": access.may_post_message,
    }


def _unread_by(user: User) -> QuerySet[Message]:
    # By someone else (or an account since deleted), newer than the user's read mark of
    # that thread if there is one.
    read = MessageReadMark.objects.filter(
        placement=OuterRef("placement_id"), user=user, read_until__gte=OuterRef("created_at")
    )
    return Message.objects.exclude(author=user).filter(~Exists(read)).order_by()


def unread_messages_for_user(
    placements: QuerySet[Placement], *, user: User, limit: int | None = None
) -> QuerySet[Placement]:
    """Of ``placements``, those with messages by others that ``user`` has not read (the
    ``limit`` newest, if given).

    Each placement gets ``unread_count`` and ``last_unread_at``; the newest come first.
    One query, however many placements: the unread messages are grouped per thread on
    their own narrow rows (through the index on the message's placement and time, and the
    read mark's on placement and user), the ``limit`` newest threads picked from them, and
    only those placements read with their pupil, company and counts.
    """
    unread = _unread_by(user)
    newest = (
        unread.filter(placement__in=placements.order_by().values("pk"))
        .values("placement_id")
        .annotate(last=Max("created_at"))
        .order_by("-last", "placement_id")
        .values("placement_id")
    )
    if limit is not None:
        newest = newest[:limit]

    def per_thread(aggregate):
        thread = unread.filter(placement_id=OuterRef("pk")).values("placement_id")
        return Subquery(thread.annotate(value=aggregate).values("value"))

    return (
        placements.filter(pk__in=newest)
        .annotate(
            unread_count=per_thread(Count("pk")), last_unread_at=per_thread(Max("created_at"))
        )
        .order_by("-last_unread_at", "pk")
    )

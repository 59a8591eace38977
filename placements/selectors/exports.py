"""Reads of the overview's exports: the size check, and a user's own background files.

An export file is only ever looked up among its owner's: another user's id is a 404,
exactly as if it did not exist.
"""

import uuid

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from placements.models import ExportFile, Placement
from stagegids.core.models import User

#: The most recent exports the exports page lists.
EXPORT_LIST_SIZE = 20


def exceeds_inline_max(placements: QuerySet[Placement]) -> bool:
    """Whether ``placements`` holds more than ``EXPORT_INLINE_MAX`` rows, too many to
    export during the request. One query that stops counting past the limit."""
    limit = settings.EXPORT_INLINE_MAX
    return placements.order_by()[: limit + 1].count() > limit


def exports_for_user(user: User) -> QuerySet[ExportFile]:
    """``user``'s exports that have not expired, newest first, without their content."""
    if not user.is_authenticated:
        return ExportFile.objects.none()
    return ExportFile.objects.filter(owner=user, expires_at__gt=timezone.now()).defer("content")


def export_for_user(user: User, public_id: uuid.UUID) -> ExportFile:
    """``user``'s own export with ``public_id``, expired or not (the page says which),
    with its content; anyone else's: 404."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(ExportFile.objects.filter(owner=user), public_id=public_id)

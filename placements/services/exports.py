"""Exports of the placement overview too large to make during the request.

An export of more than ``EXPORT_INLINE_MAX`` rows is saved as an ``ExportFile`` (the
owner, the format, the valid filters) and made by the task ``export_file_build`` once
that is committed: in the web process right after the commit by default, by a
``manage.py db_worker`` with ``TASKS_BACKEND=database``. The task reads the rows again
with the owner's scope as it is then (``overview_for``, the same filters and selectors
as the list page), so the file never holds a placement the owner no longer sees.

Files are kept for ``EXPORT_KEEP``; ``exports_purge`` deletes the expired ones (every
new export request and ``manage.py send_pending_email`` call it).
"""

import datetime
import logging
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from placements.enums import ExportFormat, ExportStatus
from placements.exports import export_file
from placements.forms.core import overview_for
from placements.models import ExportFile
from placements.selectors.overview import export_values
from stagegids.core.models import User

logger = logging.getLogger(__name__)

#: How long a background export can be downloaded.
EXPORT_KEEP = datetime.timedelta(hours=24)
#: Rows the export query fetches from the database at a time.
EXPORT_CHUNK_SIZE = 500


def export_file_request(
    owner: User,
    *,
    file_format: ExportFormat,
    filters: Mapping[str, str],
    language: str,
    now: datetime.datetime | None = None,
) -> ExportFile:
    """Ask for a background export of the overview for ``owner``: ``filters`` are the
    overview's valid query parameters, ``language`` the one its titles are written in.

    Side effects: deletes every expired export; saves a pending ``ExportFile`` and, once
    the transaction commits, enqueues ``export_file_build`` for it. The same request while
    an identical export is still being made returns that one and enqueues nothing.
    """
    now = now or timezone.now()
    filters = dict(filters)
    with transaction.atomic():
        exports_purge(now=now)
        pending = ExportFile.objects.filter(
            owner=owner,
            file_format=file_format,
            language=language,
            status=ExportStatus.PENDING,
            expires_at__gt=now,
        ).defer("content")
        for export in pending:
            if export.filters == filters:
                return export
        export = ExportFile.objects.create(
            owner=owner,
            file_format=file_format,
            filters=filters,
            language=language,
            created_at=now,
            expires_at=now + EXPORT_KEEP,
        )
        transaction.on_commit(lambda: export_file_build.enqueue(export.pk))
    return export


def export_build(export_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Make the file of the pending export ``export_id``; True once it is ready.

    Side effects: stores the content, the number of rows and the time, and marks the
    export ready; if making it fails, marks it failed (and raises the error again, for
    the task backend's record). An export that is not pending (made already, or purged)
    is left alone.
    """
    export = (
        ExportFile.objects.select_related("owner")
        .defer("content")
        .filter(pk=export_id, status=ExportStatus.PENDING)
        .first()
    )
    if export is None:
        return False
    try:
        with translation.override(export.language):
            _form, placements = overview_for(export.owner, export.filters)
            values = export_values(placements, chunk_size=EXPORT_CHUNK_SIZE)
            content, rows = export_file(export.file_format, values)
    except Exception:
        ExportFile.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, finished_at=now or timezone.now()
        )
        # The id only: the filters may hold a pupil's name.
        logger.exception("Export %s failed.", export.pk)
        raise
    made = ExportFile.objects.filter(pk=export.pk, status=ExportStatus.PENDING).update(
        status=ExportStatus.READY,
        content=content,
        row_count=rows,
        finished_at=now or timezone.now(),
    )
    return bool(made)


def exports_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete every export whose time is up (ready, failed or still pending); how many.

    Side effects: one DELETE.
    """
    deleted, _by_model = ExportFile.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


@task()
def export_file_build(export_id: int) -> None:
    """The task that makes one background export (see ``export_build``)."""
    export_build(export_id)

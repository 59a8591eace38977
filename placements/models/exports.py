"""A large export of the placement overview, made in the background and kept for a day."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.enums import ExportFormat, ExportStatus


class ExportFile(models.Model):
    """A CSV or Excel file of the overview's filtered set, too large to make during the
    request (more than ``EXPORT_INLINE_MAX`` rows).

    The task ``placements.services.exports.export_file_build`` fills ``content`` from the
    saved ``filters`` with the owner's scope at the time it runs. The file holds pupils'
    personal data: it lives in the database (never on a local disk), only its owner can
    download it, by its random ``public_id``, and it is deleted once ``expires_at`` has
    passed (``exports_purge``). Not in Django admin, never logged.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_files",
        verbose_name=_("owner"),
    )
    file_format = models.CharField(_("file format"), max_length=4, choices=ExportFormat)
    #: The overview's valid filters and order as query parameters (``{"status": "active"}``).
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    #: The language the owner asked in: the column titles and labels are written in it.
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus, default=ExportStatus.PENDING
    )
    content = models.BinaryField(_("content"), default=b"", editable=False)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def file_name(self) -> str:
        return f"stages-{timezone.localdate(self.created_at):%Y-%m-%d}.{self.file_format}"

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

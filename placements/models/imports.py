"""A pupil file between its upload and its import: read once, kept for the mapping and
preview steps, deleted once imported (or a day later)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from placements.enums import ImportFormat
from placements.models.core import School


class StudentImport(models.Model):
    """An uploaded pupil list of one school, as read from the file.

    Holds personal data of minors for at most a day: the import deletes it, and every
    new upload deletes the ones older than a day. Not in Django admin, never logged.
    Only the user who uploaded it can open it, by its random ``public_id``.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="student_imports", verbose_name=_("school")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="student_imports",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("file format"), max_length=4, choices=ImportFormat)
    #: How a CSV file was read: "utf-8", "cp1252" or "utf-16"; empty for Excel.
    encoding = models.CharField(_("encoding"), max_length=10, blank=True)
    #: The separator of a CSV file: ";", "," or a tab; empty for Excel.
    delimiter = models.CharField(_("delimiter"), max_length=1, blank=True)
    #: The column names of the first row.
    header = models.JSONField(_("header"), default=list)
    #: ``[row number in the file, [cells]]`` for every non-empty row after the header.
    rows = models.JSONField(_("rows"), default=list)
    #: Pupil field name → column index, once the user has confirmed the columns.
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)

    class Meta:
        verbose_name = _("pupil import")
        verbose_name_plural = _("pupil imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

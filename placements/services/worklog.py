"""Writes to a placement's work log: which task the intern did at which level, and when."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.models import Placement, Task, TaskLevel, TaskRecord
from stagegids.core.models import User


def task_record_rule_errors(
    placement: Placement, *, task: Task | None, date: datetime.date | None
) -> dict[str, str]:
    """Check a record against its placement; return the messages keyed by field.

    - only active tasks of the catalogue can be recorded;
    - the date lies within the placement's period.
    """
    errors: dict[str, str] = {}
    if task is not None and not task.is_active:
        errors["task"] = _("This task is no longer in the catalogue; choose another one.")
    if date is not None and not placement.start_date <= date <= placement.end_date:
        errors["date"] = _("Choose a date within the placement: %(start)s to %(end)s.") % {
            "start": date_format(placement.start_date),
            "end": date_format(placement.end_date),
        }
    return errors


@transaction.atomic
def task_record_save(
    placement: Placement,
    *,
    task: Task,
    level: TaskLevel | int,
    date: datetime.date,
    note: str = "",
    by: User,
) -> TaskRecord:
    """Record that the intern did ``task`` at ``level`` on ``date``.

    A task is recorded once per level: recording the same task and level again (a second
    time, or a double submit) updates the date, the note and who recorded it.
    Side effects: inserts or updates one TaskRecord. Raises ValidationError (keyed by
    field) when the task is inactive or the date lies outside the placement.
    """
    if errors := task_record_rule_errors(placement, task=task, date=date):
        raise ValidationError(errors)
    record, _created = TaskRecord.objects.update_or_create(
        placement=placement,
        task=task,
        level=TaskLevel(level),
        defaults={"date": date, "note": note.strip(), "recorded_by": by},
    )
    return record


@transaction.atomic
def task_record_delete(record: TaskRecord, *, by: User) -> None:
    """Remove a record made by mistake.

    Side effects: deletes the TaskRecord; the task then shows the next lower level
    reached, if any.
    """
    record.delete()

"""Pupil imports: store an uploaded file, its column mapping, and import its pupils."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.imports import REQUIRED_FIELDS, ImportPlan, ParsedFile, check_rows, plan_import
from placements.models import School, Student, StudentImport
from placements.selectors.imports import IMPORT_LIFETIME, pupils_by_number
from placements.stamps import of_school
from stagegids.core.models import User
from stagegids.core.page_cache import touch

logger = logging.getLogger(__name__)

#: Rows per INSERT and per UPDATE statement.
BATCH_SIZE = 500


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def student_import_create(
    school: School, *, by: User, file_name: str, parsed: ParsedFile
) -> StudentImport:
    """Keep a parsed pupil file until it is imported.

    Side effects: deletes every pupil import older than a day (anyone's: they hold
    personal data nobody will use any more); inserts the StudentImport row.
    """
    StudentImport.objects.filter(created_at__lt=timezone.now() - IMPORT_LIFETIME).delete()
    return StudentImport.objects.create(
        school=school,
        uploaded_by=by,
        file_name=file_name[:255],
        file_format=parsed.file_format,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        header=parsed.header,
        rows=parsed.rows,
    )


@transaction.atomic
def student_import_set_mapping(student_import: StudentImport, *, mapping: dict[str, int]) -> None:
    """Remember which column fills which pupil field.

    Side effects: updates ``mapping`` of the StudentImport row.
    """
    student_import.mapping = mapping
    student_import.save(update_fields=["mapping"])


def student_import_plan(student_import: StudentImport) -> ImportPlan:
    """Check the import's rows and compare them with the school's pupils (one query)."""
    checked = check_rows(student_import.rows, student_import.header, student_import.mapping)
    return plan_import(checked, pupils_by_number(student_import.school))


@transaction.atomic
def student_import_commit(student_import: StudentImport, *, by: User) -> ImportResult:
    """Import every pupil of the file, or none.

    Checks the rows again against the pupils in the database now; refuses with a
    ValidationError while any row is invalid. Pupils match on student number within
    the school; pupils missing from the file are left alone. Raises
    StudentImport.DoesNotExist when a request that came first (a double click)
    imported or discarded it meanwhile.

    Side effects: locks the StudentImport row; inserts the new Student rows and updates
    the changed ones (an unchanged pupil is not written), in batches; deletes the
    StudentImport row.
    """
    # The second of two simultaneous imports of one file waits here, then finds it gone.
    if not StudentImport.objects.select_for_update().filter(pk=student_import.pk).exists():
        raise StudentImport.DoesNotExist
    if not student_import.mapping.keys() >= REQUIRED_FIELDS:
        # Posted before the columns were chosen (a stale form, or a crafted request).
        raise ValidationError(_("Nothing was imported: first choose which column holds what."))
    plan = student_import_plan(student_import)
    if not plan.is_valid:
        raise ValidationError(_("Nothing was imported: the file has rows that cannot be imported."))
    school = student_import.school
    Student.objects.bulk_create(
        [Student(school=school, **row.values) for row in plan.new], batch_size=BATCH_SIZE
    )
    if plan.updated:
        # Each instance carries all its values, so the columns one pupil keeps are
        # written back unchanged where another pupil's change needs that column.
        changed = [Student(school=school, **update.values) for update in plan.updated]
        Student.objects.bulk_update(changed, plan.changed_fields, batch_size=BATCH_SIZE)
    # Bulk writes send no signals: retire the pages that show the school's pupils.
    touch(of_school(school))
    student_import.delete()
    logger.info(
        "Pupil import into school %s by user %s: %d new, %d updated, %d unchanged.",
        school.pk,
        by.pk,
        len(plan.new),
        len(plan.updated),
        len(plan.unchanged),
    )
    return ImportResult(
        created=len(plan.new), updated=len(plan.updated), unchanged=len(plan.unchanged)
    )


@transaction.atomic
def student_import_discard(student_import: StudentImport) -> None:
    """Throw an upload away without importing it.

    Side effects: deletes the StudentImport row.
    """
    student_import.delete()

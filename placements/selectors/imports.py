"""Scoped reads for the pupils of a coordinator's schools and their pupil imports."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from placements.imports import IMPORT_FIELDS
from placements.models import School, Student, StudentImport
from placements.selectors.core import schools_coordinated_by
from placements.selectors.search import pupil_words_q
from stagegids.core.models import User

#: An import not finished within this time is gone: it holds pupils' personal data.
IMPORT_LIFETIME = datetime.timedelta(days=1)


def students_of_coordinated_schools(user: User) -> QuerySet[Student]:
    """The pupils of the schools ``user`` coordinates (staff: all), with their school,
    by school, class and name."""
    return (
        Student.objects.filter(school__in=schools_coordinated_by(user))
        .select_related("school")
        .order_by("school__name", "class_name", "surname", "given_name", "pk")
    )


def search_students(students: QuerySet[Student], query: str) -> QuerySet[Student]:
    """``students`` whose name, student number (or a part of it: the list is where a
    coordinator looks one up) or class matches every word of ``query``."""
    return students.filter(pupil_words_q(query.split(), partial_number=True))


def student_import_for_user(user: User, public_id) -> StudentImport:
    """The import with ``public_id`` if ``user`` uploaded it, still coordinates its school
    and it is less than a day old; 404 otherwise. One query, school joined."""
    imports = StudentImport.objects.filter(
        uploaded_by_id=user.pk,
        school__in=schools_coordinated_by(user),
        created_at__gte=timezone.now() - IMPORT_LIFETIME,
    ).select_related("school")
    return get_object_or_404(imports, public_id=public_id)


def pupils_by_number(school: School) -> dict[str, dict[str, Any]]:
    """The school's pupils with a student number, as number → the fields an import
    writes and ``pk``. One query, whatever the size of the file or the school."""
    names = [target.name for target in IMPORT_FIELDS]
    pupils = Student.objects.filter(school=school).exclude(student_number="").values("pk", *names)
    return {pupil["student_number"]: pupil for pupil in pupils}

"""A placement's copy of its pupil's school (``Placement.school``): set on every save,
carried along when the pupil moves, filled in by its migration, and what the school's
side of the scoping reads."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from placements.models import Placement, PlacementStatus, SchoolRole
from placements.selectors.core import placement_for_user, placements_for_user
from tests.factories import (
    PlacementFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db


def _coordinator(school):
    return SchoolMembershipFactory(school=school, role=SchoolRole.COORDINATOR).user


def test_a_new_placement_takes_its_pupils_school():
    student = StudentFactory()

    placement = PlacementFactory(student=student)

    placement.refresh_from_db()
    assert placement.school_id == student.school_id


def test_a_placement_given_another_pupil_takes_that_pupils_school():
    placement = PlacementFactory()
    other = StudentFactory(school=SchoolFactory())

    placement.student = other
    placement.save(update_fields=["student"])

    placement.refresh_from_db()
    assert placement.school_id == other.school_id


def test_saving_a_placement_by_id_of_another_pupil_reads_that_pupils_school():
    placement = PlacementFactory()
    other = StudentFactory(school=SchoolFactory())

    fresh = Placement.objects.get(pk=placement.pk)
    fresh.student_id = other.pk  # the loaded pupil is the old one
    fresh.save()

    fresh.refresh_from_db()
    assert fresh.school_id == other.school_id


def test_saving_other_fields_neither_reads_the_pupil_nor_writes_the_school():
    placement = Placement.objects.get(pk=PlacementFactory().pk)

    placement.status = PlacementStatus.ACTIVE
    with CaptureQueriesContext(connection) as queries:
        placement.save(update_fields=["status"])

    assert len(queries.captured_queries) == 1
    assert "school_id" not in queries.captured_queries[0]["sql"]


def test_a_pupil_who_moves_takes_their_placements_to_the_new_school():
    old_school, new_school = SchoolFactory(), SchoolFactory()
    student = StudentFactory(school=old_school)
    placements = [
        PlacementFactory(student=student),
        PlacementFactory(
            student=student,
            start_date=datetime.date(2026, 5, 4),
            end_date=datetime.date(2026, 5, 15),
        ),
    ]
    untouched = PlacementFactory(student=StudentFactory(school=old_school))

    student.school = new_school
    student.save()

    assert set(Placement.objects.filter(school=new_school)) == set(placements)
    assert list(Placement.objects.filter(school=old_school)) == [untouched]


def test_a_moved_pupils_placement_is_seen_by_the_new_schools_coordinator_only():
    old_school, new_school = SchoolFactory(), SchoolFactory()
    old_coordinator, new_coordinator = _coordinator(old_school), _coordinator(new_school)
    placement = PlacementFactory(student=StudentFactory(school=old_school))
    assert list(placements_for_user(old_coordinator)) == [placement]
    assert list(placements_for_user(new_coordinator)) == []

    placement.student.school = new_school
    placement.student.save()

    assert list(placements_for_user(old_coordinator)) == []
    assert list(placements_for_user(new_coordinator)) == [placement]
    seen, access = placement_for_user(new_coordinator, placement.public_id)
    assert seen == placement
    assert access.is_coordinator


def test_saving_a_pupils_name_does_not_touch_their_placements():
    student = StudentFactory()
    PlacementFactory(student=student)

    student.given_name = "Sem"
    with CaptureQueriesContext(connection) as queries:
        student.save(update_fields=["given_name"])

    # One write, of the pupil; the cached pages of the companies where the pupil has a
    # placement (which show the name) are looked up to retire them, but none is written.
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert len(writes) == 1
    assert writes[0].startswith('UPDATE "placements_student"')


def test_a_new_pupil_runs_no_update_of_placements():
    with CaptureQueriesContext(connection) as queries:
        StudentFactory()

    assert not [
        q
        for q in queries.captured_queries
        if "placements_placement" in q["sql"] and not q["sql"].startswith("SELECT")
    ]


# Migrations run outside a test's transaction; serialized_rollback: the rows loaded by
# migrations (checklist templates, content types) are there again for the next tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_fills_in_the_school_of_existing_placements():
    executor = MigrationExecutor(connection)
    before = [("placements", "0014_scale_indexes")]
    after = [("placements", "0015_placement_school")]
    try:
        executor.migrate(before)
        apps = executor.loader.project_state(before).apps
        school_model = apps.get_model("placements", "School")
        student_model = apps.get_model("placements", "Student")
        schools = [school_model.objects.create(name=f"School {n}", brin=f"0{n}AB") for n in (1, 2)]
        students = [
            student_model.objects.create(
                school=school,
                given_name="Lisa",
                surname="Jansen",
                programme="vmbo_k",
                class_name="3K",
                year=3,
            )
            for school in schools
        ]
        company = apps.get_model("companies", "Company").objects.create(
            name="Installatiebedrijf", kvk_number="12345678"
        )
        placement_model = apps.get_model("placements", "Placement")
        for student in students:
            placement_model.objects.create(
                student=student,
                company=company,
                kind="blokstage",
                status="planned",
                start_date=datetime.date(2026, 3, 2),
                end_date=datetime.date(2026, 3, 13),
            )

        executor = MigrationExecutor(connection)
        executor.migrate(after)

        rows = Placement.objects.values_list("student__school__brin", "school__brin")
        assert sorted(rows) == [("01AB", "01AB"), ("02AB", "02AB")]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

"""On PostgreSQL, forbid overlapping placements of one pupil in the database itself.

An exclusion constraint over (student, date range) backs up the overlap check in
``placements.services``; cancelled placements do not count. SQLite has no such
constraint, so there the service check stands alone.
"""

from django.db import migrations

CONSTRAINT = "placements_placement_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE placements_placement ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (student_id WITH =, daterange(start_date, end_date, '[]') WITH &&) "
        "WHERE (status <> 'cancelled')"
    )


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE placements_placement DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("placements", "0002_initial")]

    operations = [migrations.RunPython(add_constraint, remove_constraint)]

"""Each placement keeps a copy of its pupil's school, so a school's lists read their
placements from the index on (school, start_date); the recent answers to proposals read
the status changes out of one status by time."""

import django.db.models.deletion
from django.db import migrations, models

# Portable SQL (PostgreSQL and SQLite): one UPDATE, however many placements.
FILL = """
UPDATE placements_placement
SET school_id = (
    SELECT placements_student.school_id FROM placements_student
    WHERE placements_student.id = placements_placement.student_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0014_scale_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="placement",
            name="school",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="placements",
                to="placements.school",
                verbose_name="school",
            ),
        ),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop, elidable=False),
        migrations.AlterField(
            model_name="placement",
            name="school",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="placements",
                to="placements.school",
                verbose_name="school",
            ),
        ),
        migrations.AddIndex(
            model_name="placement",
            index=models.Index(fields=["school", "start_date"], name="placements_placement_school"),
        ),
        migrations.RemoveIndex(model_name="statuschange", name="placements_statuschange_at"),
        migrations.AddIndex(
            model_name="statuschange",
            index=models.Index(fields=["from_status", "at"], name="placements_statuschange_from"),
        ),
    ]

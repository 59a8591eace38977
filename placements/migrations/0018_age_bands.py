"""The working-time rules for minors on a school-related placement, as editable rows
(see placements.models.minors and the README, "Working time and age")."""

import datetime
from decimal import Decimal

from django.db import migrations

T = datetime.time

BANDS = [
    {
        # The law allows only very light work; schools organise an observation day. No
        # limits the portal can check: the school confirms.
        "name": "jonger dan 14",
        "min_age": 10,
        "max_age": 13,
        "rules_decide": False,
    },
    {
        "name": "14 en 15 jaar",
        "min_age": 14,
        "max_age": 15,
        "max_hours_per_day": Decimal(7),
        "max_hours_per_week": Decimal(35),
        "no_work_from": T(19, 0),
        "no_work_until": T(7, 0),
        "min_rest_hours": Decimal(14),
        "sunday_allowed": False,
        "break_after_hours": Decimal("4.5"),
        "break_minutes": 30,
    },
    {
        "name": "16 en 17 jaar",
        "min_age": 16,
        "max_age": 17,
        "max_hours_per_day": Decimal(9),
        "max_hours_per_week": Decimal(45),
        "max_average_hours_per_week": Decimal(40),
        "no_work_from": T(23, 0),
        "no_work_until": T(6, 0),
        "min_rest_hours": Decimal(12),
        "break_after_hours": Decimal("4.5"),
        "break_minutes": 30,
    },
    {
        # The rules for minors no longer apply.
        "name": "18 jaar en ouder",
        "min_age": 18,
        "max_age": 20,
    },
]


def load(apps, schema_editor):
    AgeBand = apps.get_model("placements", "AgeBand")
    for band in BANDS:
        AgeBand.objects.update_or_create(
            min_age=band["min_age"], max_age=band["max_age"], defaults=band
        )


def unload(apps, schema_editor):
    AgeBand = apps.get_model("placements", "AgeBand")
    for band in BANDS:
        AgeBand.objects.filter(min_age=band["min_age"], max_age=band["max_age"]).delete()


class Migration(migrations.Migration):
    dependencies = [("placements", "0017_law_for_minors")]

    operations = [migrations.RunPython(load, unload)]

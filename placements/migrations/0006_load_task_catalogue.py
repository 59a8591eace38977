"""Load the catalogue of tasks an intern in installation technology can learn.

Admins extend or edit it in Django admin. Reversing keeps the rows: interns' records
may point at them.
"""

from django.db import migrations

TASKS = [
    ("Materiaal klaarzetten en aangeven", "Het juiste materiaal en gereedschap pakken en aangeven."),
    ("Schoonmaken, verzamelen en opruimen", "De werkplek en de bus netjes achterlaten."),
    ("Een afvoer aansluiten", "Een afvoer van bijvoorbeeld een wastafel of gootsteen aansluiten."),
    ("Aftekenen en zagen", "Maten uitzetten, aftekenen en op lengte zagen."),
    ("Ontbramen en lijmen", "Buis ontbramen en kunststof verbindingen lijmen."),
    ("Leidingen leggen", "Leidingen volgens tekening of aanwijzing leggen en bevestigen."),
    ("Leidingen afpersen", "Een leidingsysteem op druk zetten en controleren op lekkage."),
    ("Beugels monteren", "Beugels uitzetten en monteren op de juiste afstand."),
]


def load(apps, schema_editor):
    Task = apps.get_model("placements", "Task")
    for order, (name, description) in enumerate(TASKS, start=1):
        Task.objects.get_or_create(
            name=name, defaults={"description": description, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("placements", "0005_load_guide_checklists")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

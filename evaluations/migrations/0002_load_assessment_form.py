"""Load the first published assessment form: the guide's questions plus the usual vmbo
criteria, in our own words. Reversing keeps it: evaluations may already use it."""

from django.db import migrations

CRITERIA = [
    ("Omgaan met nieuwe situaties", "Hoe pakt de stagiair iets aan wat hij of zij nog niet kent?"),
    ("Correcte omgangsvormen", "Groeten, luisteren, beleefd zijn tegen collega's en klanten."),
    ("Aandacht voor veiligheid", "Werkt veilig, gebruikt beschermingsmiddelen, let op anderen."),
    ("Beroepshouding", "Kleding, netheid, afspraken nakomen, verantwoordelijkheid nemen."),
    ("Interesse en motivatie", "Stelt vragen, pakt zelf werk op, wil het vak leren kennen."),
    ("Toepassen van wat op school is geleerd", "Gebruikt kennis en vaardigheden van school."),
    ("Stiptheid en betrouwbaarheid", "Op tijd, meldt zich af volgens afspraak, is te vertrouwen."),
    ("Samenwerken", "Werkt mee in het team, helpt anderen en vraagt om hulp."),
]


def load(apps, schema_editor):
    FormDefinition = apps.get_model("evaluations", "FormDefinition")
    Criterion = apps.get_model("evaluations", "Criterion")
    definition, created = FormDefinition.objects.get_or_create(
        version=1,
        defaults={
            "title": "Beoordeling stage installatietechniek",
            "introduction": (
                "Vul de beoordeling samen met de stagiair in en bespreek haar met de docent. "
                "Het doel van een vmbo-stage is loopbaanoriëntatie: ontdekt de leerling dat "
                "installatietechniek niet bij hem of haar past, dan is dat ook een waardevolle "
                "uitkomst en geen mislukte stage."
            ),
            "is_published": True,
        },
    )
    if created:
        Criterion.objects.bulk_create(
            Criterion(definition=definition, order=order * 10, text=text, help_text=help_text)
            for order, (text, help_text) in enumerate(CRITERIA, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""Load the four checklists of the practical guide, in our own words.

Admins edit them afterwards in Django admin; placements keep their own copies, so
later edits never rewrite a placement's history. Reversing keeps the rows: they may
already be edited or copied onto placements.
"""

from django.db import migrations

BEFORE_START, FIRST_DAY, DURING, CLOSING = 1, 2, 3, 4
LONGER = ["lintstage", "blokstage", "leerwerktraject"]
NOT_MEELOOPDAG = ["snuffelstage", "lintstage", "blokstage", "leerwerktraject"]

# (phase, text, help text, kinds (empty: all), the school may tick)
ITEMS = [
    (
        BEFORE_START,
        "Stagebegeleider aangewezen die tijd heeft om uitleg te geven",
        "Kies iemand die het leuk vindt om het vak te laten zien en er in de planning ook echt "
        "tijd voor krijgt. Een leerling in het voortgezet onderwijs werkt altijd onder toezicht.",
        [],
        False,
    ),
    (
        BEFORE_START,
        "Kennismakingsgesprek gehouden met stagiair en begeleider",
        "Leer elkaar kennen vóór de eerste dag: wat verwacht de leerling, wat gaat hij of zij doen, "
        "hoe laat begint de dag en wat trek je aan?",
        [],
        False,
    ),
    (
        BEFORE_START,
        "Het team weet dat er een stagiair komt",
        "Vertel collega's wie er komt, hoe lang en wie de begeleider is, zodat niemand verrast is.",
        [],
        False,
    ),
    (
        BEFORE_START,
        "Doel en leerdoelen van de stage ontvangen van de school",
        "Vraag de school naar het doel van deze stage en naar de leerdoelen van de leerling.",
        [],
        True,
    ),
    (
        BEFORE_START,
        "Niveau en voorkennis van de leerling bekend",
        "Welke leerweg volgt de leerling en wat weet hij of zij al van installatietechniek?",
        [],
        True,
    ),
    (
        BEFORE_START,
        "Duur en werktijden afgesproken",
        "Leg vast welke dagen en tijden de stagiair komt, en wanneer hij of zij op school is.",
        [],
        True,
    ),
    (
        BEFORE_START,
        "Verzekering en aansprakelijkheid nagevraagd bij de school",
        "Meestal verzekert de school de leerling voor materiële schade en vaak ook voor ongevallen. "
        "Laat het de school bevestigen.",
        [],
        True,
    ),
    (
        BEFORE_START,
        "Contactgegevens van de begeleidende docent genoteerd",
        "Weet wie je belt als er iets is, en hoe de docent de stage volgt.",
        [],
        True,
    ),
    (
        BEFORE_START,
        "Gevraagd naar specifieke ondersteuningsbehoeften",
        "Is er iets waar je als begeleider rekening mee moet houden? Noteer alleen wat je nodig hebt "
        "om de leerling goed te begeleiden.",
        [],
        True,
    ),
    (
        FIRST_DAY,
        "Iemand staat klaar om de stagiair te ontvangen",
        "Een warm welkom maakt veel verschil: zorg dat de stagiair niet hoeft te wachten of zoeken.",
        [],
        False,
    ),
    (
        FIRST_DAY,
        "Uitgebreid kennisgemaakt en voorgesteld aan collega's",
        "Toon belangstelling: wat wil de stagiair van deze stage meenemen? Stel hem of haar voor aan "
        "de mensen met wie hij of zij werkt.",
        [],
        False,
    ),
    (
        FIRST_DAY,
        "Rondleiding gegeven langs alle afdelingen",
        "Laat stap voor stap zien wat er gebeurt als een klant iets vraagt of bestelt: van offerte "
        "en werkvoorbereiding tot montage en service.",
        [],
        False,
    ),
    (
        FIRST_DAY,
        "Huisregels en veilig werken besproken",
        "Leg niet alleen uit wat de regels zijn, maar ook waarom veilig werken ertoe doet.",
        [],
        False,
    ),
    (
        FIRST_DAY,
        "De stagiair is in de pauzes niet alleen en hoort erbij",
        "Neem de stagiair mee in de pauze en in gesprekken; zo voelt hij of zij zich welkom.",
        [],
        False,
    ),
    (
        DURING,
        "Persoonlijke leerdoelen van de stagiair besproken en ondersteund",
        "Niet elke leerling komt met een doel. Bespreek het aan het begin en help er een te "
        "formuleren.",
        NOT_MEELOOPDAG,
        False,
    ),
    (
        DURING,
        "Stageprogramma van school gevolgd, met duidelijke planning van activiteiten en "
        "feedbackmomenten",
        "Vraag naar opdrachten van school en help de stagiair ze uit te voeren.",
        LONGER,
        False,
    ),
    (
        DURING,
        "Contact gehouden met de docent over de voortgang",
        "Een kort belletje of bericht halverwege voorkomt verrassingen aan het eind.",
        LONGER,
        True,
    ),
    (
        DURING,
        "Stagiair geholpen het stageboek bij te houden",
        "Laat de stagiair opschrijven wat hij of zij heeft gedaan en geleerd.",
        LONGER,
        False,
    ),
    (
        DURING,
        "Tussenevaluatie gehouden",
        "Halverwege: wat gaat goed, wat kan beter, en wat spreken we af voor de tweede helft?",
        LONGER,
        True,
    ),
    (
        CLOSING,
        "Beoordelingsformulier van school ingevuld en besproken met de docent",
        "Denk eraan: een stagiair die ontdekt dat installatietechniek niet bij hem of haar past, "
        "heeft ook iets waardevols geleerd.",
        NOT_MEELOOPDAG,
        True,
    ),
    (
        CLOSING,
        "Evaluatiegesprek gehouden over hoe de stagiair de stage heeft ervaren",
        "Vraag ook om tips: wat kun jij als begeleider de volgende keer beter doen?",
        [],
        False,
    ),
    (
        CLOSING,
        "Volgende stap besproken",
        "Wat is duidelijker geworden, past installatietechniek bij de ambities van de leerling, en "
        "welke vervolgstap ligt voor de hand?",
        [],
        True,
    ),
    (
        CLOSING,
        "Bij een positieve indruk: bijbaan of vakantiewerk aangeboden",
        "Een weekendbaan of vakantiewerk houdt het contact warm, misschien tot een mbo-stage of "
        "een baan.",
        [],
        False,
    ),
]


def load(apps, schema_editor):
    Template = apps.get_model("placements", "ChecklistItemTemplate")
    Item = apps.get_model("placements", "ChecklistItem")
    Placement = apps.get_model("placements", "Placement")
    templates = []
    for order, (phase, text, help_text, kinds, school_may_tick) in enumerate(ITEMS, start=1):
        template, _ = Template.objects.get_or_create(
            text=text,
            defaults={
                "phase": phase,
                "order": order * 10,
                "help_text": help_text,
                "kinds": kinds,
                "school_may_tick": school_may_tick,
            },
        )
        templates.append(template)
    # Placements made before checklists existed get theirs now, like new ones do.
    for placement in Placement.objects.filter(checklist_items__isnull=True):
        Item.objects.bulk_create(
            Item(
                placement=placement,
                template=template,
                phase=template.phase,
                order=template.order,
                text=template.text,
                help_text=template.help_text,
                school_may_tick=template.school_may_tick,
            )
            for template in templates
            if not template.kinds or placement.kind in template.kinds
        )


class Migration(migrations.Migration):
    dependencies = [("placements", "0004_placement_journey")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

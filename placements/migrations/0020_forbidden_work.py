"""The work young workers may not do, with examples from installation work, as
editable rows (see placements.models.minors.ForbiddenWork and the README)."""

from django.db import migrations

#: (work, explanation, not allowed up to and including age)
WORK = [
    (
        "Werken aan of bij spanningvoerende elektrische installaties",
        "Tot en met 15 jaar nooit; 16 en 17 jaar alleen onder toezicht van een deskundige.",
        15,
    ),
    (
        "Heet werk: solderen, hardsolderen en lassen met gasflessen",
        "Samengeperste en ontvlambare gassen; 16 en 17 jaar alleen onder deskundig toezicht.",
        15,
    ),
    (
        "Werken op hoogte: ladders, steigers, daken",
        "Valgevaar; tot en met 15 jaar alleen licht werk onder toezicht op de grond.",
        15,
    ),
    (
        "Werken met koudemiddelen",
        "Gassen onder druk; 16 en 17 jaar alleen onder deskundig toezicht.",
        15,
    ),
    (
        "Zwaar tillen en zwaar lichamelijk werk",
        "Tot en met 15 jaar alleen licht werk.",
        15,
    ),
    (
        "Werken met of bij asbest",
        "Kankerverwekkend: onder de 18 jaar nooit.",
        17,
    ),
    (
        "Werken met giftige of sensibiliserende stoffen (lijmen, oplosmiddelen, kitten)",
        "Onder de 18 jaar nooit.",
        17,
    ),
    (
        "Lawaai boven 85 dB(A) per dag (slijpen, boren in beton, breken)",
        "Onder de 18 jaar nooit, ook niet met gehoorbescherming.",
        17,
    ),
    (
        "Lichaamstrillingen boven 0,5 m/s² (trilplaten, zware sloopmachines)",
        "Onder de 18 jaar nooit.",
        17,
    ),
]


def load(apps, schema_editor):
    ForbiddenWork = apps.get_model("placements", "ForbiddenWork")
    for order, (name, explanation, max_age) in enumerate(WORK, start=1):
        ForbiddenWork.objects.update_or_create(
            name=name, defaults={"explanation": explanation, "max_age": max_age, "order": order}
        )


def unload(apps, schema_editor):
    ForbiddenWork = apps.get_model("placements", "ForbiddenWork")
    ForbiddenWork.objects.filter(name__in=[name for name, _e, _a in WORK]).delete()


class Migration(migrations.Migration):
    dependencies = [("placements", "0019_safe_work")]

    operations = [migrations.RunPython(load, unload)]

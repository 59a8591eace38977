"""allauth learns every existing user's address (verified: it was the login already), and
the database cache gets its table (the default shared cache for login limits)."""

from django.core.management import call_command
from django.db import migrations


def add_email_addresses(apps, schema_editor):
    User = apps.get_model("stagegids", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    db = schema_editor.connection.alias
    known = set(EmailAddress.objects.using(db).values_list("user_id", flat=True))
    EmailAddress.objects.using(db).bulk_create(
        EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
        for user in User.objects.using(db).exclude(pk__in=known).exclude(email="")
    )


def create_cache_table(apps, schema_editor):
    # Does nothing when CACHES points at Redis; safe to run again.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("stagegids", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(add_email_addresses, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]

"""Email the reminders that are due (see ``stagegids.workspace.reminders``); each one once,
however often this runs."""

from django.core.management.base import BaseCommand

from stagegids.workspace.reminders import send_reminders


class Command(BaseCommand):
    help = "Send the reminders that are due today and have not been sent yet."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Sent {send_reminders()} reminders.")

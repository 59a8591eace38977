"""Send the emails whose delivery failed earlier and is due again.

Safe to run as often as you like (every few minutes from cron or a systemd timer): a
message is sent once, and two runs at the same time never send the same one twice.
"""

from django.core.management.base import BaseCommand

from stagegids.core.mail import deliver_due


class Command(BaseCommand):
    help = "Send the emails that are waiting for another attempt."

    def handle(self, *args, **options) -> None:
        sent, waiting = deliver_due()
        self.stdout.write(f"Sent {sent}; {waiting} still waiting.")

"""Send what waits: emails whose delivery failed earlier and is due again, and the
message emails whose 10-minute window is over; and delete the overview exports whose
day is over (they hold personal data, so they go on the same timer).

Safe to run as often as you like (every few minutes from cron or a systemd timer): a
message is sent once, and two runs at the same time never send the same one twice. It
lives in the top layer because it drives both the core's outbox and the placements'
thread emails.
"""

from django.core.management.base import BaseCommand

from placements.services.exports import exports_purge
from placements.services.notifications import send_waiting_threads
from stagegids.core.mail import deliver_due


class Command(BaseCommand):
    help = (
        "Send the emails that wait: retries that are due and batched message emails; "
        "delete expired exports."
    )

    def handle(self, *args, **options) -> None:
        threads = send_waiting_threads()
        sent, waiting = deliver_due()
        purged = exports_purge()
        self.stdout.write(
            f"Sent {sent}; {waiting} still waiting; {threads} thread emails; "
            f"{purged} expired exports deleted."
        )

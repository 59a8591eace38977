"""Keep allauth's address book in step with the user model, and start a session's
clocks on login."""

import time

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from stagegids.core.accounts import email_address_sync
from stagegids.core.models import User


@receiver(post_save, sender=User, dispatch_uid="stagegids_email_address_sync")
def user_saved(sender, instance: User, raw: bool = False, **kwargs) -> None:
    if not raw:
        email_address_sync(instance)


@receiver(user_logged_in, dispatch_uid="stagegids_session_clock")
def session_clock_start(sender, request, user, **kwargs) -> None:
    """Start the clocks ``stagegids.core.middleware.session_timeouts`` reads."""
    now = int(time.time())
    request.session["started_at"] = request.session["seen_at"] = now

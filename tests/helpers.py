"""Helpers that tests share (fixtures and personas live in ``conftest.py``)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.test import Client, RequestFactory

from stagegids.core.models import User
from tests.factories import TOTPAuthenticatorFactory


def force_login_with_second_factor(client: Client, user: User) -> Authenticator:
    """Log ``user`` in on ``client`` as if they had typed a code from their authenticator
    app (set up for them if they have none): the session holds allauth's record of a
    second factor, as its own code page writes it, so Django admin opens for staff.

    Returns the authenticator."""
    authenticator = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).first() or TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    request = RequestFactory().get("/")
    request.user, request.session = user, client.session
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
    return authenticator

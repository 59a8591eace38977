"""How Stagegids uses django-allauth: nobody signs up on their own, email is the login,
and every user's address is known to allauth (so reset and email change work for
accounts made in Django admin, by ``seed_demo`` or from an invitation)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.models import EmailAddress
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from stagegids.core.mail import queue_message
from stagegids.core.models import User


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Says which of the two minds its capitals (allauth's default does not).
        "email_password_mismatch": _(
            "This email address and password do not match. Mind the capital letters in "
            "the password; in the email address they make no difference."
        ),
        "too_many_login_attempts": _(
            "Too many failed attempts to log in to this account. Try again in a few "
            "minutes, or choose a new password through “Forgot your password?”."
        ),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts come from invitations into a role (or from an admin), never from a
        # public sign-up form: a stranger has nothing to see here.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Through the outbox, like every email of the portal: a reset link asked for while
        # the SMTP server is down still arrives once it is back.
        queue_message(self.render_mail(template_prefix, email, context))


class LoginForm(AllauthLoginForm):
    """allauth's login form with the portal's own labels (the email is not case-sensitive,
    the password is)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        self.fields["password"].label = _("Password")
        self.fields["password"].help_text = ""


def email_address_sync(user: User) -> None:
    """Make sure allauth knows ``user.email`` as a verified, primary address.

    Adds only: an address the user is about to change to (waiting for its confirmation)
    stays, and allauth replaces the old one once the new one is confirmed.
    Side effects: at most one EmailAddress row, or an update of the existing row.
    """
    if not user.email:
        return
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=not has_primary
        )

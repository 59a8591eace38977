"""Two-factor login in the browser: staff set up an authenticator app on their way to
Django admin, every page of it without a console error (the CSP forbids inline scripts
and styles; the QR code is a data: image)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD, TOTP_SECRET, TOTPAuthenticatorFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_staff_set_up_an_authenticator_app_on_the_way_to_admin(live_server, page, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed just as the 30 seconds end still counts
    staff = UserFactory(is_staff=True, is_superuser=True)

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("E-mailadres").fill(staff.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Voor Django-beheer is tweestapsverificatie nodig.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
    page.get_by_role("link", name="Authenticator-app instellen").click()
    page.get_by_label("Wachtwoord").fill(PASSWORD)  # allauth: confirm it is you
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("img.totp-qr")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(_code(secret))
    page.get_by_role("button", name="Activeer").click()
    expect(page.locator("#recovery_codes")).to_be_visible()
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")  # loads allauth's scripts
    expect(page.get_by_role("button", name="Toevoegen")).to_be_visible()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Code").fill(_code(secret))
    page.get_by_role("button", name="Bevestigen").click()

    page.wait_for_url(f"{live_server.url}/admin/")
    expect(page.locator("#site-name")).to_be_visible()


def test_login_with_the_app_asks_for_the_code(live_server, page, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    user = TOTPAuthenticatorFactory().user

    login(page, live_server, user.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Twee-factor-authenticatie")
    page.get_by_label("Code").fill(_code(TOTP_SECRET))
    page.get_by_role("button", name="Aanmelden").click()

    page.wait_for_url(f"{live_server.url}/")

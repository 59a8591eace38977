"""Two-factor login (allauth.mfa): an authenticator app set up from the account pages,
asked for at the next login; recovery codes; staff need a second factor for Django
admin, whose own login leads to the portal's."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.messages import get_messages

from tests.factories import PASSWORD, TOTP_SECRET, TOTPAuthenticatorFactory
from tests.helpers import force_login_with_second_factor

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
LOGOUT_URL = "/accounts/logout/"
MFA_URL = "/accounts/2fa/"
ACTIVATE_URL = "/accounts/2fa/totp/activate/"
AUTHENTICATE_URL = "/accounts/2fa/authenticate/"
CONFIRM_URL = "/accounts/2fa/reauthenticate/"
RECOVERY_CODES_URL = "/accounts/2fa/recovery-codes/"


@pytest.fixture(autouse=True)
def totp_tolerance(settings):
    """Accept the code of the 30 seconds before and after too, so a test that crosses a
    period's end does not fail on the clock."""
    settings.MFA_TOTP_TOLERANCE = 1


def _code(secret: str, *, periods_later: int = 0) -> str:
    """What an authenticator app shows for ``secret`` now (allauth's own TOTP helper)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + periods_later))


def _wrong_code(secret: str) -> str:
    return _code(secret, periods_later=100)  # long after the window the tolerance allows


def _login(client, email: str, password: str = PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password})


def _logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _set_up_totp(client, user) -> tuple[str, list[str]]:
    """Log in, set up an authenticator app on its page with the secret shown there, and
    return that secret and the recovery codes the portal shows next."""
    _login(client, user.email)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # "confirm it is you"
    page = client.get(ACTIVATE_URL).content.decode()
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', page)[1]
    activated = client.post(ACTIVATE_URL, {"code": _code(secret)})
    assert (activated.status_code, activated.url) == (302, RECOVERY_CODES_URL)
    codes_page = client.get(RECOVERY_CODES_URL).content.decode()
    (codes,) = re.findall(r'<textarea[^>]*id="recovery_codes"[^>]*>([^<]*)</textarea>', codes_page)
    client.post(LOGOUT_URL)
    return secret, codes.split()


# --- setting up an authenticator app --------------------------------------------------------


def test_totp_activate_page_shows_qr_code_and_secret(client, supervisor_a):
    _login(client, supervisor_a.email)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    response = client.get(ACTIVATE_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in content
    assert re.search(r'id="authenticator_secret" value="[A-Z2-7]{32}"', content)
    assert 'name="code"' in content
    assert "style=" not in content


def test_totp_set_up_with_the_code_from_the_app_saves_an_authenticator(client, supervisor_a):
    _, codes = _set_up_totp(client, supervisor_a)

    types = set(Authenticator.objects.filter(user=supervisor_a).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert len(codes) == 10


def test_totp_activate_wrong_code_is_refused(client, supervisor_a):
    _login(client, supervisor_a.email)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get(ACTIVATE_URL).content.decode()
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', page)[1]

    response = client.post(ACTIVATE_URL, {"code": _wrong_code(secret)})

    assert response.status_code == 200
    assert "Ongeldige code." in response.content.decode()
    assert Authenticator.objects.filter(user=supervisor_a).exists() is False


# --- logging in with the second factor ------------------------------------------------------


def test_login_with_totp_asks_for_the_code_after_the_password(client, supervisor_a):
    _set_up_totp(client, supervisor_a)

    response = _login(client, supervisor_a.email)

    assert (response.status_code, response.url) == (302, AUTHENTICATE_URL)
    assert _logged_in_user_id(client) is None
    assert client.get(AUTHENTICATE_URL).status_code == 200


def test_login_with_totp_wrong_code_is_refused(client, supervisor_a):
    secret, _ = _set_up_totp(client, supervisor_a)
    _login(client, supervisor_a.email)

    response = client.post(AUTHENTICATE_URL, {"code": _wrong_code(secret)})

    assert response.status_code == 200
    assert "Ongeldige code." in response.content.decode()
    assert _logged_in_user_id(client) is None


def test_login_with_totp_right_code_logs_in(client, supervisor_a):
    secret, _ = _set_up_totp(client, supervisor_a)
    _login(client, supervisor_a.email)

    response = client.post(AUTHENTICATE_URL, {"code": _code(secret)})

    assert (response.status_code, response.url) == (302, "/")
    assert _logged_in_user_id(client) == str(supervisor_a.pk)


def test_login_with_totp_same_code_twice_is_refused(client, supervisor_a):
    secret, _ = _set_up_totp(client, supervisor_a)
    code = _code(secret)
    _login(client, supervisor_a.email)
    client.post(AUTHENTICATE_URL, {"code": code})
    client.post(LOGOUT_URL)
    _login(client, supervisor_a.email)

    response = client.post(AUTHENTICATE_URL, {"code": code})

    assert response.status_code == 200
    assert _logged_in_user_id(client) is None


def test_login_with_recovery_code_works_once(client, supervisor_a):
    _, codes = _set_up_totp(client, supervisor_a)
    _login(client, supervisor_a.email)
    first = client.post(AUTHENTICATE_URL, {"code": codes[0]})
    client.post(LOGOUT_URL)
    _login(client, supervisor_a.email)

    second = client.post(AUTHENTICATE_URL, {"code": codes[0]})

    assert (first.status_code, first.url) == (302, "/")
    assert second.status_code == 200
    assert "Ongeldige code." in second.content.decode()
    assert _logged_in_user_id(client) is None


def test_login_without_second_factor_needs_only_the_password(client, supervisor_a):
    response = _login(client, supervisor_a.email)

    assert (response.status_code, response.url) == (302, "/")
    assert client.get("/placements/").status_code == 200


# --- pages ----------------------------------------------------------------------------------


def test_login_page_offers_a_passkey(client):
    response = client.get(LOGIN_URL)

    content = response.content.decode()
    assert '<button type="submit" form="mfa_login" id="passkey_login"' in content
    assert "Inloggen met een passkey" in content
    assert '<form id="mfa_login" action="/accounts/2fa/webauthn/login/" method="post">' in content
    assert '<script src="/static/mfa/js/webauthn.js"></script>' in content


def test_account_nav_links_to_two_factor_login(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get("/accounts/password/change/")

    assert f'href="{MFA_URL}">Tweestapsverificatie</a>' in response.content.decode()


def test_two_factor_page_without_factor_offers_app_and_passkey(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get(MFA_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert f'href="{ACTIVATE_URL}">Authenticator-app instellen</a>' in content
    assert 'href="/accounts/2fa/webauthn/add/">Passkey toevoegen</a>' in content


# --- staff and Django admin -----------------------------------------------------------------


def test_admin_staff_without_second_factor_is_sent_to_set_one_up(client, staff):
    client.force_login(staff)

    response = client.get("/admin/placements/placement/")

    assert (response.status_code, response.url) == (302, MFA_URL)
    assert _messages(response) == [
        "Voor Django-beheer is tweestapsverificatie nodig. Stel eerst een "
        "authenticator-app (of een passkey) in; daarna opent het beheer."
    ]


def test_admin_staff_who_logged_in_with_totp_opens_admin(client, staff):
    TOTPAuthenticatorFactory(user=staff)
    _login(client, staff.email)
    client.post(AUTHENTICATE_URL, {"code": _code(TOTP_SECRET)})

    response = client.get("/admin/")

    assert response.status_code == 200


def test_admin_staff_with_totp_but_session_without_it_confirms_the_code_first(client, staff):
    TOTPAuthenticatorFactory(user=staff)
    client.force_login(staff)  # as a session from before the app was set up

    asked = client.get("/admin/placements/placement/")
    confirmed = client.post(
        CONFIRM_URL, {"code": _code(TOTP_SECRET), "next": "/admin/placements/placement/"}
    )

    assert (asked.status_code, asked.url) == (
        302,
        f"{CONFIRM_URL}?next=%2Fadmin%2Fplacements%2Fplacement%2F",
    )
    assert _messages(asked) == [
        "Bevestig met je authenticator-app of passkey om Django-beheer te openen."
    ]
    assert (confirmed.status_code, confirmed.url) == (302, "/admin/placements/placement/")
    assert client.get("/admin/placements/placement/").status_code == 200


def test_admin_staff_confirm_with_password_does_not_open_admin(client, staff):
    TOTPAuthenticatorFactory(user=staff)
    client.force_login(staff)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    response = client.get("/admin/")

    assert (response.status_code, response.url) == (302, f"{CONFIRM_URL}?next=%2Fadmin%2F")


def test_admin_login_url_leads_to_the_portal_login(client):
    response = client.get("/admin/login/", {"next": "/admin/placements/"})

    assert (response.status_code, response.url) == (
        302,
        "/accounts/login/?next=%2Fadmin%2Fplacements%2F",
    )


def test_admin_login_form_post_is_refused(client, staff):
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 405
    assert _logged_in_user_id(client) is None


def test_admin_login_logged_in_staff_goes_on_to_next(client, staff):
    force_login_with_second_factor(client, staff)

    response = client.get("/admin/login/", {"next": "/admin/placements/"})

    assert (response.status_code, response.url) == (302, "/admin/placements/")


def test_admin_login_logged_in_staff_foreign_next_goes_to_admin_index(client, staff):
    force_login_with_second_factor(client, staff)

    response = client.get("/admin/login/", {"next": "https://evil.example/"})

    assert (response.status_code, response.url) == (302, "/admin/")


def test_admin_login_logged_in_non_staff_goes_to_dashboard(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get("/admin/login/", {"next": "/admin/"})

    assert (response.status_code, response.url) == (302, "/")
    assert _messages(response) == ["Django-beheer is alleen voor de beheerders van het portaal."]


def test_admin_non_staff_is_unaffected_by_the_staff_rule(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get("/admin/")

    assert (response.status_code, response.url) == (302, "/admin/login/?next=/admin/")


def test_admin_whole_journey_from_admin_login_to_admin(client, staff):
    TOTPAuthenticatorFactory(user=staff)
    to_login = client.get("/admin/login/", {"next": "/admin/"})

    password = client.post(to_login.url, {"login": staff.email, "password": PASSWORD})
    code = client.post(password.url, {"code": _code(TOTP_SECRET)})

    assert (password.status_code, password.url) == (302, AUTHENTICATE_URL)
    assert (code.status_code, code.url) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


# --- second factors in Django admin ---------------------------------------------------------


def test_admin_authenticator_page_never_shows_the_secret(client, staff):
    force_login_with_second_factor(client, staff)
    authenticator = TOTPAuthenticatorFactory()

    response = client.get(f"/admin/mfa/authenticator/{authenticator.pk}/change/")

    assert response.status_code == 200
    assert TOTP_SECRET not in response.content.decode()


def test_admin_delete_app_of_user_takes_their_recovery_codes_along(client, staff, supervisor_a):
    _set_up_totp(client, supervisor_a)
    force_login_with_second_factor(client, staff)
    totp = Authenticator.objects.get(user=supervisor_a, type=Authenticator.Type.TOTP)

    response = client.post(f"/admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=supervisor_a).exists() is False
    assert (_login(client, supervisor_a.email).url) == "/"

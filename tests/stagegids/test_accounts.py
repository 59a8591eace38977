"""Accounts through django-allauth: log in and out, password change and reset, email
change with confirmation, no sign-up, failed-login limits and session timeouts."""

import re
import socket
import time
import types

import pytest
from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.core import mail
from django.utils.html import escape

from stagegids.core.models import OutgoingEmail, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
LOGOUT_URL = "/accounts/logout/"
PASSWORD_CHANGE_URL = "/accounts/password/change/"
RESET_URL = "/accounts/password/reset/"
RESET_DONE_URL = "/accounts/password/reset/done/"
EMAIL_URL = "/accounts/email/"
NEW_PASSWORD = "Warmtepomp-in-de-kelder-42"


def _login(client, email: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password, **extra})


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST as ``client`` and run what waits for the commit (sending the email), as a
    real request's transaction would."""

    def post(url: str, data: dict, *, as_client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (as_client or client).post(url, data)

    return post


def _link(message, path: str) -> str:
    """The absolute link in ``message`` whose path starts with ``path``, as a path."""
    (url,) = re.findall(rf"https?://[^/\s]+({re.escape(path)}\S*)", message.body)
    return url


# --- log in and out ----------------------------------------------------------------------


def test_login_page_has_email_password_and_a_forgotten_password_link(client):
    response = client.get(LOGIN_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="login"' in content
    assert 'type="email"' in content
    assert 'name="password"' in content
    assert f'href="{RESET_URL}">Wachtwoord vergeten?</a>' in content
    assert "signup" not in content


def test_login_right_password_redirects_to_dashboard(client, supervisor_a):
    response = _login(client, supervisor_a.email)

    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(supervisor_a.pk)


def test_login_with_next_redirects_there(client, supervisor_a):
    response = _login(client, supervisor_a.email, next="/placements/")

    assert response.status_code == 302
    assert response.url == "/placements/"


def test_login_with_foreign_next_redirects_to_dashboard(client, supervisor_a):
    response = _login(client, supervisor_a.email, next="https://evil.example/")

    assert response.status_code == 302
    assert response.url == "/"


def test_login_email_in_other_case_logs_in(client, supervisor_a):
    response = _login(client, supervisor_a.email.upper())

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(supervisor_a.pk)


def test_login_wrong_password_shows_form_without_session(client, supervisor_a):
    response = _login(client, supervisor_a.email, "wrong")

    assert response.status_code == 200
    assert response.context["form"].is_bound is True
    assert len(response.context["form"].non_field_errors()) == 1
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "nl",
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters in het "
            "wachtwoord; in het e-mailadres maken ze niet uit.",
        ),
        (
            "en",
            "This email address and password do not match. Mind the capital letters in the "
            "password; in the email address they make no difference.",
        ),
    ],
)
def test_login_wrong_password_says_only_the_password_minds_capitals(
    client, supervisor_a, language, message
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = _login(client, supervisor_a.email.upper(), "wrong")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    content = response.content.decode()
    assert escape(message) in content
    assert "juiste" not in content  # Django's own wording ("een juiste e-mailadres")
    assert "both fields" not in content


def test_login_inactive_user_is_refused(client, supervisor_a):
    supervisor_a.is_active = False
    supervisor_a.save(update_fields=["is_active"])

    response = _login(client, supervisor_a.email)

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    assert client.get("/").status_code == 302


def test_logout_get_asks_to_confirm_and_keeps_the_session(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get(LOGOUT_URL)

    assert response.status_code == 200
    assert f'action="{LOGOUT_URL}"' in response.content.decode()
    assert client.session["_auth_user_id"] == str(supervisor_a.pk)


def test_logout_post_logs_out(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response.url == LOGIN_URL
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_signup_is_closed_and_creates_nobody(client):
    page = client.get("/accounts/signup/")
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.nl", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    assert response.status_code == 200
    assert User.objects.filter(email="new@example.nl").exists() is False


# --- password change ---------------------------------------------------------------------


def test_password_change_old_address_redirects_to_the_new_page(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get("/accounts/password_change/")

    assert response.status_code == 301
    assert response.url == PASSWORD_CHANGE_URL


def test_password_change_logged_out_redirects_to_login(client):
    response = client.get(PASSWORD_CHANGE_URL)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={PASSWORD_CHANGE_URL}"


def test_password_change_page_asks_for_the_current_password(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get(PASSWORD_CHANGE_URL)

    assert response.status_code == 200
    assert 'name="oldpassword"' in response.content.decode()


def test_password_change_keeps_this_session_and_ends_every_other(client, supervisor_a):
    other_phone = client.__class__()
    other_phone.force_login(supervisor_a)
    client.force_login(supervisor_a)

    response = client.post(
        PASSWORD_CHANGE_URL,
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    supervisor_a.refresh_from_db()
    assert response.status_code == 302
    assert supervisor_a.check_password(NEW_PASSWORD) is True
    assert client.get("/").status_code == 200
    assert other_phone.get("/").status_code == 302


def test_password_change_wrong_current_password_keeps_the_old_one(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.post(
        PASSWORD_CHANGE_URL,
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    supervisor_a.refresh_from_db()
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["oldpassword"]
    assert supervisor_a.check_password(PASSWORD) is True


# --- password reset ----------------------------------------------------------------------


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, supervisor_a, send
):
    known = send(RESET_URL, {"email": supervisor_a.email})
    unknown = send(RESET_URL, {"email": "nobody@example.nl"})

    assert (known.status_code, known.url) == (302, RESET_DONE_URL)
    assert (unknown.status_code, unknown.url) == (302, RESET_DONE_URL)
    assert [message.to for message in mail.outbox] == [[supervisor_a.email]]


def test_password_reset_link_sets_a_new_password_once(client, supervisor_a, send):
    send(RESET_URL, {"email": supervisor_a.email})
    link = _link(mail.outbox[0], "/accounts/password/reset/key/")

    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = client.get(link, follow=True)

    supervisor_a.refresh_from_db()
    assert form_page.status_code == 200
    assert 'name="password1"' in form_page.content.decode()
    assert done.status_code == 302
    assert supervisor_a.check_password(NEW_PASSWORD) is True
    assert again.status_code == 200
    assert 'name="password1"' not in again.content.decode()


def test_password_reset_tampered_link_changes_nothing(client, supervisor_a, send):
    send(RESET_URL, {"email": supervisor_a.email})
    link = _link(mail.outbox[0], "/accounts/password/reset/key/")

    response = client.get(link[:-3] + "xx/", follow=True)

    supervisor_a.refresh_from_db()
    assert response.status_code == 200
    assert 'name="password1"' not in response.content.decode()
    assert supervisor_a.check_password(PASSWORD) is True


# --- email change ------------------------------------------------------------------------


def test_email_change_takes_effect_only_once_the_new_address_is_confirmed(
    client, supervisor_a, send
):
    old_email = supervisor_a.email
    client.force_login(supervisor_a)

    response = send(EMAIL_URL, {"email": "nieuw@example.nl", "action_add": ""})
    supervisor_a.refresh_from_db()
    before = supervisor_a.email
    (message,) = mail.outbox
    link = _link(message, "/accounts/confirm-email/")
    confirmed = client.post(link)

    supervisor_a.refresh_from_db()
    assert response.status_code == 302
    assert message.to == ["nieuw@example.nl"]
    assert before == old_email
    assert confirmed.status_code == 302
    assert supervisor_a.email == "nieuw@example.nl"
    assert list(EmailAddress.objects.filter(user=supervisor_a).values_list("email", flat=True)) == [
        "nieuw@example.nl"
    ]


def test_email_change_to_an_address_of_another_account_never_takes_it(client, supervisor_a, send):
    # The answer does not tell whether the address has an account (the link goes to
    # that address's owner), and confirming it cannot move the address to this user.
    other = UserFactory(email="collega@example.nl")
    old_email = supervisor_a.email
    client.force_login(supervisor_a)

    response = send(EMAIL_URL, {"email": other.email, "action_add": ""})
    (message,) = mail.outbox
    client.post(_link(message, "/accounts/confirm-email/"))

    supervisor_a.refresh_from_db()
    other.refresh_from_db()
    assert response.status_code == 302
    assert message.to == [other.email]
    assert supervisor_a.email == old_email
    assert other.email == "collega@example.nl"


def test_every_user_has_a_verified_primary_address_for_allauth():
    user = UserFactory(email="Nieuw.Collega@example.nl")

    address = EmailAddress.objects.get(user=user)

    assert (address.email, address.verified, address.primary) == (user.email, True, True)


# --- failed logins -----------------------------------------------------------------------


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, supervisor_a):
    for _attempt in range(5):
        _login(client, supervisor_a.email, "wrong")

    response = _login(client, supervisor_a.email)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Te veel mislukte pogingen om in te loggen op dit account." in response.content.decode()


def test_a_locked_account_does_not_lock_another_account_on_the_same_address(
    client, supervisor_a, coordinator_a
):
    for _attempt in range(5):
        _login(client, supervisor_a.email, "wrong")

    response = _login(client, coordinator_a.email)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator_a.pk)


def test_four_failed_logins_still_let_the_right_password_in(client, supervisor_a):
    for _attempt in range(4):
        _login(client, supervisor_a.email, "wrong")

    response = _login(client, supervisor_a.email)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(supervisor_a.pk)


def test_a_locked_account_is_released_when_its_period_is_over(monkeypatch, client, supervisor_a):
    for _attempt in range(5):
        _login(client, supervisor_a.email, "wrong")
    locked = _login(client, supervisor_a.email)

    # Five minutes and a second later by the limiter's clock (a real wait of that long
    # would slow the suite; a short period is not reliable on a busy machine).
    later = time.time() + 5 * 60 + 1
    clock = types.SimpleNamespace(time=lambda: later, monotonic=time.monotonic, sleep=time.sleep)
    monkeypatch.setattr(allauth_ratelimit, "time", clock)
    released = _login(client, supervisor_a.email)

    assert locked.status_code == 200
    assert released.status_code == 302
    assert client.session["_auth_user_id"] == str(supervisor_a.pk)


# --- session timeouts --------------------------------------------------------------------


def _age_session(client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_session_ends_after_two_idle_hours(client, supervisor_a):
    client.force_login(supervisor_a)
    _age_session(client, seen_at=2 * 60 * 60 + 1)

    response = client.get("/")

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next=/"


def test_session_ends_twelve_hours_after_the_login_however_busy(client, supervisor_a):
    client.force_login(supervisor_a)
    _age_session(client, started_at=12 * 60 * 60 + 1, seen_at=30)

    response = client.get("/")

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next=/"


def test_session_within_both_limits_stays_and_counts_the_request(client, supervisor_a):
    client.force_login(supervisor_a)
    _age_session(client, started_at=11 * 60 * 60, seen_at=2 * 60 * 60 - 60)

    response = client.get("/")

    assert response.status_code == 200
    assert int(time.time()) - client.session["seen_at"] < 5


def test_session_timeouts_are_configurable(client, settings, supervisor_a):
    settings.SESSION_IDLE_TIMEOUT = 60
    client.force_login(supervisor_a)
    _age_session(client, seen_at=61)

    response = client.get("/")

    assert response.status_code == 302


# --- against a real SMTP server ------------------------------------------------------------


def test_password_reset_end_to_end_through_a_real_smtp_server(
    client, smtp_server, supervisor_a, send
):
    send(RESET_URL, {"email": supervisor_a.email})
    (message,) = smtp_server
    body = message.get_body(("plain",)).get_content()
    (link,) = re.findall(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body)

    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    logged_in = _login(client.__class__(), supervisor_a.email, NEW_PASSWORD)

    assert message["To"] == supervisor_a.email
    assert message["Subject"] == "Stagegids: Kies een nieuw wachtwoord"
    assert "Open deze link om er een te kiezen" in body
    assert logged_in.status_code == 302


def test_password_reset_with_the_smtp_server_down_still_answers_and_keeps_the_email(
    send, settings, supervisor_a
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dead_port

    response = send(RESET_URL, {"email": supervisor_a.email})

    waiting = OutgoingEmail.objects.get()
    assert (response.status_code, response.url) == (302, RESET_DONE_URL)
    assert (waiting.to, waiting.attempts, waiting.last_error) == (
        supervisor_a.email,
        1,
        "ConnectionRefusedError",
    )


def test_a_new_password_from_a_reset_releases_a_locked_account(client, send, supervisor_a):
    for _attempt in range(5):
        _login(client, supervisor_a.email, "wrong")
    send(RESET_URL, {"email": supervisor_a.email})
    link = _link(mail.outbox[0], "/accounts/password/reset/key/")
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = _login(client, supervisor_a.email, NEW_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(supervisor_a.pk)

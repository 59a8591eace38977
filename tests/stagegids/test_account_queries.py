"""The account pages (login, password, email address, two-factor login, email settings) run
the same number of queries however many users, second factors and preferences exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from placements.enums import NotificationKind
from placements.services.notifications import notification_preferences_set
from tests.factories import (
    CompanyMembershipFactory,
    RecoveryCodesFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from tests.helpers import force_login_with_second_factor

pytestmark = pytest.mark.django_db

#: Pages of a logged-in user, with a second factor set up.
OWN_PAGES = [
    "notification_settings",
    "account_email",
    "account_change_password",
    "mfa_index",
]
#: Pages before the login.
PUBLIC_PAGES = ["account_login", "account_reset_password"]


def _others(n: int, company) -> None:
    """``n`` more users with a company, an authenticator app, recovery codes and every
    email switched off: rows a careless query would read."""
    for _ in range(n):
        user = CompanyMembershipFactory(company=company).user
        TOTPAuthenticatorFactory(user=user)
        RecoveryCodesFactory(user=user)
        notification_preferences_set(user, wanted=set())


def _queries(client, method: str, url: str, data=None) -> int:
    """The queries of one request; a GET must show its page, a POST must be answered."""
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == (200 if method == "get" else response.status_code)
    assert response.status_code in (200, 302)
    return len(queries)


@pytest.fixture
def me(supervisor_a, client):
    RecoveryCodesFactory(user=supervisor_a)
    force_login_with_second_factor(client, supervisor_a)
    notification_preferences_set(supervisor_a, wanted={NotificationKind.MESSAGE})
    return supervisor_a


@pytest.mark.parametrize("name", OWN_PAGES)
def test_own_account_page_queries_do_not_grow_with_other_users(client, me, company_a, name):
    url = reverse(name)
    _others(1, company_a)
    _queries(client, "get", url)  # warm: the session's first read and write
    few = _queries(client, "get", url)

    _others(20, company_a)

    assert _queries(client, "get", url) == few


def test_saving_email_settings_costs_the_same_for_every_number_of_kinds(client, me, company_a):
    url = reverse("notification_settings")
    _others(5, company_a)
    _queries(client, "post", url, {"wanted": [NotificationKind.MESSAGE]})
    one = _queries(client, "post", url, {"wanted": [NotificationKind.MESSAGE]})

    every = _queries(client, "post", url, {"wanted": list(NotificationKind.values)})

    assert every == one


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_account_page_queries_do_not_grow_with_users(client, company_a, name):
    url = reverse(name)
    _others(1, company_a)
    few = _queries(client, "get", url)

    _others(20, company_a)

    assert _queries(client, "get", url) == few


def test_failed_login_queries_do_not_grow_with_users(client, company_a):
    url = reverse("account_login")
    UserFactory(email="iemand@voorbeeld.nl")
    _others(1, company_a)
    data = {"login": "iemand@voorbeeld.nl", "password": "niet-dit"}
    _queries(client, "post", url, data)
    few = _queries(client, "post", url, data)

    _others(20, company_a)

    assert _queries(client, "post", url, data) == few

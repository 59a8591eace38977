"""Invitations into a role: sending, the link's page (new and existing accounts, and every
way a link stops working), sending again, withdrawing, the limits, who may invite whom."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from companies.models import Company, CompanyMembership
from placements.access import invitable_roles, may_invite
from placements.models import Invitation, InvitationRole, SchoolMembership, SchoolRole
from placements.services.invitations import invitation_send
from stagegids.core.models import User
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    PlacementFactory,
    SchoolMembershipFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NEW_EMAIL = "nieuw@voorbeeld.nl"
NEW_PASSWORD = "Leerling-Stage-2026!"
LIST_URL = reverse("invitations:list")
LINK = re.compile(r"https?://[^/\s]+(/invitations/[\w-]+/)")


def new_url(role: str) -> str:
    return reverse("invitations:new", kwargs={"role": role})


def link_in(message) -> str:
    """The path of the invitation link in a sent mail."""
    return LINK.search(message.body)[1]


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Send an invitation through the service; return it and the path of its link."""

    def send(by, email=NEW_EMAIL, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitation_send(
                by=by,
                email=email,
                link=lambda token: f"http://testserver/invitations/{token}/",
                **kwargs,
            )
        return invitation, link_in(mail.outbox[-1])

    return send


def _memberships(model, **fields):
    """How many memberships of ``model`` with ``fields`` a user has (the role given)."""
    return lambda user: model.objects.filter(user=user, **fields).count()


@pytest.fixture
def kinds(supervisor_a, coordinator_a, staff, company_a, school_a):
    """Each kind of invitation: who sends it, where, and how to tell the role was given."""
    company_admin = {"role": InvitationRole.COMPANY_ADMIN, "company": company_a, "school": school_a}
    return {
        "company_admin": (
            coordinator_a,
            company_admin,
            _memberships(CompanyMembership, company=company_a, is_company_admin=True),
        ),
        "supervisor": (
            supervisor_a,
            {"role": InvitationRole.SUPERVISOR, "company": company_a},
            _memberships(CompanyMembership, company=company_a, is_company_admin=False),
        ),
        "teacher": (
            coordinator_a,
            {"role": InvitationRole.TEACHER, "school": school_a},
            _memberships(SchoolMembership, school=school_a, role=SchoolRole.TEACHER),
        ),
        "coordinator": (
            staff,
            {"role": InvitationRole.COORDINATOR, "school": school_a},
            _memberships(SchoolMembership, school=school_a, role=SchoolRole.COORDINATOR),
        ),
    }


KINDS = ["company_admin", "supervisor", "teacher", "coordinator"]


def new_account(client, link, **data):
    return client.post(
        link,
        {
            "first_name": "Sanne",
            "last_name": "de Boer",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            **data,
        },
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- accepting ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_accept_as_new_user_creates_account_with_role_and_logs_in(client, send, kinds, kind):
    by, place, has_role = kinds[kind]
    invitation, link = send(by, **place)

    page = client.get(link)
    response = new_account(client, link)

    user = User.objects.get(email=NEW_EMAIL)
    invitation.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.first_name, user.last_name, user.check_password(NEW_PASSWORD)) == (
        "Sanne",
        "de Boer",
        True,
    )
    assert has_role(user) == 1
    assert (invitation.status, invitation.accepted_by) == (Invitation.Status.ACCEPTED, user)
    assert messages_of(response)[0].startswith("Welkom")


@pytest.mark.parametrize("kind", KINDS)
def test_accept_as_existing_user_with_another_role_adds_the_role(
    client, send, kinds, kind, school_b
):
    by, place, has_role = kinds[kind]
    existing = SchoolMembershipFactory(
        school=school_b, role=SchoolRole.TEACHER, user__email=NEW_EMAIL
    ).user
    invitation, link = send(by, email="Nieuw@Voorbeeld.nl", **place)
    users_before = User.objects.count()

    logged_out = client.get(link)
    client.force_login(existing)
    page = client.get(link)
    response = client.post(link)

    assert logged_out.status_code == 200
    assert "?next=" in logged_out.context["login_url"]
    assert page.status_code == 200
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert User.objects.count() == users_before
    assert has_role(existing) == 1
    assert SchoolMembership.objects.filter(user=existing, school=school_b).count() == 1
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_accept_get_changes_nothing(client, send, coordinator_a, school_a):
    existing = UserFactory(email=NEW_EMAIL)
    invitation, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    client.force_login(existing)

    client.get(link)

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    assert SchoolMembership.objects.filter(user=existing).count() == 0


def test_accept_company_admin_invitation_makes_supervisor_an_admin(
    client, send, coordinator_a, company_a, school_a
):
    member = CompanyMembershipFactory(company=company_a, user__email=NEW_EMAIL).user
    _, link = send(
        coordinator_a, role=InvitationRole.COMPANY_ADMIN, company=company_a, school=school_a
    )
    client.force_login(member)

    client.post(link)

    assert list(CompanyMembership.objects.filter(user=member).values_list("is_company_admin")) == [
        (True,)
    ]


def test_new_account_with_weak_password_is_refused(client, send, coordinator_a, school_a):
    _, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)

    response = new_account(client, link, password1="12345678", password2="12345678")

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert User.objects.filter(email=NEW_EMAIL).exists() is False


def test_new_account_email_comes_from_the_invitation(client, send, coordinator_a, school_a):
    _, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)

    new_account(client, link, email="iemand-anders@voorbeeld.nl")

    assert User.objects.filter(email="iemand-anders@voorbeeld.nl").exists() is False
    assert User.objects.filter(email=NEW_EMAIL).exists() is True


@pytest.mark.parametrize(
    "data",
    [
        {"first_name": "San\x00ne"},
        {"last_name": "x" * 151},
        {"password1": "x" * 200, "password2": "x" * 200},
    ],
)
def test_new_account_with_bad_input_shows_form_errors(client, send, coordinator_a, school_a, data):
    _, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)

    response = new_account(client, link, **data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.filter(email=NEW_EMAIL).exists() is False


# --- links that no longer work ------------------------------------------------------------------


def _expire(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())


def _use(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())


def _withdraw(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(withdrawn_at=timezone.now())


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (_expire, "verlopen"),
        (_use, "al geaccepteerd"),
        (_withdraw, "ingetrokken"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_link_no_longer_valid_answers_410_and_changes_nothing(
    client, send, coordinator_a, school_a, spoil, says, method
):
    invitation, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    spoil(invitation)

    response = new_account(client, link) if method == "post" else client.get(link)

    assert response.status_code == 410
    assert says in response.content.decode()
    assert User.objects.filter(email=NEW_EMAIL).exists() is False


def test_link_used_once_cannot_be_used_again(client, send, coordinator_a, school_a):
    _, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    new_account(client, link)
    client.logout()

    response = new_account(client, link, first_name="Tweede")

    assert response.status_code == 410
    assert User.objects.get(email=NEW_EMAIL).first_name == "Sanne"


@pytest.mark.parametrize(
    "change", [lambda link: link[:-5] + "AAAA/", lambda link: link[:-1] + "x/"]
)
def test_tampered_link_answers_404_and_changes_nothing(
    client, send, coordinator_a, school_a, change
):
    invitation, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)

    response = new_account(client, change(link))

    invitation.refresh_from_db()
    assert response.status_code == 404
    assert "Deze uitnodigingslink werkt niet" in response.content.decode()
    assert invitation.status == Invitation.Status.PENDING
    assert User.objects.filter(email=NEW_EMAIL).exists() is False


def test_overly_long_token_answers_404(client):
    response = client.get(reverse("invitations:accept", args=["x" * 5000]))

    assert response.status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_wrong_logged_in_user_sees_other_address_page_and_nothing_changes(
    client, send, coordinator_a, school_a, outsider, method
):
    invitation, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    client.force_login(outsider)

    response = getattr(client, method)(link)

    invitation.refresh_from_db()
    assert response.status_code == 403
    assert "voor een ander e-mailadres" in response.content.decode()
    assert invitation.status == Invitation.Status.PENDING
    assert SchoolMembership.objects.filter(user=outsider).count() == 0
    assert User.objects.filter(email=NEW_EMAIL).exists() is False


def test_database_holds_only_the_hash_of_the_token(send, coordinator_a, school_a):
    invitation, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    token = link.split("/")[2]

    assert len(token) == 43
    assert invitation.token_hash != token
    assert token not in str(Invitation.objects.values().get(pk=invitation.pk))


# --- the email ------------------------------------------------------------------------------


def test_email_says_who_invites_to_what_and_for_how_long(send, coordinator_a, company_a, school_a):
    coordinator_a.first_name, coordinator_a.last_name = "Ingrid", "Jansen"
    coordinator_a.save()

    send(coordinator_a, role=InvitationRole.COMPANY_ADMIN, company=company_a, school=school_a)

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert message.to == [NEW_EMAIL]
    assert message.subject.endswith(f"bedrijfsbeheerder bij {company_a.name}")
    assert (
        f"Ingrid Jansen van {school_a.name} nodigt je uit voor Stagegids als bedrijfsbeheerder "
        f"bij {company_a.name}." in message.body
    )
    assert "werkt één keer, 7 dagen lang" in message.body
    assert LINK.search(message.body)[0] in html


# --- the invitation forms ---------------------------------------------------------------------


def _post_invite(client, role, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(new_url(role), data)


def test_coordinator_invites_contact_of_new_company_by_kvk(
    client, coordinator_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)

    response = _post_invite(
        client,
        "company-admin",
        {"email": NEW_EMAIL, "kvk_number": "1234 5678", "company_name": "Koudetechniek Delta"},
        django_capture_on_commit_callbacks,
    )

    company = Company.objects.get(kvk_number="12345678")
    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response.url == LIST_URL
    assert company.name == "Koudetechniek Delta"
    assert (invitation.role, invitation.company, invitation.email) == (
        InvitationRole.COMPANY_ADMIN,
        company,
        NEW_EMAIL,
    )
    assert len(mail.outbox) == 1


def test_coordinator_invites_by_known_kvk_means_that_company(
    client, coordinator_a, company_b, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)

    _post_invite(
        client,
        "company-admin",
        {"email": NEW_EMAIL, "kvk_number": company_b.kvk_number, "company_name": "Iets anders"},
        django_capture_on_commit_callbacks,
    )

    assert Invitation.objects.get().company == company_b
    assert Company.objects.filter(name="Iets anders").exists() is False


def test_coordinator_invites_contact_of_a_company_the_school_works_with(
    client, coordinator_a, placement_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    page = client.get(new_url("company-admin"))

    _post_invite(
        client,
        "company-admin",
        {"email": NEW_EMAIL, "company": placement_a.company_id},
        django_capture_on_commit_callbacks,
    )

    assert list(page.context["form"].fields["company"].queryset) == [placement_a.company]
    assert Invitation.objects.get().company == placement_a.company


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kvk_number": "1234"}, "kvk_number"),
        ({"kvk_number": "12345678"}, "company_name"),
        ({}, "kvk_number"),
        ({"kvk_number": "1234\x005678", "company_name": "Delta"}, "kvk_number"),
        ({"kvk_number": "12345678", "company_name": "x" * 201}, "company_name"),
        ({"email": "a\x00b@voorbeeld.nl", "kvk_number": "12345678", "company_name": "D"}, "email"),
        ({"email": "a" * 250 + "@voorbeeld.nl", "kvk_number": "12345678"}, "email"),
    ],
)
def test_company_contact_form_bad_input_shows_errors(client, coordinator_a, data, field):
    """NUL bytes and overly long input are form errors, never a 500."""
    client.force_login(coordinator_a)

    response = client.post(new_url("company-admin"), {"email": NEW_EMAIL, **data})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Invitation.objects.count() == 0
    assert Company.objects.filter(kvk_number="12345678").exists() is False


def test_inviting_an_address_that_has_the_role_already_is_refused_at_the_email(
    client, coordinator_a, school_a, teacher_a
):
    client.force_login(coordinator_a)

    response = client.post(
        new_url("teacher"), {"email": teacher_a.email.upper(), "school": school_a.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        f"Dit adres heeft deze rol al bij {school_a.name}."
    ]
    assert Invitation.objects.count() == 0


def test_inviting_an_address_with_a_pending_invitation_is_refused(
    client, send, coordinator_a, school_a
):
    send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    client.force_login(coordinator_a)

    response = client.post(new_url("teacher"), {"email": NEW_EMAIL, "school": school_a.pk})

    assert "email" in response.context["form"].errors
    assert Invitation.objects.count() == 1


def test_more_than_50_invitations_an_hour_are_refused(client, coordinator_a, school_a):
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(
            email=f"docent{n}@voorbeeld.nl",
            role=InvitationRole.TEACHER,
            school=school_a,
            invited_by=coordinator_a,
            token_hash=f"{n:064d}",
            created_at=now - datetime.timedelta(minutes=59)
            if n
            else now - datetime.timedelta(minutes=61),
            expires_at=now + datetime.timedelta(days=7),
        )
        for n in range(51)
    )
    client.force_login(coordinator_a)

    response = client.post(new_url("teacher"), {"email": NEW_EMAIL, "school": school_a.pk})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Je hebt het afgelopen uur 50 uitnodigingen verstuurd, het maximum. Probeer het later "
        "nog eens."
    ]
    assert Invitation.objects.count() == 51


def test_49_invitations_an_hour_leave_room_for_one_more(client, send, coordinator_a, school_a):
    for n in range(49):
        send(
            coordinator_a,
            email=f"docent{n}@voorbeeld.nl",
            role=InvitationRole.TEACHER,
            school=school_a,
        )

    send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)

    assert Invitation.objects.count() == 50


# --- the list, sending again, withdrawing -----------------------------------------------------


def test_list_shows_only_own_pending_invitations(
    client, send, coordinator_a, coordinator_b, school_a, school_b
):
    mine, _ = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    gone, _ = send(
        coordinator_a, email="weg@voorbeeld.nl", role=InvitationRole.TEACHER, school=school_a
    )
    _withdraw(gone)
    send(coordinator_b, email="ander@voorbeeld.nl", role=InvitationRole.TEACHER, school=school_b)
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response.context["invitations"] == [mine]


def test_resend_makes_a_new_link_and_the_old_one_stops_working(
    client, send, coordinator_a, school_a, django_capture_on_commit_callbacks
):
    old, old_link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    Invitation.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(coordinator_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("invitations:resend", args=[old.public_id]))
    new_link = link_in(mail.outbox[-1])
    client.logout()

    new = Invitation.objects.get(withdrawn_at__isnull=True)
    assert response.status_code == 302
    assert new_link != old_link
    assert new.expires_at - new.created_at == datetime.timedelta(days=7)
    assert client.get(old_link).status_code == 410
    assert new_account(client, new_link).status_code == 302
    assert User.objects.filter(email=NEW_EMAIL).exists() is True


def test_withdraw_stops_the_link(client, send, coordinator_a, school_a):
    invitation, link = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    client.force_login(coordinator_a)

    response = client.post(reverse("invitations:withdraw", args=[invitation.public_id]))
    client.logout()

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert invitation.status == Invitation.Status.WITHDRAWN
    assert client.get(link).status_code == 410


@pytest.mark.parametrize("action", ["resend", "withdraw"])
def test_resend_or_withdraw_someone_elses_invitation_is_404(
    client, send, coordinator_a, school_a, action, request
):
    invitation, _ = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    other = SchoolMembershipFactory(school=school_a, role=SchoolRole.COORDINATOR).user
    client.force_login(other)

    response = client.post(reverse(f"invitations:{action}", args=[invitation.public_id]))

    invitation.refresh_from_db()
    assert response.status_code == 404
    assert invitation.status == Invitation.Status.PENDING


@pytest.mark.parametrize("action", ["resend", "withdraw"])
def test_resend_or_withdraw_after_losing_the_role_is_403(
    client, send, coordinator_a, school_a, action
):
    invitation, _ = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    SchoolMembership.objects.filter(user=coordinator_a).update(role=SchoolRole.TEACHER)
    client.force_login(coordinator_a)

    listed = client.get(LIST_URL)
    response = client.post(reverse(f"invitations:{action}", args=[invitation.public_id]))

    invitation.refresh_from_db()
    assert listed.context["invitations"] == [invitation]
    assert response.status_code == 403
    assert invitation.status == Invitation.Status.PENDING


@pytest.mark.parametrize("action", ["resend", "withdraw"])
def test_resend_or_withdraw_answer_get_with_405(client, send, coordinator_a, school_a, action):
    invitation, _ = send(coordinator_a, role=InvitationRole.TEACHER, school=school_a)
    client.force_login(coordinator_a)

    response = client.get(reverse(f"invitations:{action}", args=[invitation.public_id]))

    assert response.status_code == 405


@pytest.mark.parametrize("size", [2, 20])
def test_list_queries_constant(client, coordinator_a, school_a, django_assert_num_queries, size):
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(
            email=f"docent{n}@voorbeeld.nl",
            role=InvitationRole.TEACHER,
            school=school_a,
            invited_by=coordinator_a,
            token_hash=f"{n:064d}",
            expires_at=now + datetime.timedelta(days=7),
        )
        for n in range(size)
    )
    client.force_login(coordinator_a)

    # session, user, the two memberships (roles on offer), the invitations.
    with django_assert_num_queries(5):
        response = client.get(LIST_URL)

    assert len(response.context["invitations"]) == size


# --- who may invite whom ------------------------------------------------------------------------

#: Per persona: may they invite a company admin of company A (for school A, for school B),
#: a supervisor of company A or B, a teacher of school A or B, a coordinator of school A?
INVITE_COLUMNS = (
    "admin@A/school A",
    "admin@A/school B",
    "supervisor@A",
    "supervisor@B",
    "teacher@A",
    "teacher@B",
    "coordinator@A",
)
Y, N = True, False
# fmt: off
INVITE_TABLE = {
    "supervisor_a":  (N, N, Y, N, N, N, N),  # company admin of company A
    "supervisor_b":  (N, N, N, N, N, N, N),  # plain supervisor at company B
    "coordinator_a": (Y, N, N, N, Y, N, N),
    "coordinator_b": (N, Y, N, N, N, Y, N),
    "teacher_a":     (N, N, N, N, N, N, N),
    "staff":         (N, N, N, N, N, N, Y),
    "outsider":      (N, N, N, N, N, N, N),
}
# fmt: on


@pytest.mark.parametrize("persona", INVITE_TABLE)
def test_may_invite_per_persona_as_table(
    request, persona, company_a, company_b, school_a, school_b
):
    user = request.getfixturevalue(persona)
    asks = {
        "admin@A/school A": {
            "role": InvitationRole.COMPANY_ADMIN,
            "company_id": company_a.pk,
            "school_id": school_a.pk,
        },
        "admin@A/school B": {
            "role": InvitationRole.COMPANY_ADMIN,
            "company_id": company_a.pk,
            "school_id": school_b.pk,
        },
        "supervisor@A": {"role": InvitationRole.SUPERVISOR, "company_id": company_a.pk},
        "supervisor@B": {"role": InvitationRole.SUPERVISOR, "company_id": company_b.pk},
        "teacher@A": {"role": InvitationRole.TEACHER, "school_id": school_a.pk},
        "teacher@B": {"role": InvitationRole.TEACHER, "school_id": school_b.pk},
        "coordinator@A": {"role": InvitationRole.COORDINATOR, "school_id": school_a.pk},
    }

    answers = tuple(may_invite(user, **asks[column]) for column in INVITE_COLUMNS)

    assert answers == INVITE_TABLE[persona]


#: The invitation pages each persona gets (200) or not (404): the list and each role's form.
PAGES = ["list", "company-admin", "supervisor", "teacher", "coordinator"]
# fmt: off
PAGE_TABLE = {
    "supervisor_a":  (200, 404, 200, 404, 404),
    "supervisor_b":  (404, 404, 404, 404, 404),
    "coordinator_a": (200, 200, 404, 200, 404),
    "teacher_a":     (404, 404, 404, 404, 404),
    "staff":         (200, 404, 404, 404, 200),
    "outsider":      (404, 404, 404, 404, 404),
}
# fmt: on


@pytest.mark.parametrize("persona", PAGE_TABLE)
def test_invitation_pages_per_persona_answer_as_table(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    answered = tuple(
        client.get(LIST_URL if page == "list" else new_url(page)).status_code for page in PAGES
    )

    assert answered == PAGE_TABLE[persona]


def test_invitable_roles_per_persona(supervisor_a, coordinator_a, staff, teacher_a):
    assert [invitable_roles(u) for u in (supervisor_a, coordinator_a, staff, teacher_a)] == [
        [InvitationRole.SUPERVISOR],
        [InvitationRole.COMPANY_ADMIN, InvitationRole.TEACHER],
        [InvitationRole.COORDINATOR],
        [],
    ]


def test_coordinator_cannot_invite_teacher_of_another_school(client, coordinator_a, school_b):
    # Two schools of their own, so the form asks which one.
    SchoolMembershipFactory(user=coordinator_a, role=SchoolRole.COORDINATOR)
    client.force_login(coordinator_a)

    response = client.post(new_url("teacher"), {"email": NEW_EMAIL, "school": school_b.pk})

    assert "school" in response.context["form"].errors
    assert Invitation.objects.count() == 0


def test_company_admin_cannot_invite_supervisor_of_another_company(client, supervisor_a, company_b):
    CompanyMembershipFactory(user=supervisor_a, company=CompanyFactory(), is_company_admin=True)
    client.force_login(supervisor_a)

    response = client.post(new_url("supervisor"), {"email": NEW_EMAIL, "company": company_b.pk})

    assert "company" in response.context["form"].errors
    assert Invitation.objects.count() == 0


def test_dashboard_links_to_invitations_for_who_may_invite(client, coordinator_a, teacher_a):
    client.force_login(coordinator_a)
    shown = 'id="invitations-link"' in client.get("/").content.decode()
    client.force_login(teacher_a)
    hidden = 'id="invitations-link"' in client.get("/").content.decode()

    assert (shown, hidden) == (True, False)


def test_company_admin_invitation_for_a_placementless_company_by_school_b(
    client, coordinator_b, company_a, django_capture_on_commit_callbacks
):
    """Found by KvK: a coordinator may invite the contact of any known company."""
    PlacementFactory(student=StudentFactory(), company=company_a)
    client.force_login(coordinator_b)

    _post_invite(
        client,
        "company-admin",
        {"email": NEW_EMAIL, "kvk_number": company_a.kvk_number},
        django_capture_on_commit_callbacks,
    )

    assert Invitation.objects.get().company == company_a

"""Every URL the portal answers, walked from the root URLconf (the admin's included).

The walker fills each pattern's converters (sample values for a visitor who is not
logged in, real objects for the logged-in walks) and then checks, URL by URL:

- a visitor who is not logged in is sent to a login page, or gets 405 from a POST-only
  view; only the few public URLs in ``PUBLIC`` answer anything else;
- the state-changing views are POST-only: GET answers 405 exactly for ``POST_ONLY``;
- GET changes nothing: no INSERT, UPDATE or DELETE, apart from the audit and read marks
  listed in ``WRITES_ON_GET``, and no 500.
"""

import datetime
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from placements.imports import parse_upload
from placements.models import (
    INVITATION_VALID_FOR,
    ExportFile,
    ExportFormat,
    ExportStatus,
    Invitation,
    InvitationRole,
    PlacementKind,
    PlacementStatus,
    SchoolRole,
    SupportNeedsAccess,
    Weekday,
    token_hash,
)
from placements.services.imports import student_import_create, student_import_set_mapping
from tests.factories import (
    PASSWORD,
    ChecklistItemFactory,
    CompanyFactory,
    CompanyMembershipFactory,
    DayLogFactory,
    EvaluationFactory,
    FeedbackMomentFactory,
    IntakeFactory,
    MessageFactory,
    OutgoingEmailFactory,
    PlacementFactory,
    RecoveryCodesFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    StudentFactory,
    TaskRecordFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from tests.helpers import force_login_with_second_factor
from tests.placements.import_files import csv_bytes

pytestmark = pytest.mark.django_db

# --- the walker --------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    #: ``namespace:name``, or the route itself for a pattern without a name.
    key: str
    #: The whole route from the root, joined as the resolver joins it.
    route: str
    pattern: URLPattern

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def _join(prefix: str, route: str) -> str:
    # As URLResolver._join_route: a regex's leading ^ goes once it follows a prefix.
    return route if not prefix else prefix + route.removeprefix("^")


def _walk(resolver: URLResolver, prefix: str = "", namespaces: tuple[str, ...] = ()):
    for entry in resolver.url_patterns:
        route = _join(prefix, str(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry, route, inner)
        elif entry.name:
            yield Route(":".join((*namespaces, entry.name)), route, entry)
        else:
            yield Route(route, route, entry)


ROUTES = list(_walk(get_resolver()))
KEYS = [route.key for route in ROUTES]

REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")

#: What a visitor who is not logged in fills in, per converter (regex groups by name).
SAMPLES = {
    "uuid": str(uuid.uuid4()),
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "app_label": "placements",  # the admin's app index allows only registered apps
    "url": "x",  # the admin's catch-all
}
#: Named kwargs whose value a converter alone does not give.
SAMPLE_KWARGS = {"kind": "final", "key": "x", "uidb36": "1", "role": "supervisor"}
#: The token of the walks' invitation (to an address without an account).
WALK_TOKEN = "walk-invitation-token"

Values = Callable[[Route, str, str], str]


def sample_value(route: Route, name: str, converter: str) -> str:
    return SAMPLE_KWARGS[name] if name in SAMPLE_KWARGS else SAMPLES[converter]


def path_for(route: Route, value: Values) -> str:
    """The route with every converter (and regex group) filled by ``value``."""
    path = REGEX_GROUP.sub(lambda m: value(route, m[1], m[1]), route.route)
    path = CONVERTER.sub(lambda m: value(route, m[2], m[1] or "str"), path)
    return "/" + path.replace("^", "").replace("$", "")


#: A write and the first table it names (SQLite and PostgreSQL quote table names).
WRITE = re.compile(r'\s*(INSERT|UPDATE|DELETE)\b[^"]*"(\w+)"', re.IGNORECASE)


def writes_in(queries) -> list[str]:
    """The INSERT, UPDATE and DELETE statements among ``queries``, as "VERB table"."""
    return sorted({f"{m[1].upper()} {m[2]}" for q in queries if (m := WRITE.match(q["sql"]))})


@dataclass(frozen=True)
class Answer:
    status: int
    writes: list[str]
    error: str = ""


def walk_as(client: Client, value: Values) -> dict[str, Answer]:
    """GET every route, reading streamed bodies to the end; by key."""
    answers = {}
    for route in ROUTES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path_for(route, value))
            response.getvalue()
        exc_info = getattr(response, "exc_info", None)
        error = repr(exc_info[1]) if exc_info else ""
        answers[route.key] = Answer(response.status_code, writes_in(queries), error)
    return answers


def test_walker_finds_every_pattern_once():
    assert len(ROUTES) > 40
    assert len(set(KEYS)) == len(KEYS)


def test_walker_sample_paths_resolve_to_their_own_pattern():
    wrong = {}
    for route in ROUTES:
        match = resolve(path_for(route, sample_value))
        if match.route != route.route:
            wrong[route.key] = match.route

    assert wrong == {}


#: Views that change state and take no GET: every view with ``require_POST``, and the
#: admin's logout (Django's LogoutView takes POST only since Django 5.0). The portal's own
#: logout (allauth) asks to confirm on GET and logs out on POST only.
POST_ONLY = {
    "admin:logout",
    "placements:school_settings",
    "placements:import_commit",
    "placements:import_discard",
    "placements:bulk_message",
    "placements:bulk_confirm",
    "placements:checklist_item",
    "placements:transition",
    "placements:daylog_save",
    "placements:working_time",
    "placements:age_rules_confirm",
    "placements:daylog_delete",
    "placements:worklog_record",
    "placements:worklog_delete",
    "placements:feedback_add",
    "placements:feedback_done",
    "placements:feedback_reopen",
    "placements:feedback_delete",
    "placements:message_create",
    "evaluations:submit",
    "evaluations:review",
    "invitations:resend",
    "invitations:withdraw",
}


# --- A: a visitor who is not logged in ------------------------------------------------

#: The URLs anyone may open: what they answer (status, redirect) and why they may.
PUBLIC = {
    "account_login": (200, ""),  # the login form itself
    # Before logging in: a forgotten password, and the pages its link leads to (a wrong
    # key shows that the link does not work, and changes nothing).
    "account_reset_password": (200, ""),
    "account_reset_password_done": (200, ""),
    "account_reset_password_from_key": (200, ""),
    "account_reset_password_from_key_done": (200, ""),
    # The link that confirms a new email address works from any browser, logged in or
    # not; a wrong key says so.
    "account_confirm_email": (200, ""),
    "account_email_verification_sent": (200, ""),  # "we sent you a link", nothing more
    "account_signup": (200, ""),  # says that sign-up is closed: accounts come by invitation
    "account_inactive": (200, ""),  # says that the account is switched off
    "accounts/password_change/": (301, "/accounts/password/change/"),  # the old address
    # Nobody to log out, no login code asked for: back to the login form.
    "account_logout": (302, "/accounts/login/"),
    "account_confirm_login_code": (302, "/accounts/login/"),
    # The same for the second factor's page: no login waits for it.
    "mfa_authenticate": (302, "/accounts/login/"),
    # "Log in with a passkey": the login page's script asks here (for JSON) what the
    # browser's authenticator should sign; a plain GET goes back to the login form.
    "mfa_login_webauthn": (302, "/accounts/login/"),
    # The admin's login leads to the portal's (second factor, login limits).
    "admin:login": (302, "/accounts/login/"),
    "set_language": (302, "/"),  # GET only redirects back, changing nothing; the switch POSTs
    "favicon.ico": (301, "/static/favicon.svg"),  # browsers ask for it on every site
    "healthz": (200, ""),  # the load balancer's check: no login, nothing personal
    # An invitation's link is for someone without an account, too; an unknown token is a
    # clear "this link does not work" page (404), and nothing changes.
    "invitations:accept": (404, ""),
}
#: Not public, but not sent to a login page directly: Django's admin_view sends a visitor
#: who is not logged in from the admin's logout to its index, which asks them to log in.
ONE_STEP_FROM_LOGIN = {"admin:logout": "/admin/"}
#: allauth's pages that ask to confirm it is you (a change to a second factor) send a
#: visitor who is not logged in to the login with the slashes of ``next`` quoted too.
NEXT_FULLY_QUOTED = {
    "mfa_activate_totp",
    "mfa_generate_recovery_codes",
    "mfa_add_webauthn",
    "mfa_edit_webauthn",
    "mfa_remove_webauthn",
}


def test_every_url_logged_out_asks_to_log_in_unless_public(client):
    login = resolve_url(settings.LOGIN_URL)
    expected, answered = {}, {}
    for route in ROUTES:
        path = path_for(route, sample_value)
        response = client.get(path)
        answered[route.key] = (response.status_code, response.get("Location", ""))
        if route.key in PUBLIC:
            expected[route.key] = PUBLIC[route.key]
        elif route.key in ONE_STEP_FROM_LOGIN:
            expected[route.key] = (302, ONE_STEP_FROM_LOGIN[route.key])
        elif route.key in POST_ONLY:
            expected[route.key] = (405, "")  # require_POST answers before login_required
        else:
            page = "/admin/login/" if route.is_admin else login
            safe = "" if route.key in NEXT_FULLY_QUOTED else "/"
            expected[route.key] = (302, f"{page}?next={quote(path, safe=safe)}")

    assert len(answered) == len(ROUTES)
    assert answered == expected


# --- the logged-in walks, each once for the module ------------------------------------


def _build_world() -> dict:
    """One active lintstage with a row of every kind its URLs take, a proposal, a pupil
    import, and the people: staff and the placement's supervisor (a company admin)."""
    company, school = CompanyFactory(), SchoolFactory(teachers_may_approve=True)
    supervisor = CompanyMembershipFactory(company=company, is_company_admin=True).user
    coordinator = SchoolMembershipFactory(school=school, role=SchoolRole.COORDINATOR).user
    teacher = SchoolMembershipFactory(school=school, role=SchoolRole.TEACHER).user
    staff = UserFactory(is_staff=True, is_superuser=True)
    # Staff open Django admin with a second factor: an authenticator app, with codes.
    TOTPAuthenticatorFactory(user=staff)
    RecoveryCodesFactory(user=staff)
    placement = PlacementFactory(
        student=StudentFactory(school=school, teacher=teacher),
        company=company,
        supervisor=supervisor,
        kind=PlacementKind.LINTSTAGE,  # the one kind with a weekly schedule (.ics)
        weekday=Weekday.WEDNESDAY,
        status=PlacementStatus.ACTIVE,
    )
    IntakeFactory(placement=placement, support_needs="Korte instructies, op papier.")
    # Unread for staff and the supervisor, so the placement page marks the thread read.
    MessageFactory(placement=placement, author=coordinator)
    OutgoingEmailFactory()  # an email waiting for the SMTP server, for its admin pages
    SupportNeedsAccess.objects.create(
        placement=placement, user=coordinator, action=SupportNeedsAccess.Action.VIEW
    )
    Group.objects.create(name="Praktijkbegeleiders")
    student_import = student_import_create(
        school, by=staff, file_name="leerlingen.csv", parsed=parse_upload(csv_bytes())
    )
    student_import_set_mapping(
        student_import,
        mapping={
            "student_number": 0,
            "given_name": 1,
            "surname_prefix": 2,
            "surname": 3,
            "class_name": 4,
            "programme": 5,
        },
    )
    return {
        "company": company,
        "school": school,
        "staff": staff,
        "supervisor": supervisor,
        "placement": placement,
        "item": ChecklistItemFactory(placement=placement),
        "daylog": DayLogFactory(placement=placement),
        "moment": FeedbackMomentFactory(placement=placement),
        "task_record": TaskRecordFactory(placement=placement),
        "evaluation": EvaluationFactory(placement=placement),
        "proposal": PlacementFactory(
            student=StudentFactory(school=school),
            company=company,
            supervisor=None,
            status=PlacementStatus.PROPOSED,
        ),
        "import": student_import,
        # A background export of the overview, ready, for the supervisor only.
        "export": ExportFile.objects.create(
            owner=supervisor,
            file_format=ExportFormat.CSV,
            language="nl",
            status=ExportStatus.READY,
            content=b"\xef\xbb\xbfLeerling\r\n",
            row_count=0,
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        ),
        # The supervisor (a company admin) invited a colleague who has no account yet.
        "invitation": Invitation.objects.create(
            email="collega@example.test",
            role=InvitationRole.SUPERVISOR,
            company=company,
            invited_by=supervisor,
            token_hash=token_hash(WALK_TOKEN),
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        ),
    }


def _world_values(world: dict) -> Values:
    """Real ids for every converter. A URL that takes a new kind of id needs a line here
    (the walk fails with a KeyError naming it until then)."""
    placement = world["placement"]
    by_key = {
        "placements:school_settings": {"pk": world["school"].pk},
        "placements:import_preview": {"public_id": world["import"].public_id},
        "placements:import_mapping": {"public_id": world["import"].public_id},
        "placements:import_commit": {"public_id": world["import"].public_id},
        "placements:import_discard": {"public_id": world["import"].public_id},
        "placements:export_download": {"public_id": world["export"].public_id},
        "placements:accept": {"public_id": world["proposal"].public_id},
        "placements:decline": {"public_id": world["proposal"].public_id},
        "placements:daylog_edit": {"pk": world["daylog"].pk},
        "placements:daylog_delete": {"pk": world["daylog"].pk},
        "placements:worklog_delete": {"pk": world["task_record"].pk},
        "placements:feedback_edit": {"pk": world["moment"].pk},
        "placements:feedback_done": {"pk": world["moment"].pk},
        "placements:feedback_reopen": {"pk": world["moment"].pk},
        "placements:feedback_delete": {"pk": world["moment"].pk},
        "companies:detail": {"pk": world["company"].pk},
        "invitations:resend": {"public_id": world["invitation"].public_id},
        "invitations:withdraw": {"public_id": world["invitation"].public_id},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(placement).pk,
            "object_id": placement.pk,
        },
        "admin:auth_user_password_change": {"id": world["staff"].pk},
        # Nobody in the world has a passkey: only a browser's authenticator can make one
        # that allauth's pages can read. A key that is not yours (or is gone) is 404.
        "mfa_edit_webauthn": {"pk": 0},
        "mfa_remove_webauthn": {"pk": 0},
    }
    by_name = {
        "public_id": placement.public_id,
        "item_id": world["item"].pk,
        "kind": "final",
        "version": 1,  # the assessment form the data migration loads
        "action": "close",
        "slug": "first-day",
        "app_label": "placements",
        "url": "x",
        "key": "x",  # allauth's reset and confirmation keys: a wrong one, on purpose
        "uidb36": "1",
        "role": "supervisor",  # the invitation form for a company's colleagues
        "token": WALK_TOKEN,
    }

    def value(route: Route, name: str, converter: str) -> str:
        if name in by_key.get(route.key, {}):
            return str(by_key[route.key][name])
        model_admin = getattr(route.pattern.callback, "model_admin", None)
        if name == "object_id" and model_admin is not None:
            # The admin's pages of one object: the oldest row of that model.
            return str(model_admin.model._default_manager.order_by("pk").first().pk)
        return str(by_name[name])

    return value


@dataclass(frozen=True)
class Walk:
    answers: dict[str, Answer]
    #: The POST-only URLs that answered a POST with 405 too (staff only).
    post_refused: set[str]


def _is_logout(route: Route) -> bool:
    return route.key.endswith("logout")


def _walk_once(django_db_blocker, who: str, *, post: bool = False) -> Walk:
    """``who`` GETs every URL with real ids (then, with ``post``, POSTs every POST-only
    one without data); everything is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = _build_world()
        value = _world_values(world)
        client = Client(raise_request_exception=False)
        if world[who].is_staff:
            force_login_with_second_factor(client, world[who])  # as Django admin asks of staff
        else:
            client.force_login(world[who])
        # Confirmed with the password just now, as allauth asks before any change to a
        # second factor: the walk reaches those pages instead of the confirmation.
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        answers = walk_as(client, value)
        # The logouts last: after them the other POSTs would only ask to log in.
        posts = sorted((r for r in ROUTES if post and r.key in POST_ONLY), key=_is_logout)
        post_refused = {
            route.key for route in posts if client.post(path_for(route, value)).status_code == 405
        }
        transaction.set_rollback(True)
    return Walk(answers, post_refused)


@pytest.fixture(scope="module")
def staff_walk(django_db_setup, django_db_blocker) -> Walk:
    return _walk_once(django_db_blocker, "staff", post=True)


@pytest.fixture(scope="module")
def supervisor_walk(django_db_setup, django_db_blocker) -> Walk:
    return _walk_once(django_db_blocker, "supervisor")


WHO = ["staff_walk", "supervisor_walk"]


@pytest.mark.parametrize("walk", WHO)
def test_walk_visits_every_pattern(request, walk):
    answers = request.getfixturevalue(walk).answers

    assert list(answers) == KEYS


#: What the walks answer apart from 200, and why. Everything else answers 200: the walks
#: reach the real pages with real ids, not a wall of 404s.
NOT_200 = {
    "staff_walk": {
        **dict.fromkeys(POST_ONLY, 405),
        "set_language": 302,  # back to where the switch was, without changing anything
        # Logged in already: allauth sends login and sign-up on to the dashboard, the
        # password "set" page to "change" (everyone has one), and the code pages (no code
        # was asked for) back; the old password change address to the new one.
        "account_login": 302,
        "account_signup": 302,
        "account_set_password": 302,
        "account_confirm_login_code": 302,
        "account_confirm_reauthentication_code": 302,
        "accounts/password_change/": 301,
        "favicon.ico": 301,  # to the static file
        "placements:register": 404,  # staff belong to no company to register for
        "placements:export_download": 404,  # the supervisor's export: for its owner only
        "placements:support_needs": 403,  # special personal data: not for staff
        "admin:login": 302,  # logged in already: on to the admin index
        # Two-factor login, with an authenticator app set up: no login waits for a code,
        # the app is on already (on to switching it off), no passkey to confirm with, and
        # logged in already; the walk has no passkey to edit or remove (see _world_values).
        "mfa_authenticate": 302,
        "mfa_activate_totp": 302,
        "mfa_reauthenticate_webauthn": 302,
        "mfa_login_webauthn": 302,
        "mfa_edit_webauthn": 404,
        "mfa_remove_webauthn": 404,
        "admin:mfa_authenticator_add": 403,  # people set up their second factors themselves
        "admin:autocomplete": 403,  # needs the field it completes in its query string
        "admin:view_on_site": 302,  # on to the placement's own page
        "admin:placements_supportneedsaccess_add": 403,  # the access log is read only
        "admin:placements_supportneedsaccess_delete": 403,
        "admin:evaluations_formdefinition_delete": 403,  # an assessment uses version 1
        "admin:evaluations_evaluation_add": 403,  # assessments start on the placement page
        # Invitations are sent and withdrawn in the portal: the admin only lists them.
        "admin:placements_invitation_add": 403,
        "admin:placements_invitation_delete": 403,
        "invitations:new": 404,  # staff invite coordinators, not a company's supervisors
        "invitations:accept": 403,  # the invitation is for another address
        "admin:stagegids_outgoingemail_add": 403,  # emails come from the portal, not admin
        "admin/(?P<url>.*)$": 404,  # the admin's catch-all: no such page
        # The admin's old change URL of each model redirects to the new one.
        **{
            r.key: 302 for r in ROUTES if r.key == r.route and r.route.endswith("<path:object_id>/")
        },
    },
    "supervisor_walk": {
        # The admin is for staff: the rest are sent to its login, which sends them on to
        # their dashboard.
        **{r.key: 302 for r in ROUTES if r.is_admin},
        **dict.fromkeys(POST_ONLY - {"admin:logout"}, 405),
        "set_language": 302,
        "favicon.ico": 301,
        # Logged in already: allauth sends login and sign-up on to the dashboard, the
        # password "set" page to "change" (everyone has one), and the code pages (no code
        # was asked for) back; the old password change address to the new one.
        "account_login": 302,
        "account_signup": 302,
        "account_set_password": 302,
        "account_confirm_login_code": 302,
        "account_confirm_reauthentication_code": 302,
        "accounts/password_change/": 301,
        # The pupil lists, imports and proposals are for coordinators; the ZIP of
        # approved assessments for coordinators and staff.
        "placements:pupil_list": 404,
        "placements:import_upload": 404,
        "placements:import_preview": 404,
        "placements:import_mapping": 404,
        "placements:propose": 404,
        "evaluations:bulk": 403,
        "invitations:accept": 403,  # the invitation is for another address
        # Two-factor login, not set up: no login waits for a code, nothing to confirm with
        # (a code or a passkey), nothing to switch off, no recovery codes, no passkey to
        # edit or remove; logged in already.
        "mfa_authenticate": 302,
        "mfa_reauthenticate": 302,
        "mfa_reauthenticate_webauthn": 302,
        "mfa_deactivate_totp": 404,
        "mfa_view_recovery_codes": 404,
        "mfa_download_recovery_codes": 404,
        "mfa_edit_webauthn": 404,
        "mfa_remove_webauthn": 404,
        "mfa_login_webauthn": 302,
    },
}


@pytest.mark.parametrize("walk", WHO)
def test_walk_answers_200_unless_listed(request, walk):
    answers = request.getfixturevalue(walk).answers

    not_200 = {key: answer.status for key, answer in answers.items() if answer.status != 200}

    assert not_200 == NOT_200[walk]


# --- B: state changes are POST-only ---------------------------------------------------


@pytest.mark.parametrize(
    ("walk", "expected"),
    [
        ("staff_walk", POST_ONLY),
        # The admin sends a user who is not staff to its login before it looks at the
        # method, so its logout answers them with a redirect instead.
        ("supervisor_walk", POST_ONLY - {"admin:logout"}),
    ],
)
def test_get_answers_405_exactly_for_post_only_urls(request, walk, expected):
    answers = request.getfixturevalue(walk).answers

    refused = {key for key, answer in answers.items() if answer.status == 405}

    assert refused == expected


def test_post_only_urls_take_post(staff_walk):
    assert staff_walk.post_refused == set()


# --- C: GET changes nothing -------------------------------------------------------------

#: The writes a GET makes on purpose, per walk; each is documented where it happens.
WRITES_ON_GET = {
    "staff_walk": {
        # message_section: showing the thread marks it read (the message is unread).
        "placements:detail": ["INSERT placements_messagereadmark"],
        # allauth notes that the recovery codes were shown; the page that adds a passkey
        # keeps the challenge for the browser's authenticator in the session.
        "mfa_view_recovery_codes": ["UPDATE mfa_authenticator"],
        "mfa_add_webauthn": ["UPDATE django_session"],
    },
    "supervisor_walk": {
        "placements:detail": ["INSERT placements_messagereadmark"],
        # support_needs_record_view: every time a pupil's support needs are shown, on
        # their own page or in the intake form, is logged. Staff may not see them.
        "placements:support_needs": ["INSERT placements_supportneedsaccess"],
        "placements:intake": ["INSERT placements_supportneedsaccess"],
        # The secret of an authenticator app being set up waits in the session until a
        # code confirms it; the challenge for a new passkey likewise.
        "mfa_activate_totp": ["UPDATE django_session"],
        "mfa_add_webauthn": ["UPDATE django_session"],
    },
}


@pytest.mark.parametrize("walk", WHO)
def test_get_writes_only_documented_rows(request, walk):
    answers = request.getfixturevalue(walk).answers

    writes = {key: answer.writes for key, answer in answers.items() if answer.writes}

    assert writes == WRITES_ON_GET[walk]


@pytest.mark.parametrize("walk", WHO)
def test_get_never_answers_500(request, walk):
    answers = request.getfixturevalue(walk).answers

    errors = {key: answer.error for key, answer in answers.items() if answer.status >= 500}

    assert errors == {}

"""Django admin: every registered model's pages, the autocompletes, and placement rules."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from evaluations.models import Criterion, FormDefinition
from placements.models import (
    AgeBand,
    ChecklistItemTemplate,
    ForbiddenWork,
    Invitation,
    Placement,
    PlacementKind,
    PlacementStatus,
    SupportNeedsAccess,
)
from tests.factories import (
    ChecklistItemTemplateFactory,
    CompanyFactory,
    CompanyMembershipFactory,
    EvaluationFactory,
    IntakeFactory,
    InvitationFactory,
    OutgoingEmailFactory,
    PlacementFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    StudentFactory,
    TaskFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from tests.helpers import force_login_with_second_factor

pytestmark = pytest.mark.django_db

#: How to make one row of each registered model; a newly registered model needs a line here.
FACTORIES = {
    "auth.Group": lambda: Group.objects.create(name="Praktijkbegeleiders"),
    # Every user gets their address in allauth's table when saved.
    "account.EmailAddress": lambda: EmailAddress.objects.get(user=UserFactory()),
    "stagegids.User": UserFactory,
    "companies.Company": CompanyFactory,
    "companies.CompanyMembership": CompanyMembershipFactory,
    "placements.School": SchoolFactory,
    "placements.SchoolMembership": SchoolMembershipFactory,
    "placements.Student": StudentFactory,
    "placements.Placement": PlacementFactory,
    "placements.ChecklistItemTemplate": ChecklistItemTemplateFactory,
    "placements.Task": TaskFactory,
    # The migrations load the bands and the list; one more row of each.
    "placements.AgeBand": lambda: AgeBand.objects.order_by("min_age").first(),
    "placements.ForbiddenWork": lambda: ForbiddenWork.objects.create(
        name="Werken in besloten ruimten", max_age=17
    ),
    "placements.SupportNeedsAccess": lambda: SupportNeedsAccess.objects.create(
        placement=PlacementFactory(), user=UserFactory(), action=SupportNeedsAccess.Action.VIEW
    ),
    "evaluations.FormDefinition": lambda: FormDefinition.objects.create(version=2, title="v2"),
    "evaluations.Evaluation": EvaluationFactory,
    "placements.Invitation": InvitationFactory,
    "stagegids.OutgoingEmail": OutgoingEmailFactory,
    "mfa.Authenticator": TOTPAuthenticatorFactory,
}
#: Logs and records nobody adds in admin, not even an admin.
READ_ONLY = {
    "placements.SupportNeedsAccess",
    "evaluations.Evaluation",
    "placements.Invitation",
    "stagegids.OutgoingEmail",
    "mfa.Authenticator",  # people set up their second factors themselves
}
REGISTERED = sorted(model._meta.label for model in admin.site._registry)
MODELS_BY_LABEL = {model._meta.label: model for model in admin.site._registry}


def _admin_url(label, action, *args):
    opts = MODELS_BY_LABEL[label]._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


@pytest.fixture
def superuser_client(client):
    """A superuser logged in with a second factor, as Django admin asks of staff."""
    force_login_with_second_factor(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_every_registered_model_has_a_factory():
    assert sorted(FACTORIES) == REGISTERED


@pytest.mark.parametrize("label", REGISTERED)
def test_admin_changelist_with_rows_renders(superuser_client, label):
    FACTORIES[label]()
    model = MODELS_BY_LABEL[label]

    response = superuser_client.get(_admin_url(label, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("label", REGISTERED)
def test_admin_changelist_search_renders(superuser_client, label):
    FACTORIES[label]()

    response = superuser_client.get(_admin_url(label, "changelist"), {"q": "x"})

    assert response.status_code == 200


@pytest.mark.parametrize("label", REGISTERED)
def test_admin_add_page_renders(superuser_client, label):
    response = superuser_client.get(_admin_url(label, "add"))

    assert response.status_code == (403 if label in READ_ONLY else 200)


def test_admin_support_needs_log_cannot_be_changed_or_deleted(superuser_client):
    access = FACTORIES["placements.SupportNeedsAccess"]()

    change = superuser_client.post(_admin_url("placements.SupportNeedsAccess", "change", access.pk))
    delete = superuser_client.post(
        _admin_url("placements.SupportNeedsAccess", "delete", access.pk), {"post": "yes"}
    )

    assert (change.status_code, delete.status_code) == (403, 403)
    assert SupportNeedsAccess.objects.count() == 1


#: Read-only rows staff may still remove: a mistaken evaluation, an email that will never
#: go out, the second factor of someone who lost their phone.
DELETABLE = ["evaluations.Evaluation", "stagegids.OutgoingEmail", "mfa.Authenticator"]


@pytest.mark.parametrize("label", DELETABLE)
def test_admin_read_only_rows_refuse_a_change_but_may_be_deleted(superuser_client, label):
    row = FACTORIES[label]()
    model = MODELS_BY_LABEL[label]

    change = superuser_client.post(_admin_url(label, "change", row.pk))
    delete = superuser_client.post(_admin_url(label, "delete", row.pk), {"post": "yes"})

    assert change.status_code == 403
    assert delete.status_code == 302
    assert not model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("label", sorted(READ_ONLY - set(DELETABLE)))
def test_admin_logs_refuse_a_delete(superuser_client, label):
    row = FACTORIES[label]()

    delete = superuser_client.post(_admin_url(label, "delete", row.pk), {"post": "yes"})

    assert delete.status_code == 403
    assert MODELS_BY_LABEL[label].objects.filter(pk=row.pk).exists()


def test_admin_invitations_are_read_only_and_never_show_the_token_hash(superuser_client):
    invitation = InvitationFactory()

    listed = superuser_client.get(_admin_url("placements.Invitation", "changelist"))
    shown = superuser_client.get(_admin_url("placements.Invitation", "change", invitation.pk))
    change = superuser_client.post(_admin_url("placements.Invitation", "change", invitation.pk))
    delete = superuser_client.post(
        _admin_url("placements.Invitation", "delete", invitation.pk), {"post": "yes"}
    )

    assert (listed.status_code, shown.status_code) == (200, 200)
    assert invitation.email in listed.content.decode()
    assert invitation.token_hash not in listed.content.decode() + shown.content.decode()
    assert (change.status_code, delete.status_code) == (403, 403)
    assert Invitation.objects.count() == 1


def test_admin_placement_page_never_shows_support_needs(superuser_client, placement_a):
    IntakeFactory(placement=placement_a, support_needs="Heeft moeite met lezen.")

    response = superuser_client.get(_admin_url("placements.Placement", "change", placement_a.pk))

    assert response.status_code == 200
    assert "Heeft moeite met lezen." not in response.content.decode()


def test_admin_checklist_template_saves_the_ticked_kinds(superuser_client):
    data = {
        "phase": 3,
        "order": 500,
        "text": "Werkplek opgeruimd achtergelaten",
        "help_text": "",
        "kinds": ["lintstage", "blokstage"],
        "is_active": "on",
    }

    response = superuser_client.post(_admin_url("placements.ChecklistItemTemplate", "add"), data)

    assert response.status_code == 302
    template = ChecklistItemTemplate.objects.get(text="Werkplek opgeruimd achtergelaten")
    assert template.kinds == ["lintstage", "blokstage"]
    assert template.applies_to("blokstage") is True
    assert template.applies_to("meeloopdag") is False


@pytest.mark.parametrize("label", REGISTERED)
def test_admin_change_page_renders(superuser_client, label):
    row = FACTORIES[label]()

    response = superuser_client.get(_admin_url(label, "change", row.pk))

    assert response.status_code == 200
    assert response.context["original"] == row


def test_admin_placement_changelist_search_finds_pupil(superuser_client, placement_a, placement_b):
    response = superuser_client.get(_admin_url("placements.Placement", "changelist"), {"q": "Daan"})

    assert [p.pk for p in response.context["cl"].result_list] == [placement_a.pk]


def test_admin_anonymous_is_redirected_to_admin_login(client):
    response = client.get("/admin/placements/placement/")

    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/placements/placement/"


def test_admin_non_staff_is_redirected_to_admin_login(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get("/admin/placements/placement/")

    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/placements/placement/"


# --- autocomplete ---------------------------------------------------------------------------


def _autocomplete(client, field_name, term):
    return client.get(
        "/admin/autocomplete/",
        {
            "app_label": "placements",
            "model_name": "placement",
            "field_name": field_name,
            "term": term,
        },
    )


def test_admin_autocomplete_student_finds_pupil(superuser_client, placement_a, placement_b):
    response = _autocomplete(superuser_client, "student", "Daan")

    assert response.status_code == 200
    assert response.json() == {
        "results": [{"id": str(placement_a.student_id), "text": "Daan Visser"}],
        "pagination": {"more": False},
    }


def test_admin_autocomplete_company_finds_company(superuser_client, company_a, company_b):
    response = _autocomplete(superuser_client, "company", "alfa")

    assert response.status_code == 200
    assert response.json() == {
        "results": [{"id": str(company_a.pk), "text": "Warmtetechniek Alfa B.V."}],
        "pagination": {"more": False},
    }


def test_admin_autocomplete_supervisor_finds_user(superuser_client, supervisor_a, supervisor_b):
    response = _autocomplete(superuser_client, "supervisor", supervisor_a.email)

    assert response.status_code == 200
    assert response.json() == {
        "results": [{"id": str(supervisor_a.pk), "text": supervisor_a.get_full_name()}],
        "pagination": {"more": False},
    }


def test_admin_autocomplete_non_staff_is_redirected_to_admin_login(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)

    response = _autocomplete(client, "student", "Daan")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/?next=/admin/autocomplete/")


def test_admin_autocomplete_staff_without_permissions_is_403(client, placement_a):
    force_login_with_second_factor(client, UserFactory(is_staff=True))

    response = _autocomplete(client, "student", "Daan")

    assert response.status_code == 403


# --- adding and changing placements ---------------------------------------------------------


INLINE_PREFIXES = [
    "intake",
    "status_changes",
    "checklist_items",
    "day_logs",
    "task_records",
    "feedback_moments",
]


def _placement_data(placement_a, **changes):
    """Form data for a second placement of placement_a's pupil, just after the first."""
    data = {
        "student": placement_a.student_id,
        "company": placement_a.company_id,
        "supervisor": placement_a.supervisor_id,
        "kind": PlacementKind.BLOKSTAGE,
        "status": PlacementStatus.PLANNED,
        "start_date": "2026-04-06",
        "end_date": "2026-04-17",
        "daily_start_time": "07:30",
        "daily_end_time": "16:00",
        "hours_per_week": "32",
        "weekday": "",
        "planned_hours": "",
        "_save": "Save",
    }
    # The read-only inlines of the placement's journal post their (empty) management forms.
    for prefix in INLINE_PREFIXES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return {**data, **changes}


def test_admin_add_placement_valid_is_saved(superuser_client, placement_a):
    add_url = _admin_url("placements.Placement", "add")

    response = superuser_client.post(add_url, _placement_data(placement_a))

    assert response.status_code == 302
    assert response.url == _admin_url("placements.Placement", "changelist")
    saved = Placement.objects.exclude(pk=placement_a.pk).get()
    assert saved.student == placement_a.student
    assert saved.supervisor == placement_a.supervisor
    assert saved.start_date == datetime.date(2026, 4, 6)
    assert saved.end_date == datetime.date(2026, 4, 17)
    assert saved.daily_start_time == datetime.time(7, 30)


def test_admin_add_placement_overlapping_shows_error_saves_nothing(superuser_client, placement_a):
    add_url = _admin_url("placements.Placement", "add")
    data = _placement_data(placement_a, start_date="2026-03-09", end_date="2026-03-20")

    response = superuser_client.post(add_url, data)

    form = response.context["adminform"].form
    assert response.status_code == 200
    assert list(form.errors) == ["start_date"]
    assert 'id="id_start_date_error"' in response.content.decode()
    assert list(Placement.objects.values_list("pk", flat=True)) == [placement_a.pk]


def test_admin_add_placement_overlap_with_cancelled_is_saved(superuser_client, placement_a):
    placement_a.status = PlacementStatus.CANCELLED
    placement_a.save(update_fields=["status"])
    add_url = _admin_url("placements.Placement", "add")
    data = _placement_data(placement_a, start_date="2026-03-09", end_date="2026-03-20")

    response = superuser_client.post(add_url, data)

    assert response.status_code == 302
    assert Placement.objects.count() == 2


def test_admin_add_placement_supervisor_of_other_company_shows_error_saves_nothing(
    superuser_client, placement_a, supervisor_b
):
    add_url = _admin_url("placements.Placement", "add")
    data = _placement_data(placement_a, supervisor=supervisor_b.pk)

    response = superuser_client.post(add_url, data)

    form = response.context["adminform"].form
    assert response.status_code == 200
    assert list(form.errors) == ["supervisor"]
    assert 'id="id_supervisor_error"' in response.content.decode()
    assert list(Placement.objects.values_list("pk", flat=True)) == [placement_a.pk]


def test_admin_add_placement_leerwerktraject_for_vmbo_k_shows_error(superuser_client, placement_a):
    add_url = _admin_url("placements.Placement", "add")
    data = _placement_data(placement_a, kind=PlacementKind.LEERWERKTRAJECT, planned_hours="800")

    response = superuser_client.post(add_url, data)

    form = response.context["adminform"].form
    assert response.status_code == 200
    # vmbo-k pupil and a company without SBB recognition: two rules broken at once.
    assert sorted(form.errors) == ["company", "kind"]
    assert Placement.objects.count() == 1


def test_admin_change_placement_keeps_own_period(superuser_client, placement_a):
    change_url = _admin_url("placements.Placement", "change", placement_a.pk)
    data = _placement_data(placement_a, start_date="2026-03-02", end_date="2026-03-20")

    response = superuser_client.post(change_url, data)

    placement_a.refresh_from_db()
    assert response.status_code == 302
    assert placement_a.end_date == datetime.date(2026, 3, 20)


def test_admin_form_definition_in_use_is_locked(superuser_client):
    definition = FormDefinition.objects.get(version=1)
    EvaluationFactory(definition=definition)
    url = _admin_url("evaluations.FormDefinition", "change", definition.pk)

    response = superuser_client.get(url)

    assert response.status_code == 200
    assert set(response.context["adminform"].readonly_fields) == {
        "version",
        "title",
        "introduction",
    }


def test_admin_copy_as_new_version_copies_the_criteria_unpublished(superuser_client):
    definition = FormDefinition.objects.get(version=1)

    response = superuser_client.post(
        _admin_url("evaluations.FormDefinition", "changelist"),
        {"action": "copy_as_new_version", "_selected_action": [definition.pk]},
    )

    copy = FormDefinition.objects.get(version=2)
    assert response.status_code == 302
    assert copy.is_published is False
    assert list(copy.criteria.values_list("text", flat=True)) == list(
        definition.criteria.values_list("text", flat=True)
    )
    assert Criterion.objects.filter(definition=definition).count() == 8

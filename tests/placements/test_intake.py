"""The intake of a placement, and the privacy of the pupil's support needs."""

import pytest
from django.conf import settings
from django.urls import reverse

from placements.models import InsuranceAnswer, Intake, Placement, SchoolRole, SupportNeedsAccess
from placements.services.intake import intake_update
from tests.factories import CompanyMembershipFactory, IntakeFactory, SchoolMembershipFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
NEEDS = "Heeft moeite met lange schriftelijke instructies; liever voordoen."

ALLOWED_EDITORS = ["supervisor_a", "coordinator_a", "teacher_a", "staff", "company_admin_a"]
SEE_NEEDS = ["supervisor_a", "coordinator_a", "teacher_a"]
NOT_SEE_NEEDS = ["staff", "company_admin_a"]
OTHER_SIDE = ["supervisor_b", "coordinator_b", "outsider"]


def _intake_url(placement):
    return reverse("placements:intake", kwargs={"public_id": placement.public_id})


def _needs_url(placement):
    return reverse("placements:support_needs", kwargs={"public_id": placement.public_id})


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _form_data(**changes):
    data = {
        "learning_goals": "Ontdekken welke installaties ik het leukst vind.",
        "prior_knowledge": "vmbo-k, PIE, derde jaar",
        "agreements": "ma t/m do 7:30–16:00",
        "insured_material_damage": "yes",
        "insured_accidents": "no",
        "contact_name": "Mevrouw De Vries",
        "contact_email": "devries@school.example",
        "contact_phone": "030 123 4567",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _accesses(placement):
    return list(
        SupportNeedsAccess.objects.filter(placement=placement)
        .order_by("pk")
        .values_list("action", "user_id")
    )


@pytest.fixture
def company_admin_a(company_a):
    """A second admin of company A who does not supervise placement_a."""
    return CompanyMembershipFactory(company=company_a, is_company_admin=True).user


@pytest.fixture
def plain_supervisor_a(company_a, placement_a):
    """An employee of company A, not an admin, who takes over supervising placement_a."""
    user = CompanyMembershipFactory(company=company_a).user
    Placement.objects.filter(pk=placement_a.pk).update(supervisor=user)
    placement_a.refresh_from_db()
    return user


@pytest.fixture
def intake_a(placement_a):
    return IntakeFactory(placement=placement_a, support_needs=NEEDS)


# --- the intake form: who may -----------------------------------------------------------------


@pytest.mark.parametrize("persona", ALLOWED_EDITORS)
def test_intake_get_by_allowed_persona_shows_form(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_intake_url(placement_a))

    assert response.status_code == 200
    assert 'name="learning_goals"' in response.content.decode()


@pytest.mark.parametrize("persona", OTHER_SIDE)
def test_intake_by_other_side_is_404(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    get = client.get(_intake_url(placement_a))
    post = client.post(_intake_url(placement_a), _form_data())

    assert (get.status_code, post.status_code) == (404, 404)
    assert Intake.objects.count() == 0


def test_intake_logged_out_redirects_to_login(client, placement_a):
    url = _intake_url(placement_a)

    get = client.get(url)
    post = client.post(url, _form_data())

    assert (get.status_code, get.url) == (302, f"{LOGIN_URL}?next={url}")
    assert (post.status_code, post.url) == (302, f"{LOGIN_URL}?next={url}")
    assert Intake.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_intake_wrong_method_is_405(client, supervisor_a, placement_a, method):
    client.force_login(supervisor_a)

    response = getattr(client, method)(_intake_url(placement_a))

    assert response.status_code == 405


# --- saving -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALLOWED_EDITORS)
def test_intake_post_by_allowed_persona_creates_the_intake(client, request, placement_a, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.post(_intake_url(placement_a), _form_data())

    intake = Intake.objects.get()
    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#intake"
    assert (intake.placement, intake.updated_by) == (placement_a, user)
    assert (
        intake.learning_goals,
        intake.prior_knowledge,
        intake.agreements,
        intake.insured_material_damage,
        intake.insured_accidents,
        intake.contact_name,
        intake.contact_email,
        intake.contact_phone,
    ) == (
        "Ontdekken welke installaties ik het leukst vind.",
        "vmbo-k, PIE, derde jaar",
        "ma t/m do 7:30–16:00",
        InsuranceAnswer.YES,
        InsuranceAnswer.NO,
        "Mevrouw De Vries",
        "devries@school.example",
        "030 123 4567",
    )


def test_intake_post_twice_keeps_one_intake(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    first = client.post(_intake_url(placement_a), _form_data())
    second = client.post(_intake_url(placement_a), _form_data())

    assert (first.status_code, second.status_code) == (302, 302)
    assert Intake.objects.count() == 1
    assert Intake.objects.get().contact_name == "Mevrouw De Vries"


def test_intake_post_updates_the_existing_intake(client, coordinator_a, placement_a):
    existing = IntakeFactory(placement=placement_a, contact_name="Oud")
    client.force_login(coordinator_a)

    client.post(_intake_url(placement_a), _form_data(contact_name="Nieuw"))

    assert list(Intake.objects.values_list("pk", "contact_name", "updated_by")) == [
        (existing.pk, "Nieuw", coordinator_a.pk)
    ]


def test_intake_get_shows_the_saved_values(client, supervisor_a, placement_a):
    IntakeFactory(placement=placement_a, contact_name="Meester Jansen")
    client.force_login(supervisor_a)

    response = client.get(_intake_url(placement_a))

    assert response.context["form"].initial["contact_name"] == "Meester Jansen"
    assert 'value="Meester Jansen"' in response.content.decode()


def test_intake_example_goals_are_appended_once(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    _in_english(client)
    data = _form_data(learning_goals="Mijn eigen doel.", suggested_goals=["0", "2"])

    client.post(_intake_url(placement_a), data)
    client.post(_intake_url(placement_a), data)  # a double submit

    assert Intake.objects.get().learning_goals == (
        "Mijn eigen doel.\n"
        "Find out whether installation technology suits me.\n"
        "Find out at which kind of locations I like to work best."
    )


def test_intake_example_goal_already_in_goals_is_not_added_again(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    _in_english(client)
    goals = "Find out whether installation technology suits me."

    client.post(_intake_url(placement_a), _form_data(learning_goals=goals, suggested_goals=["0"]))

    assert Intake.objects.get().learning_goals == goals


def test_intake_example_goal_into_empty_goals_has_no_leading_newline(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)
    _in_english(client)

    client.post(_intake_url(placement_a), _form_data(learning_goals="", suggested_goals=["4"]))

    assert Intake.objects.get().learning_goals == "Use what I learnt at school in real work."


def test_intake_unknown_example_goal_is_refused_at_the_field(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(_intake_url(placement_a), _form_data(suggested_goals=["99"]))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["suggested_goals"]
    assert Intake.objects.count() == 0


def test_intake_invalid_email_is_refused_at_the_field_and_saves_nothing(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_intake_url(placement_a), _form_data(contact_email="geen-mail"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"contact_email": ["Enter a valid email address."]}
    assert "Enter a valid email address." in response.content.decode()
    assert Intake.objects.count() == 0


def test_intake_invalid_email_leaves_an_existing_intake_alone(client, supervisor_a, placement_a):
    IntakeFactory(placement=placement_a, contact_email="oud@school.example", contact_name="Oud")
    client.force_login(supervisor_a)

    client.post(
        _intake_url(placement_a), _form_data(contact_email="geen-mail", contact_name="Nieuw")
    )

    assert list(Intake.objects.values_list("contact_email", "contact_name")) == [
        ("oud@school.example", "Oud")
    ]


@pytest.mark.parametrize("field", ["insured_material_damage", "insured_accidents"])
def test_intake_unknown_insurance_answer_is_refused_at_the_field(
    client, supervisor_a, placement_a, field
):
    client.force_login(supervisor_a)

    response = client.post(_intake_url(placement_a), _form_data(**{field: "misschien"}))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Intake.objects.count() == 0


def test_intake_empty_post_saves_nothing_and_no_500(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(_intake_url(placement_a), {})

    assert response.status_code == 200
    assert Intake.objects.count() == 0


# --- support needs in the intake form ---------------------------------------------------------


@pytest.mark.parametrize("persona", SEE_NEEDS)
def test_intake_form_has_support_needs_for_supervisor_coordinator_teacher(
    client, request, placement_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_intake_url(placement_a))

    assert "support_needs" in response.context["form"].fields
    assert 'name="support_needs"' in response.content.decode()


@pytest.mark.parametrize("persona", NOT_SEE_NEEDS)
def test_intake_form_has_no_support_needs_for_staff_or_other_company_admin(
    client, request, intake_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_intake_url(intake_a.placement))

    content = response.content.decode()
    assert response.status_code == 200
    assert "support_needs" not in response.context["form"].fields
    assert 'name="support_needs"' not in content
    assert NEEDS not in content
    assert _accesses(intake_a.placement) == []


@pytest.mark.parametrize("persona", SEE_NEEDS)
def test_intake_post_with_support_needs_saves_and_logs_one_edit(
    client, request, placement_a, persona
):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    client.post(_intake_url(placement_a), _form_data(support_needs=NEEDS))

    assert Intake.objects.get().support_needs == NEEDS
    assert _accesses(placement_a) == [("edit", user.pk)]


def test_intake_post_with_unchanged_support_needs_logs_no_second_edit(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)

    client.post(_intake_url(placement_a), _form_data(support_needs=NEEDS))
    client.post(_intake_url(placement_a), _form_data(support_needs=NEEDS))

    assert _accesses(placement_a) == [("edit", supervisor_a.pk)]


def test_intake_post_clearing_support_needs_logs_an_edit(client, teacher_a, intake_a):
    client.force_login(teacher_a)

    client.post(_intake_url(intake_a.placement), _form_data(support_needs=""))

    intake_a.refresh_from_db()
    assert intake_a.support_needs == ""
    assert _accesses(intake_a.placement) == [("edit", teacher_a.pk)]


@pytest.mark.parametrize("persona", NOT_SEE_NEEDS)
def test_intake_post_with_support_needs_by_staff_or_other_admin_leaves_them_alone(
    client, request, intake_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        _intake_url(intake_a.placement),
        _form_data(support_needs="Overschreven door iemand die het niet mag lezen"),
    )

    intake_a.refresh_from_db()
    assert response.status_code == 302
    assert intake_a.support_needs == NEEDS
    assert intake_a.contact_name == "Mevrouw De Vries"  # the rest is saved
    assert _accesses(intake_a.placement) == []


@pytest.mark.parametrize("persona", NOT_SEE_NEEDS)
def test_intake_post_with_support_needs_by_staff_or_other_admin_on_new_intake_saves_none(
    client, request, placement_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    client.post(_intake_url(placement_a), _form_data(support_needs="Mag ik niet invullen"))

    assert Intake.objects.get().support_needs == ""
    assert _accesses(placement_a) == []


@pytest.mark.parametrize("persona", SEE_NEEDS)
def test_intake_get_with_support_needs_logs_one_view(client, request, intake_a, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.get(_intake_url(intake_a.placement))

    assert NEEDS in response.content.decode()
    assert _accesses(intake_a.placement) == [("view", user.pk)]


def test_intake_get_without_support_needs_logs_nothing(client, supervisor_a, placement_a):
    IntakeFactory(placement=placement_a, support_needs="")
    client.force_login(supervisor_a)

    client.get(_intake_url(placement_a))

    assert _accesses(placement_a) == []


def test_intake_update_service_logs_edit_only_when_needs_change(supervisor_a, placement_a):
    intake_update(placement_a, by=supervisor_a, contact_name="A")
    intake_update(placement_a, by=supervisor_a, support_needs=NEEDS)
    intake_update(placement_a, by=supervisor_a, support_needs=NEEDS, contact_name="B")

    assert _accesses(placement_a) == [("edit", supervisor_a.pk)]
    assert Intake.objects.count() == 1


def test_intake_update_service_refuses_unknown_fields(supervisor_a, placement_a):
    with pytest.raises(TypeError):
        intake_update(placement_a, by=supervisor_a, placement_id=123)

    assert Intake.objects.count() == 0


# --- the support needs page -------------------------------------------------------------------


@pytest.mark.parametrize("persona", SEE_NEEDS)
def test_support_needs_page_shows_needs_and_logs_each_view(client, request, intake_a, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    first = client.get(_needs_url(intake_a.placement))
    second = client.get(_needs_url(intake_a.placement))

    assert (first.status_code, second.status_code) == (200, 200)
    assert NEEDS in first.content.decode()
    assert _accesses(intake_a.placement) == [("view", user.pk), ("view", user.pk)]


def test_support_needs_page_without_intake_says_nothing_recorded(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.get(_needs_url(placement_a))

    assert response.status_code == 200
    assert "Nothing recorded." in response.content.decode()
    assert Intake.objects.count() == 0


@pytest.mark.parametrize("persona", NOT_SEE_NEEDS)
def test_support_needs_page_is_403_for_staff_and_other_company_admin(
    client, request, intake_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_needs_url(intake_a.placement))

    assert response.status_code == 403
    assert NEEDS not in response.content.decode()
    assert _accesses(intake_a.placement) == []


@pytest.mark.parametrize("persona", OTHER_SIDE)
def test_support_needs_page_is_404_for_other_side(client, request, intake_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_needs_url(intake_a.placement))

    assert response.status_code == 404
    assert _accesses(intake_a.placement) == []


def test_support_needs_page_is_404_for_a_teacher_who_does_not_follow_the_pupil(
    client, school_a, intake_a
):
    other_teacher = SchoolMembershipFactory(school=school_a, role=SchoolRole.TEACHER).user
    client.force_login(other_teacher)

    response = client.get(_needs_url(intake_a.placement))

    assert response.status_code == 404
    assert _accesses(intake_a.placement) == []


def test_support_needs_page_logged_out_redirects_to_login(client, intake_a):
    url = _needs_url(intake_a.placement)

    response = client.get(url)

    assert (response.status_code, response.url) == (302, f"{LOGIN_URL}?next={url}")
    assert _accesses(intake_a.placement) == []


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_support_needs_page_wrong_method_is_405(client, supervisor_a, intake_a, method):
    client.force_login(supervisor_a)

    response = getattr(client, method)(_needs_url(intake_a.placement))

    assert response.status_code == 405
    assert _accesses(intake_a.placement) == []


# --- the intake on the detail page ------------------------------------------------------------


@pytest.mark.parametrize("persona", SEE_NEEDS)
def test_placement_detail_links_to_support_needs_without_showing_them(
    client, request, intake_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(intake_a.placement.get_absolute_url())

    content = response.content.decode()
    assert content.count(f'href="{_needs_url(intake_a.placement)}"') == 1
    assert NEEDS not in content
    assert _accesses(intake_a.placement) == []


@pytest.mark.parametrize("persona", NOT_SEE_NEEDS)
def test_placement_detail_has_no_support_needs_link_for_staff_or_other_admin(
    client, request, intake_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(intake_a.placement.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert _needs_url(intake_a.placement) not in content
    assert NEEDS not in content
    assert response.context["may_see_support_needs"] is False


def test_placement_detail_without_support_needs_has_no_link(client, supervisor_a, placement_a):
    IntakeFactory(placement=placement_a, support_needs="")
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert _needs_url(placement_a) not in response.content.decode()


@pytest.mark.parametrize("persona", ALLOWED_EDITORS)
def test_placement_detail_shows_intake_and_edit_link(client, request, intake_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(intake_a.placement.get_absolute_url())

    content = response.content.decode()
    assert 'id="intake"' in content
    assert f'href="{_intake_url(intake_a.placement)}"' in content
    assert "Ontdekken of installatietechniek bij mij past." in content


def test_placement_detail_without_intake_offers_to_fill_it_in(client, teacher_a, placement_a):
    client.force_login(teacher_a)
    _in_english(client)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert response.context["intake"] is None
    assert "Nobody has filled in the intake yet." in content
    assert "Fill in the intake" in content


# --- the supervisor is the one who sees them, not the company admin ---------------------------


def test_support_needs_page_for_supervisor_who_is_no_admin_is_allowed_and_logged(
    client, plain_supervisor_a, intake_a
):
    client.force_login(plain_supervisor_a)

    response = client.get(_needs_url(intake_a.placement))

    assert response.status_code == 200
    assert NEEDS in response.content.decode()
    assert _accesses(intake_a.placement) == [("view", plain_supervisor_a.pk)]


def test_support_needs_page_for_company_admin_after_handing_over_supervision_is_403(
    client, supervisor_a, plain_supervisor_a, intake_a
):
    client.force_login(supervisor_a)  # still company admin, no longer the supervisor

    page = client.get(_needs_url(intake_a.placement))
    form = client.get(_intake_url(intake_a.placement))
    detail = client.get(intake_a.placement.get_absolute_url())

    assert page.status_code == 403
    assert "support_needs" not in form.context["form"].fields
    assert _needs_url(intake_a.placement) not in detail.content.decode()
    assert _accesses(intake_a.placement) == []


def test_intake_post_by_supervisor_who_is_no_admin_saves_support_needs(
    client, plain_supervisor_a, placement_a
):
    client.force_login(plain_supervisor_a)

    client.post(_intake_url(placement_a), _form_data(support_needs=NEEDS))

    assert Intake.objects.get().support_needs == NEEDS
    assert _accesses(placement_a) == [("edit", plain_supervisor_a.pk)]


def test_support_needs_head_request_logs_no_view(client, supervisor_a, placement_a):
    IntakeFactory(placement=placement_a, support_needs="Korte instructies werken het best.")
    client.force_login(supervisor_a)

    response = client.head(_needs_url(placement_a))

    assert response.status_code == 200
    assert SupportNeedsAccess.objects.count() == 0


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_intake_of_a_closed_placement_is_read_only(client, supervisor_a, placement_a, status):
    Placement.objects.filter(pk=placement_a.pk).update(status=status)
    client.force_login(supervisor_a)

    get = client.get(_intake_url(placement_a))
    post = client.post(_intake_url(placement_a), _form_data())

    assert (get.status_code, post.status_code) == (403, 403)
    assert Intake.objects.filter(placement=placement_a).exists() is False

"""#10 (3): safe work. The company describes the pupil's tasks, their risks and the
measures, beside the work the law does not allow at the pupil's age, and confirms that
its risk assessment covers young workers and that the pupil will not do that work."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from placements.models import ForbiddenWork, Placement, PlacementStatus, SafeWork
from placements.selectors.working_time import forbidden_work_for
from placements.services.working_time import safe_work_update
from tests.factories import CompanyMembershipFactory

pytestmark = pytest.mark.django_db

FILLED = {
    "tasks": "Leidingen meten en zagen, beugels monteren.",
    "risks": "Snijden aan zaagranden; struikelen over materiaal.",
    "measures": "Uitleg vooraf, werkt naast Jan, zaagt alleen met de handzaag.",
    "protective_equipment": "Veiligheidsschoenen, handschoenen",
    "supervised_by": "Jan de Vries",
    "rie_covers_young_workers": "on",
    "forbidden_work_excluded": "on",
}
TICK_TO_CONFIRM = "Tick this to confirm it; the internship needs it."


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _url(placement):
    return reverse("placements:safe_work", kwargs={"public_id": placement.public_id})


def _stored(placement):
    return SafeWork.objects.filter(placement=placement).first()


# --- the list of work not allowed ---------------------------------------------------------


def test_the_migration_loads_the_installation_examples_by_age():
    names = {work.name for work in ForbiddenWork.objects.all()}

    assert len(names) == 9
    assert any("spanningvoerende" in name for name in names)
    assert any("asbest" in name for name in names)
    assert any("85 dB(A)" in name for name in names)


@pytest.mark.parametrize(("age", "count"), [(12, 9), (15, 9), (16, 4), (17, 4), (18, 0)])
def test_the_list_shows_the_work_not_allowed_at_the_age(age, count):
    work = forbidden_work_for(age)

    assert len(work) == count
    assert all(item.max_age >= age for item in work)


def test_the_whole_list_while_the_age_is_unknown_and_never_what_is_switched_off():
    ForbiddenWork.objects.filter(name__icontains="asbest").update(is_active=False)

    assert len(forbidden_work_for(None)) == 8
    assert not any("asbest" in work.name for work in forbidden_work_for(16))


# --- the company describes it -------------------------------------------------------------


def test_the_supervisor_sees_the_form_beside_the_work_not_allowed(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)

    response = client.get(_url(placement_a))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="forbidden-work"' in content
    assert "Not allowed at 15 years" in content
    assert "Werken met of bij asbest" in content
    assert 'name="rie_covers_young_workers"' in content


def test_the_supervisor_describes_and_confirms_it(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(_url(placement_a), FILLED)

    assert response.status_code == 302
    assert response["Location"] == f"{placement_a.get_absolute_url()}#safe-work"
    stored = _stored(placement_a)
    assert stored.tasks == FILLED["tasks"] and stored.supervised_by == "Jan de Vries"
    assert stored.rie_covers_young_workers and stored.forbidden_work_excluded
    assert stored.is_complete and stored.updated_by == supervisor_a
    page = client.get(placement_a.get_absolute_url()).content.decode()
    assert "Leidingen meten en zagen" in page
    assert "risk assessment (RI&E) has a part about young workers." in page


def test_changing_it_again_updates_the_one_row(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    client.post(_url(placement_a), FILLED)

    client.post(_url(placement_a), FILLED | {"tasks": "Alleen meekijken."})

    assert SafeWork.objects.filter(placement=placement_a).count() == 1
    assert _stored(placement_a).tasks == "Alleen meekijken."


@pytest.mark.parametrize("field", ["rie_covers_young_workers", "forbidden_work_excluded"])
def test_without_a_confirmation_it_is_refused_at_the_box_and_nothing_saved(
    client, supervisor_a, placement_a, field
):
    client.force_login(supervisor_a)
    data = {key: value for key, value in FILLED.items() if key != field}

    response = client.post(_url(placement_a), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [TICK_TO_CONFIRM]}
    assert _stored(placement_a) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"tasks": ""}, "tasks"),
        ({"risks": "   "}, "risks"),
        ({"measures": ""}, "measures"),
        ({"supervised_by": ""}, "supervised_by"),
        ({"tasks": "x" * 4001}, "tasks"),
        ({"supervised_by": "x" * 201}, "supervised_by"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_saved(
    client, supervisor_a, placement_a, changes, field
):
    client.force_login(supervisor_a)

    response = client.post(_url(placement_a), FILLED | changes)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _stored(placement_a) is None


def test_a_nul_byte_is_refused_with_a_message_not_a_server_error(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(_url(placement_a), FILLED | {"tasks": "Meten\x00 en zagen"})

    assert response.status_code == 200
    assert "tasks" in response.context["form"].errors
    assert _stored(placement_a) is None


# --- who may ------------------------------------------------------------------------------


def test_the_company_admin_and_staff_may_too(client, company_a, placement_a, staff):
    admin = CompanyMembershipFactory(company=company_a, is_company_admin=True).user
    for user in (admin, staff):
        client.force_login(user)
        assert client.get(_url(placement_a)).status_code == 200


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
def test_the_school_reads_it_on_the_page_but_may_not_change_it(
    client, request, supervisor_a, placement_a, persona
):
    safe_work_update(
        placement_a,
        by=supervisor_a,
        **{**FILLED, "rie_covers_young_workers": True, "forbidden_work_excluded": True},
    )
    client.force_login(request.getfixturevalue(persona))

    page = client.get(placement_a.get_absolute_url())
    refused = client.post(_url(placement_a), FILLED | {"tasks": "Iets anders"})

    assert page.status_code == 200
    assert "Leidingen meten en zagen" in page.content.decode()
    assert 'id="safe-work-edit"' not in page.content.decode()
    assert refused.status_code == 403
    assert _stored(placement_a).tasks == FILLED["tasks"]


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b"])
def test_another_company_or_school_gets_404(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(_url(placement_a)).status_code == 404
    assert client.post(_url(placement_a), FILLED).status_code == 404
    assert _stored(placement_a) is None


def test_a_completed_placement_no_longer_changes(client, supervisor_a, placement_a):
    Placement.objects.filter(pk=placement_a.pk).update(status=PlacementStatus.COMPLETED)
    client.force_login(supervisor_a)

    assert client.get(_url(placement_a)).status_code == 403
    assert client.post(_url(placement_a), FILLED).status_code == 403
    assert _stored(placement_a) is None


def test_the_service_refuses_a_placement_that_closed_meanwhile(supervisor_a, placement_a):
    Placement.objects.filter(pk=placement_a.pk).update(status=PlacementStatus.CANCELLED)

    with pytest.raises(Exception, match="no longer changes"):
        safe_work_update(placement_a, by=supervisor_a, tasks="x")

    assert _stored(placement_a) is None


def test_the_page_says_what_is_missing_until_it_is_complete(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    before = client.get(placement_a.get_absolute_url())
    saved = client.post(_url(placement_a), FILLED, follow=True)
    after = client.get(placement_a.get_absolute_url())

    assert (before.status_code, after.status_code) == (200, 200)
    assert "has not described the pupil's tasks" in before.content.decode()
    assert 'id="safe-work-edit"' in before.content.decode()
    assert "has not described" not in after.content.decode()
    messages = [str(m) for m in get_messages(saved.wsgi_request)]
    assert messages == ["The tasks, risks and measures are saved."]


@pytest.mark.parametrize("extra", [0, 30])
def test_the_page_runs_the_same_queries_however_long_the_list(
    client, django_assert_num_queries, supervisor_a, placement_a, extra
):
    ForbiddenWork.objects.bulk_create(
        ForbiddenWork(name=f"Extra werk {n}", max_age=17) for n in range(extra)
    )
    client.force_login(supervisor_a)

    # session, user, the user's memberships, the placement with its relations and safe
    # work, the list of work not allowed at the pupil's age
    with django_assert_num_queries(5):
        response = client.get(_url(placement_a))

    assert response.status_code == 200
    assert len(response.context["forbidden_work"]) == 9 + extra

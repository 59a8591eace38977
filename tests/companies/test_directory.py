"""The companies directory: who sees which company, placement counts, SBB warnings."""

import datetime

import pytest
from django.conf import settings

from companies.models import Company
from placements.models import PlacementKind, PlacementStatus, Programme
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    PlacementFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/companies/"
START = datetime.date(2026, 2, 2)
END = datetime.date(2026, 6, 26)


def detail_url(company: Company) -> str:
    return f"/companies/{company.pk}/"


def listed(response) -> list[str]:
    return [company.name for company in response.context["companies"]]


def sbb_placement(*, company, programme, kind, school=None):
    """A placement from START to END; a leerwerktraject plans 640 hours."""
    student = StudentFactory(programme=programme, **({"school": school} if school else {}))
    return PlacementFactory(
        student=student,
        company=company,
        kind=kind,
        start_date=START,
        end_date=END,
        planned_hours=640 if kind == PlacementKind.LEERWERKTRAJECT else None,
    )


def recognition_ends(company: Company, day: datetime.date) -> None:
    Company.objects.filter(pk=company.pk).update(sbb_valid_until=day)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- scoping ---------------------------------------------------------------------------


def test_company_list_coordinator_sees_companies_of_school_pupils(
    client, coordinator_a, placement_a, placement_b, company_a
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed(response) == [company_a.name]


def test_company_list_coordinator_sees_other_company_once_own_pupil_placed_there(
    client, coordinator_a, school_a, placement_a, placement_b, company_a, company_b
):
    PlacementFactory(student=StudentFactory(school=school_a), company=company_b)
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    assert listed(response) == [company_b.name, company_a.name]


def test_company_list_coordinator_b_sees_company_b(
    client, coordinator_b, placement_a, placement_b, company_b
):
    client.force_login(coordinator_b)

    response = client.get(LIST_URL)

    assert listed(response) == [company_b.name]


def test_company_list_supervisor_sees_own_company_only(
    client, supervisor_a, placement_a, placement_b, company_a
):
    client.force_login(supervisor_a)

    response = client.get(LIST_URL)

    assert listed(response) == [company_a.name]


def test_company_list_supervisor_sees_own_company_without_placements(client, company_a):
    supervisor = CompanyMembershipFactory(company=company_a).user
    client.force_login(supervisor)

    response = client.get(LIST_URL)

    assert listed(response) == [company_a.name]


def test_company_list_teacher_sees_companies_of_followed_pupils_only(
    client, teacher_a, school_a, placement_a, company_a
):
    PlacementFactory(student=StudentFactory(school=school_a), company=CompanyFactory())
    client.force_login(teacher_a)

    response = client.get(LIST_URL)

    assert listed(response) == [company_a.name]


def test_company_list_outsider_sees_none(client, outsider, placement_a, placement_b):
    client.force_login(outsider)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed(response) == []


def test_company_list_staff_sees_all(client, staff, placement_a, placement_b):
    CompanyFactory(name="Zonder Stagiairs B.V.")
    client.force_login(staff)

    response = client.get(LIST_URL)

    assert listed(response) == [
        "Elektro Bravo B.V.",
        "Warmtetechniek Alfa B.V.",
        "Zonder Stagiairs B.V.",
    ]


def test_company_detail_in_scope_is_shown(client, coordinator_a, placement_a, company_a):
    client.force_login(coordinator_a)

    response = client.get(detail_url(company_a))

    assert response.status_code == 200
    assert response.context["company"] == company_a


@pytest.mark.parametrize(
    ("persona", "company"),
    [
        ("coordinator_a", "company_b"),
        ("coordinator_b", "company_a"),
        ("supervisor_a", "company_b"),
        ("teacher_a", "company_b"),
        ("outsider", "company_a"),
    ],
)
def test_company_detail_out_of_scope_is_404(
    client, request, placement_a, placement_b, persona, company
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(detail_url(request.getfixturevalue(company)))

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/companies/0/", "/companies/99999999999999999999/"])
def test_company_detail_unknown_id_is_404(client, staff, path):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 404


def test_company_detail_shows_only_visible_placements(
    client, coordinator_a, school_a, company_a, placement_a
):
    PlacementFactory(company=company_a)  # another school's pupil
    client.force_login(coordinator_a)

    response = client.get(detail_url(company_a))

    sections = {s["id"]: s["placements"] for s in response.context["placement_sections"]}
    assert sections == {"current": [placement_a], "past": []}


# --- counts ----------------------------------------------------------------------------


def test_company_list_counts_current_and_past_visible_placements(
    client, coordinator_a, school_a, company_a
):
    for status in (
        PlacementStatus.PLANNED,
        PlacementStatus.ACTIVE,
        PlacementStatus.CLOSING,
        PlacementStatus.COMPLETED,
        PlacementStatus.COMPLETED,
        PlacementStatus.CANCELLED,
        PlacementStatus.DRAFT,
    ):
        PlacementFactory(student=StudentFactory(school=school_a), company=company_a, status=status)
    PlacementFactory(company=company_a, status=PlacementStatus.ACTIVE)  # not visible
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    [company] = response.context["companies"]
    assert (company.current_count, company.past_count) == (3, 2)


def test_company_detail_groups_placements_by_status(client, coordinator_a, school_a, company_a):
    def placement(status):
        return PlacementFactory(
            student=StudentFactory(school=school_a), company=company_a, status=status
        )

    active, completed, draft = (
        placement(PlacementStatus.ACTIVE),
        placement(PlacementStatus.COMPLETED),
        placement(PlacementStatus.DRAFT),
    )
    client.force_login(coordinator_a)

    response = client.get(detail_url(company_a))

    sections = {s["id"]: s["placements"] for s in response.context["placement_sections"]}
    assert sections == {"current": [active], "past": [completed], "other": [draft]}
    assert f'href="{active.get_absolute_url()}"' in response.content.decode()


# --- SBB recognition -------------------------------------------------------------------


def test_company_list_sbb_state_per_company(client, staff):
    CompanyFactory(name="A Erkend", recognised=True)
    CompanyFactory(
        name="B Verlopen",
        sbb_recognised=True,
        sbb_number="SBB1",
        sbb_valid_until=datetime.date(2000, 1, 1),
    )
    CompanyFactory(name="C Niet erkend")
    client.force_login(staff)

    response = client.get(LIST_URL)

    assert [(c.name, c.sbb_state) for c in response.context["companies"]] == [
        ("A Erkend", "valid"),
        ("B Verlopen", "expired"),
        ("C Niet erkend", "none"),
    ]


def test_sbb_warning_leerwerktraject_past_recognition_is_shown(english, coordinator_a, school_a):
    company = CompanyFactory(recognised=True)
    placement = sbb_placement(
        company=company,
        programme=Programme.VMBO_B,
        kind=PlacementKind.LEERWERKTRAJECT,
        school=school_a,
    )
    recognition_ends(company, datetime.date(2026, 5, 31))
    english.force_login(coordinator_a)

    list_response = english.get(LIST_URL)
    detail_response = english.get(detail_url(company))

    assert [c.sbb_warning for c in list_response.context["companies"]] == [True]
    assert list_response.content.decode().count("sbb-warning-badge") == 1
    assert detail_response.context["sbb_warnings"] == [placement]
    assert f'id="sbb-warning-{placement.pk}"' in detail_response.content.decode()


def test_sbb_warning_pro_blokstage_past_recognition_is_shown(english, coordinator_a, school_a):
    company = CompanyFactory(recognised=True)
    placement = sbb_placement(
        company=company, programme=Programme.PRO, kind=PlacementKind.BLOKSTAGE, school=school_a
    )
    recognition_ends(company, END - datetime.timedelta(days=1))
    english.force_login(coordinator_a)

    list_response = english.get(LIST_URL)
    detail_response = english.get(detail_url(company))

    assert [c.sbb_warning for c in list_response.context["companies"]] == [True]
    assert detail_response.context["sbb_warnings"] == [placement]


def test_sbb_warning_vso_at_unrecognised_company_is_shown(english, coordinator_a, school_a):
    company = CompanyFactory()
    placement = sbb_placement(
        company=company, programme=Programme.VSO, kind=PlacementKind.BLOKSTAGE, school=school_a
    )
    english.force_login(coordinator_a)

    response = english.get(detail_url(company))

    assert response.context["sbb_warnings"] == [placement]
    assert "this company is not recognised" in response.content.decode()


def test_sbb_warning_recognition_lasting_past_end_is_not_shown(english, coordinator_a, school_a):
    company = CompanyFactory(recognised=True)
    sbb_placement(
        company=company,
        programme=Programme.VMBO_B,
        kind=PlacementKind.LEERWERKTRAJECT,
        school=school_a,
    )
    recognition_ends(company, END)
    english.force_login(coordinator_a)

    list_response = english.get(LIST_URL)
    detail_response = english.get(detail_url(company))

    assert [c.sbb_warning for c in list_response.context["companies"]] == [False]
    assert "sbb-warning-badge" not in list_response.content.decode()
    assert detail_response.context["sbb_warnings"] == []
    assert 'class="alert alert-warning sbb-warning"' not in detail_response.content.decode()


def test_sbb_warning_vmbo_k_blokstage_is_not_shown(english, coordinator_a, school_a):
    company = CompanyFactory()  # not recognised at all
    sbb_placement(
        company=company, programme=Programme.VMBO_K, kind=PlacementKind.BLOKSTAGE, school=school_a
    )
    english.force_login(coordinator_a)

    list_response = english.get(LIST_URL)
    detail_response = english.get(detail_url(company))

    assert [c.sbb_warning for c in list_response.context["companies"]] == [False]
    assert detail_response.context["sbb_warnings"] == []


def test_sbb_warning_completed_placement_is_not_shown(english, coordinator_a, school_a):
    company = CompanyFactory(recognised=True)
    placement = sbb_placement(
        company=company, programme=Programme.PRO, kind=PlacementKind.BLOKSTAGE, school=school_a
    )
    placement.status = PlacementStatus.COMPLETED
    placement.save(update_fields=["status"])
    recognition_ends(company, START)
    english.force_login(coordinator_a)

    response = english.get(detail_url(company))

    assert response.context["sbb_warnings"] == []


def test_sbb_warning_of_invisible_placement_is_not_shown(english, coordinator_a, placement_a):
    company = placement_a.company
    sbb_placement(company=company, programme=Programme.PRO, kind=PlacementKind.BLOKSTAGE)
    english.force_login(coordinator_a)

    list_response = english.get(LIST_URL)
    detail_response = english.get(detail_url(company))

    assert [c.sbb_warning for c in list_response.context["companies"]] == [False]
    assert detail_response.context["sbb_warnings"] == []


# --- supervisors -----------------------------------------------------------------------


def test_company_detail_lists_supervisors_admins_first(
    client, coordinator_a, placement_a, company_a, supervisor_a, supervisor_b
):
    colleague = CompanyMembershipFactory(
        company=company_a, job_title="Monteur", user__last_name="Aalders"
    )
    colleague.user.phone = "030 123 4567"
    colleague.user.save(update_fields=["phone"])
    client.force_login(coordinator_a)

    response = client.get(detail_url(company_a))

    users = [m.user for m in response.context["supervisors"]]
    content = response.content.decode()
    # placement_a's supervisor is supervisor_a, the admin; the factory adds no other member.
    assert users == [supervisor_a, colleague.user]
    assert f'id="supervisor-{supervisor_b.pk}"' not in content
    assert "Monteur" in content
    assert 'href="tel:030 123 4567"' in content
    assert f'href="mailto:{colleague.user.email}"' in content


# --- methods and anonymous access ------------------------------------------------------


@pytest.mark.parametrize("path", [LIST_URL, "/companies/1/"])
def test_company_pages_anonymous_redirects_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_company_pages_post_is_405(client, coordinator_a, placement_a, company_a):
    client.force_login(coordinator_a)

    responses = [client.post(LIST_URL), client.post(detail_url(company_a))]

    assert [r.status_code for r in responses] == [405, 405]


def test_company_nav_item_shown_to_logged_in_user(english, outsider):
    english.force_login(outsider)

    response = english.get("/")

    assert 'href="/companies/"' in response.content.decode()


# --- query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("persona", ["coordinator_a", "staff"])
def test_company_list_queries_constant(
    client, request, django_assert_num_queries, school_a, persona, size
):
    for _ in range(size):
        company = CompanyFactory(recognised=True)
        sbb_placement(
            company=company, programme=Programme.PRO, kind=PlacementKind.BLOKSTAGE, school=school_a
        )
        PlacementFactory(
            student=StudentFactory(school=school_a),
            company=company,
            status=PlacementStatus.COMPLETED,
        )
    client.force_login(request.getfixturevalue(persona))

    # session, user, the companies with their counts and warnings
    with django_assert_num_queries(3):
        response = client.get(LIST_URL)

    assert response.status_code == 200
    assert [(c.current_count, c.past_count) for c in response.context["companies"]] == [
        (1, 1)
    ] * size


@pytest.mark.parametrize("size", [5, 50])
def test_company_detail_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, company_a, size
):
    for _ in range(size):
        PlacementFactory(student=StudentFactory(school=school_a), company=company_a)
        CompanyMembershipFactory(company=company_a)
    client.force_login(coordinator_a)

    # session, user, the company, its placements, its supervisors
    with django_assert_num_queries(5):
        response = client.get(detail_url(company_a))

    assert response.status_code == 200
    assert len(response.context["placement_sections"][0]["placements"]) == size

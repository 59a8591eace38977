"""The companies directory: who sees which company, placement counts, SBB warnings."""

import datetime
import re

import pytest
from django.conf import settings

from companies.models import Company
from placements.models import PlacementKind, PlacementStatus, Programme
from placements.selectors.core import placements_for_user
from stagegids.workspace.companies import companies_for_user
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    PlacementFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/companies/"
START = datetime.date(2026, 2, 2)
END = datetime.date(2026, 6, 26)


def detail_url(company: Company) -> str:
    return f"/companies/{company.pk}/"


def listed(response) -> list[str]:
    return [company.name for company in response.context["page"]]


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

    [company] = response.context["page"]
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

    assert [(c.name, c.sbb_state) for c in response.context["page"]] == [
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

    assert [c.sbb_warning for c in list_response.context["page"]] == [True]
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

    assert [c.sbb_warning for c in list_response.context["page"]] == [True]
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

    assert [c.sbb_warning for c in list_response.context["page"]] == [False]
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

    assert [c.sbb_warning for c in list_response.context["page"]] == [False]
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

    assert [c.sbb_warning for c in list_response.context["page"]] == [False]
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


# --- the scope, one subquery per role ----------------------------------------------------


def test_companies_for_user_are_own_and_those_of_visible_placements(
    school_a, school_b, company_a, company_b, coordinator_a, coordinator_b, teacher_a,
    supervisor_a, supervisor_b, outsider, staff, placement_a, placement_b,
):  # fmt: skip
    """``companies_for_user`` spells the roles of ``placements_for_user`` out per role;
    for every persona it gives exactly the user's own companies and those of the
    placements they see."""
    elsewhere = CompanyFactory(name="Elders B.V.")
    PlacementFactory(company=elsewhere)  # nobody's pupil here
    proposed = CompanyFactory(name="Voorstel B.V.")
    PlacementFactory(
        student=StudentFactory(school=school_a), company=proposed, status=PlacementStatus.PROPOSED
    )
    asked = CompanyMembershipFactory(company=proposed).user  # answers the proposal
    left = CompanyFactory(name="Vertrokken B.V.")
    former = PlacementFactory(company=left, student=StudentFactory(school=school_b)).supervisor
    former.company_memberships.all().delete()  # left the company: sees nothing there
    stranger_teacher = UserFactory()  # teacher of a pupil at a school they do not teach at
    StudentFactory(school=school_b, teacher=stranger_teacher)
    PlacementFactory(student=stranger_teacher.followed_students.get(), company=company_b)
    users = [
        coordinator_a, coordinator_b, teacher_a, supervisor_a, supervisor_b, outsider, staff,
        asked, former, stranger_teacher,
    ]  # fmt: skip

    found = {user: set(companies_for_user(user)) for user in users}

    expected = {
        user: {m.company for m in user.company_memberships.all()}
        | {p.company for p in placements_for_user(user)}
        | (set(Company.objects.all()) if user.is_staff else set())
        for user in users
    }
    assert found == expected
    assert (found[former], found[stranger_teacher], found[outsider]) == (set(), set(), set())
    assert found[asked] == {proposed}


# --- pagination ------------------------------------------------------------------------


@pytest.fixture
def thirty_companies(staff):
    """30 companies named Bedrijf 01 to Bedrijf 30, created out of order."""
    for number in [*range(30, 15, -1), *range(1, 16)]:
        CompanyFactory(name=f"Bedrijf {number:02d} B.V.")


def test_company_list_shows_25_companies_by_name(client, staff, thirty_companies):
    client.force_login(staff)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed(response) == [f"Bedrijf {n:02d} B.V." for n in range(1, 26)]
    assert response.context["page"].paginator.count == 30
    content = response.content.decode()
    assert '<nav aria-label="Pagina’s">' in content
    assert 'href="?page=2"' in content


def test_company_list_page_2_shows_the_rest(client, staff, thirty_companies):
    client.force_login(staff)

    response = client.get(LIST_URL, {"page": "2"})

    assert response.status_code == 200
    assert listed(response) == [f"Bedrijf {n:02d} B.V." for n in range(26, 31)]


@pytest.mark.parametrize(("page", "number"), [("99", 2), ("0", 2), ("abc", 1), ("", 1)])
def test_company_list_page_out_of_range_or_nonsense_is_clamped(
    client, staff, thirty_companies, page, number
):
    client.force_login(staff)

    response = client.get(LIST_URL, {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == number


def test_company_list_one_page_has_no_page_links(client, coordinator_a, placement_a):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert "pagination" not in response.content.decode()


# --- search ----------------------------------------------------------------------------


@pytest.fixture
def searchable(staff):
    return {
        "alfa": CompanyFactory(
            name="Warmtetechniek Alfa B.V.", city="Zwolle", kvk_number="12345678"
        ),
        "bravo": CompanyFactory(name="Elektro Bravo B.V.", city="Utrecht", kvk_number="87654321"),
        "charlie": CompanyFactory(name="Klimaat Charlie", city="Zwolle", kvk_number="11223344"),
    }


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("warmtetechniek", ["Warmtetechniek Alfa B.V."]),
        ("BRAVO", ["Elektro Bravo B.V."]),
        ("zwolle", ["Klimaat Charlie", "Warmtetechniek Alfa B.V."]),
        ("  Zwolle   klimaat ", ["Klimaat Charlie"]),  # every word, in any field
        ("87654321", ["Elektro Bravo B.V."]),
        ("2233", ["Klimaat Charlie"]),  # part of a KvK number
        ("Amsterdam", []),
    ],
)
def test_company_list_search_by_name_city_or_kvk(client, staff, searchable, q, names):
    client.force_login(staff)

    response = client.get(LIST_URL, {"q": q})

    assert response.status_code == 200
    assert listed(response) == names


def test_company_list_search_keeps_its_words_in_the_page_links(client, staff, thirty_companies):
    client.force_login(staff)

    response = client.get(LIST_URL, {"q": "bedrijf b.v."})

    assert response.status_code == 200
    assert 'href="?q=bedrijf+b.v.&amp;page=2"' in response.content.decode()


def test_company_list_search_without_match_says_so(english, staff, searchable):
    english.force_login(staff)

    response = english.get(LIST_URL, {"q": "Nergens"})

    assert response.status_code == 200
    assert listed(response) == []
    assert "No companies match this search." in response.content.decode()


def test_company_list_search_field_is_labelled(english, staff):
    english.force_login(staff)

    response = english.get(LIST_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<label\s+for="id_q"[^>]*>\s*Name, city or KvK number\s*</label>', content)
    assert 'type="search" name="q"' in content
    assert 'id="id_q"' in content
    assert 'role="search"' in content


def test_company_list_search_never_finds_a_company_out_of_scope(
    client, coordinator_b, placement_a, placement_b, company_a
):
    # Company A works with school A only; school B's coordinator searches for it.
    client.force_login(coordinator_b)

    by_name = client.get(LIST_URL, {"q": "Warmtetechniek Alfa"})
    by_kvk = client.get(LIST_URL, {"q": company_a.kvk_number})

    assert (by_name.status_code, by_kvk.status_code) == (200, 200)
    assert (listed(by_name), listed(by_kvk)) == ([], [])


def test_company_list_search_finds_a_company_in_scope(
    client, coordinator_b, placement_a, placement_b, company_b
):
    client.force_login(coordinator_b)

    response = client.get(LIST_URL, {"q": "elektro bravo"})

    assert response.status_code == 200
    assert listed(response) == [company_b.name]


def test_company_list_search_refused_says_why_and_lists_all(client, staff, searchable):
    client.force_login(staff)

    response = client.get(LIST_URL, {"q": "a" * 10_000})

    assert response.status_code == 200
    assert (
        "Zorg dat deze waarde niet meer dan 100 tekens bevat (het zijn er nu 10000)."
        in response.content.decode()
    )
    assert listed(response) == ["Elektro Bravo B.V.", "Klimaat Charlie", "Warmtetechniek Alfa B.V."]


def test_company_list_ignores_nul_in_the_query_string(client, staff, searchable):
    client.force_login(staff)

    response = client.get(f"{LIST_URL}?q=Alfa%00&page=%00")

    assert response.status_code == 200
    assert "Null-tekens" not in response.content.decode()
    assert listed(response) == ["Warmtetechniek Alfa B.V."]


def test_company_list_shows_kvk_number(client, staff, searchable):
    client.force_login(staff)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert "KvK 12345678" in response.content.decode()


# --- the company page stays bounded ----------------------------------------------------


def test_company_detail_lists_the_newest_25_per_section_with_a_link_to_all(
    english, coordinator_a, school_a, company_a
):
    placements = [
        PlacementFactory(
            student=StudentFactory(school=school_a),
            company=company_a,
            status=PlacementStatus.COMPLETED,
            start_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
            end_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
        )
        for day in range(27)
    ]
    english.force_login(coordinator_a)

    response = english.get(detail_url(company_a))
    overview = english.get("/placements/", {"company": company_a.pk})

    sections = {s["id"]: s for s in response.context["placement_sections"]}
    assert response.status_code == 200
    assert sections["past"]["placements"] == placements[:-26:-1]  # the newest 25
    assert (sections["past"]["total"], sections["current"]["total"]) == (27, 0)
    content = response.content.decode()
    assert "The newest 25 of 27 placements." in content
    assert f'href="/placements/?company={company_a.pk}"' in content
    assert 'id="current-more"' not in content
    assert overview.context["page"].paginator.count == 27


def test_company_detail_shows_25_sbb_warnings_and_counts_the_rest(english, coordinator_a, school_a):
    company = CompanyFactory()  # not recognised
    for _ in range(27):
        sbb_placement(
            company=company, programme=Programme.PRO, kind=PlacementKind.BLOKSTAGE, school=school_a
        )
    english.force_login(coordinator_a)

    response = english.get(detail_url(company))

    content = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["sbb_warnings"]) == 25
    assert content.count('class="alert alert-warning sbb-warning"') == 25
    assert "2 more placements need a longer SBB recognition." in content


# --- query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator_a", "staff"])
@pytest.mark.parametrize(
    ("size", "params", "shown"),
    [
        (2, {}, 2),
        (30, {}, 25),
        (2, {"q": "BEDRIJF"}, 2),
        (30, {"q": "BEDRIJF"}, 25),
        (2, {"page": "2"}, 2),  # there is no page 2: the last page
        (30, {"page": "2"}, 5),
    ],
)
def test_company_list_queries_constant(
    client, request, django_assert_num_queries, school_a, persona, size, params, shown
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

    # session, user, (a coordinator's memberships,) the count, the page's companies, their
    # counts and warnings grouped
    with django_assert_num_queries(5 if persona == "staff" else 6):
        response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert [(c.current_count, c.past_count) for c in response.context["page"]] == [(1, 1)] * shown


@pytest.mark.parametrize("size", [2, 30])
def test_company_detail_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, company_a, size
):
    for _ in range(size):
        PlacementFactory(student=StudentFactory(school=school_a), company=company_a)
        CompanyMembershipFactory(company=company_a)
    client.force_login(coordinator_a)

    # session, user, the memberships, the company, its placements, its SBB warnings, its
    # supervisors
    with django_assert_num_queries(7):
        response = client.get(detail_url(company_a))

    assert response.status_code == 200
    [current, _past] = response.context["placement_sections"]
    assert (len(current["placements"]), current["total"]) == (min(size, 25), size)

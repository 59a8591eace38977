"""Proposals through the portal: the propose, register, accept and decline pages, the
school's confirmation (one at a time and in bulk), the placement page and both sides'
dashboards; every view against the personas, and the query counts of the two forms whose
select lists grow with the school and the company.

The services themselves are tested in ``test_proposals.py``.
"""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from placements.models import (
    Message,
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    SchoolRole,
    StatusChange,
)
from placements.services.lifecycle import placement_accept, placement_confirm, placement_decline
from placements.services.proposals import placement_propose, placement_register
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    MessageFactory,
    PlacementFactory,
    SchoolMembershipFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

S = PlacementStatus
LOGIN_URL = "/accounts/login/"
PROPOSE_URL = "/placements/propose/"
REGISTER_URL = "/placements/register/"
BULK_CONFIRM_URL = "/placements/bulk/confirm/"
LIST_URL = "/placements/"
DASHBOARD_URL = "/"
START = datetime.date(2026, 3, 2)  # a Monday
END = datetime.date(2026, 3, 13)
TERMS = {"kind": PlacementKind.BLOKSTAGE, "start_date": START, "end_date": END}
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."
NO_SUCH_PUPIL = (
    "Vakcollege Alfa has no pupil with this student number and surname. Check both with the "
    "pupil; if they are right, ask the school's internship coordinator to add the pupil to "
    "Stagegids."
)


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source texts, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def colleague_a(company_a):
    """Works at company A without being its admin."""
    return CompanyMembershipFactory(company=company_a).user


@pytest.fixture
def pupil_a(school_a, teacher_a):
    """A vmbo-k pupil of school A, followed by teacher_a."""
    return StudentFactory(
        school=school_a,
        teacher=teacher_a,
        given_name="Emma",
        surname_prefix="van",
        surname="Dam",
        student_number="2024001",
    )


@pytest.fixture
def proposal_a(pupil_a, company_a, coordinator_a):
    """School A proposes Emma to company A."""
    return placement_propose(
        Placement(student=pupil_a, company=company_a, **TERMS),
        by=coordinator_a,
        note="Emma zoekt een blokstage.",
    )


@pytest.fixture
def registration_a(pupil_a, company_a, colleague_a):
    """colleague_a registers Emma at company A (and so supervises her)."""
    return placement_register(
        Placement(student=pupil_a, company=company_a, **TERMS), by=colleague_a
    )


def _url(name, placement, **kwargs):
    return reverse(f"placements:{name}", kwargs={"public_id": placement.public_id, **kwargs})


def _confirm_url(placement):
    return _url("transition", placement, action="confirm")


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _row(placement):
    return Placement.objects.values_list("status", "supervisor_id").get(pk=placement.pk)


def _changes(placement):
    return list(
        StatusChange.objects.filter(placement=placement)
        .order_by("pk")
        .values_list("from_status", "to_status", "by_id", "reason")
    )


def _login_url(url):
    return f"{LOGIN_URL}?next={url}"


def _terms_data(**changes):
    return {
        "kind": "blokstage",
        "start_date": "2026-03-02",
        "end_date": "2026-03-13",
        "weekday": "",
        "hours_per_week": "32",
        "daily_start_time": "08:00",
        "daily_end_time": "16:30",
        "planned_hours": "",
        "note": "",
    } | changes


def _proposal_data(student, company, **changes):
    # 16: a working day of 8 hours is within the limits for minors at that age.
    return _terms_data(student=student.pk, company=company.pk, pupil_age="16") | changes


# --- propose ------------------------------------------------------------------------------


def test_propose_page_lists_only_the_coordinated_schools_pupils(
    client, coordinator_a, pupil_a, school_b
):
    classmate = StudentFactory(school=pupil_a.school, given_name="Bram", surname="Aalders")
    StudentFactory(school=school_b, given_name="Noor", surname="Bakker")
    client.force_login(coordinator_a)

    response = client.get(PROPOSE_URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields["student"].queryset) == [classmate, pupil_a]
    assert "Noor Bakker" not in response.content.decode()


def test_propose_page_preselects_the_pupil_from_the_query(client, coordinator_a, pupil_a):
    client.force_login(coordinator_a)

    response = client.get(PROPOSE_URL, {"student": pupil_a.pk})

    assert f'<option value="{pupil_a.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("student", ["abc", "999999", "1 OR 1=1", ""])
def test_propose_page_ignores_a_nonsense_pupil_in_the_query(
    client, coordinator_a, pupil_a, student
):
    client.force_login(coordinator_a)

    response = client.get(PROPOSE_URL, {"student": student})

    assert response.status_code == 200
    assert f'value="{pupil_a.pk}" selected' not in response.content.decode()


def test_propose_page_does_not_preselect_another_schools_pupil(
    client, coordinator_a, pupil_a, placement_b
):
    client.force_login(coordinator_a)

    response = client.get(PROPOSE_URL, {"student": placement_b.student.pk})

    assert response.status_code == 200
    assert f'value="{placement_b.student.pk}"' not in str(response.context["form"]["student"])


def _options(response):
    return list(response.context["form"].fields["student"].queryset)


def test_propose_page_pupil_search_narrows_the_list_and_fills_in_one_match(
    client, coordinator_a, pupil_a, school_b
):
    """#9 (6): among hundreds of pupils, a search (a GET, no JavaScript) finds the one."""
    classmate = StudentFactory(school=pupil_a.school, given_name="Bram", surname="Aalders")
    StudentFactory(school=school_b, given_name="Bram", surname="Aalders")  # another school
    client.force_login(coordinator_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    by_name = client.get(PROPOSE_URL, {"pupil": "bram aald"})
    by_number = client.get(PROPOSE_URL, {"pupil": pupil_a.student_number})
    nobody = client.get(PROPOSE_URL, {"pupil": "nobody"})

    assert (by_name.status_code, by_number.status_code, nobody.status_code) == (200, 200, 200)
    assert _options(by_name) == [classmate]
    assert f'<option value="{classmate.pk}" selected>' in by_name.content.decode()
    assert "1 pupil matches “bram aald”." in by_name.content.decode()
    assert _options(by_number) == [pupil_a]
    assert _options(nobody) == []
    assert "0 pupils match “nobody”." in nobody.content.decode()


@pytest.mark.parametrize("query", ["\x00", "x" * 101, "   "])
def test_propose_page_pupil_search_ignores_what_it_cannot_use(
    client, coordinator_a, pupil_a, query
):
    client.force_login(coordinator_a)

    response = client.get(PROPOSE_URL, {"pupil": query})

    assert response.status_code == 200
    assert _options(response) == [pupil_a]


def test_proposal_posted_after_a_search_may_choose_any_pupil_of_the_school(
    client, coordinator_a, pupil_a, company_a
):
    other = StudentFactory(school=pupil_a.school, given_name="Bram", surname="Aalders")
    client.force_login(coordinator_a)

    response = client.post(f"{PROPOSE_URL}?pupil=bram", _proposal_data(pupil_a, company_a))

    assert response.status_code == 302
    assert Placement.objects.get(student=pupil_a).status == PlacementStatus.PROPOSED
    assert not Placement.objects.filter(student=other).exists()


def test_propose_by_coordinator_saves_the_proposal_and_opens_the_thread(
    client, coordinator_a, pupil_a, company_a
):
    client.force_login(coordinator_a)

    response = client.post(
        PROPOSE_URL, _proposal_data(pupil_a, company_a, note="Emma zoekt een blokstage.")
    )

    placement = Placement.objects.get()
    assert (response.status_code, response.url) == (302, placement.get_absolute_url())
    assert _messages(response) == [
        "Proposal sent: Warmtetechniek Alfa B.V. answers it on their dashboard."
    ]
    assert (placement.student, placement.company, placement.supervisor) == (
        pupil_a,
        company_a,
        None,
    )
    assert (placement.status, placement.kind, placement.start_date, placement.end_date) == (
        S.PROPOSED,
        PlacementKind.BLOKSTAGE,
        START,
        END,
    )
    assert (placement.hours_per_week, placement.daily_start_time, placement.daily_end_time) == (
        Decimal("32.0"),
        datetime.time(8),
        datetime.time(16, 30),
    )
    assert _changes(placement) == [("", S.PROPOSED, coordinator_a.pk, "")]
    assert list(Message.objects.values_list("author", "body")) == [
        (coordinator_a.pk, "Emma zoekt een blokstage.")
    ]


def test_propose_by_coordinator_of_another_school_is_refused_at_student(
    client, coordinator_b, pupil_a, company_a
):
    client.force_login(coordinator_b)

    response = client.post(PROPOSE_URL, _proposal_data(pupil_a, company_a))

    assert response.status_code == 200
    assert response.context["form"].errors == {"student": [NOT_A_CHOICE]}
    assert Placement.objects.count() == 0


@pytest.mark.parametrize("persona", ["teacher_a", "supervisor_a", "outsider"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_propose_by_someone_who_coordinates_no_school_is_404(
    client, request, pupil_a, company_a, persona, method
):
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(PROPOSE_URL, _proposal_data(pupil_a, company_a))

    assert response.status_code == 404
    assert Placement.objects.count() == 0


def test_propose_by_staff_lists_every_school(client, staff, pupil_a, placement_b):
    client.force_login(staff)

    response = client.get(PROPOSE_URL)

    assert set(response.context["form"].fields["student"].queryset) == {
        pupil_a,
        placement_b.student,
    }


def test_propose_logged_out_redirects_to_login(client, pupil_a, company_a):
    response = client.post(PROPOSE_URL, _proposal_data(pupil_a, company_a))

    assert (response.status_code, response.url) == (302, _login_url(PROPOSE_URL))
    assert Placement.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_propose_wrong_method_is_405(client, coordinator_a, method):
    client.force_login(coordinator_a)

    assert getattr(client, method)(PROPOSE_URL).status_code == 405


def test_propose_overlapping_a_placement_is_refused_at_start_date(
    client, coordinator_a, pupil_a, company_b, proposal_a
):
    client.force_login(coordinator_a)

    response = client.post(PROPOSE_URL, _proposal_data(pupil_a, company_b, start_date="2026-03-09"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "start_date": [
            "Emma van Dam already has a placement from 2 March 2026 to 13 March 2026 that overlaps "
            "this period."
        ]
    }
    assert list(Placement.objects.values_list("pk", flat=True)) == [proposal_a.pk]


def test_propose_pro_pupil_at_unrecognised_company_is_refused_at_company(
    client, coordinator_a, school_a, company_a
):
    pro_pupil = StudentFactory(school=school_a, programme=Programme.PRO)
    client.force_login(coordinator_a)

    response = client.post(PROPOSE_URL, _proposal_data(pro_pupil, company_a))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "company": [
            "This placement needs an SBB-recognised company, and Warmtetechniek Alfa B.V. has "
            "no recognition that is valid on 2 March 2026."
        ]
    }
    assert Placement.objects.count() == 0


def test_propose_leerwerktraject_for_vmbo_k_pupil_is_refused_at_kind(
    client, coordinator_a, pupil_a
):
    recognised = CompanyFactory(recognised=True)
    client.force_login(coordinator_a)

    response = client.post(
        PROPOSE_URL,
        _proposal_data(
            pupil_a,
            recognised,
            kind="leerwerktraject",
            end_date="2026-12-18",
            planned_hours="800",
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "kind": ["A leerwerktraject is only possible for vmbo-b pupils."]
    }
    assert Placement.objects.count() == 0


def test_propose_with_nonsense_values_shows_form_errors(client, coordinator_a):
    client.force_login(coordinator_a)

    response = client.post(
        PROPOSE_URL,
        _terms_data(
            student="abc",
            company="999999",
            kind="stage",
            start_date="morgen",
            end_date="2026-13-45",
            hours_per_week="veel",
            daily_start_time="25:99",
            pupil_age="21",
            school_hours_per_week="-1",
            break_minutes="een uur",
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert sorted(errors) == [
        "break_minutes",
        "company",
        "daily_start_time",
        "end_date",
        "hours_per_week",
        "kind",
        "pupil_age",
        "school_hours_per_week",
        "start_date",
        "student",
    ]
    assert errors["pupil_age"] == ["Enter the age in whole years, from 10 to 20."]
    assert Placement.objects.count() == 0


def test_propose_with_nothing_filled_in_is_refused(client, coordinator_a):
    client.force_login(coordinator_a)

    response = client.post(PROPOSE_URL, {})

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == [
        "company",
        "end_date",
        "kind",
        "pupil_age",
        "start_date",
        "student",
    ]
    assert Placement.objects.count() == 0


# --- register -----------------------------------------------------------------------------


def _registration_data(school, number, surname, **changes):
    return _terms_data(school=school.pk, student_number=number, surname=surname) | changes


def _one_day(service, student, company, by, day):
    """A meeloopdag on ``day``, proposed or registered through ``service``."""
    placement = Placement(
        student=student, company=company, kind=PlacementKind.MEELOOPDAG, start_date=day
    )
    placement.end_date = day
    return service(placement, by=by)


def test_register_page_for_colleague_has_no_supervisor_field(client, colleague_a):
    client.force_login(colleague_a)

    response = client.get(REGISTER_URL)

    assert response.status_code == 200
    assert "supervisor" not in response.context["form"].fields
    assert 'type="hidden" name="company"' in response.content.decode()


def test_register_page_for_company_admin_offers_the_colleagues(
    client, supervisor_a, colleague_a, supervisor_b
):
    client.force_login(supervisor_a)

    response = client.get(REGISTER_URL)

    field = response.context["form"].fields["supervisor"]
    assert set(field.queryset) == {supervisor_a, colleague_a}
    assert response.context["form"]["supervisor"].value() == supervisor_a.pk


@pytest.mark.parametrize("surname", ["van Dam", "Dam", "  VAN   dam "])
def test_register_by_colleague_with_matching_pupil_registers_it(
    client, colleague_a, school_a, pupil_a, company_a, surname
):
    client.force_login(colleague_a)

    response = client.post(
        REGISTER_URL,
        _registration_data(school_a, " 2024001 ", surname, company=company_a.pk, note="Via Emma."),
    )

    placement = Placement.objects.get()
    assert (response.status_code, response.url) == (302, placement.get_absolute_url())
    assert _messages(response) == ["The placement is registered; Vakcollege Alfa confirms it."]
    assert (placement.student, placement.company) == (pupil_a, company_a)
    assert _row(placement) == (S.REGISTERED, colleague_a.pk)
    assert _changes(placement) == [("", S.REGISTERED, colleague_a.pk, "")]
    assert list(Message.objects.values_list("author", "body")) == [(colleague_a.pk, "Via Emma.")]


def test_register_by_company_admin_names_a_colleague(
    client, supervisor_a, colleague_a, school_a, pupil_a, company_a
):
    client.force_login(supervisor_a)

    client.post(
        REGISTER_URL,
        _registration_data(
            school_a, "2024001", "Dam", company=company_a.pk, supervisor=colleague_a.pk
        ),
    )

    assert _row(Placement.objects.get()) == (S.REGISTERED, colleague_a.pk)


def test_register_by_company_admin_with_supervisor_elsewhere_is_refused_at_the_field(
    client, supervisor_a, supervisor_b, school_a, pupil_a, company_a
):
    client.force_login(supervisor_a)

    response = client.post(
        REGISTER_URL,
        _registration_data(
            school_a, "2024001", "Dam", company=company_a.pk, supervisor=supervisor_b.pk
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"supervisor": [NOT_A_CHOICE]}
    assert Placement.objects.count() == 0


@pytest.mark.parametrize(
    ("number", "surname"),
    [
        ("2024002", "Dam"),  # wrong number
        ("2024001", "Damme"),  # wrong surname
        ("2024001", "van"),  # only the prefix
    ],
)
def test_register_with_a_wrong_number_or_surname_gives_the_same_error(
    client, colleague_a, school_a, pupil_a, company_a, number, surname
):
    client.force_login(colleague_a)

    response = client.post(
        REGISTER_URL, _registration_data(school_a, number, surname, company=company_a.pk)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"student_number": [NO_SUCH_PUPIL]}
    assert Placement.objects.count() == 0


def test_register_after_ten_misses_within_the_hour_stops_looking_pupils_up(
    client, colleague_a, supervisor_a, school_a, pupil_a, company_a
):
    client.force_login(colleague_a)
    for number in range(10):
        miss = client.post(
            REGISTER_URL, _registration_data(school_a, f"99{number}", "Dam", company=company_a.pk)
        )
        assert miss.context["form"].errors == {"student_number": [NO_SUCH_PUPIL]}

    right_pupil = client.post(
        REGISTER_URL, _registration_data(school_a, "2024001", "Dam", company=company_a.pk)
    )
    client.force_login(supervisor_a)
    by_colleague = client.post(
        REGISTER_URL,
        _registration_data(
            school_a, "2024001", "Dam", company=company_a.pk, supervisor=supervisor_a.pk
        ),
    )

    # The eleventh try is not looked up, even with the right pupil; others go on.
    assert right_pupil.context["form"].errors == {
        "student_number": [
            "Too many pupils were not found: try again in an hour, or ask the school's "
            "internship coordinator."
        ]
    }
    assert by_colleague.status_code == 302
    assert list(Placement.objects.values_list("student", "supervisor")) == [
        (pupil_a.pk, supervisor_a.pk)
    ]


def test_register_found_pupils_do_not_count_as_misses(
    client, colleague_a, school_a, pupil_a, company_a
):
    client.force_login(colleague_a)
    for _ in range(12):
        # Emma is found each time; the form stops at the end date before the start.
        found = client.post(
            REGISTER_URL,
            _registration_data(
                school_a, "2024001", "Dam", company=company_a.pk, end_date="2026-02-01"
            ),
        )
        assert list(found.context["form"].errors) == ["end_date"]


def test_register_pupil_of_another_school_under_school_a_gives_the_same_error(
    client, colleague_a, school_a, school_b, company_a
):
    StudentFactory(school=school_b, student_number="777", surname="Bakker")
    client.force_login(colleague_a)

    response = client.post(
        REGISTER_URL, _registration_data(school_a, "777", "Bakker", company=company_a.pk)
    )

    assert response.context["form"].errors == {"student_number": [NO_SUCH_PUPIL]}
    assert Placement.objects.count() == 0


def test_register_for_a_company_one_does_not_work_at_is_refused(
    client, colleague_a, school_a, pupil_a, company_b
):
    client.force_login(colleague_a)

    response = client.post(
        REGISTER_URL, _registration_data(school_a, "2024001", "Dam", company=company_b.pk)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"company": [NOT_A_CHOICE]}
    assert Placement.objects.count() == 0


def test_register_overlapping_a_proposal_is_refused_at_start_date(
    client, supervisor_b, school_a, pupil_a, company_b, proposal_a
):
    client.force_login(supervisor_b)

    response = client.post(
        REGISTER_URL, _registration_data(school_a, "2024001", "Dam", company=company_b.pk)
    )

    # Worded without the pupil's name or the other placement's dates: the company knows
    # the pupil only by number and surname.
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "start_date": [
            "The pupil already has a placement in this period. Agree on another period "
            "with the pupil."
        ]
    }
    assert list(Placement.objects.values_list("pk", flat=True)) == [proposal_a.pk]


def test_register_at_a_company_one_is_no_admin_of_cannot_name_a_colleague(
    client, supervisor_a, company_a, company_b, school_a, pupil_a
):
    # supervisor_a is admin at company A, and an ordinary supervisor at company B, where
    # a colleague from company A works too (so the supervisor list offers them).
    CompanyMembershipFactory(company=company_b, user=supervisor_a)
    colleague_b = CompanyMembershipFactory(company=company_b).user
    CompanyMembershipFactory(company=company_a, user=colleague_b)
    client.force_login(supervisor_a)
    data = _registration_data(
        school_a, "2024001", "Dam", company=company_b.pk, supervisor=colleague_b.pk
    )

    refused = client.post(REGISTER_URL, data)
    allowed = client.post(REGISTER_URL, data | {"supervisor": supervisor_a.pk})

    assert refused.context["form"].errors == {
        "supervisor": [
            "Only an admin of Elektro Bravo B.V. chooses someone else as the supervisor."
        ]
    }
    assert allowed.status_code == 302
    assert list(Placement.objects.values_list("company", "supervisor")) == [
        (company_b.pk, supervisor_a.pk)
    ]


def test_register_with_nonsense_values_shows_form_errors(client, colleague_a, company_a):
    client.force_login(colleague_a)

    response = client.post(
        REGISTER_URL,
        _terms_data(
            school="999999",
            student_number="x" * 30,
            surname="",
            company="abc",
            start_date="gisteren",
        ),
    )

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == [
        "company",
        "school",
        "start_date",
        "student_number",
        "surname",
    ]
    assert Placement.objects.count() == 0


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a", "outsider"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_register_by_someone_at_no_company_is_404(client, request, school_a, persona, method):
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(REGISTER_URL, _registration_data(school_a, "2024001", "Dam"))

    assert response.status_code == 404
    assert Placement.objects.count() == 0


def test_register_logged_out_redirects_to_login(client):
    response = client.get(REGISTER_URL)

    assert (response.status_code, response.url) == (302, _login_url(REGISTER_URL))


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_register_wrong_method_is_405(client, colleague_a, method):
    client.force_login(colleague_a)

    assert getattr(client, method)(REGISTER_URL).status_code == 405


# --- accept -------------------------------------------------------------------------------


def test_accept_page_offers_the_companys_members_and_the_user_first(
    client, colleague_a, supervisor_a, supervisor_b, proposal_a
):
    client.force_login(colleague_a)

    response = client.get(_url("accept", proposal_a))

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.fields["supervisor"].queryset) == {supervisor_a, colleague_a}
    assert form["supervisor"].value() == colleague_a.pk
    assert "Vakcollege Alfa proposes a placement of Emma van Dam at your company." in (
        response.content.decode()
    )


def test_accept_by_company_admin_plans_and_returns_to_the_placement(
    client, supervisor_a, colleague_a, coordinator_a, proposal_a
):
    client.force_login(supervisor_a)

    response = client.post(_url("accept", proposal_a), {"supervisor": colleague_a.pk})

    assert (response.status_code, response.url) == (302, proposal_a.get_absolute_url())
    assert _messages(response) == ["You accepted the proposal: the placement is planned."]
    assert _row(proposal_a) == (S.PLANNED, colleague_a.pk)
    assert _changes(proposal_a) == [
        ("", S.PROPOSED, coordinator_a.pk, ""),
        (S.PROPOSED, S.PLANNED, supervisor_a.pk, ""),
    ]


def test_accept_by_colleague_naming_themselves_returns_to_the_placement(
    client, colleague_a, proposal_a
):
    client.force_login(colleague_a)

    response = client.post(_url("accept", proposal_a), {"supervisor": colleague_a.pk}, follow=True)

    assert response.redirect_chain == [(proposal_a.get_absolute_url(), 302)]
    assert response.status_code == 200
    assert _row(proposal_a) == (S.PLANNED, colleague_a.pk)


def test_accept_by_colleague_naming_someone_else_lands_on_the_dashboard(
    client, colleague_a, supervisor_a, proposal_a
):
    # The colleague no longer sees the placement once someone else supervises it.
    client.force_login(colleague_a)

    response = client.post(_url("accept", proposal_a), {"supervisor": supervisor_a.pk}, follow=True)

    assert response.redirect_chain == [(DASHBOARD_URL, 302)]
    assert response.status_code == 200
    assert _messages(response) == ["You accepted the proposal: the placement is planned."]
    assert _row(proposal_a) == (S.PLANNED, supervisor_a.pk)


def test_accept_with_supervisor_from_another_company_is_refused_at_the_field(
    client, supervisor_a, supervisor_b, proposal_a
):
    client.force_login(supervisor_a)

    response = client.post(_url("accept", proposal_a), {"supervisor": supervisor_b.pk})

    assert response.status_code == 200
    assert response.context["form"].errors == {"supervisor": [NOT_A_CHOICE]}
    assert _row(proposal_a) == (S.PROPOSED, None)
    assert len(_changes(proposal_a)) == 1


@pytest.mark.parametrize("supervisor", ["", "abc", "999999", "1.5"])
def test_accept_with_nonsense_supervisor_is_refused_at_the_field(
    client, supervisor_a, proposal_a, supervisor
):
    client.force_login(supervisor_a)

    response = client.post(_url("accept", proposal_a), {"supervisor": supervisor})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["supervisor"]
    assert _row(proposal_a) == (S.PROPOSED, None)


def test_accept_of_an_accepted_proposal_is_refused_with_message(
    client, supervisor_a, colleague_a, proposal_a
):
    placement_accept(proposal_a, by=supervisor_a, supervisor=supervisor_a)
    client.force_login(supervisor_a)

    response = client.post(_url("accept", proposal_a), {"supervisor": colleague_a.pk}, follow=True)

    assert response.redirect_chain == [(proposal_a.get_absolute_url(), 302)]
    assert _messages(response) == ["This placement is planned, so “Accept” is not possible."]
    assert _row(proposal_a) == (S.PLANNED, supervisor_a.pk)
    assert len(_changes(proposal_a)) == 2


def test_accept_when_the_recognition_lapsed_is_refused_on_the_page(
    client, school_a, company_a, coordinator_a, supervisor_a
):
    company_a.sbb_recognised, company_a.sbb_number = True, "SBB000123"
    company_a.sbb_valid_until = datetime.date(2099, 12, 31)
    company_a.save()
    vso_pupil = StudentFactory(school=school_a, programme=Programme.VSO)
    proposal = placement_propose(
        Placement(student=vso_pupil, company=company_a, **TERMS), by=coordinator_a
    )
    company_a.sbb_valid_until = datetime.date(2026, 1, 31)
    company_a.save()
    client.force_login(supervisor_a)

    response = client.post(_url("accept", proposal), {"supervisor": supervisor_a.pk})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This placement needs an SBB-recognised company, and Warmtetechniek Alfa B.V. has no "
        "recognition that is valid on 2 March 2026."
    ]
    assert _row(proposal) == (S.PROPOSED, None)


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_accept_by_another_company_or_school_is_404(
    client, request, supervisor_a, proposal_a, persona, method
):
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(_url("accept", proposal_a), {"supervisor": supervisor_a.pk})

    assert response.status_code == 404
    assert _row(proposal_a) == (S.PROPOSED, None)


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_accept_by_the_school_is_403(client, request, supervisor_a, proposal_a, persona, method):
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(_url("accept", proposal_a), {"supervisor": supervisor_a.pk})

    assert response.status_code == 403
    assert _row(proposal_a) == (S.PROPOSED, None)


def test_accept_of_an_unknown_placement_is_404(client, supervisor_a):
    client.force_login(supervisor_a)

    response = client.get(reverse("placements:accept", kwargs={"public_id": uuid.uuid4()}))

    assert response.status_code == 404


def test_accept_logged_out_redirects_to_login(client, supervisor_a, proposal_a):
    url = _url("accept", proposal_a)

    response = client.post(url, {"supervisor": supervisor_a.pk})

    assert (response.status_code, response.url) == (302, _login_url(url))
    assert _row(proposal_a) == (S.PROPOSED, None)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_accept_wrong_method_is_405(client, supervisor_a, proposal_a, method):
    client.force_login(supervisor_a)

    assert getattr(client, method)(_url("accept", proposal_a)).status_code == 405
    assert _row(proposal_a) == (S.PROPOSED, None)


@pytest.mark.parametrize("action", ["accept", "decline", "reject", "propose"])
def test_answers_are_not_reachable_through_the_status_url(client, supervisor_a, proposal_a, action):
    client.force_login(supervisor_a)

    response = client.post(_url("transition", proposal_a, action=action), {"reason": "Nee."})

    assert response.status_code == 404
    assert _row(proposal_a) == (S.PROPOSED, None)


# --- decline ------------------------------------------------------------------------------


def test_decline_page_asks_for_a_reason(client, colleague_a, proposal_a):
    client.force_login(colleague_a)

    response = client.get(_url("decline", proposal_a))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["reason"]


def test_decline_by_company_admin_declines_with_the_reason(
    client, supervisor_a, coordinator_a, proposal_a
):
    client.force_login(supervisor_a)

    response = client.post(_url("decline", proposal_a), {"reason": "Geen begeleider in maart."})

    assert (response.status_code, response.url) == (302, proposal_a.get_absolute_url())
    assert _messages(response) == ["The placement is declined; the other side reads your reason."]
    assert _row(proposal_a) == (S.DECLINED, None)
    assert _changes(proposal_a)[-1] == (
        S.PROPOSED,
        S.DECLINED,
        supervisor_a.pk,
        "Geen begeleider in maart.",
    )


def test_decline_by_colleague_lands_on_the_dashboard(client, colleague_a, proposal_a):
    # Declined, the proposal is no longer the colleague's to see.
    client.force_login(colleague_a)

    response = client.post(_url("decline", proposal_a), {"reason": "Geen plek."}, follow=True)

    assert response.redirect_chain == [(DASHBOARD_URL, 302)]
    assert response.status_code == 200
    assert _messages(response) == ["The placement is declined; the other side reads your reason."]
    assert _row(proposal_a) == (S.DECLINED, None)


@pytest.mark.parametrize("data", [{"reason": ""}, {"reason": "   "}, {"other": "x"}])
def test_decline_without_reason_is_refused_at_the_field(client, supervisor_a, proposal_a, data):
    client.force_login(supervisor_a)

    response = client.post(_url("decline", proposal_a), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Give a reason."]}
    assert _row(proposal_a) == (S.PROPOSED, None)
    assert len(_changes(proposal_a)) == 1


def test_decline_of_a_declined_proposal_is_refused_with_message(client, supervisor_a, proposal_a):
    placement_decline(proposal_a, by=supervisor_a, reason="Geen plek.")
    client.force_login(supervisor_a)

    response = client.post(_url("decline", proposal_a), {"reason": "Nog steeds niet."}, follow=True)

    assert response.redirect_chain == [(proposal_a.get_absolute_url(), 302)]
    assert _messages(response) == ["This placement is declined, so “Decline” is not possible."]
    assert len(_changes(proposal_a)) == 2


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_decline_by_another_company_or_school_is_404(client, request, proposal_a, persona, method):
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(_url("decline", proposal_a), {"reason": "Nee."})

    assert response.status_code == 404
    assert _row(proposal_a) == (S.PROPOSED, None)


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
def test_decline_of_a_proposal_by_the_school_is_403(client, request, proposal_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("decline", proposal_a), {"reason": "Toch niet."})

    assert response.status_code == 403
    assert _row(proposal_a) == (S.PROPOSED, None)


def test_decline_logged_out_redirects_to_login(client, proposal_a):
    url = _url("decline", proposal_a)

    response = client.post(url, {"reason": "Nee."})

    assert (response.status_code, response.url) == (302, _login_url(url))


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_decline_wrong_method_is_405(client, supervisor_a, proposal_a, method):
    client.force_login(supervisor_a)

    assert getattr(client, method)(_url("decline", proposal_a)).status_code == 405


# --- the school answers the company's registration ---------------------------------------


def test_confirm_by_coordinator_plans_the_registration(
    client, coordinator_a, colleague_a, registration_a
):
    client.force_login(coordinator_a)

    response = client.post(_confirm_url(registration_a))

    assert (response.status_code, response.url) == (
        302,
        f"{registration_a.get_absolute_url()}#status",
    )
    assert _messages(response) == ["The placement is now planned."]
    assert _row(registration_a) == (S.PLANNED, colleague_a.pk)
    assert _changes(registration_a) == [
        ("", S.REGISTERED, colleague_a.pk, ""),
        (S.REGISTERED, S.PLANNED, coordinator_a.pk, ""),
    ]


@pytest.mark.parametrize("persona", ["colleague_a", "supervisor_a", "teacher_a"])
def test_confirm_by_the_company_or_the_teacher_is_403(
    client, request, colleague_a, registration_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_confirm_url(registration_a))

    assert response.status_code == 403
    assert _row(registration_a) == (S.REGISTERED, colleague_a.pk)
    assert len(_changes(registration_a)) == 1


@pytest.mark.parametrize("persona", ["coordinator_b", "supervisor_b", "outsider"])
def test_confirm_by_another_school_or_company_is_404(client, request, registration_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_confirm_url(registration_a))

    assert response.status_code == 404
    assert _row(registration_a)[0] == S.REGISTERED


@pytest.mark.parametrize("persona", ["coordinator_b", "supervisor_b"])
def test_another_school_or_company_cannot_open_the_registration(
    client, request, registration_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(registration_a.get_absolute_url()).status_code == 404
    assert client.get(_url("decline", registration_a)).status_code == 404


def test_confirm_of_a_proposal_is_refused_with_message(client, coordinator_a, proposal_a):
    client.force_login(coordinator_a)

    response = client.post(_confirm_url(proposal_a))

    assert response.status_code == 302
    assert _messages(response) == [
        "This placement is proposed to the company, so “Confirm” is not possible."
    ]
    assert _row(proposal_a) == (S.PROPOSED, None)


def test_confirm_logged_out_redirects_to_login(client, registration_a):
    url = _confirm_url(registration_a)

    response = client.post(url)

    assert (response.status_code, response.url) == (302, _login_url(url))
    assert _row(registration_a)[0] == S.REGISTERED


def test_confirm_get_is_405(client, coordinator_a, registration_a):
    client.force_login(coordinator_a)

    assert client.get(_confirm_url(registration_a)).status_code == 405
    assert _row(registration_a)[0] == S.REGISTERED


def test_reject_by_coordinator_declines_with_the_reason(
    client, coordinator_a, colleague_a, registration_a
):
    client.force_login(coordinator_a)

    response = client.post(_url("decline", registration_a), {"reason": "Emma heeft al stage."})

    assert (response.status_code, response.url) == (302, registration_a.get_absolute_url())
    assert _row(registration_a) == (S.DECLINED, colleague_a.pk)
    assert _changes(registration_a)[-1] == (
        S.REGISTERED,
        S.DECLINED,
        coordinator_a.pk,
        "Emma heeft al stage.",
    )


@pytest.mark.parametrize("persona", ["colleague_a", "supervisor_a", "teacher_a"])
def test_reject_by_the_company_or_the_teacher_is_403(client, request, registration_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("decline", registration_a), {"reason": "Toch niet."})

    assert response.status_code == 403
    assert _row(registration_a)[0] == S.REGISTERED


# --- confirming in bulk -------------------------------------------------------------------


def _bulk(client, placements, back=""):
    ids = [str(getattr(p, "public_id", p)) for p in placements]
    return client.post(BULK_CONFIRM_URL, {"placements": ids, "back": back})


@pytest.fixture
def registrations_a(school_a, company_a):
    """Three pupils of school A whom company A registered."""
    return [
        PlacementFactory(student__school=school_a, company=company_a, status=S.REGISTERED)
        for _ in range(3)
    ]


def test_bulk_confirm_plans_the_selected_registrations_and_reports_the_rest(
    client, coordinator_a, registrations_a, placement_a, placement_b
):
    Placement.objects.filter(pk=placement_b.pk).update(status=S.REGISTERED)
    client.force_login(coordinator_a)
    chosen = registrations_a[:2]

    response = _bulk(client, [*chosen, placement_a, placement_b], back="status=registered")

    assert (response.status_code, response.url) == (302, "/placements/?status=registered")
    assert _messages(response) == [
        "2 placements are confirmed and now planned.",
        "2 selected placements were left alone: they are not registrations waiting for your "
        "confirmation.",
    ]
    statuses = dict(Placement.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in [*registrations_a, placement_a, placement_b]] == [
        S.PLANNED,
        S.PLANNED,
        S.REGISTERED,
        S.PLANNED,
        S.REGISTERED,
    ]
    assert sorted(StatusChange.objects.values_list("placement_id", "by_id")) == sorted(
        (p.pk, coordinator_a.pk) for p in chosen
    )


def test_bulk_confirm_one_reports_in_the_singular(client, coordinator_a, registrations_a):
    client.force_login(coordinator_a)

    response = _bulk(client, [registrations_a[0], uuid.uuid4()])

    assert response.url == LIST_URL
    assert _messages(response) == [
        "1 placement is confirmed and now planned.",
        "1 selected placement was left alone: it is not a registration waiting for your "
        "confirmation.",
    ]


def test_bulk_confirm_by_the_registering_company_confirms_nothing(
    client, supervisor_a, registrations_a
):
    client.force_login(supervisor_a)

    response = _bulk(client, registrations_a)

    assert _messages(response) == [
        "3 selected placements were left alone: they are not registrations waiting for your "
        "confirmation."
    ]
    assert set(Placement.objects.values_list("status", flat=True)) == {S.REGISTERED}


def test_bulk_confirm_by_another_schools_coordinator_confirms_nothing(
    client, coordinator_b, registrations_a
):
    client.force_login(coordinator_b)

    _bulk(client, registrations_a)

    assert set(Placement.objects.values_list("status", flat=True)) == {S.REGISTERED}
    assert StatusChange.objects.count() == 0


def test_bulk_confirm_of_more_than_100_is_refused(client, coordinator_a, registrations_a):
    client.force_login(coordinator_a)

    response = _bulk(client, [*registrations_a, *(uuid.uuid4() for _ in range(98))])

    assert (response.status_code, response.url) == (302, LIST_URL)
    assert _messages(response) == ["Select at most 100 placements at a time."]
    assert set(Placement.objects.values_list("status", flat=True)) == {S.REGISTERED}


def test_bulk_confirm_of_exactly_100_is_accepted(client, coordinator_a, registrations_a):
    client.force_login(coordinator_a)

    response = _bulk(client, [*registrations_a, *(uuid.uuid4() for _ in range(97))])

    assert _messages(response)[0] == "3 placements are confirmed and now planned."


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ([], "Tick at least one placement first."),
        (["not-a-uuid"], "Select placements from the list."),
        (["1"], "Select placements from the list."),
    ],
)
def test_bulk_confirm_with_nothing_or_nonsense_ticked_is_refused(
    client, coordinator_a, registrations_a, ids, message
):
    client.force_login(coordinator_a)

    response = _bulk(client, [*ids])

    assert (response.status_code, response.url) == (302, LIST_URL)
    assert _messages(response) == [message]
    assert set(Placement.objects.values_list("status", flat=True)) == {S.REGISTERED}


def test_bulk_confirm_back_only_ever_returns_to_the_list(client, coordinator_a, registrations_a):
    client.force_login(coordinator_a)

    response = _bulk(client, registrations_a[:1], back="https://evil.example/?x=1")

    # Re-encoded as the list's query string: never another site.
    assert response.url == "/placements/?https%3A%2F%2Fevil.example%2F%3Fx=1"


def test_bulk_confirm_logged_out_redirects_to_login(client, registrations_a):
    response = _bulk(client, registrations_a)

    assert (response.status_code, response.url) == (302, _login_url(BULK_CONFIRM_URL))
    assert set(Placement.objects.values_list("status", flat=True)) == {S.REGISTERED}


def test_bulk_confirm_get_is_405(client, coordinator_a):
    client.force_login(coordinator_a)

    assert client.get(BULK_CONFIRM_URL).status_code == 405


# --- the overview's buttons ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "propose", "register"),
    [
        ("coordinator_a", True, False),
        ("supervisor_a", False, True),
        ("colleague_a", False, True),
        ("teacher_a", False, False),
        ("outsider", False, False),
    ],
)
def test_overview_offers_proposing_and_registering_by_role(
    client, request, persona, propose, register
):
    client.force_login(request.getfixturevalue(persona))

    content = client.get(LIST_URL).content.decode()

    assert (f'href="{PROPOSE_URL}"' in content, f'href="{REGISTER_URL}"' in content) == (
        propose,
        register,
    )


def test_overview_offers_bulk_confirm_when_a_registration_is_listed(
    client, coordinator_a, registration_a
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    assert response.context["confirmable"] is True
    assert f'formaction="{BULK_CONFIRM_URL}"' in response.content.decode()


def test_overview_offers_no_bulk_confirm_to_the_registering_company(
    client, supervisor_a, registration_a
):
    client.force_login(supervisor_a)

    response = client.get(LIST_URL)

    assert response.context["confirmable"] is False
    assert BULK_CONFIRM_URL not in response.content.decode()


# --- the placement page -------------------------------------------------------------------


def test_placement_page_offers_the_colleague_accept_decline_and_the_thread(
    client, colleague_a, coordinator_a, proposal_a
):
    client.force_login(colleague_a)

    response = client.get(proposal_a.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert [action["name"] for action in response.context["actions"]] == ["accept", "decline"]
    assert f'href="{_url("accept", proposal_a)}"' in content
    assert f'href="{_url("decline", proposal_a)}"' in content
    assert f'action="{_url("message_create", proposal_a)}"' in content
    assert "Proposed by the school" in content
    started = timezone.localdate().strftime("%-d %B %Y")
    assert escape(f"By {coordinator_a.get_full_name()} on {started}.") in content


def test_placement_page_offers_the_coordinator_only_cancelling_a_proposal(
    client, coordinator_a, proposal_a
):
    client.force_login(coordinator_a)

    response = client.get(proposal_a.get_absolute_url())

    assert [(a["name"], a["label"]) for a in response.context["actions"]] == [
        ("cancel", "Withdraw")
    ]
    assert _url("accept", proposal_a) not in response.content.decode()


def test_placement_page_offers_the_company_admin_answers_but_no_withdrawing_a_proposal(
    client, supervisor_a, proposal_a
):
    client.force_login(supervisor_a)

    response = client.get(proposal_a.get_absolute_url())

    assert [action["name"] for action in response.context["actions"]] == ["accept", "decline"]
    assert _url("cancel", proposal_a) not in response.content.decode()


def test_placement_page_offers_the_registering_company_withdrawing_its_registration(
    client, colleague_a, registration_a
):
    client.force_login(colleague_a)

    response = client.get(registration_a.get_absolute_url())

    assert [(a["name"], a["label"]) for a in response.context["actions"]] == [
        ("cancel", "Withdraw")
    ]
    assert f'href="{_url("cancel", registration_a)}"' in response.content.decode()


@pytest.mark.parametrize(
    ("placement", "persona"),
    [("proposal_a", "supervisor_a"), ("registration_a", "coordinator_a")],
)
def test_withdrawing_is_only_for_the_side_that_proposed(client, request, placement, persona):
    placement = request.getfixturevalue(placement)
    status = placement.status
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("cancel", placement), {"reason": "Toch niet."})

    placement.refresh_from_db()
    assert (response.status_code, placement.status) == (403, status)


def test_placement_page_offers_the_coordinator_confirm_and_decline_of_a_registration(
    client, coordinator_a, registration_a
):
    client.force_login(coordinator_a)

    response = client.get(registration_a.get_absolute_url())

    content = response.content.decode()
    # Confirming or declining: withdrawing it is for the company that registered it.
    assert [action["name"] for action in response.context["actions"]] == ["confirm", "reject"]
    assert f'action="{_confirm_url(registration_a)}"' in content
    assert f'href="{_url("decline", registration_a)}"' in content
    assert "Registered by the company" in content


def test_placement_page_shows_who_declined_and_why(client, coordinator_a, supervisor_a, proposal_a):
    placement_decline(proposal_a, by=supervisor_a, reason="In maart <geen> begeleider.")
    client.force_login(coordinator_a)

    content = client.get(proposal_a.get_absolute_url()).content.decode()

    declined = timezone.localdate().strftime("%-d %B %Y")
    assert escape(f"Declined by {supervisor_a.get_full_name()} on {declined}:") in content
    assert "In maart &lt;geen&gt; begeleider." in content


def test_colleague_may_post_a_message_on_the_proposal(client, colleague_a, proposal_a):
    client.force_login(colleague_a)

    response = client.post(_url("message_create", proposal_a), {"body": "Wanneer kan ze komen?"})

    assert response.status_code == 302
    assert list(Message.objects.filter(author=colleague_a).values_list("body", flat=True)) == [
        "Wanneer kan ze komen?"
    ]


def test_colleague_loses_the_placement_once_accepted_with_someone_else(
    client, colleague_a, supervisor_a, proposal_a
):
    placement_accept(proposal_a, by=supervisor_a, supervisor=supervisor_a)
    client.force_login(colleague_a)

    page = client.get(proposal_a.get_absolute_url())
    post = client.post(_url("message_create", proposal_a), {"body": "Hallo?"})

    assert (page.status_code, post.status_code) == (404, 404)
    assert Message.objects.filter(author=colleague_a).count() == 0


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_proposal_page_is_404_for_another_company_or_school(client, request, proposal_a, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(proposal_a.get_absolute_url()).status_code == 404
    post = client.post(_url("message_create", proposal_a), {"body": "Hallo?"})
    assert post.status_code == 404


def test_teacher_of_another_pupil_cannot_open_the_proposal(client, school_a, proposal_a):
    other_teacher = SchoolMembershipFactory(school=school_a, role=SchoolRole.TEACHER).user
    client.force_login(other_teacher)

    assert client.get(proposal_a.get_absolute_url()).status_code == 404


# --- the dashboards -----------------------------------------------------------------------


@pytest.fixture
def both_sides(
    school_a,
    school_b,
    company_a,
    company_b,
    coordinator_a,
    coordinator_b,
    supervisor_a,
    colleague_a,
):
    """Every proposal situation of school A and company A, plus the other side's, each a
    meeloopdag of its own pupil.

    The answers happen in this order, so the newest comes last: accepted, declined,
    confirmed, rejected.
    """

    def propose(school, name, company, by, day):
        student = StudentFactory(school=school, given_name=name, surname="Test")
        return _one_day(placement_propose, student, company, by, datetime.date(2026, 3, day))

    def register(name, day):
        student = StudentFactory(school=school_a, given_name=name, surname="Test")
        return _one_day(
            placement_register, student, company_a, colleague_a, datetime.date(2026, 4, day)
        )

    waiting = propose(school_a, "Wanda", company_a, coordinator_a, 2)
    accepted = propose(school_a, "Arie", company_a, coordinator_a, 3)
    declined = propose(school_a, "Dirk", company_a, coordinator_a, 4)
    registered = register("Rosa", 6)
    confirmed = register("Cor", 7)
    rejected = register("Ria", 8)
    # School A's proposal to company B; school B's to company A and to company B.
    to_b = propose(school_a, "Bert", company_b, coordinator_a, 5)
    from_b = propose(school_b, "Fenna", company_a, coordinator_b, 9)
    between_b = propose(school_b, "Gijs", company_b, coordinator_b, 10)

    placement_accept(accepted, by=supervisor_a, supervisor=colleague_a)
    placement_decline(declined, by=colleague_a, reason="Geen plek.")
    placement_confirm(confirmed, by=coordinator_a)
    placement_decline(rejected, by=coordinator_a, reason="Ria heeft al stage.")
    return {
        "waiting": waiting,
        "accepted": accepted,
        "declined": declined,
        "registered": registered,
        "confirmed": confirmed,
        "rejected": rejected,
        "to_b": to_b,
        "from_b": from_b,
        "between_b": between_b,
    }


def _answer(placement):
    return placement.status_changes.order_by("pk").last()


def test_coordinator_dashboard_lists_exactly_the_schools_proposals(
    client, coordinator_a, both_sides
):
    client.force_login(coordinator_a)

    attention = client.get(DASHBOARD_URL).context["attention"]

    assert attention["registrations"].rows == [both_sides["registered"]]
    assert attention["proposals"].rows == [both_sides["waiting"], both_sides["to_b"]]
    assert attention["answers"].rows == [
        _answer(both_sides["declined"]),
        _answer(both_sides["accepted"]),
    ]


def test_coordinator_dashboard_shows_the_answers_and_the_confirm_button(
    client, coordinator_a, colleague_a, supervisor_a, both_sides
):
    client.force_login(coordinator_a)

    content = client.get(DASHBOARD_URL).content.decode()

    assert f'action="{_confirm_url(both_sides["registered"])}"' in content
    today = timezone.localdate().strftime("%-d %B")
    assert escape(f"Declined by {colleague_a.get_full_name()} on {today}") in content
    assert escape(f"Accepted by {supervisor_a.get_full_name()} on {today}: now planned") in (
        content
    )
    assert "Geen plek." in content


def test_answers_older_than_two_weeks_leave_the_dashboards(
    client, coordinator_a, supervisor_a, both_sides
):
    old = timezone.now() - datetime.timedelta(days=15)
    StatusChange.objects.filter(
        pk__in=[_answer(both_sides[name]).pk for name in ["accepted", "rejected"]]
    ).update(at=old)

    client.force_login(coordinator_a)
    school_answers = client.get(DASHBOARD_URL).context["attention"]["answers"]
    client.force_login(supervisor_a)
    company_answers = client.get(DASHBOARD_URL).context["company_proposals"]["answers"]

    assert school_answers.rows == [_answer(both_sides["declined"])]
    assert company_answers.rows == [_answer(both_sides["confirmed"])]


def test_other_coordinator_dashboard_lists_only_their_schools_proposals(
    client, coordinator_b, both_sides
):
    client.force_login(coordinator_b)

    attention = client.get(DASHBOARD_URL).context["attention"]

    assert attention["registrations"].rows == []
    assert attention["proposals"].rows == [both_sides["from_b"], both_sides["between_b"]]
    assert attention["answers"].rows == []


@pytest.mark.parametrize("persona", ["supervisor_a", "colleague_a"])
def test_company_dashboard_lists_what_to_answer_what_waits_and_the_answers(
    client, request, both_sides, persona
):
    client.force_login(request.getfixturevalue(persona))

    lists = client.get(DASHBOARD_URL).context["company_proposals"]

    assert lists["to_answer"].rows == [both_sides["waiting"], both_sides["from_b"]]
    assert lists["waiting"].rows == [both_sides["registered"]]
    assert lists["answers"].rows == [
        _answer(both_sides["rejected"]),
        _answer(both_sides["confirmed"]),
    ]


def test_company_dashboard_links_accept_and_decline(client, colleague_a, both_sides):
    client.force_login(colleague_a)

    content = client.get(DASHBOARD_URL).content.decode()

    for name in ["waiting", "from_b"]:
        assert f'href="{_url("accept", both_sides[name])}"' in content
        assert f'href="{_url("decline", both_sides[name])}"' in content
    assert _url("accept", both_sides["between_b"]) not in content
    assert "Ria heeft al stage." in content


def test_other_company_dashboard_lists_only_its_own_proposals(client, supervisor_b, both_sides):
    client.force_login(supervisor_b)

    lists = client.get(DASHBOARD_URL).context["company_proposals"]

    assert lists["to_answer"].rows == [both_sides["to_b"], both_sides["between_b"]]
    assert (lists["waiting"].rows, lists["answers"].rows) == ([], [])


def test_company_dashboard_without_proposals_says_so(client, supervisor_a):
    client.force_login(supervisor_a)

    content = client.get(DASHBOARD_URL).content.decode()

    assert "No proposals are waiting." in content
    assert f'href="{REGISTER_URL}"' in content


@pytest.mark.parametrize("persona", ["teacher_a", "outsider"])
def test_teacher_and_outsider_dashboards_have_no_proposal_lists(
    client, request, both_sides, persona
):
    client.force_login(request.getfixturevalue(persona))

    context = client.get(DASHBOARD_URL).context

    assert ("company_proposals" in context, "attention" in context) == (False, False)


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 50])
def test_propose_page_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, size
):
    StudentFactory.create_batch(size, school=school_a)
    CompanyFactory.create_batch(size)
    client.force_login(coordinator_a)

    # session, user, coordinated schools (exists), the pupils, the companies
    with django_assert_num_queries(5):
        response = client.get(PROPOSE_URL)

    assert response.status_code == 200
    assert len(response.context["form"].fields["student"].queryset) == size


@pytest.mark.parametrize("size", [5, 50])
def test_propose_page_with_a_pupil_search_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, size
):
    StudentFactory.create_batch(size, school=school_a, given_name="Daan", class_name="3B")
    StudentFactory.create_batch(size, school=school_a, given_name="Sara", class_name="2K")
    CompanyFactory.create_batch(size)
    client.force_login(coordinator_a)

    # The five of the page, the search narrowing the pupils' query, and two for the
    # search itself: whether just one pupil matches (then it is filled in) and how many.
    with django_assert_num_queries(7):
        response = client.get(PROPOSE_URL, {"pupil": "daan 3b"})

    assert response.status_code == 200
    pupils = response.context["form"].fields["student"].queryset
    assert len(pupils) == size
    assert {pupil.given_name for pupil in pupils} == {"Daan"}


@pytest.mark.parametrize("size", [5, 50])
def test_accept_page_queries_constant(
    client, django_assert_num_queries, company_a, colleague_a, proposal_a, size
):
    CompanyMembershipFactory.create_batch(size, company=company_a)
    client.force_login(colleague_a)

    # session, user, the placement, company roles, school roles, the members
    with django_assert_num_queries(5):
        response = client.get(_url("accept", proposal_a))

    assert response.status_code == 200
    # colleague_a besides the new ones
    assert len(response.context["form"].fields["supervisor"].queryset) == size + 1


@pytest.mark.parametrize("size", [5, 50])
def test_register_page_queries_constant(
    client, django_assert_num_queries, company_a, supervisor_a, size
):
    CompanyMembershipFactory.create_batch(size, company=company_a)
    client.force_login(supervisor_a)

    # session, user, has a company (exists), memberships, the schools, the colleagues
    with django_assert_num_queries(6):
        response = client.get(REGISTER_URL)

    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 50])
def test_decline_page_queries_constant(
    client, django_assert_num_queries, colleague_a, proposal_a, size
):
    for _ in range(size):
        MessageFactory(placement=proposal_a)
    client.force_login(colleague_a)

    # session, user, the placement, company roles, school roles
    with django_assert_num_queries(4):
        response = client.get(_url("decline", proposal_a))

    assert response.status_code == 200

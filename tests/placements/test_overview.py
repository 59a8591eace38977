"""The placement overview: filters, search, sorting, pagination and the bulk message."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from placements.forms.core import SORT_CHOICES, PlacementFilterForm
from placements.models import (
    Message,
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    SchoolRole,
    Weekday,
)
from placements.selectors.overview import SORT_VALUES
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    PlacementFactory,
    SchoolMembershipFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/placements/"
BULK_URL = "/placements/bulk/message/"

# School A's four placements, as the fixture ``school_a_set`` builds them, by pupil:
# Daan Visser    3K vmbo-k  Warmtetechniek Alfa    blokstage     planned    2 Mar to 13 Mar 2026
# Fenna de Graaf 4B vmbo-b  Warmtetechniek Alfa    lintstage     active     4 Feb to 24 Jun 2026
# Lotte Smit     3K vmbo-t  Elektro Bravo          snuffelstage  draft     12 Jan to 13 Jan 2026
# Sem van der Berg 4B vmbo-k Koeltechniek Charlie  meeloopdag    completed 20 Nov 2025
DAAN, FENNA, LOTTE, SEM = "Daan Visser", "Fenna de Graaf", "Lotte Smit", "Sem van der Berg"
ALL_OF_SCHOOL_A = {DAAN, FENNA, LOTTE, SEM}


@pytest.fixture
def company_c():
    return CompanyFactory(name="Koeltechniek Charlie B.V.")


@pytest.fixture
def company_d():
    """A company that hosts only school B's pupils."""
    return CompanyFactory(name="Dakwerken Delta B.V.")


@pytest.fixture
def school_a_set(
    placement_a, placement_b, company_a, supervisor_a, company_b, supervisor_b, company_c, school_a
):
    """School A's four placements (in this order, so their pks rise) beside school B's."""
    fenna = PlacementFactory(
        student=StudentFactory(
            school=school_a,
            given_name="Fenna",
            surname_prefix="de",
            surname="Graaf",
            class_name="4B",
            programme=Programme.VMBO_B,
        ),
        company=company_a,
        supervisor=supervisor_a,
        kind=PlacementKind.LINTSTAGE,
        status=PlacementStatus.ACTIVE,
        weekday=Weekday.WEDNESDAY,
        start_date=datetime.date(2026, 2, 4),
        end_date=datetime.date(2026, 6, 24),
    )
    lotte = PlacementFactory(
        student=StudentFactory(
            school=school_a, given_name="Lotte", surname="Smit", programme=Programme.VMBO_T
        ),
        company=company_b,
        supervisor=supervisor_b,
        kind=PlacementKind.SNUFFELSTAGE,
        status=PlacementStatus.DRAFT,
        start_date=datetime.date(2026, 1, 12),
        end_date=datetime.date(2026, 1, 13),
    )
    sem = PlacementFactory(
        student=StudentFactory(
            school=school_a,
            given_name="Sem",
            surname_prefix="van der",
            surname="Berg",
            class_name="4B",
        ),
        company=company_c,
        kind=PlacementKind.MEELOOPDAG,
        status=PlacementStatus.COMPLETED,
        start_date=datetime.date(2025, 11, 20),
        end_date=datetime.date(2025, 11, 20),
    )
    # School B's pupil gets a class of its own, which school A's coordinator never sees.
    placement_b.student.class_name = "2X"
    placement_b.student.save(update_fields=["class_name"])
    return {DAAN: placement_a, FENNA: fenna, LOTTE: lotte, SEM: sem}


@pytest.fixture
def school_b_at_company_d(company_d, school_b):
    return PlacementFactory(
        student=StudentFactory(school=school_b, given_name="Bram", surname="Dekker"),
        company=company_d,
    )


def _names(response):
    return [placement.student.full_name for placement in response.context["page"].object_list]


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# --- filters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL_OF_SCHOOL_A),
        ({"status": "active"}, {FENNA}),
        ({"status": "cancelled"}, set()),
        ({"kind": "snuffelstage"}, {LOTTE}),
        ({"class_name": "4B"}, {FENNA, SEM}),
        ({"class_name": "3K"}, {DAAN, LOTTE}),
        ({"programme": "vmbo_k"}, {DAAN, SEM}),
        ({"programme": "havo"}, set()),
        ({"company": "company_a"}, {DAAN, FENNA}),
        ({"company": "company_b"}, {LOTTE}),
        # Overlapping the period, both ends included.
        ({"date_from": "2026-03-13"}, {DAAN, FENNA}),
        ({"date_from": "2026-03-14"}, {FENNA}),
        ({"date_to": "2026-01-12"}, {LOTTE, SEM}),
        ({"date_to": "2025-11-19"}, set()),
        ({"date_from": "2026-01-13", "date_to": "2026-02-04"}, {FENNA, LOTTE}),
        ({"date_from": "2025-11-20", "date_to": "2025-11-20"}, {SEM}),
        # Search: given name, prefix, surname, full name in either order, company name.
        ({"q": "daan"}, {DAAN}),
        ({"q": "Daan Visser"}, {DAAN}),
        ({"q": "visser daan"}, {DAAN}),
        ({"q": "van der Berg"}, {SEM}),
        ({"q": "Sem van der Berg"}, {SEM}),
        ({"q": "de graaf"}, {FENNA}),
        ({"q": "  Fenna   de  Graaf "}, {FENNA}),
        ({"q": "charlie"}, {SEM}),
        ({"q": "techniek"}, {DAAN, FENNA, SEM}),
        ({"q": "Daan Graaf"}, set()),
        ({"q": "Noor"}, set()),
        # Combinations narrow further.
        ({"class_name": "3K", "company": "company_b"}, {LOTTE}),
        ({"class_name": "4B", "programme": "vmbo_k"}, {SEM}),
        ({"status": "planned", "q": "Alfa"}, {DAAN}),
        ({"kind": "lintstage", "date_to": "2026-01-31"}, set()),
        ({"company": "company_a", "date_from": "2026-03-14"}, {FENNA}),
        (
            {
                "status": "active",
                "kind": "lintstage",
                "class_name": "4B",
                "programme": "vmbo_b",
                "company": "company_a",
                "date_from": "2026-06-01",
                "date_to": "2026-06-30",
                "q": "fenna",
                "sort": "pupil",
            },
            {FENNA},
        ),
    ],
)
def test_overview_filters_narrow_to_exact_rows(
    client, request, coordinator_a, school_a_set, params, expected
):
    if "company" in params:
        params = {**params, "company": request.getfixturevalue(params["company"]).pk}
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert set(_names(response)) == expected
    assert response.context["page"].paginator.count == len(expected)


def test_overview_class_choices_are_the_visible_pupils_classes(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    choices = list(response.context["form"].fields["class_name"].choices)
    assert [value for value, _label in choices] == ["", "3K", "4B"]


def test_overview_company_choices_are_the_visible_placements_companies(
    client, coordinator_a, school_a_set, company_a, company_b, company_c, school_b_at_company_d
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    choices = list(response.context["form"].fields["company"].choices)
    assert choices[1:] == [
        (company_b.pk, "Elektro Bravo B.V."),
        (company_c.pk, "Koeltechniek Charlie B.V."),
        (company_a.pk, "Warmtetechniek Alfa B.V."),
    ]
    assert f'<option value="{company_a.pk}">Warmtetechniek Alfa B.V.</option>' in (
        response.content.decode()
    )


def test_overview_more_filters_fold_open_only_when_used(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    plain = client.get(LIST_URL, {"status": "active", "q": "x"}).content.decode()
    used = client.get(LIST_URL, {"class_name": "4B"}).content.decode()

    assert '<details class="entry-form mb-2">' in plain
    assert '<details class="entry-form mb-2" open>' in used


# --- scoping -------------------------------------------------------------------------------


def test_overview_coordinator_with_other_schools_company_is_ignored(
    client, coordinator_a, school_a_set, company_d, school_b_at_company_d
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"company": company_d.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert set(_names(response)) == ALL_OF_SCHOOL_A
    assert "company" not in response.context["form"].cleaned_data
    assert "Bram Dekker" not in content
    assert "Noor Bakker" not in content


def test_overview_company_shared_with_other_school_shows_own_pupils_only(
    client, coordinator_a, school_a_set, company_b
):
    # Company B hosts Lotte (school A) and Noor (school B).
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"company": company_b.pk, "q": "Noor"})
    by_company = client.get(LIST_URL, {"company": company_b.pk})

    assert _names(response) == []
    assert _names(by_company) == [LOTTE]
    assert "Noor Bakker" not in by_company.content.decode()


def test_overview_supervisor_b_sees_own_interns_of_both_schools(
    client, supervisor_b, school_a_set, placement_b
):
    client.force_login(supervisor_b)

    response = client.get(LIST_URL, {"sort": "pupil"})

    assert _names(response) == ["Noor Bakker", LOTTE]


def test_overview_teacher_sees_followed_pupils_only(client, teacher_a, school_a_set):
    client.force_login(teacher_a)

    response = client.get(LIST_URL, {"class_name": "4B"})
    everything = client.get(LIST_URL)

    # 4B is not a class of a pupil teacher_a follows: not a choice, so ignored.
    assert _names(response) == [DAAN]
    assert _names(everything) == [DAAN]


def test_overview_outsider_sees_nothing_whatever_the_filters(
    client, outsider, school_a_set, company_a
):
    client.force_login(outsider)

    response = client.get(LIST_URL, {"company": company_a.pk, "class_name": "3K"})

    assert response.status_code == 200
    assert _names(response) == []
    assert len(response.context["form"].fields["company"].choices) == 1  # "All companies"


def test_overview_logged_out_redirects_to_login(client):
    response = client.get(LIST_URL, {"status": "active"})

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/placements/%3Fstatus%3Dactive"


# --- nonsense input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "kind=%00",
        "class_name=9Z",
        "class_name=2X",  # school B's class
        "programme=mbo",
        "company=abc",
        "company=99999999",
        "company=-1",
        "company=1.5",
        "date_from=gisteren",
        "date_to=2026-13-45",
        "date_from=99999-01-01",
        "date_from=2026-03-01&date_to=2026-02-01",  # a reversed period
        "q=%00",
        "q=" + "x" * 101,
        "page=abc",
        "page=-1",
        "page=99999",
        "sort=drop%20table",
        "sort=student__surname",
        "sort=-",
        "sort=--pupil",
        "sort=",
        "status=bogus&company=abc&date_from=x&sort=drop&page=abc",
    ],
)
def test_overview_nonsense_values_are_ignored(client, coordinator_a, school_a_set, query):
    client.force_login(coordinator_a)

    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    # Everything of school A, in the default order: start date, latest first.
    assert _names(response) == [DAAN, FENNA, LOTTE, SEM]


def test_overview_reversed_period_says_so_at_the_end_date(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.get(LIST_URL, {"date_from": "2026-03-01", "date_to": "2026-02-01"})

    assert response.context["form"].errors == {
        "date_to": ["The end of the period cannot be before its start."]
    }
    page = response.content.decode()
    # At the field: marked invalid, described by the message beside it; the start is not.
    assert 'aria-invalid="true" aria-describedby="id_date_to_error" id="id_date_to"' in page
    assert '<div id="id_date_to_error" class="invalid-feedback d-block">' in page
    assert "The end of the period cannot be before its start." in page
    assert 'name="date_from" value="2026-03-01" class="form-control" id="id_date_from"' in page


def test_overview_other_school_company_pk_is_ignored(
    client, coordinator_a, school_a_set, school_b_at_company_d, company_d
):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"company": company_d.pk, "status": "active"})

    # The company drops out; the valid status still narrows.
    assert _names(response) == [FENNA]


# --- sorting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("pupil", [SEM, FENNA, LOTTE, DAAN]),  # by surname: Berg, Graaf, Smit, Visser
        ("-pupil", [DAAN, LOTTE, FENNA, SEM]),
        # Daan and Fenna share a company: the pk breaks the tie both ways.
        ("company", [LOTTE, SEM, DAAN, FENNA]),
        ("-company", [DAAN, FENNA, SEM, LOTTE]),
        # Kinds in the order of their choices, shortest first.
        ("kind", [LOTTE, SEM, FENNA, DAAN]),
        ("-kind", [DAAN, FENNA, SEM, LOTTE]),
        ("start_date", [SEM, LOTTE, FENNA, DAAN]),
        ("-start_date", [DAAN, FENNA, LOTTE, SEM]),
        ("end_date", [SEM, LOTTE, DAAN, FENNA]),
        ("-end_date", [FENNA, DAAN, LOTTE, SEM]),
        # Statuses in the order of the lifecycle.
        ("status", [LOTTE, DAAN, FENNA, SEM]),
        ("-status", [SEM, FENNA, DAAN, LOTTE]),
        (None, [DAAN, FENNA, LOTTE, SEM]),
    ],
)
def test_overview_sorts_by_each_key_both_ways(client, coordinator_a, school_a_set, sort, expected):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"sort": sort} if sort else {})

    assert _names(response) == expected


def test_overview_sort_on_pupil_ignores_case(client, coordinator_a, school_a, school_a_set):
    PlacementFactory(
        student=StudentFactory(school=school_a, given_name="Aart", surname="bakker"),
        start_date=datetime.date(2026, 4, 1),
        end_date=datetime.date(2026, 4, 10),
    )
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"sort": "pupil"})

    assert _names(response) == ["Aart bakker", SEM, FENNA, LOTTE, DAAN]


def test_overview_sort_choices_are_exactly_the_whitelist():
    assert sorted(value for value, _label in SORT_CHOICES) == sorted(SORT_VALUES)


def test_overview_sorted_header_has_aria_sort_and_flips(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"status": "planned", "sort": "pupil"})

    content = response.content.decode()
    assert content.count("aria-sort=") == 1
    assert (
        '<th scope="col" aria-sort="ascending"><a class="link-body-emphasis" '
        'href="/placements/?status=planned&amp;sort=-pupil">'
    ) in content
    # The other headers keep the filters and sort their own column.
    assert 'href="/placements/?status=planned&amp;sort=company"' in content
    assert 'href="/placements/?status=planned&amp;sort=status"' in content
    # Back to the default order: the sort drops out of the address.
    assert 'href="/placements/?status=planned&amp;sort=start_date"' in content


def test_overview_descending_header_has_aria_sort_descending(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"sort": "-company"})

    content = response.content.decode()
    assert content.count("aria-sort=") == 1
    assert (
        '<th scope="col" aria-sort="descending"><a class="link-body-emphasis" '
        'href="/placements/?sort=company">'
    ) in content


def test_overview_default_order_marks_period_header_descending(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert content.count("aria-sort=") == 1
    assert '<th scope="col" aria-sort="descending">Periode' in content
    assert 'href="/placements/?sort=start_date"' in content
    assert 'href="/placements/?sort=end_date"' in content


def test_placement_table_without_overview_variables_stays_plain(school_a_set):
    # The dashboard includes the table without sort links and without ``selectable``.
    with translation.override("en"):
        content = render_to_string(
            "placements/_placement_table.html", {"placements": [school_a_set[DAAN]]}
        )

    assert "aria-sort=" not in content
    assert 'name="placements"' not in content
    assert '<th scope="col">Pupil</th>' in content
    assert '<th scope="col">Period</th>' in content
    assert content.count("<th ") == 6


# --- pagination ----------------------------------------------------------------------------


@pytest.fixture
def many_of_school_a(school_a):
    """30 active placements of school A pupils, surnames Pupil 00 … Pupil 29."""
    return [
        PlacementFactory(
            student=StudentFactory(school=school_a, given_name="Kim", surname=f"Pupil {n:02d}"),
            status=PlacementStatus.ACTIVE,
        )
        for n in range(30)
    ]


def test_overview_pages_keep_filters_and_sort(client, coordinator_a, many_of_school_a):
    client.force_login(coordinator_a)

    first = client.get(LIST_URL, {"status": "active", "sort": "-pupil"})
    second = client.get(LIST_URL, {"status": "active", "sort": "-pupil", "page": 2})

    content = first.content.decode()
    assert _names(first) == [f"Kim Pupil {n:02d}" for n in range(29, 4, -1)]
    assert _names(second) == [f"Kim Pupil {n:02d}" for n in range(4, -1, -1)]
    assert 'href="/placements/?status=active&amp;sort=-pupil&amp;page=2"' in content
    assert 'href="/placements/export.csv?status=active&amp;sort=-pupil"' in content
    assert 'href="/placements/export.xlsx?status=active&amp;sort=-pupil"' in content
    assert 'href="/placements/?status=active&amp;sort=-pupil&amp;page=1"' in (
        second.content.decode()
    )


def test_overview_sort_link_returns_to_first_page(client, coordinator_a, many_of_school_a):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL, {"page": 2})

    assert 'href="/placements/?sort=pupil"' in response.content.decode()


@pytest.mark.parametrize("size", [5, 200])
def test_overview_list_queries_constant(
    client, django_assert_num_queries, coordinator_a, school_a, size
):
    PlacementFactory.create_batch(size, student__school=school_a)
    client.force_login(coordinator_a)

    # session, user, class choices, company choices, paginator count, may propose,
    # may register, page rows
    with django_assert_num_queries(7):
        response = client.get(LIST_URL, {"q": "a", "status": "planned", "sort": "company"})

    assert response.status_code == 200
    assert len(_names(response)) == min(size, 25)


# --- checkboxes ----------------------------------------------------------------------------


def test_overview_coordinator_gets_a_checkbox_per_row(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert 'id="bulk-form"' in content
    for placement in school_a_set.values():
        assert f'name="placements" value="{placement.public_id}"' in content
    assert content.count('name="placements"') == 4


def test_overview_staff_without_membership_gets_no_bulk_form(client, staff, school_a_set):
    client.force_login(staff)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert len(_names(response)) == 5
    assert 'id="bulk-form"' not in content
    assert 'name="placements"' not in content


def test_overview_staff_coordinator_gets_checkboxes_on_own_school_only(
    client, staff, school_a, school_a_set, placement_b
):
    SchoolMembershipFactory(school=school_a, user=staff, role=SchoolRole.COORDINATOR)
    client.force_login(staff)

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert len(_names(response)) == 5
    assert content.count('name="placements"') == 4
    assert f'value="{placement_b.public_id}"' not in content


# --- bulk message --------------------------------------------------------------------------


def _post(client, placements, body="Denk aan de evaluatie volgende week.", back=""):
    data = {"placements": [str(p.public_id) for p in placements], "body": body, "back": back}
    return client.post(BULK_URL, data)


def _thread_rows():
    return sorted(Message.objects.values_list("placement_id", "author_id", "body"))


def test_bulk_message_coordinator_posts_once_per_placement(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)
    _in_english(client)
    chosen = [school_a_set[DAAN], school_a_set[LOTTE]]

    response = _post(client, chosen, back="status=planned&sort=pupil&page=1")

    assert response.status_code == 302
    assert response.url == "/placements/?status=planned&sort=pupil&page=1"
    assert _thread_rows() == sorted(
        (p.pk, coordinator_a.pk, "Denk aan de evaluatie volgende week.") for p in chosen
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your message was sent to 2 placements."
    ]


def test_bulk_message_other_schools_placement_is_skipped(
    client, coordinator_a, school_a_set, placement_b
):
    client.force_login(coordinator_a)
    _in_english(client)

    response = _post(client, [school_a_set[FENNA], placement_b])

    assert response.status_code == 302
    assert response.url == "/placements/"
    assert _thread_rows() == [
        (school_a_set[FENNA].pk, coordinator_a.pk, "Denk aan de evaluatie volgende week.")
    ]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your message was sent to 1 placement.",
        "1 selected placement was skipped: you cannot post there.",
    ]


def test_bulk_message_unknown_uuid_is_skipped(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(
        BULK_URL,
        {"placements": [str(uuid.uuid4()), str(uuid.uuid4())], "body": "Hallo"},
    )

    assert response.status_code == 302
    assert Message.objects.count() == 0
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "2 selected placements were skipped: you cannot post there."
    ]


def test_bulk_message_same_placement_twice_posts_once(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)
    daan = school_a_set[DAAN]

    _post(client, [daan, daan])

    assert Message.objects.filter(placement=daan).count() == 1


def test_bulk_message_double_submit_does_not_duplicate(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)
    _in_english(client)
    chosen = [school_a_set[DAAN], school_a_set[FENNA], school_a_set[SEM]]

    first = _post(client, chosen)
    second = _post(client, chosen)

    assert first.status_code == second.status_code == 302
    assert Message.objects.count() == 3
    assert sorted(Message.objects.values_list("placement_id", flat=True)) == sorted(
        p.pk for p in chosen
    )


def test_bulk_message_company_admin_posts_on_company_placements_only(
    client, supervisor_a, school_a_set
):
    client.force_login(supervisor_a)

    response = _post(client, list(school_a_set.values()))

    assert response.status_code == 302
    assert sorted(Message.objects.values_list("placement_id", flat=True)) == sorted(
        [school_a_set[DAAN].pk, school_a_set[FENNA].pk]
    )


def test_bulk_message_teacher_posts_for_followed_pupils_only(client, teacher_a, school_a_set):
    client.force_login(teacher_a)
    _in_english(client)

    response = _post(client, [school_a_set[DAAN], school_a_set[FENNA]])

    assert response.status_code == 302
    assert _thread_rows() == [
        (school_a_set[DAAN].pk, teacher_a.pk, "Denk aan de evaluatie volgende week.")
    ]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your message was sent to 1 placement.",
        "1 selected placement was skipped: you cannot post there.",
    ]


def test_bulk_message_colleague_who_does_not_supervise_is_skipped(client, company_a, school_a_set):
    colleague = CompanyMembershipFactory(company=company_a).user
    client.force_login(colleague)

    response = _post(client, [school_a_set[DAAN]])

    assert response.status_code == 302
    assert Message.objects.count() == 0


def test_bulk_message_staff_without_membership_is_403(client, staff, school_a_set):
    client.force_login(staff)

    response = _post(client, [school_a_set[DAAN]])

    assert response.status_code == 403
    assert Message.objects.count() == 0


def test_bulk_message_outsider_is_403(client, outsider, school_a_set):
    client.force_login(outsider)

    response = _post(client, [school_a_set[DAAN]])

    assert response.status_code == 403
    assert Message.objects.count() == 0


def test_bulk_message_staff_coordinator_posts_on_own_school_only(
    client, staff, school_a, school_a_set, placement_b
):
    SchoolMembershipFactory(school=school_a, user=staff, role=SchoolRole.COORDINATOR)
    client.force_login(staff)

    _post(client, [school_a_set[LOTTE], placement_b])

    assert list(Message.objects.values_list("placement_id", flat=True)) == [school_a_set[LOTTE].pk]


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_bulk_message_without_body_is_refused_at_the_field(
    client, coordinator_a, school_a_set, body
):
    client.force_login(coordinator_a)
    _in_english(client)
    daan = school_a_set[DAAN]

    response = _post(client, [daan], body=body, back="status=planned")

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["bulk_form"].errors == {"body": ["Write a message first."]}
    assert 'id="error_1_id_body"' in content
    assert Message.objects.count() == 0
    # The page keeps the filters it came from and what was ticked.
    assert _names(response) == [DAAN]
    assert f'value="{daan.public_id}" checked>' in content


def test_bulk_message_too_long_is_refused(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    response = _post(client, [school_a_set[DAAN]], body="x" * 4001)

    assert response.status_code == 200
    assert list(response.context["bulk_form"].errors) == ["body"]
    assert Message.objects.count() == 0


def test_bulk_message_nothing_ticked_is_refused(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(BULK_URL, {"body": "Hallo"})

    assert response.status_code == 200
    assert response.context["bulk_form"].errors == {
        "placements": ["Tick at least one placement first."]
    }
    assert 'id="bulk-placements-error"' in response.content.decode()
    assert Message.objects.count() == 0


@pytest.mark.parametrize("value", ["abc", "1", "'; drop table", ""])
def test_bulk_message_nonsense_id_is_refused_without_error_page(
    client, coordinator_a, school_a_set, value
):
    client.force_login(coordinator_a)

    response = client.post(
        BULK_URL, {"placements": [str(school_a_set[DAAN].public_id), value], "body": "Hallo"}
    )

    assert response.status_code == 200
    assert list(response.context["bulk_form"].errors) == ["placements"]
    assert Message.objects.count() == 0


def test_bulk_message_more_than_limit_is_refused(client, coordinator_a, school_a_set):
    client.force_login(coordinator_a)

    response = client.post(
        BULK_URL, {"placements": [str(uuid.uuid4()) for _ in range(101)], "body": "Hallo"}
    )

    assert response.status_code == 200
    assert list(response.context["bulk_form"].errors) == ["placements"]


@pytest.mark.parametrize(
    ("back", "url"),
    [
        ("https://evil.example/", "/placements/?https%3A%2F%2Fevil.example%2F="),
        ("//evil.example", "/placements/?%2F%2Fevil.example="),
        ("q=a%0d%0aSet-Cookie:x", "/placements/?q=a%0D%0ASet-Cookie%3Ax"),
    ],
)
def test_bulk_message_back_only_ever_returns_to_the_list(
    client, coordinator_a, school_a_set, back, url
):
    client.force_login(coordinator_a)

    response = _post(client, [school_a_set[DAAN]], back=back)

    assert response.status_code == 302
    assert response.url == url


def test_bulk_message_logged_out_redirects_to_login(client, school_a_set):
    response = _post(client, [school_a_set[DAAN]])

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={BULK_URL}"
    assert Message.objects.count() == 0


def test_bulk_message_get_is_405(client, coordinator_a):
    client.force_login(coordinator_a)

    response = client.get(BULK_URL)

    assert response.status_code == 405


def test_bulk_message_without_csrf_token_is_403(coordinator_a, school_a_set):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_a)

    response = _post(client, [school_a_set[DAAN]])

    assert response.status_code == 403
    assert Message.objects.count() == 0


# --- the form on its own -------------------------------------------------------------------


def test_filter_form_query_keeps_valid_values_in_field_order():
    form = PlacementFilterForm(
        {"q": "Daan", "date_to": "2026-03-31", "status": "bogus", "sort": "-start_date"},
        classes=[],
        companies=[],
    )
    form.is_valid()

    assert form.query() == "date_to=2026-03-31&q=Daan"
    assert form.query(page=3, sort="pupil") == "date_to=2026-03-31&q=Daan&sort=pupil&page=3"


# --- all that match the filters (#9, 6) ------------------------------------------------------


def test_bulk_message_to_everything_that_matches_posts_on_every_page(
    client, coordinator_a, school_a_set
):
    client.force_login(coordinator_a)
    _in_english(client)
    in_4b = [p for p in school_a_set.values() if p.student.class_name == "4B"]
    assert in_4b  # the filter leaves some out and keeps some

    response = client.post(
        BULK_URL, {"everything": "on", "body": "Hallo 4B", "back": "class_name=4B&page=1"}
    )

    assert response.status_code == 302
    assert response.url == "/placements/?class_name=4B&page=1"
    assert _thread_rows() == sorted((p.pk, coordinator_a.pk, "Hallo 4B") for p in in_4b)


def test_bulk_message_to_everything_stays_in_the_users_scope(
    client, coordinator_a, school_a, school_a_set, placement_b
):
    client.force_login(coordinator_a)

    response = client.post(BULK_URL, {"everything": "on", "body": "Hallo", "back": ""})

    assert response.status_code == 302
    posted = {placement for placement, _author, _body in _thread_rows()}
    assert placement_b.pk not in posted
    assert posted == set(
        Placement.objects.filter(student__school=school_a).values_list("pk", flat=True)
    )


def test_bulk_message_to_more_than_the_limit_is_refused_and_sends_nothing(
    client, coordinator_a, school_a, settings, monkeypatch
):
    from placements.views import overview

    monkeypatch.setattr(overview, "BULK_MAX_PLACEMENTS", 2)
    for _ in range(3):
        PlacementFactory(student=StudentFactory(school=school_a))
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.post(BULK_URL, {"everything": "on", "body": "Hallo", "back": ""})

    assert response.status_code == 200
    assert response.context["bulk_form"].errors == {
        "placements": [
            "3 placements match the filters: at most 2 at a time. Narrow the filters first."
        ]
    }
    assert Message.objects.count() == 0


def test_overview_offers_everything_that_matches_only_with_more_pages(
    client, coordinator_a, school_a_set, monkeypatch
):
    from placements.views import overview

    client.force_login(coordinator_a)
    _in_english(client)
    one_page = client.get(LIST_URL)
    monkeypatch.setattr(overview, "PAGE_SIZE", 2)
    two_pages = client.get(LIST_URL)

    assert (one_page.status_code, two_pages.status_code) == (200, 200)
    assert 'id="bulk-everything"' not in one_page.content.decode()
    total = two_pages.context["page"].paginator.count
    assert total > 2
    assert (
        f"Instead: all {total} placements that match the filters, on every page"
        in two_pages.content.decode()
    )
    # The box that ticks the page is shown by the script, hidden without it.
    assert '<div class="form-check mb-2" data-select-all hidden>' in one_page.content.decode()

"""Before both sides agree, a placement has no journal yet: nothing to tick, log or fill."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from placements.access import placement_access
from placements.models import DayLog, Phase, PlacementStatus
from placements.services.checklists import checklist_item_set_done
from placements.services.lifecycle import placement_confirm
from tests.factories import ChecklistItemFactory, PlacementFactory, StudentFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def registration(company_a, supervisor_a, school_a):
    """A placement company A registered for a pupil of school A, supervised by
    supervisor_a, running 2 to 13 March 2026; school A has not confirmed it yet."""
    return PlacementFactory(
        student=StudentFactory(school=school_a),
        company=company_a,
        supervisor=supervisor_a,
        status=PlacementStatus.REGISTERED,
        start_date=D(2026, 3, 2),
        end_date=D(2026, 3, 13),
    )


def _log_a_day(client, placement):
    url = reverse("placements:daylog_save", args=[placement.public_id])
    return client.post(url, {"date": "2026-03-04", "hours": "7.5", "absence": "present"})


@pytest.mark.parametrize(
    "status", [PlacementStatus.PROPOSED, PlacementStatus.REGISTERED, PlacementStatus.DECLINED]
)
def test_placement_access_is_not_open_before_agreement_or_after_declining(
    registration, supervisor_a, status
):
    registration.status = status

    assert placement_access(supervisor_a, registration).is_open is False


@pytest.mark.parametrize(
    "status",
    [
        PlacementStatus.DRAFT,
        PlacementStatus.PLANNED,
        PlacementStatus.ACTIVE,
        PlacementStatus.CLOSING,
    ],
)
def test_placement_access_is_open_while_agreed_and_unfinished(registration, supervisor_a, status):
    registration.status = status

    assert placement_access(supervisor_a, registration).is_open is True


def test_registration_refuses_hours_until_the_school_confirms(
    client, registration, supervisor_a, coordinator_a
):
    client.force_login(supervisor_a)

    refused = _log_a_day(client, registration)
    placement_confirm(registration, by=coordinator_a)
    allowed = _log_a_day(client, registration)

    assert refused.status_code == 403
    assert allowed.status_code == 302
    assert list(DayLog.objects.filter(placement=registration).values_list("date", flat=True)) == [
        D(2026, 3, 4)
    ]


def test_registration_refuses_checklist_ticks_until_the_school_confirms(registration, supervisor_a):
    item = ChecklistItemFactory(placement=registration, phase=Phase.BEFORE_START)

    with pytest.raises(ValidationError):
        checklist_item_set_done(item, by=supervisor_a, done=True)

    item.refresh_from_db()
    assert item.done_at is None


def test_proposal_page_shows_terms_and_thread_but_no_journal(client, registration, supervisor_a):
    client.force_login(supervisor_a)

    content = client.get(registration.get_absolute_url()).content.decode()

    assert 'id="proposal"' in content
    assert 'id="messages-heading"' in content
    for section in ('id="checklists"', 'id="intake"', 'id="hours"', 'id="evaluations"'):
        assert section not in content


def test_confirmed_registration_page_shows_the_journal(
    client, registration, supervisor_a, coordinator_a
):
    placement_confirm(registration, by=coordinator_a)
    client.force_login(supervisor_a)

    content = client.get(registration.get_absolute_url()).content.decode()

    assert 'id="proposal"' not in content
    for section in ('id="checklists"', 'id="intake"', 'id="hours"', 'id="evaluations"'):
        assert section in content


@pytest.mark.parametrize("size", [1, 30])
def test_proposal_page_queries_constant(
    client, django_assert_num_queries, registration, supervisor_a, coordinator_a, size
):
    for _ in range(size):
        ChecklistItemFactory(placement=registration, phase=Phase.BEFORE_START)
    client.force_login(coordinator_a)

    # session, user, the placement with its relations and intake, the user's two
    # memberships, the history (who registered it), then the thread: read mark, messages
    with django_assert_num_queries(7):
        response = client.get(registration.get_absolute_url())

    assert response.status_code == 200

"""Feedback moments: the proposed mid-term evaluation, planning, notes, done and reopen."""

import datetime

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from placements.models import FeedbackMoment, PlacementKind, Weekday
from placements.selectors.feedback import feedback_moments
from placements.services.feedback import (
    feedback_moment_add,
    feedback_moment_delete,
    feedback_moment_mark_done,
    feedback_moment_reopen,
    feedback_propose_midterm,
)
from tests.factories import FeedbackMomentFactory, PlacementFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source texts, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def moment_a(placement_a):
    """A moment of ``placement_a`` (2 to 13 March 2026), planned on Thursday 5 March."""
    return FeedbackMomentFactory(
        placement=placement_a, title="Einde eerste week", planned_on=D(2026, 3, 5)
    )


@pytest.fixture
def midterm_a(placement_a, supervisor_a):
    return feedback_propose_midterm(placement_a, by=supervisor_a)


def _url(name, placement, moment=None):
    kwargs = {"public_id": placement.public_id}
    if moment is not None:
        kwargs["pk"] = moment.pk
    return reverse(f"placements:{name}", kwargs=kwargs)


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- the mid-term evaluation is proposed ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "end", "weekday", "expected"),
    [
        # 8 days, Monday to Monday: halfway is Thursday.
        (PlacementKind.BLOKSTAGE, D(2026, 3, 2), D(2026, 3, 9), None, D(2026, 3, 5)),
        # 8 days, Wednesday to Wednesday: halfway is Saturday, moved back to Friday.
        (PlacementKind.BLOKSTAGE, D(2026, 3, 4), D(2026, 3, 11), None, D(2026, 3, 6)),
        # 13 days: halfway is Sunday 8 March, moved back to Friday.
        (PlacementKind.BLOKSTAGE, D(2026, 3, 2), D(2026, 3, 14), None, D(2026, 3, 6)),
        # 10 weeks, Monday 2 February to Friday 10 April: halfway Saturday 7 March.
        (PlacementKind.BLOKSTAGE, D(2026, 2, 2), D(2026, 4, 10), None, D(2026, 3, 6)),
        # A lintstage on ten Wednesdays: halfway Saturday 7 March.
        (PlacementKind.LINTSTAGE, D(2026, 2, 4), D(2026, 4, 8), Weekday.WEDNESDAY, D(2026, 3, 6)),
    ],
)
def test_feedback_propose_midterm_longer_than_a_week_plans_it_halfway_on_a_weekday(
    supervisor_a, kind, start, end, weekday, expected
):
    placement = PlacementFactory(kind=kind, start_date=start, end_date=end, weekday=weekday)

    midterm = feedback_propose_midterm(placement, by=supervisor_a)

    midterm.refresh_from_db()
    assert midterm.placement == placement
    assert midterm.is_midterm is True
    assert midterm.title == "Tussenevaluatie"  # stored in the portal's language
    assert midterm.planned_on == expected
    assert midterm.planned_on.weekday() < 5
    assert midterm.done_at is None


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        (PlacementKind.BLOKSTAGE, D(2026, 3, 2), D(2026, 3, 8)),  # exactly 7 days
        (PlacementKind.MEELOOPDAG, D(2026, 3, 4), D(2026, 3, 4)),  # one day
        (PlacementKind.SNUFFELSTAGE, D(2026, 3, 2), D(2026, 3, 4)),  # a few days
    ],
)
def test_feedback_propose_midterm_week_or_shorter_plans_nothing(supervisor_a, kind, start, end):
    placement = PlacementFactory(kind=kind, start_date=start, end_date=end)

    midterm = feedback_propose_midterm(placement, by=supervisor_a)

    assert midterm is None
    assert FeedbackMoment.objects.count() == 0


def test_feedback_propose_midterm_twice_makes_one(placement_a, supervisor_a):
    first = feedback_propose_midterm(placement_a, by=supervisor_a)

    second = feedback_propose_midterm(placement_a, by=supervisor_a)

    assert second.pk == first.pk
    assert FeedbackMoment.objects.filter(placement=placement_a).count() == 1


def test_feedback_propose_midterm_keeps_other_moments(placement_a, supervisor_a, moment_a):
    midterm = feedback_propose_midterm(placement_a, by=supervisor_a)

    assert list(FeedbackMoment.objects.order_by("pk")) == [moment_a, midterm]


def test_feedback_propose_midterm_after_date_change_moves_open_midterm(
    placement_a, supervisor_a, midterm_a
):
    placement_a.start_date, placement_a.end_date = D(2026, 3, 16), D(2026, 3, 27)
    placement_a.save()

    moved = feedback_propose_midterm(placement_a, by=supervisor_a)

    midterm_a.refresh_from_db()
    assert moved.pk == midterm_a.pk
    assert midterm_a.planned_on == D(2026, 3, 20)  # halfway Saturday 21st, back to Friday
    assert FeedbackMoment.objects.count() == 1


def test_feedback_propose_midterm_after_date_change_leaves_done_midterm(
    placement_a, supervisor_a, midterm_a
):
    feedback_moment_mark_done(midterm_a, by=supervisor_a)
    placement_a.start_date, placement_a.end_date = D(2026, 3, 16), D(2026, 3, 27)
    placement_a.save()

    feedback_propose_midterm(placement_a, by=supervisor_a)

    midterm_a.refresh_from_db()
    assert midterm_a.planned_on == D(2026, 3, 6)  # where it was: halfway 2 to 13 March


def test_feedback_propose_midterm_shortened_to_a_week_leaves_existing_midterm(
    placement_a, supervisor_a, midterm_a
):
    placement_a.end_date = D(2026, 3, 6)
    placement_a.save()

    result = feedback_propose_midterm(placement_a, by=supervisor_a)

    midterm_a.refresh_from_db()
    assert result is None
    assert midterm_a.planned_on == D(2026, 3, 6)


# --- services: add, done, reopen, delete --------------------------------------------------


@pytest.mark.parametrize(
    ("planned_on", "saved"),
    [
        (D(2026, 1, 30), False),  # 31 days before the start
        (D(2026, 1, 31), True),  # 30 days before the start
        (D(2026, 4, 12), True),  # 30 days after the end
        (D(2026, 4, 13), False),  # 31 days after the end
    ],
)
def test_feedback_moment_add_date_at_most_30_days_outside_period(
    placement_a, supervisor_a, planned_on, saved
):
    if saved:
        feedback_moment_add(placement_a, title="Gesprek", planned_on=planned_on, by=supervisor_a)
    else:
        with pytest.raises(ValidationError) as error:
            feedback_moment_add(
                placement_a, title="Gesprek", planned_on=planned_on, by=supervisor_a
            )
        assert error.value.message_dict == {
            "planned_on": [
                "Plan the moment during the placement or at most 30 days before or after it: "
                "between 31 January 2026 and 12 April 2026."
            ]
        }

    assert FeedbackMoment.objects.count() == int(saved)


def test_feedback_moment_add_same_title_and_date_twice_makes_one(placement_a, supervisor_a):
    first = feedback_moment_add(
        placement_a, title="Gesprek", planned_on=D(2026, 3, 10), by=supervisor_a
    )

    second = feedback_moment_add(
        placement_a, title="Gesprek", planned_on=D(2026, 3, 10), by=supervisor_a
    )

    assert second.pk == first.pk
    assert FeedbackMoment.objects.count() == 1


def test_feedback_moment_mark_done_twice_keeps_first_person(moment_a, supervisor_a, teacher_a):
    first = feedback_moment_mark_done(moment_a, by=supervisor_a)

    second = feedback_moment_mark_done(moment_a, by=teacher_a)

    assert second.done_by == supervisor_a
    assert second.done_at == first.done_at


def test_feedback_moment_reopen_clears_done_and_keeps_notes(moment_a, supervisor_a):
    moment_a.notes = "Goed gesprek"
    moment_a.save()
    feedback_moment_mark_done(moment_a, by=supervisor_a)

    feedback_moment_reopen(moment_a, by=supervisor_a)

    moment_a.refresh_from_db()
    assert (moment_a.done_at, moment_a.done_by, moment_a.notes) == (None, None, "Goed gesprek")


def test_feedback_moment_delete_midterm_is_refused(midterm_a, supervisor_a):
    with pytest.raises(ValidationError) as error:
        feedback_moment_delete(midterm_a, by=supervisor_a)

    assert error.value.messages == [
        "The mid-term evaluation cannot be deleted; change its date instead."
    ]
    assert FeedbackMoment.objects.count() == 1


def test_feedback_moment_delete_other_moment_removes_it(moment_a, midterm_a, supervisor_a):
    feedback_moment_delete(moment_a, by=supervisor_a)

    assert list(FeedbackMoment.objects.all()) == [midterm_a]


# --- selector: overdue ---------------------------------------------------------------------


def test_feedback_moments_overdue_only_when_planned_before_today_and_not_done(
    placement_a, supervisor_a
):
    before = FeedbackMomentFactory(placement=placement_a, title="a", planned_on=D(2026, 3, 4))
    done = FeedbackMomentFactory(
        placement=placement_a,
        title="b",
        planned_on=D(2026, 3, 3),
        done_at=timezone.now(),
        done_by=supervisor_a,
    )
    today = FeedbackMomentFactory(placement=placement_a, title="c", planned_on=D(2026, 3, 5))
    later = FeedbackMomentFactory(placement=placement_a, title="d", planned_on=D(2026, 3, 9))

    moments = feedback_moments(placement_a, today=D(2026, 3, 5))

    assert [(m.pk, bool(m.is_overdue)) for m in moments] == [
        (done.pk, False),
        (before.pk, True),
        (today.pk, False),
        (later.pk, False),
    ]


def test_feedback_moments_only_of_the_placement(placement_a, placement_b, moment_a):
    FeedbackMomentFactory(placement=placement_b)

    assert feedback_moments(placement_a, today=D(2026, 3, 1)) == [moment_a]


# --- view: add ---------------------------------------------------------------------------


def test_feedback_add_supervisor_plans_moment(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.post(
        _url("feedback_add", placement_a), {"title": "Eindgesprek", "planned_on": "2026-03-13"}
    )

    moment = FeedbackMoment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#feedback"
    assert (moment.placement, moment.title, moment.planned_on, moment.is_midterm) == (
        placement_a,
        "Eindgesprek",
        D(2026, 3, 13),
        False,
    )
    assert _messages(response) == ["Planned: Eindgesprek."]


def test_feedback_add_double_submit_makes_one(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    data = {"title": "Eindgesprek", "planned_on": "2026-03-13"}

    client.post(_url("feedback_add", placement_a), data)
    client.post(_url("feedback_add", placement_a), data)

    assert FeedbackMoment.objects.count() == 1


def test_feedback_add_staff_may_plan(client, staff, placement_a):
    client.force_login(staff)

    response = client.post(
        _url("feedback_add", placement_a), {"title": "Eindgesprek", "planned_on": "2026-03-13"}
    )

    assert response.status_code == 302
    assert FeedbackMoment.objects.count() == 1


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_feedback_add_school_side_is_403(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        _url("feedback_add", placement_a), {"title": "Eindgesprek", "planned_on": "2026-03-13"}
    )

    assert response.status_code == 403
    assert FeedbackMoment.objects.count() == 0


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_feedback_add_outside_scope_is_404(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        _url("feedback_add", placement_a), {"title": "Eindgesprek", "planned_on": "2026-03-13"}
    )

    assert response.status_code == 404
    assert FeedbackMoment.objects.count() == 0


def test_feedback_add_anonymous_redirects_to_login(client, placement_a):
    url = _url("feedback_add", placement_a)

    response = client.post(url, {"title": "Eindgesprek", "planned_on": "2026-03-13"})

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
    assert FeedbackMoment.objects.count() == 0


def test_feedback_add_get_is_405(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(_url("feedback_add", placement_a))

    assert response.status_code == 405


def test_feedback_add_date_far_outside_period_shows_error_and_keeps_input(
    client, supervisor_a, placement_a
):
    client.force_login(supervisor_a)

    response = client.post(
        _url("feedback_add", placement_a), {"title": "Terugkomdag", "planned_on": "2026-06-01"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "planned_on": [
            "Plan the moment during the placement or at most 30 days before or after it: "
            "between 31 January 2026 and 12 April 2026."
        ]
    }
    assert 'value="Terugkomdag"' in content
    assert 'value="2026-06-01"' in content
    assert "Tips for a good conversation" in content
    assert FeedbackMoment.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, ["planned_on", "title"]),
        ({"title": "   ", "planned_on": "2026-03-10"}, ["title"]),
        ({"title": "x" * 151, "planned_on": "2026-03-10"}, ["title"]),
        ({"title": "Gesprek", "planned_on": "10-13-2026"}, ["planned_on"]),
        ({"title": "Gesprek", "planned_on": "\x00"}, ["planned_on"]),
    ],
)
def test_feedback_add_bad_input_shows_errors_without_saving(
    client, supervisor_a, placement_a, data, fields
):
    client.force_login(supervisor_a)

    response = client.post(_url("feedback_add", placement_a), data)

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == fields
    assert FeedbackMoment.objects.count() == 0


# --- view: edit (plan and notes) -----------------------------------------------------------


def test_feedback_edit_supervisor_gets_plan_and_notes_form(client, supervisor_a, moment_a):
    client.force_login(supervisor_a)

    response = client.get(_url("feedback_edit", moment_a.placement, moment_a))

    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.fields) == ["title", "planned_on", "notes"]
    assert form.initial["title"] == "Einde eerste week"
    assert "Tips for a good conversation" in response.content.decode()


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_feedback_edit_school_side_gets_notes_form(client, request, moment_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(_url("feedback_edit", moment_a.placement, moment_a))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["notes"]


def test_feedback_edit_supervisor_changes_plan_and_notes(client, supervisor_a, moment_a):
    client.force_login(supervisor_a)

    response = client.post(
        _url("feedback_edit", moment_a.placement, moment_a),
        {"title": "Week 1", "planned_on": "2026-03-06", "notes": "Ik zie dat je goed meedenkt."},
    )

    moment_a.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"{moment_a.placement.get_absolute_url()}#feedback"
    assert (moment_a.title, moment_a.planned_on, moment_a.notes) == (
        "Week 1",
        D(2026, 3, 6),
        "Ik zie dat je goed meedenkt.",
    )


def test_feedback_edit_supervisor_may_move_midterm(client, supervisor_a, midterm_a):
    client.force_login(supervisor_a)

    client.post(
        _url("feedback_edit", midterm_a.placement, midterm_a),
        {"title": midterm_a.title, "planned_on": "2026-03-09", "notes": ""},
    )

    midterm_a.refresh_from_db()
    assert (midterm_a.planned_on, midterm_a.is_midterm) == (D(2026, 3, 9), True)


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_feedback_edit_school_side_changes_only_notes(client, request, moment_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        _url("feedback_edit", moment_a.placement, moment_a),
        {"title": "Overschreven", "planned_on": "2026-03-12", "notes": "Afspraken gemaakt."},
    )

    moment_a.refresh_from_db()
    assert response.status_code == 302
    assert (moment_a.title, moment_a.planned_on, moment_a.notes) == (
        "Einde eerste week",
        D(2026, 3, 5),
        "Afspraken gemaakt.",
    )


def test_feedback_edit_date_far_outside_period_shows_error(client, supervisor_a, moment_a):
    client.force_login(supervisor_a)

    response = client.post(
        _url("feedback_edit", moment_a.placement, moment_a),
        {"title": "Week 1", "planned_on": "2025-03-06", "notes": "Niet kwijtraken"},
    )

    moment_a.refresh_from_db()
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["planned_on"]
    assert "Niet kwijtraken" in response.content.decode()
    assert (moment_a.title, moment_a.planned_on) == ("Einde eerste week", D(2026, 3, 5))


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_feedback_edit_outside_scope_is_404(client, request, moment_a, persona):
    client.force_login(request.getfixturevalue(persona))

    get = client.get(_url("feedback_edit", moment_a.placement, moment_a))
    post = client.post(
        _url("feedback_edit", moment_a.placement, moment_a),
        {"title": "x", "planned_on": "2026-03-06", "notes": "x"},
    )

    moment_a.refresh_from_db()
    assert (get.status_code, post.status_code) == (404, 404)
    assert (moment_a.title, moment_a.notes) == ("Einde eerste week", "")


def test_feedback_edit_moment_of_other_placement_is_404(
    client, supervisor_a, placement_a, placement_b
):
    other = FeedbackMomentFactory(placement=placement_b)
    client.force_login(supervisor_a)
    url = reverse(
        "placements:feedback_edit", kwargs={"public_id": placement_a.public_id, "pk": other.pk}
    )

    response = client.post(url, {"title": "x", "planned_on": "2026-03-06", "notes": "x"})

    assert response.status_code == 404


def test_feedback_edit_anonymous_redirects_to_login(client, moment_a):
    url = _url("feedback_edit", moment_a.placement, moment_a)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_feedback_edit_wrong_method_is_405(client, supervisor_a, moment_a, method):
    client.force_login(supervisor_a)

    response = getattr(client, method)(_url("feedback_edit", moment_a.placement, moment_a))

    assert response.status_code == 405


# --- view: done and reopen -------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["supervisor_a", "teacher_a", "coordinator_a", "staff"])
def test_feedback_done_both_sides_may_mark_done(client, request, moment_a, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.post(_url("feedback_done", moment_a.placement, moment_a))

    moment_a.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"{moment_a.placement.get_absolute_url()}#feedback"
    assert moment_a.done_by == user
    assert moment_a.done_at is not None
    assert _messages(response) == ["Marked as done: Einde eerste week."]


@pytest.mark.parametrize("persona", ["supervisor_a", "teacher_a", "coordinator_a"])
def test_feedback_reopen_both_sides_may_reopen(client, request, moment_a, supervisor_a, persona):
    feedback_moment_mark_done(moment_a, by=supervisor_a)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("feedback_reopen", moment_a.placement, moment_a))

    moment_a.refresh_from_db()
    assert response.status_code == 302
    assert (moment_a.done_at, moment_a.done_by) == (None, None)


@pytest.mark.parametrize("name", ["feedback_done", "feedback_reopen"])
@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_feedback_done_and_reopen_outside_scope_is_404(client, request, moment_a, name, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(name, moment_a.placement, moment_a))

    moment_a.refresh_from_db()
    assert response.status_code == 404
    assert moment_a.done_at is None


@pytest.mark.parametrize("name", ["feedback_done", "feedback_reopen"])
def test_feedback_done_and_reopen_get_is_405(client, supervisor_a, moment_a, name):
    client.force_login(supervisor_a)

    response = client.get(_url(name, moment_a.placement, moment_a))

    assert response.status_code == 405


@pytest.mark.parametrize("name", ["feedback_done", "feedback_reopen"])
def test_feedback_done_and_reopen_anonymous_redirects_to_login(client, moment_a, name):
    url = _url(name, moment_a.placement, moment_a)

    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_feedback_done_moment_of_other_placement_is_404(
    client, supervisor_a, placement_a, placement_b
):
    other = FeedbackMomentFactory(placement=placement_b)
    client.force_login(supervisor_a)
    url = reverse(
        "placements:feedback_done", kwargs={"public_id": placement_a.public_id, "pk": other.pk}
    )

    response = client.post(url)

    other.refresh_from_db()
    assert response.status_code == 404
    assert other.done_at is None


# --- view: delete --------------------------------------------------------------------------


def test_feedback_delete_supervisor_removes_moment(client, supervisor_a, moment_a):
    client.force_login(supervisor_a)

    response = client.post(_url("feedback_delete", moment_a.placement, moment_a))

    assert response.status_code == 302
    assert response.url == f"{moment_a.placement.get_absolute_url()}#feedback"
    assert FeedbackMoment.objects.count() == 0
    assert _messages(response) == ["Deleted: Einde eerste week."]


def test_feedback_delete_twice_says_already_deleted(client, supervisor_a, moment_a):
    client.force_login(supervisor_a)
    url = _url("feedback_delete", moment_a.placement, moment_a)
    client.post(url, follow=True)  # shows and so consumes the first message

    response = client.post(url)

    assert response.status_code == 302
    assert _messages(response) == ["This feedback moment was already deleted."]


def test_feedback_delete_midterm_is_refused_with_message(client, supervisor_a, midterm_a):
    client.force_login(supervisor_a)

    response = client.post(_url("feedback_delete", midterm_a.placement, midterm_a))

    assert response.status_code == 302
    assert list(FeedbackMoment.objects.all()) == [midterm_a]
    assert _messages(response) == [
        "The mid-term evaluation cannot be deleted; change its date instead."
    ]


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_feedback_delete_school_side_is_403(client, request, moment_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("feedback_delete", moment_a.placement, moment_a))

    assert response.status_code == 403
    assert FeedbackMoment.objects.count() == 1


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_feedback_delete_outside_scope_is_404(client, request, moment_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url("feedback_delete", moment_a.placement, moment_a))

    assert response.status_code == 404
    assert FeedbackMoment.objects.count() == 1


def test_feedback_delete_moment_of_other_placement_leaves_it(
    client, supervisor_a, placement_a, placement_b
):
    other = FeedbackMomentFactory(placement=placement_b)
    client.force_login(supervisor_a)
    url = reverse(
        "placements:feedback_delete", kwargs={"public_id": placement_a.public_id, "pk": other.pk}
    )

    client.post(url)

    assert list(FeedbackMoment.objects.all()) == [other]


def test_feedback_delete_anonymous_redirects_to_login(client, moment_a):
    url = _url("feedback_delete", moment_a.placement, moment_a)

    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
    assert FeedbackMoment.objects.count() == 1


def test_feedback_delete_get_is_405(client, supervisor_a, moment_a):
    client.force_login(supervisor_a)

    response = client.get(_url("feedback_delete", moment_a.placement, moment_a))

    assert response.status_code == 405
    assert FeedbackMoment.objects.count() == 1


# --- the section on the placement page -------------------------------------------------------


def test_feedback_section_company_side_shows_plan_form_and_buttons(
    client, supervisor_a, placement_a, midterm_a, moment_a
):
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    prefix = f"/placements/{placement_a.public_id}/feedback/"
    assert 'id="feedback"' in content
    assert "Tips for a good conversation" in content
    assert f'action="{prefix}"' in content
    assert f'action="{prefix}{moment_a.pk}/delete/"' in content
    assert f'action="{prefix}{midterm_a.pk}/delete/"' not in content
    assert f'action="{prefix}{midterm_a.pk}/done/"' in content
    assert '<span class="badge text-bg-info">mid-term</span>' in content


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_feedback_section_school_side_may_note_and_mark_done_only(
    client, request, placement_a, moment_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    prefix = f"/placements/{placement_a.public_id}/feedback/"
    assert response.context["feedback_form"] is None
    assert f'action="{prefix}"' not in content
    assert f'action="{prefix}{moment_a.pk}/delete/"' not in content
    assert f'action="{prefix}{moment_a.pk}/done/"' in content
    assert f'href="{prefix}{moment_a.pk}/"' in content


def test_feedback_section_marks_overdue_and_done(client, supervisor_a, placement_a):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    placement = PlacementFactory(
        company=placement_a.company,
        supervisor=supervisor_a,
        start_date=yesterday - datetime.timedelta(days=5),
        end_date=yesterday + datetime.timedelta(days=10),
    )
    FeedbackMomentFactory(placement=placement, title="Vergeten", planned_on=yesterday)
    FeedbackMomentFactory(
        placement=placement,
        title="Gehouden",
        planned_on=yesterday,
        done_at=timezone.now(),
        done_by=supervisor_a,
    )
    client.force_login(supervisor_a)

    response = client.get(placement.get_absolute_url())

    content = response.content.decode()
    assert content.count('<span class="badge text-bg-danger">overdue</span>') == 1
    assert content.count('<span class="badge text-bg-success">done</span>') == 1


@pytest.mark.parametrize("persona", ["supervisor_a", "teacher_a"])
def test_feedback_section_queries_do_not_grow_with_moments(
    client, request, placement_a, supervisor_a, persona
):
    FeedbackMomentFactory(placement=placement_a, done_at=timezone.now(), done_by=supervisor_a)
    client.force_login(request.getfixturevalue(persona))
    client.get(placement_a.get_absolute_url())  # first views may write once (e.g. read marks)
    with CaptureQueriesContext(connection) as one:
        client.get(placement_a.get_absolute_url())
    for _ in range(29):  # each done by someone else, so a missing join shows per row
        FeedbackMomentFactory(placement=placement_a, done_at=timezone.now(), done_by=UserFactory())

    with CaptureQueriesContext(connection) as thirty:
        response = client.get(placement_a.get_absolute_url())

    assert len(response.context["feedback_moments"]) == 30
    assert len(thirty.captured_queries) == len(one.captured_queries)

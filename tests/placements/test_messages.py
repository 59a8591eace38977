"""The message thread between company and school, its read marks and the dashboard list."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from placements.models import Message, MessageReadMark
from placements.selectors.core import placements_for_user
from placements.selectors.messages import unread_messages_for_user
from placements.services.messages import message_post
from tests.factories import (
    CompanyMembershipFactory,
    MessageFactory,
    PlacementFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/"
AMSTERDAM_WINTER = datetime.datetime(2026, 3, 2, 8, 30, tzinfo=datetime.UTC)  # 09:30 CET
AMSTERDAM_SUMMER = datetime.datetime(2026, 6, 1, 8, 30, tzinfo=datetime.UTC)  # 10:30 CEST
TIME_TAG = '<time class="text-body-secondary"'


def _post_url(placement):
    return reverse("placements:message_create", kwargs={"public_id": placement.public_id})


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# --- posting: who may ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a"])
def test_message_create_by_either_side_saves_and_redirects_to_thread(
    client, request, placement_a, persona
):
    author = request.getfixturevalue(persona)
    client.force_login(author)

    response = client.post(_post_url(placement_a), {"body": "Hoe gaat het met Daan?"})

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#messages"
    assert list(Message.objects.values_list("placement", "author", "body")) == [
        (placement_a.pk, author.pk, "Hoe gaat het met Daan?")
    ]


def test_message_create_by_company_admin_who_does_not_supervise_saves(
    client, company_a, placement_a
):
    admin = CompanyMembershipFactory(company=company_a, is_company_admin=True).user
    client.force_login(admin)

    response = client.post(_post_url(placement_a), {"body": "Ik neem het even over."})

    assert response.status_code == 302
    assert list(Message.objects.values_list("author", flat=True)) == [admin.pk]


def test_message_create_by_staff_is_403_and_saves_nothing(client, staff, placement_a):
    client.force_login(staff)

    response = client.post(_post_url(placement_a), {"body": "Even meelezen."})

    assert response.status_code == 403
    assert Message.objects.count() == 0


def test_message_create_by_colleague_who_does_not_supervise_is_404(client, company_a, placement_a):
    colleague = CompanyMembershipFactory(company=company_a).user
    client.force_login(colleague)

    response = client.post(_post_url(placement_a), {"body": "Hallo"})

    assert response.status_code == 404
    assert Message.objects.count() == 0


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_message_create_outside_scope_is_404_and_saves_nothing(
    client, request, placement_a, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_post_url(placement_a), {"body": "Hallo"})

    assert response.status_code == 404
    assert Message.objects.count() == 0


def test_message_create_logged_out_redirects_to_login(client, placement_a):
    url = _post_url(placement_a)

    response = client.post(url, {"body": "Hallo"})

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
    assert Message.objects.count() == 0


def test_message_create_get_is_405(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(_post_url(placement_a))

    assert response.status_code == 405


# --- posting: what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "error"),
    [
        pytest.param("", "Write a message first.", id="empty"),
        pytest.param("  \n\t  \r\n", "Write a message first.", id="whitespace-only"),
        pytest.param(
            "x" * 4001,
            "Ensure this value has at most 4000 characters (it has 4001).",
            id="4001-characters",
        ),
    ],
)
def test_message_create_bad_body_is_refused_at_field(
    client, supervisor_a, placement_a, body, error
):
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_post_url(placement_a), {"body": body})

    assert response.status_code == 200
    assert response.context["message_form"].errors == {"body": [error]}
    assert f'<p id="error_1_id_body"><strong>{error}</strong></p>' in response.content.decode()
    assert Message.objects.count() == 0


def test_message_create_without_body_field_is_refused_at_field(client, teacher_a, placement_a):
    client.force_login(teacher_a)
    _in_english(client)

    response = client.post(_post_url(placement_a), {})

    assert response.status_code == 200
    assert response.context["message_form"].errors == {"body": ["Write a message first."]}
    assert Message.objects.count() == 0


def test_message_create_refused_page_keeps_the_thread(client, supervisor_a, placement_a):
    MessageFactory(placement=placement_a, body="Eerder bericht")
    client.force_login(supervisor_a)

    response = client.post(_post_url(placement_a), {"body": " "})

    assert [m.body for m in response.context["thread_messages"]] == ["Eerder bericht"]
    assert response.context["placement"] == placement_a


def test_message_create_4000_characters_is_saved(client, coordinator_a, placement_a):
    client.force_login(coordinator_a)

    response = client.post(_post_url(placement_a), {"body": "x" * 4000})

    assert response.status_code == 302
    assert list(Message.objects.values_list("body", flat=True)) == ["x" * 4000]


def test_message_create_strips_surrounding_white_space(client, coordinator_a, placement_a):
    client.force_login(coordinator_a)

    client.post(_post_url(placement_a), {"body": "\n  Tot morgen!  \n"})

    assert list(Message.objects.values_list("body", flat=True)) == ["Tot morgen!"]


def test_message_create_double_submit_saves_one_message(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    first = client.post(_post_url(placement_a), {"body": "Daan was ziek vandaag."})
    second = client.post(_post_url(placement_a), {"body": "Daan was ziek vandaag."})

    assert (first.status_code, second.status_code) == (302, 302)
    assert Message.objects.count() == 1


def test_message_create_same_text_by_other_author_is_saved_twice(
    client, supervisor_a, coordinator_a, placement_a
):
    client.force_login(supervisor_a)
    client.post(_post_url(placement_a), {"body": "Akkoord."})
    client.force_login(coordinator_a)

    client.post(_post_url(placement_a), {"body": "Akkoord."})

    assert Message.objects.count() == 2


def test_message_post_same_text_after_window_is_saved_again(supervisor_a, placement_a):
    MessageFactory(
        placement=placement_a,
        author=supervisor_a,
        body="Goedemorgen",
        sent_at=timezone.now() - datetime.timedelta(seconds=11),
    )

    message_post(placement_a, author=supervisor_a, body="Goedemorgen")

    assert Message.objects.count() == 2


def test_message_post_same_text_within_window_returns_first(supervisor_a, placement_a):
    first = message_post(placement_a, author=supervisor_a, body="Goedemorgen")

    second = message_post(placement_a, author=supervisor_a, body="Goedemorgen ")

    assert second == first
    assert Message.objects.count() == 1


@pytest.mark.parametrize("body", ["", "   ", "x" * 4001])
def test_message_post_bad_body_raises_and_saves_nothing(supervisor_a, placement_a, body):
    with pytest.raises(ValidationError) as caught:
        message_post(placement_a, author=supervisor_a, body=body)

    assert list(caught.value.message_dict) == ["body"]
    assert Message.objects.count() == 0


# --- the thread on the placement page -------------------------------------------------------


def test_placement_detail_shows_thread_oldest_first_with_side_labels(
    client, supervisor_a, teacher_a, coordinator_a, placement_a
):
    MessageFactory(placement=placement_a, author=teacher_a, body="Tweede", sent_at=AMSTERDAM_SUMMER)
    MessageFactory(
        placement=placement_a, author=supervisor_a, body="Eerste", sent_at=AMSTERDAM_WINTER
    )
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.get(placement_a.get_absolute_url())

    thread = response.context["thread_messages"]
    assert [(m.body, m.author_side) for m in thread] == [
        ("Eerste", "company"),
        ("Tweede", "school"),
    ]
    content = response.content.decode()
    assert f"<strong>{escape(supervisor_a.get_full_name())}</strong>" in content
    assert '<span class="badge text-bg-primary">Company</span>' in content
    assert '<span class="badge text-bg-success">School</span>' in content
    assert content.index("Eerste") < content.index("Tweede")


def test_placement_detail_shows_message_time_in_amsterdam(client, coordinator_a, placement_a):
    MessageFactory(placement=placement_a, sent_at=AMSTERDAM_WINTER)
    MessageFactory(placement=placement_a, sent_at=AMSTERDAM_SUMMER)
    client.force_login(coordinator_a)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert f'{TIME_TAG} datetime="2026-03-02T09:30:00+01:00">02-03-2026 09:30</time>' in content
    assert f'{TIME_TAG} datetime="2026-06-01T10:30:00+02:00">01-06-2026 10:30</time>' in content


def test_placement_detail_escapes_html_in_messages(client, coordinator_a, placement_a):
    MessageFactory(placement=placement_a, body="<script>alert(1)</script>")
    client.force_login(coordinator_a)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content


def test_placement_detail_keeps_line_breaks_in_messages(client, coordinator_a, placement_a):
    MessageFactory(placement=placement_a, body="Regel een\nRegel <twee>")
    client.force_login(coordinator_a)

    response = client.get(placement_a.get_absolute_url())

    assert '<p class="mb-0 text-break">Regel een<br>Regel &lt;twee&gt;</p>' in (
        response.content.decode()
    )


def test_placement_detail_message_by_deleted_author_shows_former_user(
    client, coordinator_a, company_a, placement_a
):
    leaver = CompanyMembershipFactory(company=company_a).user
    MessageFactory(placement=placement_a, author=leaver, body="Tot ziens")
    leaver.delete()
    client.force_login(coordinator_a)
    _in_english(client)

    response = client.get(placement_a.get_absolute_url())

    assert [m.author_side for m in response.context["thread_messages"]] == [""]
    assert "<strong>Former user</strong>" in response.content.decode()


@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a"])
def test_placement_detail_for_either_side_shows_message_form(client, request, placement_a, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(placement_a.get_absolute_url())

    assert response.context["may_post_message"] is True
    assert f'action="{_post_url(placement_a)}"' in response.content.decode()


def test_placement_detail_for_staff_shows_thread_without_form(client, staff, placement_a):
    MessageFactory(placement=placement_a, body="Voor iedereen zichtbaar")
    client.force_login(staff)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert response.context["may_post_message"] is False
    assert "message_form" not in response.context
    assert "Voor iedereen zichtbaar" in content
    assert f'action="{_post_url(placement_a)}"' not in content


# --- read marks ---------------------------------------------------------------------------


def test_placement_detail_first_visit_counts_others_messages_as_new(
    client, supervisor_a, coordinator_a, placement_a
):
    MessageFactory(placement=placement_a, author=supervisor_a)
    MessageFactory(placement=placement_a, author=supervisor_a)
    MessageFactory(placement=placement_a, author=coordinator_a)
    client.force_login(coordinator_a)

    response = client.get(placement_a.get_absolute_url())

    assert response.context["unread_message_count"] == 2
    assert [m.is_unread for m in response.context["thread_messages"]] == [True, True, False]


def test_placement_detail_second_visit_has_nothing_new(client, coordinator_a, placement_a):
    MessageFactory(placement=placement_a)
    client.force_login(coordinator_a)
    client.get(placement_a.get_absolute_url())

    response = client.get(placement_a.get_absolute_url())

    assert response.context["unread_message_count"] == 0
    assert MessageReadMark.objects.filter(placement=placement_a, user=coordinator_a).count() == 1


FOLD = '<details class="section-fold" open data-fold-on-phone'


def test_unread_messages_keep_their_section_open_on_a_phone(
    client, supervisor_a, coordinator_a, placement_a
):
    """The page comes with every section open (stagegids.js folds them on a phone); the
    messages' section is marked to stay open while there is something new in it."""
    MessageFactory(placement=placement_a, author=supervisor_a)
    client.force_login(coordinator_a)

    first = client.get(placement_a.get_absolute_url())
    again = client.get(placement_a.get_absolute_url())

    assert (first.status_code, again.status_code) == (200, 200)
    for response, keep_open in ((first, True), (again, False)):
        content = response.content.decode()
        start = content.index('id="messages"')
        fold = content[
            content.index("<details", start) : content.index(">", content.index("<details", start))
            + 1
        ]
        assert fold.startswith(FOLD)
        assert ("data-keep-open" in fold) is keep_open
        # The other reference sections fold too, and are sent open.
        for section in (
            "period",
            "people",
            "intake",
            "worklog",
            "feedback",
            "evaluations",
            "history",
        ):
            start = content.index(f'id="{section}"')
            assert content.index(FOLD, start) < content.index("</section>", start), section


def test_placement_detail_only_messages_after_last_visit_are_new(
    client, supervisor_a, coordinator_a, placement_a
):
    MessageFactory(placement=placement_a, author=supervisor_a, body="Oud")
    client.force_login(coordinator_a)
    client.get(placement_a.get_absolute_url())
    MessageFactory(
        placement=placement_a,
        author=supervisor_a,
        body="Nieuw",
        sent_at=timezone.now() + datetime.timedelta(seconds=1),
    )

    response = client.get(placement_a.get_absolute_url())

    thread = response.context["thread_messages"]
    assert [(m.body, m.is_unread) for m in thread] == [("Oud", False), ("Nieuw", True)]


# --- unread messages on the dashboard ------------------------------------------------------


def test_dashboard_coordinator_sees_two_unread_after_supervisor_posts_twice(
    client, supervisor_a, coordinator_a, placement_a
):
    message_post(placement_a, author=supervisor_a, body="Eerste vraag")
    message_post(placement_a, author=supervisor_a, body="Tweede vraag")
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == [(placement_a, 2)]
    content = response.content.decode()
    assert 'id="unread-heading"' in content
    assert f'href="{placement_a.get_absolute_url()}#messages"' in content
    assert '<span class="badge text-bg-danger rounded-pill">2<span class="visually-hidden">' in (
        content
    )


def test_dashboard_teacher_sees_unread_from_supervisor(
    client, supervisor_a, teacher_a, placement_a
):
    MessageFactory(placement=placement_a, author=supervisor_a)
    client.force_login(teacher_a)

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == [(placement_a, 1)]


def test_dashboard_supervisor_sees_unread_from_school(
    client, supervisor_a, coordinator_a, teacher_a, placement_a
):
    MessageFactory(placement=placement_a, author=coordinator_a)
    MessageFactory(placement=placement_a, author=teacher_a)
    client.force_login(supervisor_a)

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == [(placement_a, 2)]


def test_dashboard_after_opening_placement_shows_no_unread(
    client, supervisor_a, coordinator_a, placement_a
):
    MessageFactory(placement=placement_a, author=supervisor_a)
    MessageFactory(placement=placement_a, author=supervisor_a)
    client.force_login(coordinator_a)
    client.get(placement_a.get_absolute_url())

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == []
    assert 'id="unread-heading"' not in response.content.decode()


def test_dashboard_counts_only_messages_after_read_mark(
    client, supervisor_a, coordinator_a, placement_a
):
    MessageFactory(placement=placement_a, author=supervisor_a)
    client.force_login(coordinator_a)
    client.get(placement_a.get_absolute_url())
    MessageFactory(
        placement=placement_a,
        author=supervisor_a,
        sent_at=timezone.now() + datetime.timedelta(seconds=1),
    )

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == [(placement_a, 1)]


def test_dashboard_author_never_sees_own_messages_as_unread(client, supervisor_a, placement_a):
    message_post(placement_a, author=supervisor_a, body="Eerste vraag")
    message_post(placement_a, author=supervisor_a, body="Tweede vraag")
    client.force_login(supervisor_a)

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == []
    assert 'id="unread-heading"' not in response.content.decode()


@pytest.mark.parametrize("persona", ["coordinator_b", "supervisor_b"])
def test_dashboard_other_school_or_company_never_sees_the_messages(
    client, request, supervisor_a, placement_a, placement_b, persona
):
    MessageFactory(placement=placement_a, author=supervisor_a)
    client.force_login(request.getfixturevalue(persona))

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == []


def test_dashboard_staff_gets_no_unread_list(client, staff, supervisor_a, placement_a):
    MessageFactory(placement=placement_a, author=supervisor_a)
    client.force_login(staff)

    response = client.get(DASHBOARD_URL)

    assert "unread_messages" not in response.context
    assert 'id="unread-heading"' not in response.content.decode()


def test_dashboard_message_by_deleted_author_counts_as_unread(
    client, company_a, coordinator_a, placement_a
):
    leaver = CompanyMembershipFactory(company=company_a).user
    MessageFactory(placement=placement_a, author=leaver)
    leaver.delete()
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == [(placement_a, 1)]


def test_dashboard_unread_lists_newest_message_first(
    client, supervisor_a, coordinator_a, school_a, company_a, placement_a
):
    later = PlacementFactory(
        student=StudentFactory(school=school_a), company=company_a, supervisor=supervisor_a
    )
    MessageFactory(placement=placement_a, sent_at=AMSTERDAM_WINTER)
    MessageFactory(placement=later, sent_at=AMSTERDAM_SUMMER)
    client.force_login(coordinator_a)

    response = client.get(DASHBOARD_URL)

    assert response.context["unread_messages"] == [(later, 1), (placement_a, 1)]


def test_unread_with_a_limit_keeps_the_newest_threads_with_their_whole_counts(
    coordinator_a, school_a, company_a, supervisor_a, placement_a
):
    threads = [placement_a] + [
        PlacementFactory(
            student=StudentFactory(school=school_a), company=company_a, supervisor=supervisor_a
        )
        for _ in range(2)
    ]
    start = timezone.now() - datetime.timedelta(days=3)
    for days, (placement, messages) in enumerate(zip(threads, (1, 3, 2), strict=True)):
        for n in range(messages):
            MessageFactory(
                placement=placement, sent_at=start + datetime.timedelta(days=days, minutes=n)
            )
    # The coordinator has read the oldest message of the middle thread only.
    MessageReadMark.objects.create(
        placement=threads[1], user=coordinator_a, read_until=start + datetime.timedelta(days=1)
    )
    visible = placements_for_user(coordinator_a)

    everything = unread_messages_for_user(visible, user=coordinator_a)
    newest_two = unread_messages_for_user(visible, user=coordinator_a, limit=2)

    assert [(p, p.unread_count) for p in everything] == [
        (threads[2], 2),
        (threads[1], 2),
        (threads[0], 1),
    ]
    assert [(p, p.unread_count) for p in newest_two] == [(threads[2], 2), (threads[1], 2)]
    assert newest_two[0].last_unread_at == start + datetime.timedelta(days=2, minutes=1)


# --- query counts -------------------------------------------------------------------------


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response


def test_dashboard_queries_same_for_1_and_20_placements_with_messages(
    client, coordinator_a, school_a
):
    def placements_with_messages(n):
        placements = [PlacementFactory(student=StudentFactory(school=school_a)) for _ in range(n)]
        for placement in placements:
            MessageFactory(placement=placement)
        return placements

    placements_with_messages(1)
    client.force_login(coordinator_a)
    one, first = _count_queries(client, DASHBOARD_URL)
    placements_with_messages(19)

    twenty, second = _count_queries(client, DASHBOARD_URL)

    assert (len(first.context["unread_messages"]), len(second.context["unread_messages"])) == (
        1,
        20,
    )
    assert twenty == one


def test_placement_detail_queries_same_for_1_and_30_messages(
    client, supervisor_a, teacher_a, coordinator_a, company_a, placement_a
):
    authors = [supervisor_a, teacher_a, CompanyMembershipFactory(company=company_a).user]
    long_ago = timezone.now() - datetime.timedelta(days=30)

    def add_unread_messages(n):
        for i in range(n):
            MessageFactory(placement=placement_a, author=authors[i % len(authors)])
        # Both visits find new messages and move an existing read mark.
        MessageReadMark.objects.update_or_create(
            placement=placement_a, user=coordinator_a, defaults={"read_until": long_ago}
        )

    client.force_login(coordinator_a)
    client.get(placement_a.get_absolute_url())  # whatever a first visit sets up
    add_unread_messages(1)
    one, first = _count_queries(client, placement_a.get_absolute_url())
    add_unread_messages(29)

    thirty, second = _count_queries(client, placement_a.get_absolute_url())

    assert (first.context["unread_message_count"], second.context["unread_message_count"]) == (
        1,
        30,
    )
    assert thirty == one

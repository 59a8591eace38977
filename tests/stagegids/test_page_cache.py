"""The cached content of the busiest pages (``stagegids.core.page_cache``): a second visit
is served from the cache, never to anyone else, another browser or in another language,
and every change shows on the next request of whoever sees it.

The suite's cache is in memory (no queries); its transactions never commit, so the stamps
are renewed at each change (``PAGE_CACHE_TOUCH_AT_ONCE``); the renewal at the commit is
tested on its own below.
"""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from companies.models import CompanyMembership
from placements.imports import parse_upload
from placements.models import (
    ChecklistItemTemplate,
    Message,
    Phase,
    SchoolRole,
    Student,
    StudentImport,
)
from placements.services.imports import student_import_create, student_import_set_mapping
from placements.services.messages import message_post
from stagegids.core import page_cache
from tests.factories import (
    ChecklistItemFactory,
    CompanyFactory,
    CompanyMembershipFactory,
    SchoolMembershipFactory,
    StudentFactory,
)
from tests.placements.import_files import csv_bytes

pytestmark = pytest.mark.django_db

DASHBOARD = "/"
OVERVIEW = "/placements/"
DIRECTORY = "/companies/"
PUPILS = "/placements/pupils/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def browser(user) -> Client:
    """A logged-in browser that has been given its CSRF cookie (a first page), as every
    browser has after its first visit; without one nothing is cached."""
    client = Client()
    client.force_login(user)
    client.get("/accounts/notifications/")
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client


def visit(client: Client, url: str) -> tuple[str, int]:
    """The page's HTML and the number of queries it ran; it must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def served_from_cache(client: Client, url: str) -> bool:
    """Whether ``url`` came from the cache: a hit runs only the session, the user and the
    memberships (at most five queries), a miss the page's own lists as well."""
    _html, queries = visit(client, url)
    return queries <= 5


# --- a second visit ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "url", "hit_queries", "shows"),
    [
        # session, user, company and school memberships (with their names)
        ("coordinator_a", DASHBOARD, 4, "Daan Visser"),
        ("supervisor_a", DASHBOARD, 4, "Daan Visser"),
        # session, user, memberships
        ("coordinator_a", OVERVIEW, 3, "Daan Visser"),
        ("coordinator_a", DIRECTORY, 3, "Warmtetechniek Alfa B.V."),
        # session, user, the coordinated schools
        ("coordinator_a", PUPILS, 3, "Visser"),
    ],
)
def test_second_visit_is_served_from_the_cache(
    request, placement_a, persona, url, hit_queries, shows
):
    client = browser(request.getfixturevalue(persona))
    first, first_queries = visit(client, url)

    second, second_queries = visit(client, url)

    assert shows in first
    assert shows in second
    assert second_queries == hit_queries
    assert first_queries > hit_queries


def test_placement_page_second_visit_runs_only_the_lookup(placement_a, coordinator_a):
    client = browser(coordinator_a)
    url = placement_a.get_absolute_url()
    _first, first_queries = visit(client, url)

    second, second_queries = visit(client, url)

    assert "Daan Visser" in second
    # session, user, memberships and the placement with its pupil, school and company
    assert second_queries <= 5 < first_queries


def test_another_user_never_gets_the_cached_content(placement_a, placement_b, coordinator_a):
    visit(browser(coordinator_a), DASHBOARD)
    visit(browser(coordinator_a), DASHBOARD)
    other = SchoolMembershipFactory(school=placement_b.school, role=SchoolRole.COORDINATOR).user
    client = browser(other)

    html, _queries = visit(client, DASHBOARD)

    assert "Noor Bakker" in html
    assert "Daan Visser" not in html


def test_another_browser_of_the_same_user_is_not_served_the_first_ones_copy(
    placement_a, coordinator_a
):
    first = browser(coordinator_a)
    visit(first, DASHBOARD)
    assert served_from_cache(first, DASHBOARD)
    second = browser(coordinator_a)
    assert second.cookies[settings.CSRF_COOKIE_NAME].value != (
        first.cookies[settings.CSRF_COOKIE_NAME].value
    )

    assert not served_from_cache(second, DASHBOARD)
    assert served_from_cache(second, DASHBOARD)


def test_a_form_in_cached_content_posts_with_its_browsers_token(placement_a, coordinator_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_a)
    visit(client, DASHBOARD)
    html, _queries = visit(client, DASHBOARD)
    assert served_from_cache(client, DASHBOARD)
    # The school settings form sits in the cached content, the logout form in the frame.
    settings_form = html[html.index('action="/placements/schools/') :]
    token = CSRF_FIELD.search(settings_form).group(1)

    response = client.post(
        f"/placements/schools/{placement_a.school_id}/settings/",
        {"csrfmiddlewaretoken": token, "teachers_may_approve": ""},
    )

    assert response.status_code == 302
    placement_a.school.refresh_from_db()
    assert placement_a.school.teachers_may_approve is False


def test_the_language_is_part_of_the_key(placement_a, coordinator_a):
    client = browser(coordinator_a)
    dutch, _queries = visit(client, DASHBOARD)
    visit(client, DASHBOARD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english, _queries = visit(client, DASHBOARD)

    assert "Hallo" in dutch
    assert "Hello" in english
    assert "Hallo" not in english


def test_the_query_string_is_part_of_the_key(placement_a, coordinator_a):
    client = browser(coordinator_a)
    visit(client, OVERVIEW)
    visit(client, OVERVIEW)

    html, _queries = visit(client, f"{OVERVIEW}?q=zzzgeenleerling")

    assert "Daan Visser" not in html


def test_another_day_is_another_key(placement_a, coordinator_a, monkeypatch):
    client = browser(coordinator_a)
    visit(client, DASHBOARD)
    assert served_from_cache(client, DASHBOARD)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(page_cache.timezone, "localdate", lambda: tomorrow)

    assert not served_from_cache(client, DASHBOARD)


def test_flash_messages_are_shown_once_beside_cached_content(placement_a, coordinator_a):
    client = browser(coordinator_a)
    visit(client, DASHBOARD)
    visit(client, DASHBOARD)
    url = f"/placements/schools/{placement_a.school_id}/settings/"

    response = client.post(url, {"teachers_may_approve": "on"}, follow=True)
    again, _queries = visit(client, DASHBOARD)

    assert response.status_code == 200
    saved = f"De instellingen van {placement_a.school.name} zijn opgeslagen."
    assert saved in response.content.decode()
    assert saved not in again


# --- what is not cached ------------------------------------------------------------------


def test_htmx_requests_are_not_served_from_the_cache(placement_a, coordinator_a):
    client = browser(coordinator_a)
    visit(client, OVERVIEW)
    visit(client, OVERVIEW)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(OVERVIEW, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert len(queries.captured_queries) > 3


def test_a_browser_without_csrf_cookie_is_not_cached(placement_a, coordinator_a):
    client = Client()
    client.force_login(coordinator_a)
    client.cookies.pop(settings.CSRF_COOKIE_NAME, None)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert not [key for key in cache._cache if ":page:" in key]


def test_timeout_zero_switches_the_cache_off(placement_a, coordinator_a, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client = browser(coordinator_a)
    visit(client, DASHBOARD)

    assert not served_from_cache(client, DASHBOARD)


def test_a_lost_stamp_is_a_miss_not_stale_content(placement_a, coordinator_a):
    client = browser(coordinator_a)
    visit(client, DASHBOARD)
    assert served_from_cache(client, DASHBOARD)
    Student.objects.filter(pk=placement_a.student_id).update(given_name="Sem")  # no signal
    cache.delete(f"stamp:school:{placement_a.school_id}")

    html, _queries = visit(client, DASHBOARD)

    assert "Sem Visser" in html


# --- changes show on the next request ----------------------------------------------------


def test_a_message_posted_by_the_company_shows_on_the_schools_cached_pages(
    client, placement_a, supervisor_a, coordinator_a
):
    school = browser(coordinator_a)
    for url in (DASHBOARD, placement_a.get_absolute_url()):
        visit(school, url)
        assert served_from_cache(school, url)
    client.force_login(supervisor_a)

    response = client.post(
        f"{placement_a.get_absolute_url()}messages/", {"body": "Daan mag morgen later komen."}
    )
    dashboard, _queries = visit(school, DASHBOARD)
    page, _queries = visit(school, placement_a.get_absolute_url())

    assert response.status_code == 302
    assert 'id="unread-heading"' in dashboard
    assert "Daan mag morgen later komen." in page


def test_a_ticked_item_shows_on_the_schools_cached_placement_page(
    client, placement_a, supervisor_a, coordinator_a
):
    item = ChecklistItemFactory(placement=placement_a, text="Gereedschap uitgelegd")
    school = browser(coordinator_a)
    url = placement_a.get_absolute_url()
    before, _queries = visit(school, url)
    visit(school, url)
    client.force_login(supervisor_a)

    response = client.post(f"{url}checklist/{item.pk}/", {"done": "1", "note": "Gedaan"})
    after, _queries = visit(school, url)

    assert response.status_code == 302
    assert "Gedaan" not in before
    assert "Gedaan" in after


def test_a_pupil_renamed_shows_on_the_companys_cached_dashboard(placement_a, supervisor_a):
    company = browser(supervisor_a)
    visit(company, DASHBOARD)
    assert served_from_cache(company, DASHBOARD)

    student = placement_a.student
    student.given_name = "Sem"
    student.save()
    html, _queries = visit(company, DASHBOARD)

    assert "Sem Visser" in html
    assert "Daan Visser" not in html


def test_a_company_renamed_shows_in_the_schools_cached_directory(placement_a, coordinator_a):
    school = browser(coordinator_a)
    visit(school, DIRECTORY)
    assert served_from_cache(school, DIRECTORY)

    placement_a.company.name = "Koeltechniek Charlie B.V."
    placement_a.company.save()
    html, _queries = visit(school, DIRECTORY)

    assert "Koeltechniek Charlie B.V." in html


def test_a_placement_moved_to_another_company_leaves_the_old_companys_cached_pages(
    placement_a, supervisor_a
):
    other = CompanyFactory()
    new_supervisor = CompanyMembershipFactory(company=other).user
    new = browser(new_supervisor)
    visit(new, OVERVIEW)
    old = browser(supervisor_a)
    for url in (DASHBOARD, OVERVIEW):
        visit(old, url)
        assert served_from_cache(old, url)

    placement_a.company, placement_a.supervisor = other, new_supervisor
    placement_a.save()

    for url in (DASHBOARD, OVERVIEW):
        html, _queries = visit(old, url)
        assert "Daan Visser" not in html
    html, _queries = visit(new, OVERVIEW)
    assert "Daan Visser" in html


def test_a_supervisor_who_leaves_the_company_no_longer_sees_its_interns(placement_a, supervisor_a):
    client = browser(supervisor_a)
    visit(client, DASHBOARD)
    assert served_from_cache(client, DASHBOARD)

    CompanyMembership.objects.get(user=supervisor_a).delete()
    html, _queries = visit(client, DASHBOARD)

    assert "Daan Visser" not in html


def test_an_import_shows_its_pupils_on_the_cached_pupils_list(client, coordinator_a, school_a):
    school = browser(coordinator_a)
    visit(school, PUPILS)
    assert served_from_cache(school, PUPILS)
    upload = student_import_create(
        school_a, by=coordinator_a, file_name="leerlingen.csv", parsed=parse_upload(csv_bytes())
    )
    columns = {"student_number": 0, "given_name": 1, "surname_prefix": 2, "surname": 3}
    student_import_set_mapping(upload, mapping=columns | {"class_name": 4, "programme": 5})
    client.force_login(coordinator_a)

    response = client.post(f"/placements/pupils/import/{upload.public_id}/commit/")
    html, _queries = visit(school, PUPILS)

    assert response.status_code == 302
    assert not StudentImport.objects.exists()
    assert "Hendriks" in html  # a new pupil (bulk insert: no signal)


def test_a_new_checklist_template_shows_on_every_cached_placement_page(
    placement_a, coordinator_a, supervisor_a
):
    clients = [browser(coordinator_a), browser(supervisor_a)]
    url = placement_a.get_absolute_url()
    for client in clients:
        visit(client, url)
        assert served_from_cache(client, url)

    ChecklistItemTemplate.objects.create(
        phase=Phase.BEFORE_START, order=99, text="Veiligheidsschoenen gepast"
    )

    for client in clients:
        assert not served_from_cache(client, url)


def test_staff_pages_are_retired_by_any_change(placement_a, placement_b, staff):
    client = browser(staff)
    visit(client, OVERVIEW)
    assert served_from_cache(client, OVERVIEW)

    message_post(placement_b, author=placement_b.supervisor, body="Vraag over het rooster")

    assert not served_from_cache(client, OVERVIEW)


def test_a_change_elsewhere_leaves_the_cached_pages_alone(placement_a, placement_b, coordinator_a):
    client = browser(coordinator_a)
    visit(client, DASHBOARD)
    assert served_from_cache(client, DASHBOARD)

    message_post(placement_b, author=placement_b.supervisor, body="Vraag over het rooster")
    StudentFactory(school=placement_b.school)

    assert served_from_cache(client, DASHBOARD)


# --- the stamps ----------------------------------------------------------------------------


def test_every_model_of_the_project_is_watched():
    ours = {"stagegids", "companies", "placements", "evaluations"}
    models = {m for m in apps.get_models() if m._meta.app_label in ours}

    assert models - page_cache.watched_models() == set()


def test_stamps_are_renewed_when_the_transaction_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_TOUCH_AT_ONCE = False
    before = page_cache.stamps(["school:7"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page_cache.touch(["school:7"])
        page_cache.touch(["company:3"])
        assert page_cache.stamps(["school:7"]) == before  # not yet: still uncommitted

    after = page_cache.stamps(["school:7"])
    assert after != before
    assert len(callbacks) == 1  # one renewal for the whole transaction


def test_a_touch_renews_the_stamps_of_its_scopes_and_of_staff_only():
    names = ["school:1", "school:2", "company:1", "all", "any"]
    before = page_cache.stamps(names)

    page_cache.touch(["school:1"])

    after = page_cache.stamps(names)
    changed = {name for name in names if after[name] != before[name]}
    assert changed == {"school:1", "any"}


def test_a_read_mark_touches_only_its_reader(placement_a, coordinator_a, supervisor_a):
    names = [
        f"user:{coordinator_a.pk}",
        f"school:{placement_a.school_id}",
        f"company:{placement_a.company_id}",
    ]
    message = Message.objects.create(placement=placement_a, author=supervisor_a, body="Hoi")
    before = page_cache.stamps(names)

    client = Client()
    client.force_login(coordinator_a)
    response = client.get(placement_a.get_absolute_url())  # marks the thread read

    after = page_cache.stamps(names)
    assert response.status_code == 200
    assert message.body in response.content.decode()
    assert [after[name] != before[name] for name in names] == [True, False, False]


def test_with_the_database_cache_of_a_deployment(settings, placement_a, supervisor_a):
    """The default deployment keeps the pages in the database cache: a hit costs its two
    reads (the stamps, the content), and a change still shows at once."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "stagegids_cache_test",
        }
    }
    call_command("createcachetable", verbosity=0)
    company = browser(supervisor_a)
    visit(company, DASHBOARD)

    _html, hit_queries = visit(company, DASHBOARD)
    student = placement_a.student
    student.given_name = "Sem"
    student.save()
    html, _queries = visit(company, DASHBOARD)

    assert hit_queries == 4 + 2
    assert "Sem Visser" in html

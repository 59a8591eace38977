"""Exports of more than ``EXPORT_INLINE_MAX`` rows: made by a task, fetched from the
exports page by their owner only, for a day.

The tests run the immediate task backend (the project's default): the task runs right
after the request's transaction commits, which ``django_capture_on_commit_callbacks``
plays out inside the test's own transaction.
"""

import csv
import datetime
import io
import json
from urllib.parse import urlencode

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from placements.models import (
    ChecklistItem,
    ExportFile,
    ExportFormat,
    ExportStatus,
    PlacementKind,
    PlacementStatus,
    Programme,
    SchoolMembership,
)
from placements.selectors import placements_for_user
from placements.selectors.overview import export_values, export_values_sql, overview_placements
from placements.services.exports import EXPORT_KEEP, export_build, exports_purge
from tests.factories import (
    ChecklistItemFactory,
    IntakeFactory,
    PlacementFactory,
    StudentFactory,
)
from tests.placements.test_exports import CSV_URL, HEADER, XLSX_URL

pytestmark = pytest.mark.django_db

EXPORTS_URL = "/placements/exports/"
NO_STORE = {"no-store", "no-cache", "private", "must-revalidate", "max-age=0"}


def download_url(export: ExportFile) -> str:
    return f"/placements/exports/{export.public_id}/"


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def en(client):
    """The client in English, so the headers and labels are the source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def inline_max(settings):
    """Exports of more than 2 rows go to the background."""
    settings.EXPORT_INLINE_MAX = 2
    return 2


@pytest.fixture
def school_a_rows(placement_a, placement_b, school_a, company_a):
    """Three placements of school A (Daan Visser with 1 of 2 checklist items done, Mesut
    Özil and Fenna Graaf, drafts in 4B) and school B's Noor Bakker at company B."""
    ChecklistItemFactory(placement=placement_a, done_at=timezone.now())
    ChecklistItemFactory(placement=placement_a)
    placement_a.student.student_number = "110001"
    placement_a.student.save(update_fields=["student_number"])
    for given_name, surname, start, number in (
        ("Mesut", "Özil", 12, "110002"),
        ("Fenna", "Graaf", 19, "110003"),
    ):
        PlacementFactory(
            student=StudentFactory(
                school=school_a,
                given_name=given_name,
                surname=surname,
                student_number=number,
                teacher=None,
                class_name="4B",
                programme=Programme.VMBO_T,
            ),
            company=company_a,
            supervisor=placement_a.supervisor,
            kind=PlacementKind.SNUFFELSTAGE,
            status=PlacementStatus.DRAFT,
            start_date=datetime.date(2026, 1, start),
            end_date=datetime.date(2026, 1, start + 1),
        )
    return placement_a


def ask(client, url, params=None, *, capture):
    """Ask for an export (the button on the large-export page POSTs to the export URL with
    the filters in its query string) and run what waits for the commit (the task)."""
    with capture(execute=True):
        return client.post(_with_query(url, params))


def _with_query(url, params=None) -> str:
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


# --- the threshold -------------------------------------------------------------------------


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_of_exactly_the_limit_downloads_directly(
    client, coordinator_a, school_a_rows, django_capture_on_commit_callbacks, settings, url
):
    settings.EXPORT_INLINE_MAX = 3
    client.force_login(coordinator_a)

    response = ask(client, url, capture=django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ExportFile.objects.count() == 0


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_over_the_limit_offers_a_background_export_and_writes_nothing_on_get(
    client, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks, url
):
    client.force_login(coordinator_a)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(url, {"kind": "", "sort": "pupil"})

    assert response.status_code == 200
    assert "Content-Disposition" not in response
    page = response.content.decode()
    assert f'<form method="post" action="{url}?sort=pupil"' in page
    assert "csrfmiddlewaretoken" in page
    assert (ExportFile.objects.count(), len(callbacks)) == (0, 0)


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_asking_for_a_background_export_needs_the_csrf_token(
    coordinator_a, school_a_rows, inline_max, url
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_a)

    response = client.post(url)

    assert response.status_code == 403
    assert ExportFile.objects.count() == 0


@pytest.mark.parametrize(
    ("url", "file_format"), [(CSV_URL, ExportFormat.CSV), (XLSX_URL, ExportFormat.XLSX)]
)
def test_export_over_the_limit_redirects_to_the_exports_page(
    client,
    coordinator_a,
    school_a_rows,
    inline_max,
    django_capture_on_commit_callbacks,
    url,
    file_format,
):
    client.force_login(coordinator_a)

    response = ask(client, url, {"page": "2"}, capture=django_capture_on_commit_callbacks)

    export = ExportFile.objects.get()
    assert response.status_code == 302
    assert response.url == EXPORTS_URL
    assert (export.owner, export.file_format, export.status) == (
        coordinator_a,
        file_format,
        ExportStatus.READY,
    )
    assert export.row_count == 3
    assert export.language == "nl"
    assert export.expires_at - export.created_at == EXPORT_KEEP == datetime.timedelta(hours=24)


def test_export_saves_only_the_valid_filters(
    en, coordinator_a, school_a_rows, company_b, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX = 1
    en.force_login(coordinator_a)
    params = {
        "class_name": "4B",
        "sort": "-pupil",
        "company": str(company_b.pk),  # not a company coordinator_a sees: ignored
        "status": "bogus",
        "page": "3",
    }

    ask(en, CSV_URL, params, capture=django_capture_on_commit_callbacks)

    export = ExportFile.objects.get()
    assert export.filters == {"class_name": "4B", "sort": "-pupil"}
    assert [row[0] for row in csv_rows(bytes(export.content))] == [
        "Pupil",
        "Mesut Özil",
        "Fenna Graaf",
    ]


# --- the file ------------------------------------------------------------------------------


def test_owner_downloads_the_csv_with_the_rows_of_the_overview(
    en, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks
):
    en.force_login(coordinator_a)
    ask(en, CSV_URL, {"sort": "pupil"}, capture=django_capture_on_commit_callbacks)
    export = ExportFile.objects.get()

    response = en.get(download_url(export))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="stages-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    assert cache_control(response) == NO_STORE
    assert csv_rows(response.content) == [
        HEADER,
        [
            "Fenna Graaf",
            "110003",
            "Vakcollege Alfa",
            "4B",
            "vmbo theoretical track (vmbo-t)",
            "",
            "Warmtetechniek Alfa B.V.",
            str(school_a_rows.supervisor),
            "snuffelstage (orientation)",
            "Draft",
            "2026-01-19",
            "2026-01-20",
            "0",
            "0",
        ],
        [
            "Daan Visser",
            "110001",
            "Vakcollege Alfa",
            school_a_rows.student.class_name,
            school_a_rows.student.get_programme_display(),
            str(school_a_rows.student.teacher),
            "Warmtetechniek Alfa B.V.",
            str(school_a_rows.supervisor),
            school_a_rows.get_kind_display(),
            school_a_rows.get_status_display().capitalize(),
            school_a_rows.start_date.isoformat(),
            school_a_rows.end_date.isoformat(),
            "1",
            "2",
        ],
        [
            "Mesut Özil",
            "110002",
            "Vakcollege Alfa",
            "4B",
            "vmbo theoretical track (vmbo-t)",
            "",
            "Warmtetechniek Alfa B.V.",
            str(school_a_rows.supervisor),
            "snuffelstage (orientation)",
            "Draft",
            "2026-01-12",
            "2026-01-13",
            "0",
            "0",
        ],
    ]


def test_owner_downloads_the_xlsx_with_real_cells(
    en, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks
):
    en.force_login(coordinator_a)
    ask(en, XLSX_URL, {"sort": "-start_date"}, capture=django_capture_on_commit_callbacks)
    export = ExportFile.objects.get()

    response = en.get(download_url(export))

    rows = xlsx_rows(response.content)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert cache_control(response) == NO_STORE
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == ["Daan Visser", "Fenna Graaf", "Mesut Özil"]
    assert rows[2][1] == "110003"
    assert rows[2][10:] == [datetime.datetime(2026, 1, 19), datetime.datetime(2026, 1, 20), 0, 0]
    assert rows[1][12:] == [1, 2]


def test_background_file_is_written_in_the_language_asked_in(
    client, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)  # no language cookie: Dutch

    ask(client, CSV_URL, capture=django_capture_on_commit_callbacks)

    rows = csv_rows(bytes(ExportFile.objects.get().content))
    assert rows[0][:6] == ["Leerling", "Leerlingnummer", "School", "Klas", "Opleiding", "Docent"]
    assert {row[9] for row in rows[1:]} == {"Concept", "Gepland"}


def test_background_file_never_holds_support_needs_or_email_addresses(
    en, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks
):
    en.force_login(coordinator_a)
    IntakeFactory(placement=school_a_rows, support_needs="Dyslexie; graag korte instructies.")

    ask(en, CSV_URL, capture=django_capture_on_commit_callbacks)

    content = bytes(ExportFile.objects.get().content).decode("utf-8-sig")
    assert "Dyslexie" not in content
    assert school_a_rows.supervisor.email not in content
    assert "Daan Visser" in content


# --- scope ---------------------------------------------------------------------------------


def test_task_reads_the_owners_scope_with_odd_saved_filters(
    en, coordinator_a, school_a_rows, company_b
):
    # Filters as no form would save them: a company outside the scope, a sort on a field
    # that is no column, a status that does not exist, a date that is no date, an unknown
    # name.
    export = ExportFile.objects.create(
        owner=coordinator_a,
        file_format=ExportFormat.CSV,
        language="en",
        filters={
            "company": str(company_b.pk),
            "sort": "-student__support_needs",
            "status": "bogus",
            "date_from": "letters",
            "extra": "ignored",
        },
        expires_at=timezone.now() + EXPORT_KEEP,
    )

    made = export_build(export.pk)

    export.refresh_from_db()
    rows = csv_rows(bytes(export.content))
    assert made is True
    assert export.status == ExportStatus.READY
    assert sorted(row[0] for row in rows[1:]) == ["Daan Visser", "Fenna Graaf", "Mesut Özil"]
    assert export.row_count == 3


def test_task_search_for_a_pupil_outside_the_scope_finds_nothing(coordinator_a, school_a_rows):
    export = ExportFile.objects.create(
        owner=coordinator_a,
        file_format=ExportFormat.XLSX,
        language="en",
        filters={"q": "Noor Bakker"},
        expires_at=timezone.now() + EXPORT_KEEP,
    )

    export_build(export.pk)

    export.refresh_from_db()
    assert xlsx_rows(bytes(export.content)) == [HEADER]
    assert export.row_count == 0


def test_task_uses_the_scope_at_run_time_not_at_request_time(
    coordinator_a, school_a_rows, django_capture_on_commit_callbacks, client, inline_max
):
    client.force_login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(CSV_URL)
    export = ExportFile.objects.get()
    assert export.status == ExportStatus.PENDING
    # The coordinator leaves the school before a worker gets to the export.
    SchoolMembership.objects.filter(user=coordinator_a).delete()

    for callback in callbacks:
        callback()

    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert len(csv_rows(bytes(export.content))) == 1  # the header only
    assert export.row_count == 0


def test_task_leaves_an_export_that_is_not_pending_alone(coordinator_a, school_a_rows):
    export = ExportFile.objects.create(
        owner=coordinator_a,
        file_format=ExportFormat.CSV,
        language="en",
        status=ExportStatus.READY,
        content=b"made before",
        expires_at=timezone.now() + EXPORT_KEEP,
    )

    made = export_build(export.pk)

    export.refresh_from_db()
    assert made is False
    assert bytes(export.content) == b"made before"
    assert export_build(999_999) is False


def test_task_that_fails_marks_the_export_failed(
    en, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks, monkeypatch
):
    def no_memory(self, *args, **kwargs):
        raise MemoryError

    # openpyxl gives up on the workbook (a third-party failure, not our code mocked).
    monkeypatch.setattr(openpyxl.Workbook, "create_sheet", no_memory)
    en.force_login(coordinator_a)

    response = ask(en, XLSX_URL, capture=django_capture_on_commit_callbacks)

    export = ExportFile.objects.get()
    page = en.get(EXPORTS_URL)
    assert response.status_code == 302
    assert export.status == ExportStatus.FAILED
    assert bytes(export.content) == b""
    assert page.status_code == 200
    assert "Failed" in page.content.decode()
    assert download_url(export) not in page.content.decode()
    assert en.get(download_url(export)).url == EXPORTS_URL


def test_same_request_while_pending_makes_no_second_export(
    client, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(_with_query(CSV_URL, {"sort": "pupil"}))
        client.post(_with_query(CSV_URL, {"sort": "pupil"}))
        client.post(_with_query(XLSX_URL, {"sort": "pupil"}))

    assert ExportFile.objects.count() == 2  # one CSV, one Excel
    assert len(callbacks) == 2


# --- who may download ----------------------------------------------------------------------


@pytest.fixture
def ready_export(
    client, coordinator_a, school_a_rows, inline_max, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    ask(client, CSV_URL, capture=django_capture_on_commit_callbacks)
    client.logout()
    return ExportFile.objects.get()


@pytest.mark.parametrize("who", ["coordinator_b", "supervisor_a", "teacher_a", "staff", "outsider"])
def test_someone_elses_export_is_404(client, request, ready_export, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(download_url(ready_export))
    page = client.get(EXPORTS_URL)

    assert response.status_code == 404
    assert page.status_code == 200
    assert str(ready_export.public_id) not in page.content.decode()


def test_owner_sees_the_export_listed_with_its_link(client, coordinator_a, ready_export):
    client.force_login(coordinator_a)

    response = client.get(EXPORTS_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert cache_control(response) == NO_STORE
    assert download_url(ready_export) in content
    assert "hx-trigger" not in content  # nothing to wait for


@pytest.mark.parametrize("path", ["list", "download"])
def test_logged_out_is_sent_to_the_login(client, ready_export, path):
    url = EXPORTS_URL if path == "list" else download_url(ready_export)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("path", ["list", "download"])
def test_exports_pages_refuse_post(client, coordinator_a, ready_export, path):
    client.force_login(coordinator_a)
    url = EXPORTS_URL if path == "list" else download_url(ready_export)

    response = client.post(url)

    assert response.status_code == 405


def test_unknown_export_id_is_404(client, coordinator_a):
    client.force_login(coordinator_a)

    response = client.get("/placements/exports/8f0c7e4e-2c1b-4c4f-9a55-3a8f1c2f0d11/")
    malformed = client.get("/placements/exports/not-a-uuid/")

    assert response.status_code == 404
    assert malformed.status_code == 404


# --- pending, expired, purged ----------------------------------------------------------------


@pytest.fixture
def pending_export(coordinator_a):
    return ExportFile.objects.create(
        owner=coordinator_a,
        file_format=ExportFormat.CSV,
        language="nl",
        expires_at=timezone.now() + EXPORT_KEEP,
    )


def test_pending_export_is_not_downloadable(en, coordinator_a, pending_export):
    en.force_login(coordinator_a)

    response = en.get(download_url(pending_export))

    assert response.status_code == 302
    assert response.url == EXPORTS_URL


def test_exports_page_polls_while_an_export_is_being_made(en, coordinator_a, pending_export):
    en.force_login(coordinator_a)

    response = en.get(EXPORTS_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert cache_control(response) == NO_STORE
    assert "<h1" in content and "Your export is being made" in content
    assert f'hx-get="{EXPORTS_URL}" hx-trigger="every 3s" hx-swap="outerHTML"' in content
    assert "Being made" in content
    assert download_url(pending_export) not in content
    assert f'href="{EXPORTS_URL}" id="exports-reload"' in content  # without JavaScript


def test_exports_page_for_htmx_is_the_table_only(en, coordinator_a, pending_export):
    en.force_login(coordinator_a)

    response = en.get(EXPORTS_URL, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert cache_control(response) == NO_STORE
    assert content.lstrip().startswith('<div id="exports"')
    assert "<html" not in content


def test_expired_export_says_so_until_it_is_purged(en, coordinator_a, ready_export):
    ExportFile.objects.filter(pk=ready_export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    en.force_login(coordinator_a)

    expired = en.get(download_url(ready_export))
    listed = en.get(EXPORTS_URL)
    purged = exports_purge()
    gone = en.get(download_url(ready_export))

    assert expired.status_code == 410
    assert "Deze export is verlopen" in expired.content.decode()
    assert "Content-Disposition" not in expired
    assert download_url(ready_export) not in listed.content.decode()
    assert purged == 1
    assert gone.status_code == 404
    assert ExportFile.objects.count() == 0


def test_send_pending_email_deletes_expired_exports_only(coordinator_a, pending_export):
    old = ExportFile.objects.create(
        owner=coordinator_a,
        file_format=ExportFormat.XLSX,
        language="nl",
        status=ExportStatus.READY,
        content=b"old",
        created_at=timezone.now() - datetime.timedelta(hours=25),
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    out = io.StringIO()

    call_command("send_pending_email", stdout=out)

    assert list(ExportFile.objects.all()) == [pending_export]
    assert not ExportFile.objects.filter(pk=old.pk).exists()
    assert "1 expired exports deleted" in out.getvalue()


def test_new_export_request_purges_expired_ones(
    client,
    coordinator_a,
    coordinator_b,
    school_a_rows,
    inline_max,
    django_capture_on_commit_callbacks,
):
    stale = ExportFile.objects.create(
        owner=coordinator_b,
        file_format=ExportFormat.CSV,
        language="nl",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    client.force_login(coordinator_a)

    ask(client, CSV_URL, capture=django_capture_on_commit_callbacks)

    assert not ExportFile.objects.filter(pk=stale.pk).exists()
    assert ExportFile.objects.get().owner == coordinator_a


# --- queries -------------------------------------------------------------------------------


@pytest.fixture
def build_for_coordinator(school_a):
    """``n`` placements of school A pupils, each with its own company, supervisor and
    two checklist items, so a missing join or annotation shows up as a query per row."""

    def build(n):
        for placement in PlacementFactory.create_batch(n, student__school=school_a):
            ChecklistItemFactory(placement=placement, done_at=timezone.now())
            ChecklistItemFactory(placement=placement)

    return build


@pytest.mark.parametrize("size", [3, 25])
def test_background_export_queries_constant(
    client,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
    coordinator_a,
    build_for_coordinator,
    inline_max,
    size,
):
    build_for_coordinator(size)
    client.force_login(coordinator_a)

    # The request: session, user, memberships, class and company choices, the size check;
    # then a savepoint, the purge, the pending ones, the insert and the release. The task:
    # the export with its owner, memberships, class and company choices, the rows, the
    # update.
    with django_assert_num_queries(17):
        response = ask(
            client, CSV_URL, {"sort": "pupil"}, capture=django_capture_on_commit_callbacks
        )

    export = ExportFile.objects.get()
    assert response.status_code == 302
    assert export.row_count == size
    assert {tuple(row[12:]) for row in csv_rows(bytes(export.content))[1:]} == {("1", "2")}


# --- the row query on PostgreSQL -------------------------------------------------------------


def _plan_nodes(node, *, in_subplan=False):
    """Every node of an EXPLAIN (FORMAT JSON) plan, with whether it runs in a SubPlan."""
    in_subplan = in_subplan or node.get("Parent Relationship") == "SubPlan"
    yield node, in_subplan
    for child in node.get("Plans", []):
        yield from _plan_nodes(child, in_subplan=in_subplan)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
def test_export_row_query_aggregates_the_checklist_once_not_per_row(
    coordinator_a, build_for_coordinator
):
    build_for_coordinator(30)
    placements = overview_placements(placements_for_user(coordinator_a), {"sort": "pupil"})
    sql, params = export_values_sql(placements)
    table = ChecklistItem._meta.db_table

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        raw = cursor.fetchone()[0]

    nodes = list(_plan_nodes((json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]))
    checklist_scans = [
        in_subplan for node, in_subplan in nodes if node.get("Relation Name") == table
    ]
    # The checklist items are read once, in the main plan (the scope's IN (…) lists may
    # well be SubPlans; they run once, hashed, not per row).
    assert checklist_scans == [False]
    assert any(node["Node Type"] == "Aggregate" for node, _in_subplan in nodes)
    assert len(list(export_values(placements))) == 30

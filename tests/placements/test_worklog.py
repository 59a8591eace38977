"""The work log: which tasks the intern did at which level, recorded by the company side."""

import datetime

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from placements.models import Task, TaskLevel, TaskRecord
from placements.selectors.worklog import task_progress
from placements.services.worklog import task_record_delete, task_record_save
from tests.factories import TaskFactory, TaskRecordFactory

pytestmark = pytest.mark.django_db

SAWING = "Aftekenen en zagen"
GLUING = "Ontbramen en lijmen"
MATERIALS = "Materiaal klaarzetten en aangeven"


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source texts, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def sawing():
    return Task.objects.get(name=SAWING)


@pytest.fixture
def gluing():
    return Task.objects.get(name=GLUING)


@pytest.fixture
def inactive_task():
    return TaskFactory(name="Solderen (oud)", is_active=False)


def _record_url(placement):
    return reverse("placements:worklog_record", kwargs={"public_id": placement.public_id})


def _delete_url(record):
    return reverse(
        "placements:worklog_delete",
        kwargs={"public_id": record.placement.public_id, "pk": record.pk},
    )


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _post_data(task, **overrides):
    return {"task": task.pk, "level": "1", "date": "2026-03-04", "note": "", **overrides}


# --- the catalogue ---------------------------------------------------------------------


def test_task_catalogue_from_guide_is_loaded_in_order():
    names = list(Task.objects.filter(is_active=True).values_list("name", flat=True))

    assert names == [
        "Materiaal klaarzetten en aangeven",
        "Schoonmaken, verzamelen en opruimen",
        "Een afvoer aansluiten",
        "Aftekenen en zagen",
        "Ontbramen en lijmen",
        "Leidingen leggen",
        "Leidingen afpersen",
        "Beugels monteren",
    ]


# --- service: recording -----------------------------------------------------------------


def test_task_record_save_new_task_creates_record(placement_a, supervisor_a, sawing):
    record = task_record_save(
        placement_a,
        task=sawing,
        level=TaskLevel.WITH_HELP,
        date=datetime.date(2026, 3, 4),
        note="Netjes haaks gezaagd",
        by=supervisor_a,
    )

    record.refresh_from_db()
    assert record.placement == placement_a
    assert record.task == sawing
    assert record.level == TaskLevel.WITH_HELP
    assert record.date == datetime.date(2026, 3, 4)
    assert record.note == "Netjes haaks gezaagd"
    assert record.recorded_by == supervisor_a


def test_task_record_save_same_level_again_updates_the_one_row(
    placement_a, supervisor_a, staff, sawing
):
    first = task_record_save(
        placement_a, task=sawing, level=1, date=datetime.date(2026, 3, 3), by=supervisor_a
    )

    second = task_record_save(
        placement_a,
        task=sawing,
        level=1,
        date=datetime.date(2026, 3, 6),
        note="Nog een keer voorgedaan",
        by=staff,
    )

    assert TaskRecord.objects.filter(placement=placement_a).count() == 1
    assert second.pk == first.pk
    second.refresh_from_db()
    assert second.date == datetime.date(2026, 3, 6)
    assert second.note == "Nog een keer voorgedaan"
    assert second.recorded_by == staff


def test_task_record_save_other_level_adds_a_row(placement_a, supervisor_a, sawing):
    task_record_save(
        placement_a, task=sawing, level=1, date=datetime.date(2026, 3, 3), by=supervisor_a
    )

    task_record_save(
        placement_a, task=sawing, level=2, date=datetime.date(2026, 3, 5), by=supervisor_a
    )

    levels = list(TaskRecord.objects.filter(placement=placement_a).values_list("level", flat=True))
    assert levels == [1, 2]


@pytest.mark.parametrize(
    ("day", "saved"),
    [
        (datetime.date(2026, 3, 1), False),  # the day before the start
        (datetime.date(2026, 3, 2), True),  # the start
        (datetime.date(2026, 3, 13), True),  # the end
        (datetime.date(2026, 3, 14), False),  # the day after the end
    ],
)
def test_task_record_save_date_must_lie_within_period(
    placement_a, supervisor_a, sawing, day, saved
):
    if saved:
        task_record_save(placement_a, task=sawing, level=1, date=day, by=supervisor_a)
    else:
        with pytest.raises(ValidationError) as error:
            task_record_save(placement_a, task=sawing, level=1, date=day, by=supervisor_a)
        assert error.value.message_dict == {
            "date": ["Choose a date within the placement: 2 March 2026 to 13 March 2026."]
        }

    assert TaskRecord.objects.filter(placement=placement_a).count() == int(saved)


def test_task_record_save_inactive_task_is_refused(placement_a, supervisor_a, inactive_task):
    with pytest.raises(ValidationError) as error:
        task_record_save(
            placement_a,
            task=inactive_task,
            level=1,
            date=datetime.date(2026, 3, 4),
            by=supervisor_a,
        )

    assert error.value.message_dict == {
        "task": ["This task is no longer in the catalogue; choose another one."]
    }
    assert TaskRecord.objects.count() == 0


def test_task_record_delete_removes_only_that_record(placement_a, supervisor_a, sawing):
    kept = TaskRecordFactory(placement=placement_a, task=sawing, level=1)
    removed = TaskRecordFactory(placement=placement_a, task=sawing, level=2)

    task_record_delete(removed, by=supervisor_a)

    assert list(TaskRecord.objects.values_list("pk", flat=True)) == [kept.pk]


# --- selector: progress per task ----------------------------------------------------------


def test_task_progress_shows_highest_level_per_task_in_catalogue_order(
    placement_a, placement_b, sawing, gluing
):
    materials = Task.objects.get(name=MATERIALS)
    TaskRecordFactory(placement=placement_a, task=gluing, level=1, date=datetime.date(2026, 3, 9))
    TaskRecordFactory(placement=placement_a, task=sawing, level=1, date=datetime.date(2026, 3, 3))
    TaskRecordFactory(placement=placement_a, task=sawing, level=3, date=datetime.date(2026, 3, 10))
    TaskRecordFactory(placement=placement_a, task=sawing, level=2, date=datetime.date(2026, 3, 5))
    TaskRecordFactory(placement=placement_b, task=materials, level=3)

    progress = task_progress(placement_a)

    assert [(row.task.name, row.best.level, row.best.date) for row in progress] == [
        (SAWING, 3, datetime.date(2026, 3, 10)),
        (GLUING, 1, datetime.date(2026, 3, 9)),
    ]
    assert [record.level for record in progress[0].records] == [1, 2, 3]
    assert [step.reached for step in progress[1].steps] == [True, False, False]


def test_task_progress_without_records_is_empty(placement_a):
    assert task_progress(placement_a) == []


# --- view: record -----------------------------------------------------------------------


def test_worklog_record_supervisor_saves_and_redirects_to_section(
    client, supervisor_a, placement_a, sawing
):
    client.force_login(supervisor_a)

    response = client.post(
        _record_url(placement_a), _post_data(sawing, level="2", note="Zelf afgetekend")
    )

    record = TaskRecord.objects.get(placement=placement_a)
    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#worklog"
    assert (record.task, record.level, record.date, record.note, record.recorded_by) == (
        sawing,
        2,
        datetime.date(2026, 3, 4),
        "Zelf afgetekend",
        supervisor_a,
    )
    assert _messages(response) == [f"Recorded: {SAWING}, with help."]


def test_worklog_record_staff_may_record(client, staff, placement_a, sawing):
    client.force_login(staff)

    response = client.post(_record_url(placement_a), _post_data(sawing))

    assert response.status_code == 302
    assert TaskRecord.objects.filter(placement=placement_a).count() == 1


def test_worklog_record_double_submit_keeps_one_row(client, supervisor_a, placement_a, sawing):
    client.force_login(supervisor_a)
    data = _post_data(sawing, note="Eerste keer")

    client.post(_record_url(placement_a), data)
    response = client.post(_record_url(placement_a), data)

    assert response.status_code == 302
    assert TaskRecord.objects.filter(placement=placement_a).count() == 1


def test_worklog_record_same_level_later_updates_date_and_note(
    client, supervisor_a, placement_a, sawing
):
    client.force_login(supervisor_a)
    client.post(_record_url(placement_a), _post_data(sawing, date="2026-03-03"))

    client.post(_record_url(placement_a), _post_data(sawing, date="2026-03-05", note="Beter"))

    record = TaskRecord.objects.get(placement=placement_a)
    assert (record.date, record.note) == (datetime.date(2026, 3, 5), "Beter")


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_worklog_record_school_side_is_403(client, request, placement_a, sawing, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_record_url(placement_a), _post_data(sawing))

    assert response.status_code == 403
    assert TaskRecord.objects.count() == 0


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_worklog_record_outside_scope_is_404(client, request, placement_a, sawing, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_record_url(placement_a), _post_data(sawing))

    assert response.status_code == 404
    assert TaskRecord.objects.count() == 0


def test_worklog_record_anonymous_redirects_to_login(client, placement_a, sawing):
    url = _record_url(placement_a)

    response = client.post(url, _post_data(sawing))

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
    assert TaskRecord.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_worklog_record_wrong_method_is_405(client, supervisor_a, placement_a, method):
    client.force_login(supervisor_a)

    response = getattr(client, method)(_record_url(placement_a))

    assert response.status_code == 405


@pytest.mark.parametrize("day", ["2026-03-01", "2026-03-14", "2025-03-04"])
def test_worklog_record_date_outside_period_shows_error_and_keeps_input(
    client, supervisor_a, placement_a, sawing, day
):
    client.force_login(supervisor_a)

    response = client.post(
        _record_url(placement_a), _post_data(sawing, date=day, note="Niet kwijtraken")
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {
        "date": ["Choose a date within the placement: 2 March 2026 to 13 March 2026."]
    }
    assert "Niet kwijtraken" in response.content.decode()
    assert f'value="{day}"' in response.content.decode()
    assert TaskRecord.objects.count() == 0


def test_worklog_record_inactive_task_is_refused_at_field(
    client, supervisor_a, placement_a, inactive_task
):
    client.force_login(supervisor_a)

    response = client.post(_record_url(placement_a), _post_data(inactive_task))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["task"]
    assert TaskRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, ["task", "level", "date"]),
        ({"task": "abc", "level": "1", "date": "2026-03-04"}, ["task"]),
        ({"task": "999999", "level": "1", "date": "2026-03-04"}, ["task"]),
        ({"level": "4", "date": "2026-03-04"}, ["task", "level"]),
        ({"level": "\x00", "date": "nonsense"}, ["task", "level", "date"]),
        ({"date": "2026-02-30", "level": "1"}, ["task", "date"]),
    ],
)
def test_worklog_record_bad_input_shows_errors_without_saving(
    client, supervisor_a, placement_a, data, fields
):
    client.force_login(supervisor_a)

    response = client.post(_record_url(placement_a), data)

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == sorted(fields)
    assert TaskRecord.objects.count() == 0


def test_worklog_record_note_too_long_is_refused(client, supervisor_a, placement_a, sawing):
    client.force_login(supervisor_a)

    response = client.post(_record_url(placement_a), _post_data(sawing, note="x" * 501))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["note"]
    assert TaskRecord.objects.count() == 0


# --- view: delete -----------------------------------------------------------------------


def test_worklog_delete_supervisor_removes_record(client, supervisor_a, placement_a, sawing):
    record = TaskRecordFactory(placement=placement_a, task=sawing, level=2)
    client.force_login(supervisor_a)

    response = client.post(_delete_url(record))

    assert response.status_code == 302
    assert response.url == f"{placement_a.get_absolute_url()}#worklog"
    assert TaskRecord.objects.count() == 0
    assert _messages(response) == [f"Record deleted: {SAWING} (with help)."]


def test_worklog_delete_twice_says_already_deleted(client, supervisor_a, placement_a, sawing):
    record = TaskRecordFactory(placement=placement_a, task=sawing)
    client.force_login(supervisor_a)
    client.post(_delete_url(record), follow=True)  # shows and so consumes the first message

    response = client.post(_delete_url(record))

    assert response.status_code == 302
    assert _messages(response) == ["This record was already deleted."]


def test_worklog_delete_record_of_other_placement_leaves_it(
    client, supervisor_a, placement_a, placement_b, sawing
):
    other = TaskRecordFactory(placement=placement_b, task=sawing)
    client.force_login(supervisor_a)
    url = reverse(
        "placements:worklog_delete", kwargs={"public_id": placement_a.public_id, "pk": other.pk}
    )

    response = client.post(url)

    assert response.status_code == 302
    assert list(TaskRecord.objects.values_list("pk", flat=True)) == [other.pk]


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_worklog_delete_school_side_is_403(client, request, placement_a, sawing, persona):
    record = TaskRecordFactory(placement=placement_a, task=sawing)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_delete_url(record))

    assert response.status_code == 403
    assert TaskRecord.objects.count() == 1


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_worklog_delete_outside_scope_is_404(client, request, placement_a, sawing, persona):
    record = TaskRecordFactory(placement=placement_a, task=sawing)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_delete_url(record))

    assert response.status_code == 404
    assert TaskRecord.objects.count() == 1


def test_worklog_delete_anonymous_redirects_to_login(client, placement_a, sawing):
    record = TaskRecordFactory(placement=placement_a, task=sawing)
    url = _delete_url(record)

    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
    assert TaskRecord.objects.count() == 1


def test_worklog_delete_get_is_405(client, supervisor_a, placement_a, sawing):
    record = TaskRecordFactory(placement=placement_a, task=sawing)
    client.force_login(supervisor_a)

    response = client.get(_delete_url(record))

    assert response.status_code == 405
    assert TaskRecord.objects.count() == 1


# --- the section on the placement page -------------------------------------------------------


def test_worklog_section_company_side_shows_progress_form_and_delete(
    client, supervisor_a, placement_a, sawing, inactive_task
):
    TaskRecordFactory(placement=placement_a, task=sawing, level=1, date=datetime.date(2026, 3, 3))
    TaskRecordFactory(placement=placement_a, task=sawing, level=2, date=datetime.date(2026, 3, 5))
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    offered = list(response.context["worklog_form"].fields["task"].queryset)
    assert 'id="worklog"' in content
    assert "What the intern learnt" in content
    assert "<strong>With help</strong> · 5 Mar 2026" in content
    assert '<span class="visually-hidden">level 2 of 3</span>' in content
    assert content.count('class="badge rounded-pill text-bg-success"') == 2
    assert f'action="{_record_url(placement_a)}"' in content
    assert content.count('action="/placements/' + str(placement_a.public_id) + "/worklog/") == 3
    assert inactive_task not in offered
    assert len(offered) == 8


@pytest.mark.parametrize("persona", ["teacher_a", "coordinator_a"])
def test_worklog_section_school_side_reads_without_forms(
    client, request, placement_a, sawing, persona
):
    TaskRecordFactory(placement=placement_a, task=sawing, level=3, date=datetime.date(2026, 3, 9))
    client.force_login(request.getfixturevalue(persona))

    response = client.get(placement_a.get_absolute_url())

    content = response.content.decode()
    assert response.context["worklog_form"] is None
    assert "<strong>Independently</strong> · 9 Mar 2026" in content
    assert "/worklog/" not in content


def test_worklog_section_without_records_says_so(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)

    response = client.get(placement_a.get_absolute_url())

    assert "No tasks recorded yet." in response.content.decode()


@pytest.mark.parametrize("persona", ["supervisor_a", "teacher_a"])
def test_worklog_section_queries_do_not_grow_with_records(client, request, placement_a, persona):
    tasks = TaskFactory.create_batch(10)
    TaskRecordFactory(placement=placement_a, task=tasks[0], level=1)
    client.force_login(request.getfixturevalue(persona))
    client.get(placement_a.get_absolute_url())  # first views may write once (e.g. read marks)
    with CaptureQueriesContext(connection) as one:
        client.get(placement_a.get_absolute_url())
    for task in tasks:
        for level in TaskLevel:
            if (task, level) != (tasks[0], TaskLevel.DEMONSTRATED):
                TaskRecordFactory(placement=placement_a, task=task, level=level)

    with CaptureQueriesContext(connection) as thirty:
        response = client.get(placement_a.get_absolute_url())

    assert TaskRecord.objects.filter(placement=placement_a).count() == 30
    assert len(response.context["worklog_progress"]) == 10
    assert len(thirty.captured_queries) == len(one.captured_queries)

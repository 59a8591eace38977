"""The placement's checklists: copies of the guide's templates, and ticking them off."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from placements.models import (
    ChecklistItem,
    ChecklistItemTemplate,
    Phase,
    Placement,
    PlacementKind,
    PlacementStatus,
    Weekday,
)
from placements.selectors.checklists import current_phase
from placements.services.checklists import checklist_sync
from placements.services.core import placement_save
from tests.factories import (
    ChecklistItemFactory,
    ChecklistItemTemplateFactory,
    CompanyFactory,
    CompanyMembershipFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
MID_TERM = "Tussenevaluatie gehouden"
ASSESSMENT_FORM = "Beoordelingsformulier van school ingevuld en besproken met de docent"
LOGBOOK = "Stagiair geholpen het stageboek bij te houden"
SUPERVISOR_CHOSEN = "Stagebegeleider aangewezen die tijd heeft om uitleg te geven"
TEAM_KNOWS = "Het team weet dat er een stagiair komt"
GOALS_RECEIVED = "Doel en leerdoelen van de stage ontvangen van de school"
LEVEL_KNOWN = "Niveau en voorkennis van de leerling bekend"
WELCOME = "Iemand staat klaar om de stagiair te ontvangen"

#: The guide's items per phase for each kind (loaded by migration 0005).
ITEMS_PER_PHASE = {
    PlacementKind.MEELOOPDAG: {Phase.BEFORE_START: 9, Phase.FIRST_DAY: 5, Phase.CLOSING: 3},
    PlacementKind.SNUFFELSTAGE: {
        Phase.BEFORE_START: 9,
        Phase.FIRST_DAY: 5,
        Phase.DURING: 1,
        Phase.CLOSING: 4,
    },
    PlacementKind.LINTSTAGE: {
        Phase.BEFORE_START: 9,
        Phase.FIRST_DAY: 5,
        Phase.DURING: 5,
        Phase.CLOSING: 4,
    },
    PlacementKind.BLOKSTAGE: {
        Phase.BEFORE_START: 9,
        Phase.FIRST_DAY: 5,
        Phase.DURING: 5,
        Phase.CLOSING: 4,
    },
    PlacementKind.LEERWERKTRAJECT: {
        Phase.BEFORE_START: 9,
        Phase.FIRST_DAY: 5,
        Phase.DURING: 5,
        Phase.CLOSING: 4,
    },
}

#: Valid field values per kind (meeloopdag one day, lintstage a weekday, ...).
KIND_FIELDS = {
    PlacementKind.MEELOOPDAG: {
        "start_date": datetime.date(2026, 3, 2),
        "end_date": datetime.date(2026, 3, 2),
    },
    PlacementKind.SNUFFELSTAGE: {
        "start_date": datetime.date(2026, 3, 2),
        "end_date": datetime.date(2026, 3, 4),
    },
    PlacementKind.LINTSTAGE: {
        "start_date": datetime.date(2026, 2, 4),
        "end_date": datetime.date(2026, 6, 24),
        "weekday": Weekday.WEDNESDAY,
    },
    PlacementKind.BLOKSTAGE: {
        "start_date": datetime.date(2026, 3, 2),
        "end_date": datetime.date(2026, 3, 13),
    },
    PlacementKind.LEERWERKTRAJECT: {
        "start_date": datetime.date(2026, 2, 2),
        "end_date": datetime.date(2026, 6, 30),
        "planned_hours": 640,
    },
}


def _create(kind, *, company=None, by=None, student=None):
    """A new placement through the service, as the app creates them."""
    company = company or CompanyFactory(recognised=True)
    supervisor = CompanyMembershipFactory(company=company).user
    student = student or StudentFactory(programme="vmbo_b")
    placement = Placement(
        student=student, company=company, supervisor=supervisor, kind=kind, **KIND_FIELDS[kind]
    )
    return placement_save(placement, by=by or supervisor)


def _texts(placement):
    return list(placement.checklist_items.values_list("text", flat=True))


def _per_phase(placement):
    counts = {}
    for phase in placement.checklist_items.values_list("phase", flat=True):
        counts[phase] = counts.get(phase, 0) + 1
    return counts


def _item(placement, text):
    return placement.checklist_items.get(text=text)


def _url(placement, item):
    return reverse(
        "placements:checklist_item",
        kwargs={"public_id": placement.public_id, "item_id": item.pk},
    )


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _state(item):
    item.refresh_from_db()
    return (item.done_at, item.done_by_id, item.note)


@pytest.fixture
def checklist_a(placement_a):
    """placement_a (a planned blokstage) with its checklist, as placement_save gives it."""
    checklist_sync(placement_a)
    return placement_a


@pytest.fixture
def company_admin_a(company_a):
    """A second admin of company A who does not supervise placement_a."""
    return CompanyMembershipFactory(company=company_a, is_company_admin=True).user


# --- the copy from the templates --------------------------------------------------------------


def test_migration_loads_the_guides_23_active_templates():
    templates = ChecklistItemTemplate.objects.all()

    assert templates.count() == 23
    assert templates.filter(is_active=True).count() == 23


@pytest.mark.parametrize("kind", list(ITEMS_PER_PHASE))
def test_placement_save_of_a_new_placement_copies_the_templates_that_apply_to_the_kind(kind):
    placement = _create(kind)

    assert _per_phase(placement) == ITEMS_PER_PHASE[kind]


def test_placement_create_meeloopdag_has_no_mid_term_and_no_assessment_form():
    placement = _create(PlacementKind.MEELOOPDAG)

    texts = _texts(placement)
    assert len(texts) == 17
    assert MID_TERM not in texts
    assert ASSESSMENT_FORM not in texts
    assert [text for text in texts if text.startswith("Beoordelingsformulier")] == []


def test_placement_create_blokstage_has_mid_term_and_assessment_form():
    placement = _create(PlacementKind.BLOKSTAGE)

    texts = _texts(placement)
    assert len(texts) == 23
    assert texts.count(MID_TERM) == 1
    assert texts.count(ASSESSMENT_FORM) == 1


def test_placement_create_copies_text_help_phase_order_and_school_may_tick():
    placement = _create(PlacementKind.BLOKSTAGE)

    copied = list(
        placement.checklist_items.order_by("template__pk").values_list(
            "template_id", "phase", "order", "text", "help_text", "school_may_tick"
        )
    )
    templates = list(
        ChecklistItemTemplate.objects.order_by("pk").values_list(
            "pk", "phase", "order", "text", "help_text", "school_may_tick"
        )
    )
    assert copied == templates
    assert _item(placement, MID_TERM).phase == Phase.DURING
    assert _item(placement, MID_TERM).school_may_tick is True
    assert _item(placement, SUPERVISOR_CHOSEN).school_may_tick is False


def test_placement_create_items_start_open():
    placement = _create(PlacementKind.BLOKSTAGE)

    assert placement.checklist_items.filter(done_at__isnull=False).count() == 0
    assert placement.checklist_items.filter(done_by__isnull=False).count() == 0
    assert set(placement.checklist_items.values_list("note", flat=True)) == {""}


def test_placement_create_skips_inactive_templates():
    ChecklistItemTemplate.objects.filter(text=MID_TERM).update(is_active=False)
    own_inactive = ChecklistItemTemplateFactory(is_active=False, text="Niet meer gebruikt")
    own_active = ChecklistItemTemplateFactory(text="Werkkleding klaargelegd")

    placement = _create(PlacementKind.BLOKSTAGE)

    texts = _texts(placement)
    assert len(texts) == 23  # 23 - the mid-term + our own active one
    assert MID_TERM not in texts
    assert own_inactive.text not in texts
    assert texts.count(own_active.text) == 1


def test_placement_create_template_for_other_kinds_only_is_not_copied():
    ChecklistItemTemplateFactory(text="Alleen voor een lintstage", kinds=["lintstage"])

    blokstage = _create(PlacementKind.BLOKSTAGE)
    lintstage = _create(PlacementKind.LINTSTAGE)

    assert "Alleen voor een lintstage" not in _texts(blokstage)
    assert _texts(lintstage).count("Alleen voor een lintstage") == 1


def test_placement_factory_made_placement_has_no_checklist(placement_a):
    assert placement_a.checklist_items.count() == 0


def test_checklist_sync_twice_creates_no_duplicates(placement_a):
    checklist_sync(placement_a)
    first = list(placement_a.checklist_items.order_by("pk").values_list("pk", "template_id"))

    checklist_sync(placement_a)

    assert list(placement_a.checklist_items.order_by("pk").values_list("pk", "template_id")) == (
        first
    )
    assert len(first) == 23


def test_placement_save_without_kind_change_leaves_the_checklist_alone(supervisor_a):
    placement = _create(PlacementKind.BLOKSTAGE)
    before = list(placement.checklist_items.order_by("pk").values_list("pk", "text"))
    ChecklistItemTemplateFactory(text="Later toegevoegd")

    placement.end_date = datetime.date(2026, 3, 20)
    placement_save(placement, by=supervisor_a)

    assert list(placement.checklist_items.order_by("pk").values_list("pk", "text")) == before


# --- a change of kind -------------------------------------------------------------------------


def test_placement_save_kind_change_adds_the_missing_items():
    placement = _create(PlacementKind.MEELOOPDAG)

    placement.kind = PlacementKind.BLOKSTAGE
    placement.end_date = datetime.date(2026, 3, 13)
    placement_save(placement, by=placement.supervisor)

    texts = _texts(placement)
    assert _per_phase(placement) == ITEMS_PER_PHASE[PlacementKind.BLOKSTAGE]
    assert texts.count(MID_TERM) == 1
    assert texts.count(ASSESSMENT_FORM) == 1


def test_placement_save_kind_change_removes_unticked_items_and_keeps_ticked_ones():
    placement = _create(PlacementKind.BLOKSTAGE)
    ticked = _item(placement, MID_TERM)
    ticked.done_at, ticked.done_by, ticked.note = (
        timezone.now(),
        placement.supervisor,
        "Goed gesprek",
    )
    ticked.save()
    kept_pks = set(placement.checklist_items.exclude(text=LOGBOOK).values_list("pk", flat=True))

    placement.kind = PlacementKind.SNUFFELSTAGE
    placement.end_date = datetime.date(2026, 3, 4)
    placement_save(placement, by=placement.supervisor)

    texts = _texts(placement)
    assert LOGBOOK not in texts  # unticked, a snuffelstage has no logbook item
    assert texts.count(MID_TERM) == 1  # ticked: history stays
    assert _item(placement, MID_TERM).pk == ticked.pk
    assert _item(placement, MID_TERM).note == "Goed gesprek"
    assert len(texts) == 20  # the snuffelstage's 19 and the ticked mid-term
    assert kept_pks >= set(placement.checklist_items.values_list("pk", flat=True))


def test_placement_save_kind_change_back_adds_no_duplicate_of_a_kept_item():
    placement = _create(PlacementKind.BLOKSTAGE)
    ChecklistItem.objects.filter(pk=_item(placement, MID_TERM).pk).update(
        done_at=timezone.now(), done_by=placement.supervisor
    )
    placement.kind = PlacementKind.SNUFFELSTAGE
    placement.end_date = datetime.date(2026, 3, 4)
    placement_save(placement, by=placement.supervisor)

    placement.kind = PlacementKind.BLOKSTAGE
    placement.end_date = datetime.date(2026, 3, 13)
    placement_save(placement, by=placement.supervisor)

    texts = _texts(placement)
    assert len(texts) == 23
    assert texts.count(MID_TERM) == 1
    assert texts.count(LOGBOOK) == 1


def test_placement_save_kind_change_keeps_items_without_template():
    placement = _create(PlacementKind.BLOKSTAGE)
    template = ChecklistItemTemplate.objects.get(text=LOGBOOK)
    template.delete()  # the item's template becomes NULL

    placement.kind = PlacementKind.SNUFFELSTAGE
    placement.end_date = datetime.date(2026, 3, 4)
    placement_save(placement, by=placement.supervisor)

    assert _texts(placement).count(LOGBOOK) == 1


def test_placement_save_kind_change_keeps_unticked_item_of_a_deactivated_template_that_applies():
    """Deactivating a template only keeps it off NEW placements; a change of kind must not
    remove an existing item whose template still applies to the new kind."""
    placement = _create(PlacementKind.BLOKSTAGE)
    ChecklistItemTemplate.objects.filter(text=TEAM_KNOWS).update(is_active=False)

    placement.kind = PlacementKind.SNUFFELSTAGE
    placement.end_date = datetime.date(2026, 3, 4)
    placement_save(placement, by=placement.supervisor)

    assert _texts(placement).count(TEAM_KNOWS) == 1


def test_placement_save_kind_change_removes_unticked_item_of_deactivated_template_not_applying():
    placement = _create(PlacementKind.BLOKSTAGE)
    ChecklistItemTemplate.objects.filter(text=MID_TERM).update(is_active=False)

    placement.kind = PlacementKind.SNUFFELSTAGE
    placement.end_date = datetime.date(2026, 3, 4)
    placement_save(placement, by=placement.supervisor)

    assert MID_TERM not in _texts(placement)
    assert len(_texts(placement)) == 19


def test_checklist_sync_does_not_add_a_deactivated_template_to_an_old_placement():
    placement = _create(PlacementKind.MEELOOPDAG)
    ChecklistItemTemplate.objects.filter(text=MID_TERM).update(is_active=False)

    placement.kind = PlacementKind.BLOKSTAGE
    placement.end_date = datetime.date(2026, 3, 13)
    placement_save(placement, by=placement.supervisor)

    assert MID_TERM not in _texts(placement)
    assert len(_texts(placement)) == 22


# --- template edits leave history alone -------------------------------------------------------


def test_template_edit_leaves_existing_copies_and_reaches_new_placements():
    before = _create(PlacementKind.BLOKSTAGE)
    template = ChecklistItemTemplate.objects.get(text=MID_TERM)
    template.text = "Tussenevaluatie met stagiair en docent gehouden"
    template.help_text = "Nieuwe uitleg"
    template.save()

    after = _create(PlacementKind.BLOKSTAGE)

    old_copy = before.checklist_items.get(template=template)
    new_copy = after.checklist_items.get(template=template)
    assert (old_copy.text, old_copy.help_text) == (
        MID_TERM,
        "Halverwege: wat gaat goed, wat kan beter, en wat spreken we af voor de tweede helft?",
    )
    assert (new_copy.text, new_copy.help_text) == (
        "Tussenevaluatie met stagiair en docent gehouden",
        "Nieuwe uitleg",
    )


def test_template_edit_then_sync_does_not_rewrite_existing_copies():
    placement = _create(PlacementKind.BLOKSTAGE)
    ChecklistItemTemplate.objects.filter(text=MID_TERM).update(text="Andere tekst")

    checklist_sync(placement)

    assert _texts(placement).count(MID_TERM) == 1
    assert "Andere tekst" not in _texts(placement)


# --- ticking: who may -------------------------------------------------------------------------


def test_checklist_item_tick_by_supervisor_records_who_when_and_note(
    client, supervisor_a, checklist_a
):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    before = timezone.now()

    response = client.post(_url(checklist_a, item), {"done": "1", "note": "  Jan neemt het  "})

    item.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"{checklist_a.get_absolute_url()}#phase-1"
    assert before <= item.done_at <= timezone.now()
    assert item.done_by == supervisor_a
    assert item.note == "Jan neemt het"


def test_checklist_item_tick_in_other_phase_redirects_to_that_phase(
    client, supervisor_a, checklist_a
):
    item = _item(checklist_a, MID_TERM)
    client.force_login(supervisor_a)

    response = client.post(_url(checklist_a, item), {"done": "1"})

    assert response.url == f"{checklist_a.get_absolute_url()}#phase-3"
    assert _item(checklist_a, MID_TERM).is_done is True


def test_checklist_item_tick_with_htmx_returns_the_phase_fragment(
    client, supervisor_a, checklist_a
):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(checklist_a, item), {"done": "1"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Location" not in response.headers
    assert response.templates[0].name == "placements/detail/_checklist_phase.html"
    assert "<html" not in content
    assert content.count('id="phase-1"') == 1
    assert 'id="phase-2"' not in content
    assert '<span class="small" id="phase-1-count">1 of 9 done</span>' in content
    assert '<progress class="phase-progress w-100" max="9" value="1"' in content
    assert (response.context["phase"].done, response.context["phase"].total) == (1, 9)
    assert 'class="alert alert-danger' not in content
    assert _item(checklist_a, SUPERVISOR_CHOSEN).done_by == supervisor_a
    # The box "Next step" fetches itself again when the journal changed.
    assert json.loads(response.headers["HX-Trigger"]) == {"journal-changed": {}}


def test_checklist_item_tick_with_htmx_in_dutch_counts_too(client, supervisor_a, checklist_a):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)

    response = client.post(_url(checklist_a, item), {"done": "1"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    count = re.search(r'<span class="small" id="phase-1-count">([^<]*)</span>', content)
    assert response.status_code == 200
    assert count is not None
    assert count.group(1).startswith("1 ")
    assert " 9 " in f"{count.group(1)} "


def test_checklist_item_untick_clears_who_and_when_and_keeps_note(
    client, supervisor_a, checklist_a
):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    client.post(_url(checklist_a, item), {"done": "1", "note": "Jan"})

    response = client.post(_url(checklist_a, item), {"done": "0"})

    assert response.status_code == 302
    assert _state(item) == (None, None, "Jan")


def test_checklist_item_untick_with_htmx_shows_zero_done(client, supervisor_a, checklist_a):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    _in_english(client)
    client.post(_url(checklist_a, item), {"done": "1"})

    response = client.post(_url(checklist_a, item), {"done": "0"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert '<span class="small" id="phase-1-count">0 of 9 done</span>' in content
    assert _state(item)[:2] == (None, None)


def test_checklist_item_tick_twice_changes_nothing_the_second_time(
    client, supervisor_a, coordinator_a, checklist_a
):
    item = _item(checklist_a, GOALS_RECEIVED)
    client.force_login(supervisor_a)
    client.post(_url(checklist_a, item), {"done": "1", "note": "Per mail"})
    first = _state(item)

    client.force_login(coordinator_a)  # a second tab, another person, the same click
    response = client.post(_url(checklist_a, item), {"done": "1", "note": "Per mail"})

    assert response.status_code == 302
    assert _state(item) == first
    assert first[1] == supervisor_a.pk


def test_checklist_item_untick_twice_changes_nothing(client, supervisor_a, checklist_a):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)

    response = client.post(_url(checklist_a, item), {"done": "0"})

    assert response.status_code == 302
    assert _state(item) == (None, None, "")


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
def test_checklist_item_tick_by_school_side_on_school_item_is_allowed(
    client, request, checklist_a, persona
):
    user = request.getfixturevalue(persona)
    item = _item(checklist_a, GOALS_RECEIVED)
    client.force_login(user)

    response = client.post(_url(checklist_a, item), {"done": "1"})

    assert response.status_code == 302
    assert _state(item)[1] == user.pk


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a"])
@pytest.mark.parametrize("text", [SUPERVISOR_CHOSEN, WELCOME])
def test_checklist_item_tick_by_school_side_on_company_item_is_403(
    client, request, checklist_a, persona, text
):
    item = _item(checklist_a, text)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(checklist_a, item), {"done": "1"})

    assert response.status_code == 403
    assert _state(item) == (None, None, "")


@pytest.mark.parametrize("persona", ["staff", "company_admin_a"])
def test_checklist_item_tick_by_staff_or_company_admin_is_allowed(
    client, request, checklist_a, persona
):
    user = request.getfixturevalue(persona)
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(user)

    response = client.post(_url(checklist_a, item), {"done": "1"})

    assert response.status_code == 302
    assert _state(item)[1] == user.pk


@pytest.mark.parametrize("persona", ["supervisor_b", "coordinator_b", "outsider"])
def test_checklist_item_tick_by_other_side_is_404(client, request, checklist_a, persona):
    item = _item(checklist_a, GOALS_RECEIVED)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(checklist_a, item), {"done": "1"})

    assert response.status_code == 404
    assert _state(item) == (None, None, "")


@pytest.mark.parametrize("persona", ["staff", "supervisor_a"])
def test_checklist_item_of_another_placement_under_this_url_is_404(
    client, request, checklist_a, placement_b, persona
):
    checklist_sync(placement_b)
    foreign = _item(placement_b, SUPERVISOR_CHOSEN)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(_url(checklist_a, foreign), {"done": "1"})

    assert response.status_code == 404
    assert _state(foreign) == (None, None, "")


def test_checklist_item_unknown_id_is_404(client, supervisor_a, checklist_a):
    client.force_login(supervisor_a)
    url = reverse(
        "placements:checklist_item",
        kwargs={"public_id": checklist_a.public_id, "item_id": 999_999},
    )

    response = client.post(url, {"done": "1"})

    assert response.status_code == 404


def test_checklist_item_logged_out_redirects_to_login(client, checklist_a):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    url = _url(checklist_a, item)

    response = client.post(url, {"done": "1"})

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"
    assert _state(item) == (None, None, "")


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_checklist_item_wrong_method_is_405(client, supervisor_a, checklist_a, method):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)

    response = getattr(client, method)(_url(checklist_a, item))

    assert response.status_code == 405
    assert _state(item) == (None, None, "")


# --- ticking: bad input and closed placements -------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"done": "yes"}, "Select a valid choice. yes is not one of the available choices."),
        ({"done": ""}, "This field is required."),
        ({"note": "zonder done"}, "This field is required."),
        (
            {"done": "1", "note": "x" * 501},
            "Ensure this value has at most 500 characters (it has 501).",
        ),
    ],
    ids=["nonsense", "empty", "missing", "note-too-long"],
)
def test_checklist_item_bad_input_changes_nothing_and_says_why(
    client, supervisor_a, checklist_a, data, message
):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(checklist_a, item), data)

    assert response.status_code == 302
    assert response.url == f"{checklist_a.get_absolute_url()}#phase-1"
    assert _messages(response) == [message]
    assert _state(item) == (None, None, "")


def test_checklist_item_bad_input_with_htmx_shows_error_in_fragment(
    client, supervisor_a, checklist_a
):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(
        _url(checklist_a, item), {"done": "maybe"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        '<div class="alert alert-danger m-2 mb-0" role="alert">'
        "Select a valid choice. maybe is not one of the available choices.</div>"
    ) in content
    assert '<span class="small" id="phase-1-count">0 of 9 done</span>' in content
    assert _state(item) == (None, None, "")
    assert "HX-Trigger" not in response.headers  # nothing changed


def test_checklist_item_untick_with_too_long_note_keeps_the_tick(client, supervisor_a, checklist_a):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    client.post(_url(checklist_a, item), {"done": "1", "note": "Jan"})
    ticked = _state(item)

    response = client.post(_url(checklist_a, item), {"done": "0", "note": "x" * 501})

    assert response.status_code == 302
    assert _state(item) == ticked


def test_checklist_item_note_of_exactly_500_characters_is_saved(client, supervisor_a, checklist_a):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)

    client.post(_url(checklist_a, item), {"done": "1", "note": "x" * 500})

    assert _state(item)[1:] == (supervisor_a.pk, "x" * 500)


@pytest.mark.parametrize("status", [PlacementStatus.COMPLETED, PlacementStatus.CANCELLED])
def test_checklist_item_tick_on_closed_placement_is_refused_with_message(
    client, supervisor_a, checklist_a, status
):
    Placement.objects.filter(pk=checklist_a.pk).update(status=status)
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(checklist_a, item), {"done": "1"})

    assert response.status_code == 302
    assert response.url == f"{checklist_a.get_absolute_url()}#phase-1"
    assert _messages(response) == [
        f"This placement is {status.label}; its checklist can no longer change."
    ]
    assert _state(item) == (None, None, "")


@pytest.mark.parametrize("status", [PlacementStatus.COMPLETED, PlacementStatus.CANCELLED])
def test_checklist_item_tick_on_closed_placement_with_htmx_is_refused_in_fragment(
    client, supervisor_a, checklist_a, status
):
    Placement.objects.filter(pk=checklist_a.pk).update(status=status)
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.post(_url(checklist_a, item), {"done": "1"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        '<div class="alert alert-danger m-2 mb-0" role="alert">'
        f"This placement is {status.label}; its checklist can no longer change.</div>"
    ) in content
    assert "hx-post=" not in content  # nothing can be ticked any more
    assert _state(item) == (None, None, "")


def test_checklist_item_untick_on_completed_placement_keeps_the_tick(
    client, supervisor_a, checklist_a
):
    item = _item(checklist_a, SUPERVISOR_CHOSEN)
    client.force_login(supervisor_a)
    client.post(_url(checklist_a, item), {"done": "1"})
    ticked = _state(item)
    Placement.objects.filter(pk=checklist_a.pk).update(status=PlacementStatus.COMPLETED)

    response = client.post(_url(checklist_a, item), {"done": "0"})

    assert response.status_code == 302
    assert _state(item) == ticked


# --- the checklist on the detail page ---------------------------------------------------------


def _tick_forms(content, placement):
    return content.count(f'action="/placements/{placement.public_id}/checklist/')


@pytest.mark.parametrize(
    ("persona", "forms"),
    [
        ("supervisor_a", 23),
        ("company_admin_a", 23),
        ("staff", 23),
        ("coordinator_a", 10),
        ("teacher_a", 10),
    ],
)
def test_placement_detail_offers_tick_forms_only_for_items_the_persona_may_tick(
    client, request, checklist_a, persona, forms
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(checklist_a.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('class="list-group-item checklist-item') == 23
    assert _tick_forms(content, checklist_a) == forms


def test_placement_detail_completed_placement_offers_no_tick_forms(
    client, supervisor_a, checklist_a
):
    Placement.objects.filter(pk=checklist_a.pk).update(status=PlacementStatus.COMPLETED)
    client.force_login(supervisor_a)

    response = client.get(checklist_a.get_absolute_url())

    assert _tick_forms(response.content.decode(), checklist_a) == 0


def test_placement_detail_shows_who_ticked_and_the_note(client, supervisor_a, checklist_a):
    item = _item(checklist_a, LEVEL_KNOWN)
    client.force_login(supervisor_a)
    _in_english(client)
    client.post(_url(checklist_a, item), {"done": "1", "note": "Kader, 3e jaar"})

    response = client.get(checklist_a.get_absolute_url())

    content = response.content.decode()
    assert f"Done by {escape(supervisor_a.get_full_name())} on " in content
    assert " · Kader, 3e jaar</p>" in content
    assert content.count("checklist-item-done") == 1


def test_placement_detail_without_checklist_says_so(client, supervisor_a, placement_a):
    client.force_login(supervisor_a)
    _in_english(client)

    response = client.get(placement_a.get_absolute_url())

    assert "This placement has no checklist." in response.content.decode()


def test_placement_detail_checklist_query_count_does_not_grow_with_items(
    client, supervisor_a, placement_a
):
    """Each item ticked by another user: a missing join shows up as a query per item."""
    ChecklistItemFactory(placement=placement_a, done_at=timezone.now(), done_by=UserFactory())
    client.force_login(supervisor_a)
    client.get(placement_a.get_absolute_url())  # warm-up: one-off queries (session, caches)
    with CaptureQueriesContext(connection) as one:
        client.get(placement_a.get_absolute_url())
    for _ in range(29):
        ChecklistItemFactory(placement=placement_a, done_at=timezone.now(), done_by=UserFactory())

    with CaptureQueriesContext(connection) as thirty:
        response = client.get(placement_a.get_absolute_url())

    assert placement_a.checklist_items.count() == 30
    assert response.content.decode().count("checklist-item-done") == 30
    assert len(thirty.captured_queries) == len(one.captured_queries)


def test_current_phase_of_active_meeloopdag_after_first_day_is_closing():
    placement = Placement(kind=PlacementKind.MEELOOPDAG, status=PlacementStatus.ACTIVE)
    items = [
        ChecklistItem(phase=Phase.FIRST_DAY, done_at=timezone.now()),
        ChecklistItem(phase=Phase.CLOSING),
    ]

    assert current_phase(placement, items) == Phase.CLOSING


def test_current_phase_of_completed_placement_is_none():
    placement = Placement(status=PlacementStatus.COMPLETED)

    assert current_phase(placement, [ChecklistItem(phase=Phase.CLOSING)]) is None

"""Every placement rule of the domain, the allowed and the refused side, at three levels.

- ``submit`` runs each rule test twice: through ``PlacementForm`` (the error must land on
  the field a person has to change; a valid form is then saved by the service, as the
  views do) and through ``placement_save`` (the error must be keyed
  by that field in ``error_dict``). A refusal saves nothing.
- The named database constraints are reached by writes that skip validation
  (``bulk_create`` and queryset ``update``) and must raise ``IntegrityError``.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

from placements.forms import PlacementForm, StudentForm
from placements.models import (
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    Student,
    Weekday,
)
from placements.services import placement_save, student_save
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def march(day: int) -> datetime.date:
    return datetime.date(2026, 3, day)


START = march(2)  # a Monday
END = march(13)  # the Friday of the following week


@pytest.fixture
def postgres_only():
    """Skip where the rule has no database backstop: the exclusion constraint of
    migration 0003 exists only on PostgreSQL (CI runs everything there)."""
    if connection.vendor != "postgresql":
        pytest.skip("the overlap exclusion constraint exists only on PostgreSQL")


@pytest.fixture
def company():
    """An SBB-recognised company, so the recognition rule only speaks where a test asks."""
    return CompanyFactory(recognised=True)


@pytest.fixture
def supervisor(company):
    return CompanyMembershipFactory(company=company).user


@pytest.fixture
def student():
    """A vmbo-b pupil: the one programme that may do a leerwerktraject."""
    return StudentFactory(programme=Programme.VMBO_B)


@pytest.fixture
def placement_fields(student, company, supervisor) -> dict:
    """A valid two-week blokstage; each test overrides what its rule is about. (``school``
    is what ``save`` copies from the pupil; ``bulk_create`` needs it given.)"""
    return {
        "student": student,
        "school": student.school,
        "company": company,
        "supervisor": supervisor,
        "kind": PlacementKind.BLOKSTAGE,
        "status": PlacementStatus.PLANNED,
        "start_date": START,
        "end_date": END,
    }


def _form_data(fields: dict) -> dict[str, str]:
    """What a browser posts for these field values: primary keys, ISO dates, "" for None."""
    data = {}
    for name in PlacementForm._meta.fields:
        value = fields.get(name)
        if value is None:
            data[name] = ""
        elif isinstance(value, models.Model):
            data[name] = str(value.pk)
        else:
            data[name] = str(value)
    return data


@pytest.fixture(params=["form", "service"])
def submit(request):
    """Submit placement values; return the fields refused (sorted), ``[]`` once saved.

    With ``instance`` the values change an existing placement.
    """
    by = UserFactory()

    def through_form(fields: dict, instance: Placement | None = None) -> list[str]:
        form = PlacementForm(data=_form_data(fields), instance=instance)
        if not form.is_valid():
            return sorted(form.errors)
        placement_save(form.instance, by=by)
        return []

    def through_service(fields: dict, instance: Placement | None = None) -> list[str]:
        try:
            if instance is None:
                placement_save(Placement(**fields), by=by)
            else:
                for name, value in fields.items():
                    setattr(instance, name, value)
                placement_save(instance, by=by)
        except ValidationError as error:
            return sorted(error.error_dict)
        return []

    return {"form": through_form, "service": through_service}[request.param]


# --- rules of the placement's own fields -----------------------------------------------

LINTSTAGE = {"kind": PlacementKind.LINTSTAGE, "weekday": Weekday.MONDAY}
LEERWERKTRAJECT = {"kind": PlacementKind.LEERWERKTRAJECT, "planned_hours": 800}

OWN_RULES_BROKEN = [
    pytest.param({"end_date": march(1)}, "end_date", id="end-before-start"),
    pytest.param(
        {"kind": PlacementKind.MEELOOPDAG, "end_date": march(3)}, "end_date", id="meeloopdag-2-days"
    ),
    pytest.param(
        {**LINTSTAGE, "weekday": None, "end_date": march(16)},
        "weekday",
        id="lintstage-without-weekday",
    ),
    pytest.param({"weekday": Weekday.MONDAY}, "weekday", id="blokstage-with-weekday"),
    pytest.param(
        {"kind": PlacementKind.MEELOOPDAG, "end_date": START, "weekday": Weekday.MONDAY},
        "weekday",
        id="meeloopdag-with-weekday",
    ),
    pytest.param({**LINTSTAGE, "end_date": march(15)}, "end_date", id="lintstage-13-days-apart"),
    pytest.param({**LEERWERKTRAJECT, "planned_hours": 639}, "planned_hours", id="lwt-639-hours"),
    pytest.param({**LEERWERKTRAJECT, "planned_hours": 1281}, "planned_hours", id="lwt-1281-hours"),
    pytest.param({**LEERWERKTRAJECT, "planned_hours": None}, "planned_hours", id="lwt-no-hours"),
    pytest.param({"planned_hours": 640}, "planned_hours", id="blokstage-with-planned-hours"),
    pytest.param(
        {"daily_start_time": datetime.time(9), "daily_end_time": datetime.time(9)},
        "daily_end_time",
        id="day-ends-when-it-starts",
    ),
    pytest.param(
        {"daily_start_time": datetime.time(16), "daily_end_time": datetime.time(8)},
        "daily_end_time",
        id="day-ends-before-it-starts",
    ),
    pytest.param({"hours_per_week": Decimal("0")}, "hours_per_week", id="0-hours-per-week"),
    pytest.param({"hours_per_week": Decimal("40.1")}, "hours_per_week", id="40.1-hours-per-week"),
    pytest.param({"hours_per_week": Decimal("-8")}, "hours_per_week", id="negative-hours"),
]

OWN_RULES_KEPT = [
    pytest.param({"end_date": START}, id="blokstage-of-one-day"),
    pytest.param({"kind": PlacementKind.MEELOOPDAG, "end_date": START}, id="meeloopdag-1-day"),
    pytest.param({"kind": PlacementKind.SNUFFELSTAGE, "end_date": march(4)}, id="snuffelstage"),
    pytest.param({**LINTSTAGE, "end_date": march(16)}, id="lintstage-14-days-apart"),
    pytest.param({**LEERWERKTRAJECT, "planned_hours": 640}, id="lwt-640-hours"),
    pytest.param({**LEERWERKTRAJECT, "planned_hours": 1280}, id="lwt-1280-hours"),
    pytest.param(
        {"daily_start_time": datetime.time(8), "daily_end_time": datetime.time(8, 1)},
        id="day-ends-a-minute-after-start",
    ),
    pytest.param({"hours_per_week": Decimal("0.1")}, id="0.1-hours-per-week"),
    pytest.param({"hours_per_week": Decimal("40")}, id="40-hours-per-week"),
]


@pytest.mark.parametrize(("overrides", "field"), OWN_RULES_BROKEN)
def test_placement_own_rule_broken_is_refused_on_field(submit, placement_fields, overrides, field):
    fields = {**placement_fields, **overrides}

    refused_on = submit(fields)

    assert refused_on == [field]
    assert Placement.objects.count() == 0


@pytest.mark.parametrize("overrides", OWN_RULES_KEPT)
def test_placement_own_rule_kept_is_saved(submit, placement_fields, overrides):
    fields = {**placement_fields, **overrides}

    refused_on = submit(fields)

    assert refused_on == []
    assert list(Placement.objects.values(*overrides)) == [overrides]


# --- a leerwerktraject is only for vmbo-b pupils ---------------------------------------


@pytest.mark.parametrize(
    "programme",
    [Programme.VMBO_K, Programme.VMBO_G, Programme.VMBO_T, Programme.PRO, Programme.VSO],
)
def test_leerwerktraject_pupil_not_vmbo_b_is_refused_on_kind(submit, placement_fields, programme):
    fields = {
        **placement_fields,
        **LEERWERKTRAJECT,
        "student": StudentFactory(programme=programme),
    }

    refused_on = submit(fields)

    assert refused_on == ["kind"]
    assert Placement.objects.count() == 0


def test_leerwerktraject_pupil_vmbo_b_is_saved(submit, placement_fields):
    fields = {**placement_fields, **LEERWERKTRAJECT}

    refused_on = submit(fields)

    assert refused_on == []
    assert list(Placement.objects.values_list("kind", "planned_hours")) == [
        (PlacementKind.LEERWERKTRAJECT, 800)
    ]


# --- leerwerktraject, pro and vso need an SBB recognition valid on the start date ------


def _company_with_supervisor(**company_fields) -> dict:
    company = CompanyFactory(**company_fields)
    return {"company": company, "supervisor": CompanyMembershipFactory(company=company).user}


def _recognised_until(day: datetime.date) -> dict:
    return {"sbb_recognised": True, "sbb_number": "SBB000042", "sbb_valid_until": day}


NEEDS_SBB = [
    pytest.param({**LEERWERKTRAJECT}, Programme.VMBO_B, id="leerwerktraject"),
    pytest.param({}, Programme.PRO, id="pro-blokstage"),
    pytest.param({}, Programme.VSO, id="vso-blokstage"),
    pytest.param(
        {"kind": PlacementKind.MEELOOPDAG, "end_date": START}, Programme.PRO, id="pro-meeloopdag"
    ),
]


@pytest.mark.parametrize(("overrides", "programme"), NEEDS_SBB)
def test_sbb_needed_company_unrecognised_is_refused_on_company(
    submit, placement_fields, overrides, programme
):
    fields = {
        **placement_fields,
        **overrides,
        **_company_with_supervisor(sbb_recognised=False),
        "student": StudentFactory(programme=programme),
    }

    refused_on = submit(fields)

    assert refused_on == ["company"]
    assert Placement.objects.count() == 0


@pytest.mark.parametrize(("overrides", "programme"), NEEDS_SBB)
def test_sbb_needed_recognition_expired_day_before_start_is_refused_on_company(
    submit, placement_fields, overrides, programme
):
    fields = {
        **placement_fields,
        **overrides,
        **_company_with_supervisor(**_recognised_until(START - datetime.timedelta(days=1))),
        "student": StudentFactory(programme=programme),
    }

    refused_on = submit(fields)

    assert refused_on == ["company"]
    assert Placement.objects.count() == 0


@pytest.mark.parametrize(("overrides", "programme"), NEEDS_SBB)
def test_sbb_needed_recognition_valid_until_start_date_is_saved(
    submit, placement_fields, overrides, programme
):
    fields = {
        **placement_fields,
        **overrides,
        **_company_with_supervisor(**_recognised_until(START)),
        "student": StudentFactory(programme=programme),
    }

    refused_on = submit(fields)

    assert refused_on == []
    assert Placement.objects.count() == 1


@pytest.mark.parametrize("programme", [Programme.VMBO_B, Programme.VMBO_K, Programme.HAVO])
def test_sbb_not_needed_blokstage_at_unrecognised_company_is_saved(
    submit, placement_fields, programme
):
    fields = {
        **placement_fields,
        **_company_with_supervisor(sbb_recognised=False),
        "student": StudentFactory(programme=programme),
    }

    refused_on = submit(fields)

    assert refused_on == []
    assert Placement.objects.count() == 1


# --- the supervisor works at the placement's company -----------------------------------


def test_supervisor_of_other_company_is_refused_on_supervisor(submit, placement_fields):
    other_supervisor = CompanyMembershipFactory().user
    fields = {**placement_fields, "supervisor": other_supervisor}

    refused_on = submit(fields)

    assert refused_on == ["supervisor"]
    assert Placement.objects.count() == 0


def test_supervisor_without_any_company_is_refused_on_supervisor(submit, placement_fields):
    fields = {**placement_fields, "supervisor": UserFactory()}

    refused_on = submit(fields)

    assert refused_on == ["supervisor"]
    assert Placement.objects.count() == 0


def test_supervisor_of_the_company_is_saved(submit, placement_fields, supervisor):
    refused_on = submit(placement_fields)

    assert refused_on == []
    assert list(Placement.objects.values_list("supervisor", flat=True)) == [supervisor.pk]


def test_supervisor_not_chosen_yet_is_saved(submit, placement_fields):
    fields = {**placement_fields, "supervisor": None}

    refused_on = submit(fields)

    assert refused_on == []
    assert list(Placement.objects.values_list("supervisor", flat=True)) == [None]


# --- a pupil has no two overlapping placements -----------------------------------------


@pytest.fixture
def existing(student, company, supervisor) -> Placement:
    """The pupil's blokstage from Monday 2 to Friday 13 March."""
    return PlacementFactory(
        student=student, company=company, supervisor=supervisor, start_date=START, end_date=END
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(march(9), march(20), id="starts-during"),
        pytest.param(march(13), march(20), id="starts-on-last-day"),
        pytest.param(datetime.date(2026, 2, 23), START, id="ends-on-first-day"),
        pytest.param(march(4), march(6), id="inside"),
        pytest.param(march(1), march(31), id="around"),
        pytest.param(START, END, id="same-period"),
    ],
)
def test_overlap_same_pupil_is_refused_on_start_date(
    submit, placement_fields, existing, start, end
):
    fields = {**placement_fields, "start_date": start, "end_date": end}

    refused_on = submit(fields)

    assert refused_on == ["start_date"]
    assert list(Placement.objects.all()) == [existing]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(march(14), march(27), id="starts-day-after-end"),
        pytest.param(datetime.date(2026, 2, 16), march(1), id="ends-day-before-start"),
    ],
)
def test_overlap_touching_periods_are_saved(submit, placement_fields, existing, start, end):
    fields = {**placement_fields, "start_date": start, "end_date": end}

    refused_on = submit(fields)

    assert refused_on == []
    assert Placement.objects.count() == 2


def test_overlap_other_pupil_same_period_is_saved(submit, placement_fields, existing):
    fields = {**placement_fields, "student": StudentFactory()}

    refused_on = submit(fields)

    assert refused_on == []
    assert Placement.objects.count() == 2


def test_overlap_with_cancelled_placement_is_saved(submit, placement_fields, existing):
    Placement.objects.filter(pk=existing.pk).update(status=PlacementStatus.CANCELLED)

    refused_on = submit(placement_fields)

    assert refused_on == []
    assert Placement.objects.count() == 2


def test_overlap_new_cancelled_placement_is_saved(submit, placement_fields, existing):
    fields = {**placement_fields, "status": PlacementStatus.CANCELLED}

    refused_on = submit(fields)

    assert refused_on == []
    assert Placement.objects.count() == 2


def test_overlap_editing_placement_itself_is_saved(submit, placement_fields, existing):
    fields = {**placement_fields, "end_date": march(20)}

    refused_on = submit(fields, instance=existing)

    assert refused_on == []
    existing.refresh_from_db()
    assert (Placement.objects.count(), existing.end_date) == (1, march(20))


def test_overlap_editing_into_other_placement_is_refused_on_start_date(
    submit, placement_fields, existing
):
    later = PlacementFactory(
        student=existing.student,
        company=existing.company,
        supervisor=existing.supervisor,
        start_date=march(16),
        end_date=march(27),
    )
    fields = {**placement_fields, "start_date": march(13), "end_date": march(27)}

    refused_on = submit(fields, instance=later)

    assert refused_on == ["start_date"]
    later.refresh_from_db()
    assert (later.start_date, later.end_date) == (march(16), march(27))


def test_overlap_reviving_cancelled_placement_is_refused_on_start_date(
    submit, placement_fields, existing
):
    cancelled = PlacementFactory(
        student=existing.student,
        company=existing.company,
        supervisor=existing.supervisor,
        status=PlacementStatus.CANCELLED,
    )
    fields = {**placement_fields, "status": PlacementStatus.PLANNED}

    refused_on = submit(fields, instance=cancelled)

    assert refused_on == ["start_date"]
    cancelled.refresh_from_db()
    assert cancelled.status == PlacementStatus.CANCELLED


# --- database constraints of the placement's own fields --------------------------------

OWN_CONSTRAINTS_BROKEN = [
    pytest.param({"end_date": march(1)}, "placements_placement_end_after_start", id="end-before"),
    pytest.param(
        {"kind": PlacementKind.MEELOOPDAG, "end_date": march(3)},
        "placements_placement_meeloopdag_one_day",
        id="meeloopdag-2-days",
    ),
    pytest.param(
        {"kind": PlacementKind.LINTSTAGE, "weekday": None},
        "placements_placement_weekday_for_lintstage",
        id="lintstage-without-weekday",
    ),
    pytest.param(
        {"weekday": Weekday.FRIDAY},
        "placements_placement_weekday_for_lintstage",
        id="blokstage-with-weekday",
    ),
    pytest.param(
        {"kind": PlacementKind.LEERWERKTRAJECT, "planned_hours": 639},
        "placements_placement_leerwerktraject_hours",
        id="lwt-639-hours",
    ),
    pytest.param(
        {"kind": PlacementKind.LEERWERKTRAJECT, "planned_hours": 1281},
        "placements_placement_leerwerktraject_hours",
        id="lwt-1281-hours",
    ),
    # A leerwerktraject without planned hours: see the two tests below the table tests.
    pytest.param(
        {"planned_hours": 800},
        "placements_placement_leerwerktraject_hours",
        id="blokstage-with-planned-hours",
    ),
    pytest.param(
        {"daily_start_time": datetime.time(9), "daily_end_time": datetime.time(9)},
        "placements_placement_day_ends_after_start",
        id="day-ends-when-it-starts",
    ),
    pytest.param(
        {"daily_start_time": datetime.time(16), "daily_end_time": datetime.time(8)},
        "placements_placement_day_ends_after_start",
        id="day-ends-before-it-starts",
    ),
    pytest.param(
        {"hours_per_week": Decimal("0")},
        "placements_placement_hours_per_week_range",
        id="0-hours-per-week",
    ),
    pytest.param(
        {"hours_per_week": Decimal("40.1")},
        "placements_placement_hours_per_week_range",
        id="40.1-hours-per-week",
    ),
]

OWN_CONSTRAINTS_KEPT = [
    pytest.param({"end_date": START}, id="end-on-start"),
    pytest.param({"kind": PlacementKind.MEELOOPDAG, "end_date": START}, id="meeloopdag-1-day"),
    # The two-week minimum of a lintstage is checked by forms and services only.
    pytest.param(
        {"kind": PlacementKind.LINTSTAGE, "weekday": Weekday.MONDAY}, id="lintstage-with-weekday"
    ),
    pytest.param({"kind": PlacementKind.LEERWERKTRAJECT, "planned_hours": 640}, id="lwt-640-hours"),
    pytest.param(
        {"kind": PlacementKind.LEERWERKTRAJECT, "planned_hours": 1280}, id="lwt-1280-hours"
    ),
    pytest.param(
        {"daily_start_time": datetime.time(8), "daily_end_time": datetime.time(16, 30)},
        id="day-ends-after-start",
    ),
    pytest.param({"daily_start_time": datetime.time(8)}, id="only-start-time"),
    pytest.param({"hours_per_week": Decimal("0.1")}, id="0.1-hours-per-week"),
    pytest.param({"hours_per_week": Decimal("40")}, id="40-hours-per-week"),
]


@pytest.mark.parametrize(("overrides", "constraint"), OWN_CONSTRAINTS_BROKEN)
def test_placement_constraint_bulk_create_breaking_rule_raises(
    placement_fields, overrides, constraint
):
    placement = Placement(**{**placement_fields, **overrides})

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Placement.objects.bulk_create([placement])

    assert constraint in str(excinfo.value)
    assert Placement.objects.count() == 0


@pytest.mark.parametrize(("overrides", "constraint"), OWN_CONSTRAINTS_BROKEN)
def test_placement_constraint_update_breaking_rule_raises(existing, overrides, constraint):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Placement.objects.filter(pk=existing.pk).update(**overrides)

    assert constraint in str(excinfo.value)
    assert list(Placement.objects.values(*overrides)) == [
        {name: getattr(existing, name) for name in overrides}
    ]


@pytest.mark.parametrize("overrides", OWN_CONSTRAINTS_KEPT)
def test_placement_constraint_bulk_create_keeping_rule_is_stored(placement_fields, overrides):
    placement = Placement(**{**placement_fields, **overrides})

    Placement.objects.bulk_create([placement])

    assert list(Placement.objects.values(*overrides)) == [overrides]


@pytest.mark.parametrize("overrides", OWN_CONSTRAINTS_KEPT)
def test_placement_constraint_update_keeping_rule_is_stored(existing, overrides):
    Placement.objects.filter(pk=existing.pk).update(**overrides)

    assert list(Placement.objects.values(*overrides)) == [overrides]


LWT_HOURS_CONSTRAINT = "placements_placement_leerwerktraject_hours"
LWT_NULL_BUG = (
    "BUG: placements_placement_leerwerktraject_hours lets a leerwerktraject without "
    "planned hours through: with planned_hours NULL the comparisons 640 <= NULL <= 1280 "
    "are unknown, so the whole condition is NULL and SQL treats a NULL CHECK as met."
)


def _integrity_error_text(write) -> str:
    """Run a write that should be refused; return the IntegrityError's text, or ``""``."""
    try:
        with transaction.atomic():
            write()
    except IntegrityError as error:
        return str(error)
    return ""


def test_leerwerktraject_constraint_bulk_create_without_hours_raises(placement_fields):
    placement = Placement(
        **{**placement_fields, "kind": PlacementKind.LEERWERKTRAJECT, "planned_hours": None}
    )

    error = _integrity_error_text(lambda: Placement.objects.bulk_create([placement]))

    assert LWT_HOURS_CONSTRAINT in error, LWT_NULL_BUG


def test_leerwerktraject_constraint_update_to_no_hours_raises(existing):
    existing_lwt = Placement.objects.filter(pk=existing.pk)
    existing_lwt.update(kind=PlacementKind.LEERWERKTRAJECT, planned_hours=800)

    error = _integrity_error_text(lambda: existing_lwt.update(planned_hours=None))

    assert LWT_HOURS_CONSTRAINT in error, LWT_NULL_BUG


# --- the overlap exclusion constraint (PostgreSQL) -------------------------------------

OVERLAP_CONSTRAINT = "placements_placement_no_overlap"


@pytest.mark.usefixtures("postgres_only")
def test_overlap_constraint_bulk_create_overlapping_rows_raises(placement_fields):
    first = Placement(**placement_fields)
    second = Placement(**{**placement_fields, "start_date": march(13), "end_date": march(20)})

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Placement.objects.bulk_create([first, second])

    assert OVERLAP_CONSTRAINT in str(excinfo.value)
    assert Placement.objects.count() == 0


@pytest.mark.usefixtures("postgres_only")
def test_overlap_constraint_bulk_create_overlapping_existing_raises(placement_fields, existing):
    overlapping = Placement(**{**placement_fields, "start_date": march(9), "end_date": march(20)})

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Placement.objects.bulk_create([overlapping])

    assert OVERLAP_CONSTRAINT in str(excinfo.value)
    assert list(Placement.objects.all()) == [existing]


@pytest.mark.usefixtures("postgres_only")
def test_overlap_constraint_update_into_overlap_raises(placement_fields, existing):
    later = PlacementFactory(**{**placement_fields, "start_date": march(16), "end_date": march(27)})

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Placement.objects.filter(pk=later.pk).update(start_date=march(13))

    assert OVERLAP_CONSTRAINT in str(excinfo.value)
    later.refresh_from_db()
    assert later.start_date == march(16)


@pytest.mark.usefixtures("postgres_only")
def test_overlap_constraint_update_reviving_cancelled_raises(placement_fields, existing):
    cancelled = PlacementFactory(**{**placement_fields, "status": PlacementStatus.CANCELLED})

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Placement.objects.filter(pk=cancelled.pk).update(status=PlacementStatus.PLANNED)

    assert OVERLAP_CONSTRAINT in str(excinfo.value)
    cancelled.refresh_from_db()
    assert cancelled.status == PlacementStatus.CANCELLED


@pytest.mark.usefixtures("postgres_only")
def test_overlap_constraint_bulk_create_one_cancelled_is_stored(placement_fields):
    active = Placement(**placement_fields)
    cancelled = Placement(**{**placement_fields, "status": PlacementStatus.CANCELLED})

    Placement.objects.bulk_create([active, cancelled])

    assert sorted(Placement.objects.values_list("status", flat=True)) == [
        PlacementStatus.CANCELLED,
        PlacementStatus.PLANNED,
    ]


@pytest.mark.usefixtures("postgres_only")
def test_overlap_constraint_bulk_create_touching_rows_is_stored(placement_fields):
    first = Placement(**placement_fields)
    second = Placement(**{**placement_fields, "start_date": march(14), "end_date": march(27)})

    Placement.objects.bulk_create([first, second])

    assert list(Placement.objects.order_by("start_date").values_list("start_date", "end_date")) == [
        (START, END),
        (march(14), march(27)),
    ]


@pytest.mark.usefixtures("postgres_only")
def test_overlap_constraint_bulk_create_other_pupils_same_period_is_stored(placement_fields):
    first = Placement(**placement_fields)
    second = Placement(**{**placement_fields, "student": StudentFactory()})

    Placement.objects.bulk_create([first, second])

    assert Placement.objects.count() == 2


# --- a pupil is in school year 1 to 6 --------------------------------------------------


def _student_form_data(school, year: int) -> dict[str, str]:
    return {
        "school": str(school.pk),
        "given_name": "Sem",
        "surname_prefix": "de",
        "surname": "Jong",
        "programme": Programme.VMBO_K,
        "class_name": "3K",
        "year": str(year),
        "teacher": "",
    }


@pytest.mark.parametrize("year", [0, 7])
def test_student_year_outside_range_is_refused_on_year_by_form(year):
    school = SchoolFactory()

    form = StudentForm(data=_student_form_data(school, year))

    assert (form.is_valid(), list(form.errors)) == (False, ["year"])
    assert Student.objects.count() == 0


@pytest.mark.parametrize("year", [1, 6])
def test_student_year_in_range_is_valid_by_form(year):
    school = SchoolFactory()

    form = StudentForm(data=_student_form_data(school, year))

    assert (form.is_valid(), form.errors) == (True, {})


@pytest.mark.parametrize("year", [0, 7])
def test_student_year_outside_range_is_refused_on_year_by_service(year):
    student = StudentFactory.build(school=SchoolFactory(), year=year)

    with pytest.raises(ValidationError) as excinfo:
        student_save(student, by=UserFactory())

    assert list(excinfo.value.error_dict) == ["year"]
    assert Student.objects.count() == 0


@pytest.mark.parametrize("year", [1, 6])
def test_student_year_in_range_is_saved_by_service(year):
    student = StudentFactory.build(school=SchoolFactory(), year=year)

    student_save(student, by=UserFactory())

    assert list(Student.objects.values_list("year", flat=True)) == [year]


@pytest.mark.parametrize("year", [0, 7])
def test_student_year_constraint_bulk_create_outside_range_raises(year):
    student = StudentFactory.build(school=SchoolFactory(), year=year)

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Student.objects.bulk_create([student])

    assert "placements_student_year_range" in str(excinfo.value)
    assert Student.objects.count() == 0


def test_student_year_constraint_update_to_seven_raises():
    student = StudentFactory(year=6)

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Student.objects.filter(pk=student.pk).update(year=7)

    assert "placements_student_year_range" in str(excinfo.value)
    student.refresh_from_db()
    assert student.year == 6


@pytest.mark.parametrize("year", [1, 6])
def test_student_year_constraint_bulk_create_in_range_is_stored(year):
    student = StudentFactory.build(school=SchoolFactory(), year=year)

    Student.objects.bulk_create([student])

    assert list(Student.objects.values_list("year", flat=True)) == [year]

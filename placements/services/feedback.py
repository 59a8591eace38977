"""Writes to a placement's feedback moments, including the proposed mid-term evaluation."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.models import FeedbackMoment, Placement
from stagegids.core.models import User

#: How far before the start or after the end a feedback moment may be planned.
PLANNING_MARGIN = datetime.timedelta(days=30)

FRIDAY, SATURDAY = 4, 5


def midterm_date(placement: Placement) -> datetime.date:
    """Halfway through the placement, moved back to the Friday when it falls in a weekend."""
    halfway = placement.start_date + datetime.timedelta(
        days=(placement.end_date - placement.start_date).days // 2
    )
    if halfway.weekday() >= SATURDAY:
        halfway -= datetime.timedelta(days=halfway.weekday() - FRIDAY)
    return halfway


def feedback_moment_rule_errors(
    placement: Placement, *, planned_on: datetime.date | None
) -> dict[str, str]:
    """A moment is planned at most 30 days before the start or after the end."""
    earliest = placement.start_date - PLANNING_MARGIN
    latest = placement.end_date + PLANNING_MARGIN
    if planned_on is not None and not earliest <= planned_on <= latest:
        return {
            "planned_on": _(
                "Plan the moment during the placement or at most 30 days before or after "
                "it: between %(earliest)s and %(latest)s."
            )
            % {"earliest": date_format(earliest), "latest": date_format(latest)}
        }
    return {}


def _check(placement: Placement, planned_on: datetime.date | None) -> None:
    if errors := feedback_moment_rule_errors(placement, planned_on=planned_on):
        raise ValidationError(errors)


@transaction.atomic
def _midterm_title() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Mid-term evaluation")


def feedback_propose_midterm(placement: Placement, *, by: User | None) -> FeedbackMoment | None:
    """Plan the mid-term evaluation halfway through a placement longer than a week.

    Call it after a placement is created or its dates change; a second call in a row
    changes nothing. Placements of a week or less get none (an existing one, left from
    before the dates changed, is kept).
    Side effects: inserts the placement's one mid-term FeedbackMoment if it is missing;
    moves the planned date of a mid-term that is not yet done to the halfway date (also
    one moved by hand, so call it only when the dates change). A mid-term already done
    keeps its date. Returns the mid-term, or None.
    """
    if not placement.has_midterm:
        return None
    planned_on = midterm_date(placement)
    # get_or_create retries the read when a parallel call inserted it first (the
    # placements_feedbackmoment_one_midterm constraint makes the second insert fail).
    midterm, created = FeedbackMoment.objects.get_or_create(
        placement=placement,
        is_midterm=True,
        # Stored data: always in the portal's language, whoever triggers it.
        defaults={"title": _midterm_title(), "planned_on": planned_on},
    )
    if not created and midterm.done_at is None and midterm.planned_on != planned_on:
        midterm.planned_on = planned_on
        midterm.save(update_fields=["planned_on"])
    return midterm


@transaction.atomic
def feedback_moment_add(
    placement: Placement,
    *,
    title: str,
    planned_on: datetime.date,
    notes: str = "",
    by: User,
) -> FeedbackMoment:
    """Plan another feedback moment for ``placement``.

    The same title on the same date is the same moment, so a double submit adds one.
    Side effects: inserts a FeedbackMoment (or returns the identical one). Raises
    ValidationError (keyed by field) for a date more than 30 days outside the period.
    """
    _check(placement, planned_on)
    # Lock the placement so two identical submits cannot both miss the existing moment.
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    moment, _created = FeedbackMoment.objects.get_or_create(
        placement=placement,
        title=title.strip(),
        planned_on=planned_on,
        is_midterm=False,
        defaults={"notes": notes.strip()},
    )
    return moment


@transaction.atomic
def feedback_moment_update(
    moment: FeedbackMoment,
    *,
    title: str,
    planned_on: datetime.date,
    notes: str,
    by: User,
) -> FeedbackMoment:
    """Change the plan of a moment (title and date) and its notes.

    Side effects: updates the FeedbackMoment. Raises ValidationError (keyed by field) for
    a date more than 30 days outside the period.
    """
    _check(moment.placement, planned_on)
    moment.title, moment.planned_on, moment.notes = title.strip(), planned_on, notes.strip()
    moment.save(update_fields=["title", "planned_on", "notes"])
    return moment


@transaction.atomic
def feedback_moment_record_notes(moment: FeedbackMoment, *, notes: str, by: User) -> FeedbackMoment:
    """Write down what was discussed; the school side may do this too.

    Side effects: updates the moment's notes.
    """
    moment.notes = notes.strip()
    moment.save(update_fields=["notes"])
    return moment


@transaction.atomic
def feedback_moment_mark_done(moment: FeedbackMoment, *, by: User) -> FeedbackMoment:
    """Mark that the conversation took place.

    Marking a moment that is already done changes nothing, so a double submit keeps the
    first time and person.
    Side effects: sets done_at to now and done_by to ``by``.
    """
    moment = FeedbackMoment.objects.select_for_update().get(pk=moment.pk)
    if moment.done_at is None:
        moment.done_at, moment.done_by = timezone.now(), by
        moment.save(update_fields=["done_at", "done_by"])
    return moment


@transaction.atomic
def feedback_moment_reopen(moment: FeedbackMoment, *, by: User) -> FeedbackMoment:
    """Undo marking a moment done, e.g. after a mistake; the notes stay.

    Side effects: clears done_at and done_by.
    """
    moment = FeedbackMoment.objects.select_for_update().get(pk=moment.pk)
    if moment.done_at is not None:
        moment.done_at, moment.done_by = None, None
        moment.save(update_fields=["done_at", "done_by"])
    return moment


@transaction.atomic
def feedback_moment_delete(moment: FeedbackMoment, *, by: User) -> None:
    """Remove a moment that will not take place.

    Side effects: deletes the FeedbackMoment. Raises ValidationError for the mid-term
    evaluation: the guide asks for one halfway, so it can be moved but not removed.
    """
    if moment.is_midterm:
        raise ValidationError(
            _("The mid-term evaluation cannot be deleted; change its date instead.")
        )
    moment.delete()

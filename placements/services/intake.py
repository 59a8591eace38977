"""Writes to a placement's intake, and the log of who saw a pupil's support needs."""

from typing import TypedDict, Unpack

from django.db import transaction

from placements.enums import InsuranceAnswer
from placements.models import Intake, Placement, SupportNeedsAccess
from stagegids.core.models import User


class IntakeChanges(TypedDict, total=False):
    """The intake's fields a caller may set: any of them, the others keep their value (a
    user who may not see the support needs saves the form without them)."""

    learning_goals: str
    prior_knowledge: str
    agreements: str
    insured_material_damage: InsuranceAnswer
    insured_accidents: InsuranceAnswer
    contact_name: str
    contact_email: str
    contact_phone: str
    support_needs: str


INTAKE_FIELDS = frozenset(IntakeChanges.__annotations__)


@transaction.atomic
def intake_update(placement: Placement, *, by: User, **changes: Unpack[IntakeChanges]) -> Intake:
    """Create or change the intake of ``placement``: set the fields named in ``changes``.

    Side effects: inserts or updates the Intake row; when ``support_needs`` is among the
    changes and differs, records a SupportNeedsAccess "edit" row for ``by``.
    """
    unknown = set(changes) - INTAKE_FIELDS
    if unknown:
        raise TypeError(f"Not intake fields: {sorted(unknown)}")
    intake, _created = Intake.objects.select_for_update().get_or_create(placement=placement)
    support_needs_changed = (
        "support_needs" in changes and changes["support_needs"] != intake.support_needs
    )
    for name, value in changes.items():
        setattr(intake, name, value)
    intake.updated_by = by
    intake.save()
    if support_needs_changed:
        SupportNeedsAccess.objects.create(
            placement=placement, user=by, action=SupportNeedsAccess.Action.EDIT
        )
    return intake


def support_needs_record_view(placement: Placement, *, by: User) -> None:
    """Log that ``by`` was shown the pupil's support needs.

    Side effects: inserts one SupportNeedsAccess "view" row.
    """
    SupportNeedsAccess.objects.create(
        placement=placement, user=by, action=SupportNeedsAccess.Action.VIEW
    )

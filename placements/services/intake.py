"""Writes to a placement's intake, and the log of who saw a pupil's support needs."""

from typing import Any

from django.db import transaction

from placements.models import Intake, Placement, SupportNeedsAccess
from stagegids.core.models import User

INTAKE_FIELDS = frozenset(
    {
        "learning_goals",
        "prior_knowledge",
        "agreements",
        "insured_material_damage",
        "insured_accidents",
        "contact_name",
        "contact_email",
        "contact_phone",
        "support_needs",
    }
)


@transaction.atomic
def intake_update(placement: Placement, *, by: User, **fields: Any) -> Intake:
    """Create or change the intake of ``placement`` with the given field values.

    Side effects: inserts or updates the Intake row; when ``support_needs`` is among the
    fields and changes, records a SupportNeedsAccess "edit" row for ``by``.
    """
    unknown = set(fields) - INTAKE_FIELDS
    if unknown:
        raise TypeError(f"Not intake fields: {sorted(unknown)}")
    intake, _created = Intake.objects.select_for_update().get_or_create(placement=placement)
    support_needs_changed = (
        "support_needs" in fields and fields["support_needs"] != intake.support_needs
    )
    for name, value in fields.items():
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

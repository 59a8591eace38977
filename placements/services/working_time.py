"""The school's part in the law for minors: the pupil's age on the first day and the
lesson hours in a week of the placement, and its confirmation where the rules do not
decide (a pupil younger than 14)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.enums import OPEN_STATUSES
from placements.models import Placement, SafeWork
from placements.services.hours import flag_limits
from placements.working_time import age_band_for, needs_school_confirmation
from stagegids.core.models import User


def _open_locked(placement: Placement) -> Placement:
    """The placement's row, locked; refused when it is no longer open (finished or
    cancelled meanwhile)."""
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(
            _("This placement is %(status)s: its working time no longer changes.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def placement_working_time_save(
    placement: Placement,
    *,
    by: User,
    pupil_age: int,
    school_hours_per_week: Decimal | None,
) -> Placement:
    """Store the age and the school's hours. A confirmation of the rules stays only while
    the age stays in the same band: another band asks for another look."""
    locked = _open_locked(placement)
    old_band = age_band_for(locked.pupil_age)
    new_band = age_band_for(pupil_age)
    locked.pupil_age = pupil_age
    locked.school_hours_per_week = school_hours_per_week
    fields = ["pupil_age", "school_hours_per_week", "updated_at"]
    if old_band != new_band:
        locked.age_rules_confirmed_at = None
        locked.age_rules_confirmed_by = None
        fields += ["age_rules_confirmed_at", "age_rules_confirmed_by"]
    locked.save(update_fields=fields)
    # Another age, other limits: the recorded days are checked again.
    flag_limits(locked)
    return locked


@transaction.atomic
def placement_age_rules_confirm(placement: Placement, *, by: User) -> Placement:
    """The school confirms that a placement the rules for minors do not decide (no
    band's limits apply to the pupil's age) fits them."""
    locked = _open_locked(placement)
    if locked.pupil_age is None:
        raise ValidationError(_("State the pupil's age on the first day first."))
    if not needs_school_confirmation(locked):
        raise ValidationError(
            _("The working-time rules decide for a pupil of %(age)s: there is nothing to confirm.")
            % {"age": locked.pupil_age}
        )
    locked.age_rules_confirmed_at = timezone.now()
    locked.age_rules_confirmed_by = by
    locked.save(update_fields=["age_rules_confirmed_at", "age_rules_confirmed_by", "updated_at"])
    return locked


#: The fields of the company's description of safe work.
SAFE_WORK_FIELDS = (
    "tasks",
    "risks",
    "measures",
    "protective_equipment",
    "supervised_by",
    "rie_covers_young_workers",
    "forbidden_work_excluded",
)


@transaction.atomic
def safe_work_update(placement: Placement, *, by: User, **changes) -> SafeWork:
    """Create or change the company's description of the pupil's tasks, risks and
    measures, with its two confirmations. Refused when the placement is no longer open."""
    if unknown := set(changes) - set(SAFE_WORK_FIELDS):
        raise TypeError(f"Not safe-work fields: {sorted(unknown)}")
    locked = _open_locked(placement)
    safe_work = SafeWork.objects.filter(placement=locked).first() or SafeWork(placement=locked)
    for name, value in changes.items():
        setattr(safe_work, name, value)
    safe_work.updated_by = by
    safe_work.full_clean()
    safe_work.save()
    return safe_work

"""Writes to a placement's checklist: creating it from the templates, ticking, unticking."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.enums import OPEN_STATUSES
from placements.models import ChecklistItem, ChecklistItemTemplate, Placement
from placements.stamps import of_placement
from stagegids.core.models import User
from stagegids.core.page_cache import touch


def checklist_sync(placement: Placement) -> None:
    """Give ``placement`` a copy of every active template that applies to its kind.

    Side effects: inserts the missing ChecklistItem rows (texts copied, so later template
    edits leave them alone) and deletes unticked items whose template no longer applies
    after a change of kind. Ticked items always stay: they are history; so do items of a
    template that was switched off.
    """
    applicable = [t for t in ChecklistItemTemplate.objects.all() if t.applies_to(placement.kind)]
    # A template switched off only stops going onto new placements; copies stay.
    placement.checklist_items.filter(done_at__isnull=True, template__isnull=False).exclude(
        template_id__in=[template.pk for template in applicable]
    ).delete()
    templates = [template for template in applicable if template.is_active]
    present = set(
        placement.checklist_items.filter(template__isnull=False).values_list(
            "template_id", flat=True
        )
    )
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                placement=placement,
                template=template,
                phase=template.phase,
                order=template.order,
                text=template.text,
                help_text=template.help_text,
                school_may_tick=template.school_may_tick,
            )
            for template in templates
            if template.pk not in present
        ],
        ignore_conflicts=True,  # a parallel save may have created the same copies
    )
    # Bulk inserts send no signals: retire the pages that show this checklist.
    touch(of_placement(placement))


def _refuse_when_closed(placement: Placement) -> None:
    if placement.status not in OPEN_STATUSES:
        raise ValidationError(
            _("This placement is %(status)s; its checklist can no longer change.")
            % {"status": placement.get_status_display()}
        )


@transaction.atomic
def checklist_item_set_done(
    item: ChecklistItem, *, by: User, done: bool, note: str = ""
) -> ChecklistItem:
    """Tick (``done=True``) or untick an item of a placement's checklist.

    Asking for the state the item already has changes nothing, so a double submit from
    two tabs is harmless. Ticking records who and when, with the optional note;
    unticking clears who and when and keeps the note.
    Side effects: updates the item. Raises ValidationError on a closed placement.
    """
    item = ChecklistItem.objects.select_for_update().select_related("placement").get(pk=item.pk)
    _refuse_when_closed(item.placement)
    if done and not item.is_done:
        item.done_at, item.done_by, item.note = timezone.now(), by, note.strip()
        item.save(update_fields=["done_at", "done_by", "note"])
    elif done and note.strip() and note.strip() != item.note:
        item.note = note.strip()
        item.save(update_fields=["note"])
    elif not done and item.is_done:
        item.done_at, item.done_by = None, None
        item.save(update_fields=["done_at", "done_by"])
    return item

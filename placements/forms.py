"""Forms for placements. Forms validate; ``placements.services`` saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, PlacementKind, PlacementStatus
from placements.services import placement_rule_errors


class PlacementForm(forms.ModelForm):
    """All placement fields, checked against every rule including those across relations."""

    class Meta:
        model = Placement
        fields = [
            "student",
            "company",
            "supervisor",
            "kind",
            "status",
            "start_date",
            "end_date",
            "daily_start_time",
            "daily_end_time",
            "hours_per_week",
            "weekday",
            "planned_hours",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "daily_start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "daily_end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def _post_clean(self) -> None:
        super()._post_clean()
        # Only check relations once the fields they read are valid themselves.
        if not self.errors and (errors := placement_rule_errors(self.instance)):
            self._update_errors(forms.ValidationError(errors))


class PlacementFilterForm(forms.Form):
    """The filters above the placement list; unknown values are simply ignored."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *PlacementStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PlacementKind.choices]
    )
    q = forms.CharField(label=_("Search pupil or company"), required=False, max_length=100)

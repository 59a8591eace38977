"""Forms for placements. Forms validate; ``placements.services`` saves."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, PlacementKind, PlacementStatus, Student
from placements.services import placement_rule_errors, student_rule_errors


class RuleCheckedModelForm(forms.ModelForm):
    """A model form that also runs the service's rules across relations.

    The rules run once the fields they read are valid, so each message lands at the
    field that is wrong and the service stays the single place that defines them.
    """

    rule_errors: Callable[[Any], dict[str, str]]

    def _post_clean(self) -> None:
        super()._post_clean()
        if not self.errors and (errors := type(self).rule_errors(self.instance)):
            self._update_errors(forms.ValidationError(errors))


class PlacementForm(RuleCheckedModelForm):
    """All placement fields, checked against every rule including those across relations."""

    rule_errors = staticmethod(placement_rule_errors)

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


class StudentForm(RuleCheckedModelForm):
    """A pupil's fields, with the check that the teacher teaches at the pupil's school."""

    rule_errors = staticmethod(student_rule_errors)

    class Meta:
        model = Student
        fields = [
            "school",
            "given_name",
            "surname_prefix",
            "surname",
            "programme",
            "class_name",
            "year",
            "teacher",
        ]


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

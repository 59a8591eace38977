"""Forms for the work log (tasks learnt) and the feedback moments.

Forms validate, with the same rule functions the services use; the services save.
Each form prefixes its ids so it can sit on the placement page beside other sections.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, Task, TaskLevel
from placements.services.feedback import PLANNING_MARGIN, feedback_moment_rule_errors
from placements.services.worklog import task_record_rule_errors
from stagegids.core.forms import with_bootstrap_widgets


def _date_input(**attrs: str) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


class TaskRecordForm(forms.Form):
    """Which task the intern did, at which level, on which day."""

    task = forms.ModelChoiceField(
        label=_("Task"),
        queryset=Task.objects.filter(is_active=True),
        empty_label=_("Choose a task"),
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=TaskLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=TaskLevel.DEMONSTRATED,
        help_text=_("Recording a level again updates its date and note."),
    )
    date = forms.DateField(label=_("Date"), widget=_date_input())
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, e.g. what went well or what to practise next time."),
    )

    def __init__(self, *args, placement: Placement, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_worklog_%s")
        super().__init__(*args, **kwargs)
        with_bootstrap_widgets(self)
        self.placement = placement
        today = timezone.localdate()
        self.fields["date"].initial = min(max(today, placement.start_date), placement.end_date)
        self.fields["date"].widget.attrs |= {
            "min": placement.start_date.isoformat(),
            "max": placement.end_date.isoformat(),
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        errors = task_record_rule_errors(
            self.placement, task=cleaned.get("task"), date=cleaned.get("date")
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class FeedbackNotesForm(forms.Form):
    """What was discussed; both the company and the school side write it down."""

    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What went well, what needs work, and what you agreed together."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_feedback_%s")
        super().__init__(*args, **kwargs)
        with_bootstrap_widgets(self)


class FeedbackPlanForm(forms.Form):
    """The title and date of a feedback moment, planned by the company side."""

    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("e.g. End of the first week, Final assessment with the teacher"),
    )
    planned_on = forms.DateField(label=_("Planned on"), widget=_date_input())

    def __init__(self, *args, placement: Placement, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_feedback_%s")
        super().__init__(*args, **kwargs)
        with_bootstrap_widgets(self)
        self.placement = placement
        self.fields["planned_on"].widget.attrs |= {
            "min": (placement.start_date - PLANNING_MARGIN).isoformat(),
            "max": (placement.end_date + PLANNING_MARGIN).isoformat(),
        }

    def clean_planned_on(self) -> datetime.date:
        planned_on = self.cleaned_data["planned_on"]
        errors = feedback_moment_rule_errors(self.placement, planned_on=planned_on)
        if errors:
            raise forms.ValidationError(errors["planned_on"])
        return planned_on


class FeedbackMomentForm(FeedbackPlanForm, FeedbackNotesForm):
    """Everything the company side edits on a moment: its plan and its notes."""

    field_order = ["title", "planned_on", "notes"]

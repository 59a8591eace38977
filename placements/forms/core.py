"""Forms for placements. Forms validate; ``placements.services`` saves."""

import datetime
import uuid
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from placements.access import Memberships
from placements.models import (
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    School,
    Student,
    Weekday,
)
from placements.selectors.core import placements_for_user
from placements.selectors.overview import (
    ATTENTION_FILTERS,
    DEFAULT_SORT,
    class_choices,
    company_choices,
    overview_placements,
)
from placements.services import placement_rule_errors, student_rule_errors
from placements.services.messages import MESSAGE_MAX_LENGTH
from stagegids.core.forms import with_bootstrap_widgets
from stagegids.core.models import User


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


class WorkDaysField(forms.TypedMultipleChoiceField):
    """A leerwerktraject's days at the company as checkboxes, Monday first; the model
    keeps them as a sorted list of weekday numbers."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Working days"))
        kwargs.setdefault(
            "help_text",
            _("Leerwerktraject only: the days at the company. None ticked: Monday to Friday."),
        )
        super().__init__(
            choices=Weekday.choices,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def clean(self, value: Any) -> list[int]:
        return sorted(set(super().clean(value)))


class PlacementForm(RuleCheckedModelForm):
    """All placement fields, checked against every rule including those across relations."""

    rule_errors = staticmethod(placement_rule_errors)
    work_days = WorkDaysField()

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
            "break_minutes",
            "hours_per_week",
            "weekday",
            "work_days",
            "planned_hours",
            "pupil_age",
            "school_hours_per_week",
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
            "student_number",
            "given_name",
            "surname_prefix",
            "surname",
            "programme",
            "class_name",
            "year",
            "teacher",
        ]


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

#: The orders the overview offers, the default first: a select shows its first option
#: when the request names no order (or one it does not know), and that is the one used.
SORT_CHOICES = [
    ("-start_date", _("Start date, latest first")),
    ("start_date", _("Start date, earliest first")),
    ("-end_date", _("End date, latest first")),
    ("end_date", _("End date, earliest first")),
    ("pupil", _("Pupil, A to Z")),
    ("-pupil", _("Pupil, Z to A")),
    ("company", _("Company, A to Z")),
    ("-company", _("Company, Z to A")),
    ("kind", _("Kind, snuffelstage first")),
    ("-kind", _("Kind, leerwerktraject first")),
    ("status", _("Status, draft first")),
    ("-status", _("Status, cancelled first")),
]


class PlacementFilterForm(forms.Form):
    """The filters and the order of the placement overview, all optional.

    A nonsense value (an unknown status, letters for a date, a company the user does not
    see) fails its field, drops out of ``cleaned_data`` and so is simply ignored. The
    class and company choices come from what the user sees.
    """

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *PlacementStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PlacementKind.choices]
    )
    class_name = forms.ChoiceField(label=_("Class"), required=False)
    programme = forms.ChoiceField(
        label=_("Programme"),
        required=False,
        choices=[("", _("All programmes")), *Programme.choices],
    )
    company = forms.TypedChoiceField(label=_("Company"), required=False, coerce=int)
    date_from = forms.DateField(label=_("In the period from"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("In the period until"), required=False, widget=DATE_INPUT)
    q = forms.CharField(
        label=_("Search pupil, student number or company"), required=False, max_length=100
    )
    attention = forms.ChoiceField(label=_("Needs attention"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)

    #: The filters that fold away on a phone; the page opens them when one is in use.
    MORE_FILTERS = (
        "kind",
        "class_name",
        "programme",
        "company",
        "date_from",
        "date_to",
        "attention",
    )

    def __init__(
        self,
        *args: Any,
        classes: list[tuple[str, str]],
        companies: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_name"].choices = [("", _("All classes")), *classes]
        self.fields["company"].choices = [("", _("All companies")), *companies]
        self.fields["attention"].choices = [
            ("", _("Everything")),
            *((name, f.label) for name, f in ATTENTION_FILTERS.items()),
        ]
        with_bootstrap_widgets(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            # A reversed period says nothing: neither end narrows the list.
            self.add_error("date_to", _("The end of the period cannot be before its start."))
            data.pop("date_from")
        return data

    def query(self, **changes: Any) -> str:
        """The valid filters and order as a query string, with ``changes`` on top
        (``page=2``, ``sort="pupil"``); empty values and the default order are left out."""
        values = {name: self.cleaned_data.get(name) for name in self.fields} | changes
        if values.get("sort") == DEFAULT_SORT:
            values["sort"] = None
        return urlencode(
            {
                name: value.isoformat() if isinstance(value, datetime.date) else value
                for name, value in values.items()
                if value not in (None, "")
            }
        )

    @property
    def more_filters_used(self) -> bool:
        return any(self.cleaned_data.get(name) not in (None, "") for name in self.MORE_FILTERS)


def overview_for(
    user: User, params: Mapping[str, Any], memberships: Memberships | None = None
) -> tuple[PlacementFilterForm, QuerySet[Placement]]:
    """The overview's filter form bound to ``params`` (a request's query or an export's
    saved filters) and the placements of ``user`` it selects, sorted.

    The list page, both exports and the background export all read their set through
    this. Runs the class and the company choices (and the user's memberships when not
    given); the rows are left to the caller.
    """
    visible = placements_for_user(user, memberships)
    form = PlacementFilterForm(
        params, classes=class_choices(visible), companies=company_choices(visible)
    )
    form.is_valid()  # a nonsense value drops out of cleaned_data: ignored
    return form, overview_placements(visible, form.cleaned_data)


class MultipleUUIDField(forms.Field):
    """The public ids of the placements ticked in a list; every value must be a UUID."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Select placements from the list.")}

    def to_python(self, value: Any) -> list[uuid.UUID]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        try:
            # dict.fromkeys drops a placement ticked twice and keeps the order.
            return list(dict.fromkeys(uuid.UUID(str(item)) for item in value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


#: The most placements one bulk action takes; a page of the list holds 25.
BULK_MAX_PLACEMENTS = 100


class BulkSelectionForm(forms.Form):
    """The placements ticked in the overview, or all that match its filters (every
    page), for an action on all of them."""

    placements = MultipleUUIDField(required=False)
    everything = forms.BooleanField(required=False)
    #: The overview's query string, to return to the same filters, order and page; with
    #: ``everything`` also the filters that say which placements.
    back = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("everything") and not data.get("placements") and not self.errors:
            self.add_error("placements", _("Tick at least one placement first."))
        return data

    def clean_placements(self) -> list[uuid.UUID]:
        placements = self.cleaned_data["placements"]
        if len(placements) > BULK_MAX_PLACEMENTS:
            raise forms.ValidationError(
                _("Select at most %(max)d placements at a time."),
                params={"max": BULK_MAX_PLACEMENTS},
                code="max",
            )
        return placements


class BulkMessageForm(BulkSelectionForm):
    """One message for the threads of the placements ticked in the overview."""

    body = forms.CharField(
        label=_("Message to the selected placements"),
        help_text=_(
            "Plain text. It is added to the message thread of each selected placement, "
            "where its supervisor and the school read it."
        ),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={"required": _("Write a message first.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SchoolSettingsForm(forms.ModelForm):
    """What a coordinator decides for the whole school."""

    class Meta:
        model = School
        fields = ["teachers_may_approve"]

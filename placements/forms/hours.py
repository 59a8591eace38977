"""The form for one day of a placement's day log. It validates; the service saves."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Absence, DayLog, Placement
from placements.services.hours import daylog_rule_errors
from stagegids.core.forms import with_bootstrap_widgets


class DayLogForm(forms.Form):
    """A day: the date, the hours worked and whether the intern was there.

    The rules come from ``daylog_rule_errors`` so each message lands at its field and
    the service stays the one place that defines them.
    """

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours = forms.DecimalField(
        label=_("Hours worked"),
        required=False,
        decimal_places=2,
        help_text=_("0 to 24, e.g. 7.5; leave empty for a day the intern was absent."),
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0", "max": "24"}),
    )
    absence = forms.ChoiceField(
        label=_("Attendance"), choices=Absence.choices, initial=Absence.PRESENT
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=DayLog._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, placement: Placement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        with_bootstrap_widgets(self)
        self.placement = placement
        self.fields["date"].widget.attrs.update(
            min=placement.start_date.isoformat(), max=placement.end_date.isoformat()
        )

    @classmethod
    def for_new_day(cls, placement: Placement, *, today: datetime.date) -> "DayLogForm":
        """An empty form that suggests today when today lies within the placement."""
        in_period = placement.start_date <= today <= placement.end_date
        initial = {"date": today} if in_period else {}
        return cls(placement=placement, initial=initial)

    @classmethod
    def for_daylog(cls, daylog: DayLog, data=None) -> "DayLogForm":
        """A form to correct ``daylog``, filled in with what it holds."""
        initial = {name: getattr(daylog, name) for name in cls.base_fields}
        return cls(data, placement=daylog.placement, initial=initial)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("hours") is None and "hours" not in self.errors:
            if data.get("absence") == Absence.PRESENT:
                self.add_error("hours", _("Enter the hours worked."))
            else:
                data["hours"] = Decimal(0)
        errors = daylog_rule_errors(
            self.placement,
            date=data.get("date"),
            hours=data.get("hours"),
            absence=data.get("absence"),
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return data

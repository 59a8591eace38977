"""The form for one day of a placement's day log. It validates; the service saves."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import Absence, DayLog, Placement
from placements.services.hours import daylog_rule_errors
from stagegids.core.forms import with_bootstrap_widgets


class HoursField(forms.DecimalField):
    """Hours as people type them: "7,5" and "7.5" both mean seven and a half, in any
    language (a day has no thousands). A text field with the decimal keyboard, because a
    browser's number field turns "7,5" into 75 in some languages."""

    widget = forms.TextInput

    def __init__(self, **kwargs) -> None:
        super().__init__(localize=True, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict:
        # Not DecimalField's step/min/max: the field is text, so the server says what is wrong.
        return {"inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class DayLogForm(forms.Form):
    """A day: the date, the hours worked and whether the intern was there.

    The rules come from ``daylog_rule_errors`` so each message lands at its field and
    the service stays the one place that defines them.
    """

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours = HoursField(
        label=_("Hours worked"),
        required=False,
        decimal_places=2,
        help_text=_("0 to 24, e.g. 7.5; leave empty for a day the intern was absent."),
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

    def __init__(
        self, *args, placement: Placement, today: datetime.date | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        with_bootstrap_widgets(self)
        self.placement = placement
        # The picker offers the days that can be recorded: in the period, up to today.
        last = min(placement.end_date, today or timezone.localdate())
        self.fields["date"].widget.attrs.update(
            min=placement.start_date.isoformat(), max=last.isoformat()
        )

    @classmethod
    def for_new_day(cls, placement: Placement, *, today: datetime.date) -> "DayLogForm":
        """An empty form that suggests today when today lies within the placement, and
        the agreed hours of a day."""
        in_period = placement.start_date <= today <= placement.end_date
        initial = {"date": today} if in_period else {}
        if (hours := placement.agreed_day_hours) is not None:
            initial["hours"] = hours
        return cls(placement=placement, initial=initial, today=today)

    @classmethod
    def for_daylog(cls, daylog: DayLog, data=None) -> "DayLogForm":
        """A form to correct ``daylog``, filled in with what it holds."""
        initial = {name: getattr(daylog, name) for name in cls.base_fields}
        return cls(data, placement=daylog.placement, initial=initial)

    def clean(self) -> dict:
        data = super().clean()
        absent = data.get("absence") not in (None, Absence.PRESENT)
        if absent and data.get("hours") == self.placement.agreed_day_hours:
            # The hours prefilled for a day at work, left as they were: not the user's.
            data["hours"] = Decimal(0)
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

"""The school's form for the law for minors: the pupil's age on the first day and the
lessons in a week of the placement. A plain form: it checks its two values only, not
the rest of the stored placement."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from placements.models import MAX_PUPIL_AGE, MIN_PUPIL_AGE, Placement, SafeWork
from placements.models.minors import AGE_MESSAGE
from placements.services.working_time import SAFE_WORK_FIELDS
from stagegids.core.forms import with_bootstrap_widgets


def age_field(**kwargs: Any) -> forms.IntegerField:
    """The pupil's age on the first day, 10 to 20, with one message for every age out of
    range (also a negative one)."""
    field = Placement._meta.get_field("pupil_age")
    return forms.IntegerField(
        label=capfirst(field.verbose_name),
        help_text=field.help_text,
        min_value=MIN_PUPIL_AGE,
        max_value=MAX_PUPIL_AGE,
        error_messages={"min_value": AGE_MESSAGE, "max_value": AGE_MESSAGE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class WorkingTimeForm(forms.Form):
    pupil_age = age_field()
    school_hours_per_week = Placement._meta.get_field("school_hours_per_week").formfield(
        min_value=0, max_value=40
    )

    def __init__(self, *args: Any, placement: Placement | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_working_time_%s")
        if placement is not None:
            kwargs.setdefault(
                "initial",
                {
                    "pupil_age": placement.pupil_age,
                    "school_hours_per_week": placement.school_hours_per_week,
                },
            )
        super().__init__(*args, **kwargs)
        with_bootstrap_widgets(self)


class SafeWorkForm(forms.ModelForm):
    """The company's description of safe work; both confirmations must be ticked."""

    class Meta:
        model = SafeWork
        fields = SAFE_WORK_FIELDS
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 3}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_safe_work_%s")
        super().__init__(*args, **kwargs)
        for name in ("rie_covers_young_workers", "forbidden_work_excluded"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = _(
                "Tick this to confirm it; the internship needs it."
            )
        with_bootstrap_widgets(self)

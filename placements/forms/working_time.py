"""The school's form for the law for minors: the pupil's age on the first day and the
lessons in a week of the placement."""

from django import forms

from placements.models import Placement
from stagegids.core.forms import with_bootstrap_widgets


class WorkingTimeForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["pupil_age", "school_hours_per_week"]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_working_time_%s")
        super().__init__(*args, **kwargs)
        self.fields["pupil_age"].required = True
        self.fields["pupil_age"].widget.attrs.update({"inputmode": "numeric"})
        with_bootstrap_widgets(self)

"""Forms for ticking checklist items, the intake, and cancelling a placement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Intake

DONE_CHOICES = [("1", _("done")), ("0", _("not done"))]


class ChecklistTickForm(forms.Form):
    """Sets an item to the state the user saw when clicking, so repeats change nothing."""

    done = forms.TypedChoiceField(choices=DONE_CHOICES, coerce=lambda value: value == "1")
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


#: The guide's example goals, offered as one-click additions to the learning goals.
EXAMPLE_GOALS = [
    _("Find out whether installation technology suits me."),
    _("Discover which kinds of installations I like most."),
    _("Find out at which kind of locations I like to work best."),
    _("Practise working together and talking with colleagues and customers."),
    _("Use what I learnt at school in real work."),
]


class IntakeForm(forms.ModelForm):
    """What the company needs to know from the school before the start."""

    suggested_goals = forms.TypedMultipleChoiceField(
        label=_("Add example goals"),
        choices=[(str(i), goal) for i, goal in enumerate(EXAMPLE_GOALS)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Not every pupil arrives with a goal: pick one to start the conversation."),
    )

    class Meta:
        model = Intake
        fields = [
            "learning_goals",
            "suggested_goals",
            "prior_knowledge",
            "agreements",
            "insured_material_damage",
            "insured_accidents",
            "contact_name",
            "contact_email",
            "contact_phone",
            "support_needs",
        ]
        widgets = {
            "learning_goals": forms.Textarea(attrs={"rows": 4}),
            "prior_knowledge": forms.Textarea(attrs={"rows": 3}),
            "agreements": forms.Textarea(attrs={"rows": 2}),
            "insured_material_damage": forms.RadioSelect,
            "insured_accidents": forms.RadioSelect,
            "support_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, show_support_needs: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not show_support_needs:
            # Not even as a hidden field: those who may not read it may not overwrite it.
            del self.fields["support_needs"]

    def clean(self) -> dict:
        cleaned = super().clean()
        goals = (cleaned.get("learning_goals") or "").strip()
        for index in cleaned.get("suggested_goals") or []:
            goal = str(EXAMPLE_GOALS[index])
            if goal not in goals:
                goals = f"{goals}\n{goal}".strip()
        cleaned["learning_goals"] = goals
        return cleaned


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("The school and the company both see this reason."),
    )

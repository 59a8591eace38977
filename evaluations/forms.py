"""Forms for filling in and reviewing an evaluation. Forms validate; the services in
``evaluations.services`` save and check the status and the version again."""

from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, LayoutObject
from django import forms
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from evaluations.models import (
    Criterion,
    CriterionScore,
    Evaluation,
    EvaluationKind,
    FunnelStage,
    Score,
)
from placements.models import PlacementKind

#: The fields only the final assessment has: the intern's reflection and the next step.
FINAL_FIELDS = (
    "reflection_experience",
    "reflection_expectations",
    "reflection_work_here",
    "reflection_room",
    "reflection_tips",
    "funnel_stage",
    "what_became_clearer",
    "agreed_next_step",
    "follow_up_offer",
)
#: Same text as the model's check, so both share one translation.
DIRECTION_ONLY_WHEN_NOT_SUITED = _(
    "Only fill this in when the pupil found that installation technology does not suit them."
)


def _text(name: str, rows: int = 3, **kwargs: Any) -> forms.Field:
    """The model field's form field (label, length, optional) as a small text area."""
    field = Evaluation._meta.get_field(name)
    return field.formfield(widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def _literal(text: str) -> str:
    """``text`` escaped for crispy, which renders legends and HTML as templates and
    shows them and help texts unescaped: no markup, no template tags."""
    return escape(text).replace("{", "&#123;").replace("}", "&#125;")


def _note(text: str, css_class: str) -> HTML:
    """A paragraph of explanation between the fields."""
    return HTML(f'<p class="{css_class}">{_literal(text)}</p>')


def _criterion_fields(criterion: Criterion) -> dict[str, forms.Field]:
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(value, f"{value} – {label}") for value, label in Score.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    remark = CriterionScore._meta.get_field("remark").formfield(
        label=_("Remark"), widget=forms.Textarea(attrs={"rows": 1})
    )
    return {f"score_{criterion.pk}": score, f"remark_{criterion.pk}": remark}


class CriterionBlock(LayoutObject):
    """One criterion on a phone-sized form: its text as the legend, its explanation, the
    four scores as one row of big buttons and the remark folded away until it is wanted
    (open when there is one, or an error)."""

    template = "evaluations/_criterion.html"

    def __init__(self, criterion: Criterion) -> None:
        self.criterion = criterion
        self.fields = [f"score_{criterion.pk}", f"remark_{criterion.pk}"]

    def render(self, form: forms.Form, context: Any, **kwargs: Any) -> str:
        score, remark = (form[name] for name in self.fields)
        choices = [
            (option, value, label)
            for option, (value, label) in zip(score, Score.choices, strict=True)
        ]
        remark_value = remark.value() or ""
        return render_to_string(
            self.template,
            {
                "criterion": self.criterion,
                "score": score,
                "choices": choices,
                "remark": remark,
                "remark_open": bool(str(remark_value).strip() or remark.errors),
            },
        )


class EvaluationForm(forms.Form):
    """The company's evaluation: a score and a remark per criterion of the evaluation's
    own form version, the overall judgement and, for the final assessment, the intern's
    reflection and the next step. ``version`` is the version the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    overall_remarks = _text("overall_remarks", 4)
    qualities_seen = _text(
        "qualities_seen", help_text=_("What is the pupil good at? Name it, also when it is small.")
    )
    trade_does_not_suit = Evaluation._meta.get_field("trade_does_not_suit").formfield()
    other_direction = _text(
        "other_direction",
        2,
        help_text=_("Only when the box above is ticked: where might the pupil fit better?"),
    )
    reflection_experience = _text("reflection_experience")
    reflection_expectations = _text("reflection_expectations")
    reflection_work_here = _text("reflection_work_here")
    reflection_room = _text("reflection_room", 2)
    reflection_tips = _text("reflection_tips", 2)
    funnel_stage = Evaluation._meta.get_field("funnel_stage").formfield(
        choices=[("", _("not discussed yet")), *FunnelStage.choices], widget=forms.RadioSelect
    )
    what_became_clearer = _text("what_became_clearer")
    agreed_next_step = _text("agreed_next_step")
    follow_up_offer = Evaluation._meta.get_field("follow_up_offer").formfield(
        widget=forms.RadioSelect,
        help_text=_("Positive about the intern? A weekend job or holiday work keeps in touch."),
    )

    def __init__(
        self, *args: Any, evaluation: Evaluation, criteria: list[Criterion], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "id_evaluation_%s")
        kwargs.setdefault("initial", self._initial(evaluation, criteria))
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.is_final = evaluation.kind == EvaluationKind.FINAL
        if not self.is_final:
            for name in FINAL_FIELDS:
                del self.fields[name]
        for criterion in criteria:
            self.fields |= _criterion_fields(criterion)
        self.helper = self._helper()

    @staticmethod
    def _initial(evaluation: Evaluation, criteria: list[Criterion]) -> dict[str, Any]:
        initial = {name: getattr(evaluation, name) for name in EvaluationForm.base_fields}
        for criterion in criteria:
            initial[f"score_{criterion.pk}"] = criterion.current_score
            initial[f"remark_{criterion.pk}"] = criterion.current_remark or ""
        return initial

    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the template's form tag has the token
        helper.layout = Layout(
            "version",
            Fieldset(_("Criteria"), *map(CriterionBlock, self.criteria)),
            Fieldset(
                _("Overall judgement"),
                "overall_remarks",
                "qualities_seen",
                _note(
                    _(
                        "A pupil who finds out that installation technology does not suit "
                        "them has learnt something that matters for their career choice: "
                        "that is a result, not a failed internship. Then name the qualities "
                        "you saw and where the pupil might fit better."
                    ),
                    "alert alert-info small",
                ),
                "trade_does_not_suit",
                "other_direction",
            ),
        )
        if self.is_final:
            helper.layout.extend(self._final_layout())
        return helper

    @staticmethod
    def _final_layout() -> list[Fieldset]:
        return [
            Fieldset(
                _("The intern's reflection"),
                _note(
                    _(
                        "Ask the intern these questions in the evaluation conversation and "
                        "write down the answers in their own words."
                    ),
                    "small text-body-secondary",
                ),
                "reflection_experience",
                "reflection_expectations",
                "reflection_work_here",
                "reflection_room",
                "reflection_tips",
            ),
            Fieldset(
                _("Next step"),
                HTML('{% include "evaluations/_funnel.html" with folded=True %}'),
                InlineRadios("funnel_stage"),
                "what_became_clearer",
                "agreed_next_step",
                InlineRadios("follow_up_offer"),
            ),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("other_direction", "").strip() and not cleaned.get("trade_does_not_suit"):
            self.add_error("other_direction", DIRECTION_ONLY_WHEN_NOT_SUITED)
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``evaluation_save``: version, scores and fields."""
        data = dict(self.cleaned_data)
        scores = {
            criterion.pk: (
                data.pop(f"score_{criterion.pk}"),
                data.pop(f"remark_{criterion.pk}"),
            )
            for criterion in self.criteria
        }
        return {"scores": scores, **data}


class ReviewForm(forms.Form):
    """The school's decision on a submitted evaluation."""

    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (APPROVE, _("Approve the evaluation")),
            (RETURN, _("Return it to the company to change")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you return it: say what should change."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_review_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what should change."))
        return cleaned


class BulkDownloadForm(forms.Form):
    """Which approved assessments go into the ZIP. A nonsense value drops out of
    ``cleaned_data`` and is ignored, so every request gives an answer."""

    class_name = forms.ChoiceField(label=_("Class"), required=False)
    ended_from = forms.DateField(
        label=_("Placement ended on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ended_until = forms.DateField(
        label=_("Placement ended on or before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    placement_kind = forms.ChoiceField(
        label=_("Kind of placement"),
        required=False,
        choices=[("", _("All kinds")), *PlacementKind.choices],
    )
    # The final assessment first: it is the one asked for when nothing is chosen.
    evaluation_kind = forms.ChoiceField(
        label=_("Evaluation"),
        required=False,
        choices=[
            (EvaluationKind.FINAL, capfirst(EvaluationKind.FINAL.label)),
            (EvaluationKind.MIDTERM, capfirst(EvaluationKind.MIDTERM.label)),
        ],
    )

    def __init__(self, *args: Any, classes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_name"].choices = [("", _("All classes")), *classes]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("ended_from"), data.get("ended_until")
        if start and end and end < start:
            # A reversed period says nothing: neither end narrows the selection.
            self.add_error("ended_until", _("The end of the period cannot be before its start."))
            data.pop("ended_from")
        return data

    def filter(self, evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
        """``evaluations`` narrowed by the valid filters; the final assessment by default."""
        self.is_valid()
        data = self.cleaned_data
        evaluations = evaluations.filter(kind=data.get("evaluation_kind") or EvaluationKind.FINAL)
        if data.get("class_name"):
            evaluations = evaluations.filter(placement__student__class_name=data["class_name"])
        if data.get("ended_from"):
            evaluations = evaluations.filter(placement__end_date__gte=data["ended_from"])
        if data.get("ended_until"):
            evaluations = evaluations.filter(placement__end_date__lte=data["ended_until"])
        if data.get("placement_kind"):
            evaluations = evaluations.filter(placement__kind=data["placement_kind"])
        return evaluations

"""Assessments of an intern: the form they are filled on, the scores, the intern's
reflection, the next step, and the review by the school."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from evaluations.enums import (
    EDITABLE_STATUSES,
    EvaluationKind,
    EvaluationStatus,
    FollowUpOffer,
    FunnelStage,
    Score,
)
from placements.models import Placement


class FormDefinition(models.Model):
    """A version of the assessment form. Evaluations keep the version they were filled
    on; once one uses it, it is locked and changes go into a new version."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=150)
    introduction = models.TextField(_("introduction"), blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("New evaluations use the newest published version."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment form")
        verbose_name_plural = _("assessment forms")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Criterion(models.Model):
    """One question of an assessment form, scored on the four-point scale."""

    definition = models.ForeignKey(
        FormDefinition,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("assessment form"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("criterion"), max_length=200)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Evaluation(models.Model):
    """The supervisor's assessment of a placement, mid-term or final.

    The final one also records the intern's reflection and the next step. The company
    fills it in and submits it; the school approves it or returns it with a comment.
    ``version`` rises with every save, so two people saving the same draft cannot
    silently overwrite each other.
    """

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("placement")
    )
    kind = models.CharField(
        pgettext_lazy("evaluation", "kind"), max_length=10, choices=EvaluationKind
    )
    definition = models.ForeignKey(
        FormDefinition,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("assessment form"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluationStatus, default=EvaluationStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    overall_remarks = models.TextField(_("overall remarks"), blank=True)
    qualities_seen = models.TextField(_("qualities we saw"), blank=True)
    trade_does_not_suit = models.BooleanField(
        _("the pupil found that installation technology does not suit them"), default=False
    )
    other_direction = models.TextField(_("direction or sector that might suit"), blank=True)

    reflection_experience = models.TextField(_("how was the internship?"), blank=True)
    reflection_expectations = models.TextField(_("did your expectations come true?"), blank=True)
    reflection_work_here = models.TextField(
        _("would you like to work here later, and why (not)?"), blank=True
    )
    reflection_room = models.TextField(_("was there enough room and time for you?"), blank=True)
    reflection_tips = models.TextField(_("tips for the supervisor"), blank=True)

    funnel_stage = models.CharField(
        _("where the pupil stands now"), max_length=20, choices=FunnelStage, blank=True
    )
    what_became_clearer = models.TextField(_("what became clearer"), blank=True)
    agreed_next_step = models.TextField(_("the next step we agreed"), blank=True)
    follow_up_offer = models.CharField(
        _("follow-up offer"), max_length=20, choices=FollowUpOffer, default=FollowUpOffer.NONE
    )

    review_comment = models.TextField(_("comment of the school"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["placement", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "kind"], name="evaluations_evaluation_one_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(trade_does_not_suit=True) | Q(other_direction=""),
                name="evaluations_evaluation_direction_only_when_not_suited",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.placement}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def clean(self) -> None:
        super().clean()
        if not self.trade_does_not_suit and self.other_direction.strip():
            raise ValidationError(
                {
                    "other_direction": _(
                        "Only fill this in when the pupil found that installation "
                        "technology does not suit them."
                    )
                }
            )


class CriterionScore(models.Model):
    """The score and remark for one criterion of one evaluation."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("evaluation")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"), choices=Score, null=True, blank=True)
    remark = models.CharField(_("remark"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="evaluations_criterionscore_once"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="evaluations_criterionscore_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_score_display() or '–'}"


class EvaluationEvent(models.Model):
    """A step in an evaluation's life: saved, submitted, returned or approved."""

    class Action(models.TextChoices):
        SAVED = "saved", pgettext_lazy("evaluation step", "saved as draft")
        SUBMITTED = "submitted", pgettext_lazy("evaluation step", "submitted")
        RETURNED = "returned", pgettext_lazy("evaluation step", "returned")
        APPROVED = "approved", pgettext_lazy("evaluation step", "approved")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="events", verbose_name=_("evaluation")
    )
    action = models.CharField(_("step"), max_length=10, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("evaluation step")
        verbose_name_plural = _("evaluation steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

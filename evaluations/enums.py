"""The closed sets of the evaluations app: the choices of its fields and the named groups of
statuses the code asks about, apart from the models (as in ``placements.enums``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.IntegerChoices):
    """The four-point scale of every criterion."""

    INSUFFICIENT = 1, _("insufficient")
    MODERATE = 2, _("moderate")
    SUFFICIENT = 3, _("sufficient")
    GOOD = 4, _("good")


class EvaluationKind(models.TextChoices):
    MIDTERM = "midterm", _("mid-term evaluation")
    FINAL = "final", _("final assessment")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


#: The company may change an evaluation only in these statuses.
EDITABLE_STATUSES = frozenset({EvaluationStatus.DRAFT, EvaluationStatus.RETURNED})


class FunnelStage(models.TextChoices):
    """Where the pupil stands on the way to a career choice, narrowing like a funnel."""

    VMBO = "vmbo", _("vmbo: orienting broadly")
    PROFILE = "profile", _("profile chosen")
    DIRECTION = "direction", _("direction within the profile")
    MBO_STUDY = "mbo_study", _("mbo study in view")
    OCCUPATION = "occupation", _("occupation in view")


class FollowUpOffer(models.TextChoices):
    NONE = "none", _("no offer")
    WEEKEND_JOB = "weekend_job", _("weekend job")
    HOLIDAY_WORK = "holiday_work", _("holiday work")
    MBO_INTERNSHIP = "mbo_internship", _("later mbo internship")

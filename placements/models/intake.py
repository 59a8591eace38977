"""What the company needs to know from the school before the start."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from placements.enums import InsuranceAnswer
from placements.models.core import Placement


class Intake(models.Model):
    """The intake of a placement: goals, level, agreements, insurance, contact, support.

    ``support_needs`` is special personal data of a minor: only the placement's
    supervisor and the school's coordinators and the pupil's teacher see it, and each
    time they do, a ``SupportNeedsAccess`` row records it.
    """

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="intake", verbose_name=_("placement")
    )
    learning_goals = models.TextField(_("learning goals"), blank=True)
    prior_knowledge = models.TextField(
        _("level and prior knowledge"),
        blank=True,
        help_text=_("The pupil's school level and what they already know of installations."),
    )
    agreements = models.TextField(
        _("agreed duration and working hours"),
        blank=True,
        help_text=_("e.g. Monday to Thursday 7:30–16:00, Friday at school."),
    )
    insured_material_damage = models.CharField(
        _("the school insures material damage"),
        max_length=10,
        choices=InsuranceAnswer,
        default=InsuranceAnswer.UNKNOWN,
    )
    insured_accidents = models.CharField(
        _("the school insures accidents"),
        max_length=10,
        choices=InsuranceAnswer,
        default=InsuranceAnswer.UNKNOWN,
    )
    contact_name = models.CharField(_("contact teacher"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact teacher's email"), blank=True)
    contact_phone = models.CharField(_("contact teacher's phone"), max_length=30, blank=True)
    support_needs = models.TextField(
        _("specific support needs"),
        blank=True,
        help_text=_(
            "Only what the supervisor needs to know to guide the pupil well. Visible to "
            "the supervisor, the school's coordinators and the pupil's teacher."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return str(self.placement)

    @property
    def insurance_answered(self) -> bool:
        return InsuranceAnswer.UNKNOWN not in (
            self.insured_material_damage,
            self.insured_accidents,
        )


class SupportNeedsAccess(models.Model):
    """A record that someone saw or changed a pupil's support needs."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EDIT = "edit", _("changed")

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="support_needs_accesses",
        verbose_name=_("placement"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support needs access")
        verbose_name_plural = _("support needs accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

"""The closed sets of the companies app (as in ``placements.enums``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    ELECTRICAL = "electrical", _("Electrical installations")
    MECHANICAL = "mechanical", _("Mechanical installations (heating, plumbing, climate)")
    COMBINED = "combined", _("Electrical and mechanical installations")
    OTHER = "other", _("Other technical field")

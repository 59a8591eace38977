"""Forms of the placements app, one module per part of the placement's journey.

Forms validate; ``placements.services`` saves.
"""

from placements.forms.core import (
    PlacementFilterForm,
    PlacementForm,
    RuleCheckedModelForm,
    SchoolSettingsForm,
    StudentForm,
)

__all__ = [
    "PlacementFilterForm",
    "PlacementForm",
    "RuleCheckedModelForm",
    "SchoolSettingsForm",
    "StudentForm",
]

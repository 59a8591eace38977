from django import forms
from django.utils.translation import gettext_lazy as _

from placements.enums import NotificationKind


class NotificationSettingsForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Send me an email when"),
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The dashboard shows everything either way."),
    )

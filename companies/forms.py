"""Forms for companies. Forms validate; nothing here saves."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CompanySearchForm(forms.Form):
    """The companies directory's search box. A value that cannot be searched for (too
    long, or with a NUL character, which PostgreSQL refuses) fails with a message."""

    q = forms.CharField(
        label=_("Name, city or KvK number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

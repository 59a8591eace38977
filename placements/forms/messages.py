"""The form for writing a message to the other side. Forms validate; services save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Message


class MessageForm(forms.ModelForm):
    """One plain-text message; surrounding white space is dropped, so blank text is refused."""

    class Meta:
        model = Message
        fields = ["body"]
        labels = {"body": _("Your message")}
        help_texts = {"body": _("Plain text. The company and the school both see every message.")}
        error_messages = {"body": {"required": _("Write a message first.")}}
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "class": "form-control"})}

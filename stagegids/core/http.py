"""Helpers every app's views share: files to download, and a service's refusal shown on
the form that asked for it."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponseBase
from django.utils.http import content_disposition_header


def attachment(response: HttpResponseBase, filename: str) -> HttpResponseBase:
    """Make the browser save ``response`` as ``filename`` instead of showing it."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on ``form``: at the field it names when the form has that
    field, above the form otherwise (a service checks rules that cross fields and rows,
    so its error may name a field this form does not show)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)

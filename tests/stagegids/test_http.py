"""The view helpers every app shares (``stagegids.core.http``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse

from stagegids.core.http import add_service_error, attachment


class NoteForm(forms.Form):
    note = forms.CharField()


def _bound_form() -> NoteForm:
    form = NoteForm({"note": "hello"})
    assert form.is_valid()
    return form


def test_add_service_error_puts_a_field_error_at_that_field():
    form = _bound_form()

    add_service_error(form, ValidationError({"note": "Too short."}))

    assert form.errors == {"note": ["Too short."]}


def test_add_service_error_puts_an_error_for_a_field_the_form_lacks_on_top():
    form = _bound_form()

    add_service_error(form, ValidationError({"supervisor": "Not at this company."}))

    assert form.non_field_errors() == ["Not at this company."]
    assert "note" not in form.errors


def test_add_service_error_puts_a_plain_error_on_top():
    form = _bound_form()

    add_service_error(form, ValidationError(["First.", "Second."]))

    assert form.non_field_errors() == ["First.", "Second."]


def test_attachment_names_the_file_for_saving():
    response = attachment(HttpResponse(b"x"), "stages-2026-12-02.csv")

    assert response["Content-Disposition"] == 'attachment; filename="stages-2026-12-02.csv"'

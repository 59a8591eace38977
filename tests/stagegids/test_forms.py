"""``with_bootstrap_widgets``: Bootstrap's classes on a form's widgets, and selects whose
options render in place with the same HTML as Django's own template."""

import re

from django import forms

from stagegids.core.forms import INLINE_SELECT, with_bootstrap_widgets

CHOICES = [
    ("", "---------"),
    ("a", "Installatiebedrijf <Jansen> & Zn."),
    ("Groep", [("b", "Bakker"), ("c", 'Café "De Hoek"')]),
]


class ExampleForm(forms.Form):
    company = forms.ChoiceField(choices=CHOICES, required=False)
    companies = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    kind = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=False)
    agree = forms.BooleanField(required=False)
    name = forms.CharField(required=False)


def _squeezed(html: str) -> str:
    # Both templates differ only in the whitespace between the options.
    return re.sub(r">\s+<", "><", html.strip())


def _rendered(form: forms.Form, name: str) -> str:
    return _squeezed(str(form[name]))


def test_plain_and_multiple_selects_render_as_django_renders_them():
    data = {"company": "c", "companies": ["a", "b"]}
    django_form = ExampleForm(data)
    for field in django_form.fields.values():  # the same classes, Django's templates
        field.widget.attrs["class"] = "form-select"
    inline_form = ExampleForm(data)

    with_bootstrap_widgets(inline_form)

    for name in ("company", "companies"):
        assert inline_form.fields[name].widget.template_name == INLINE_SELECT
        assert _rendered(inline_form, name) == _rendered(django_form, name)
    html = _rendered(inline_form, "company")
    assert '<option value="c" selected>Café &quot;De Hoek&quot;</option>' in html
    assert "Installatiebedrijf &lt;Jansen&gt; &amp; Zn." in html
    assert '<optgroup label="Groep">' in html
    assert " multiple" in _rendered(inline_form, "companies")


def test_other_widgets_keep_their_templates_and_get_their_classes():
    form = ExampleForm()

    with_bootstrap_widgets(form)

    assert form.fields["kind"].widget.template_name != INLINE_SELECT
    assert form.fields["company"].widget.attrs["class"] == "form-select"
    assert form.fields["agree"].widget.attrs["class"] == "form-check-input"
    assert form.fields["name"].widget.attrs["class"] == "form-control"


def test_a_select_with_a_template_of_its_own_keeps_it():
    form = ExampleForm()
    form.fields["company"].widget.template_name = "custom/select.html"

    with_bootstrap_widgets(form)

    assert form.fields["company"].widget.template_name == "custom/select.html"


def test_classes_are_added_once():
    form = ExampleForm()
    form.fields["name"].widget.attrs["class"] = "wide"

    with_bootstrap_widgets(form)
    with_bootstrap_widgets(form)

    assert form.fields["name"].widget.attrs["class"] == "wide form-control"

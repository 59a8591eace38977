"""Form helpers shared by the apps."""

from django import forms
from django.utils.functional import Promise

#: Django's template of a ``Select``, and the project's copy that writes the options out
#: in place (in ``stagegids/core/templates/``, where Django's form renderer looks): the
#: same HTML, a third faster for a filter of a few hundred companies.
DJANGO_SELECT = "django/forms/widgets/select.html"
INLINE_SELECT = "stagegids/widgets/select.html"


def with_bootstrap_widgets(form: forms.BaseForm) -> None:
    """Give ``form``'s widgets Bootstrap's classes, so its fields render with the plain
    ``stagegids/_field.html`` partial instead of crispy-forms' template packs: on a list
    page rendered for every request, crispy's field templates cost a quarter of the time
    (and a select's options render in place: ``INLINE_SELECT``). Django itself marks a
    field with errors ``aria-invalid`` and points ``aria-describedby`` at its help text
    and its errors."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
            if widget.template_name == DJANGO_SELECT:
                widget.template_name = INLINE_SELECT
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "").split()
        if css not in classes:
            widget.attrs["class"] = " ".join([*classes, css])


class SearchForm(forms.Form):
    """A list's search box: ``q``, which a subclass labels with what it searches. A value
    that cannot be searched for (over 100 characters, or with a NUL character, which
    PostgreSQL refuses) fails with a message; the list then shows everything."""

    label: str | Promise = ""

    q = forms.CharField(
        required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].label = self.label

    @property
    def query(self) -> str:
        """The words to search for: the cleaned value, or "" when it was refused."""
        return self.cleaned_data["q"] if self.is_valid() else ""

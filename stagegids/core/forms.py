"""Form helpers shared by the apps."""

from django import forms


def with_bootstrap_widgets(form: forms.BaseForm) -> None:
    """Give ``form``'s widgets Bootstrap's classes, so its fields render with the plain
    ``stagegids/_field.html`` partial instead of crispy-forms' template packs: on a list
    page rendered for every request, crispy's field templates cost a quarter of the time.
    Django itself marks a field with errors ``aria-invalid`` and points
    ``aria-describedby`` at its help text and its errors."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "").split()
        if css not in classes:
            widget.attrs["class"] = " ".join([*classes, css])

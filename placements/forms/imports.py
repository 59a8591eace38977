"""Forms of the pupil import: the upload and the column mapping. Forms validate;
``placements.services.imports`` saves."""

from collections import defaultdict

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from placements.imports import (
    IMPORT_FIELDS,
    MAX_FILE_BYTES,
    ImportFileError,
    ParsedFile,
    column_label,
    parse_upload,
)
from placements.models import School
from stagegids.core.forms import SearchForm


class PupilSearchForm(SearchForm):
    """The pupils list's search box."""

    label = _("Name, student number or class")


class StudentImportUploadForm(forms.Form):
    """The school (asked only of who coordinates several) and the file, read right away:
    a file that is no pupil list fails here, at the file field, and nothing is stored."""

    school = forms.TypedChoiceField(label=_("School"), coerce=int)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV or Excel (.xlsx) file from your school administration, with one pupil "
            "per row and the column names in the first row."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def __init__(self, *args, schools: list[School], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.schools = {school.pk: school for school in schools}
        if len(schools) == 1:
            del self.fields["school"]
        else:
            self.fields["school"].choices = [("", "---------")] + [
                (school.pk, school.name) for school in schools
            ]

    def clean_school(self) -> School:
        return self.schools[self.cleaned_data["school"]]

    def clean_file(self) -> ParsedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)s. Split it, e.g. per year, and import each part.")
                % {"max": filesizeformat(MAX_FILE_BYTES)}
            )
        try:
            return parse_upload(upload.read())
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None

    @property
    def chosen_school(self) -> School:
        """The chosen school, or the only one."""
        if "school" in self.fields:
            return self.cleaned_data["school"]
        return next(iter(self.schools.values()))


class ColumnMappingForm(forms.Form):
    """Per pupil field the column of the file that holds it; each column at most once."""

    def __init__(self, *args, header: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("– not in the file –"))] + [
            (str(index), column_label(index, name)) for index, name in enumerate(header)
        ]
        for target in IMPORT_FIELDS:
            self.fields[target.name] = forms.TypedChoiceField(
                label=target.label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=target.required,
                error_messages={
                    "required": _(
                        "Choose the column with this. Is it missing from the file? Add it "
                        "and upload the file again."
                    )
                },
            )
        self.fields["surname_prefix"].help_text = _("Optional: e.g. van, de, van der.")
        self.fields["year"].help_text = _(
            "Optional: without it, the school year is the digit the class starts with (3B → 3)."
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        fields_by_column = defaultdict(list)
        for name, index in cleaned.items():
            if index is not None:
                fields_by_column[index].append(name)
        for names in fields_by_column.values():
            if len(names) > 1:
                labels = ", ".join(str(self.fields[name].label) for name in names)
                for name in names:
                    self.add_error(
                        name,
                        _("This column is chosen more than once (%(fields)s): choose it once.")
                        % {"fields": labels},
                    )
        return cleaned

    @property
    def mapping(self) -> dict[str, int]:
        """Field name → column index of the fields that have a column."""
        return {name: index for name, index in self.cleaned_data.items() if index is not None}

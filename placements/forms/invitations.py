"""Forms for inviting someone into a role, and for the new account an invitation makes.

Forms validate; ``placements.services.invitations`` saves.
"""

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from stagegids.core.models import User
from stagegids.core.validators import normalise_kvk


def _place_field(field: forms.ModelChoiceField) -> None:
    # One school or company to choose from: it is the one, and the field stays out of sight
    # (disabled: the form takes the initial value, whatever is posted).
    if len(field.queryset) == 1:
        field.initial = field.queryset[0].pk
        field.widget = forms.HiddenInput()
        field.disabled = True


class InvitationForm(forms.Form):
    """The address to invite; the subclasses add where the role is."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The invitation link is sent here; it works once, for 7 days."),
    )

    def place(self) -> dict[str, Any]:
        """The ``company`` and ``school`` for ``invitation_send``."""
        raise NotImplementedError


class SchoolStaffInvitationForm(InvitationForm):
    """A teacher (by a coordinator) or a coordinator (by an admin) of a school."""

    school = forms.ModelChoiceField(label=_("School"), queryset=None)

    def __init__(self, *args: Any, schools: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        _place_field(self.fields["school"])

    def place(self) -> dict[str, Any]:
        return {"school": self.cleaned_data["school"]}


class SupervisorInvitationForm(InvitationForm):
    """A colleague, as a supervisor of a company the inviting admin runs."""

    company = forms.ModelChoiceField(label=_("Company"), queryset=None)

    def __init__(self, *args: Any, companies: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        _place_field(self.fields["company"])

    def place(self) -> dict[str, Any]:
        return {"company": self.cleaned_data["company"]}


class CompanyContactInvitationForm(InvitationForm):
    """A coordinator invites a company's contact as its company admin: a company the school
    works with, one found by its KvK number, or a new one (name and KvK number)."""

    school = forms.ModelChoiceField(label=_("On behalf of school"), queryset=None)
    company = forms.ModelChoiceField(
        label=_("A company your school works with"),
        queryset=None,
        required=False,
        help_text=_("Or leave this empty and enter the company's KvK number below."),
    )
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=20,
        required=False,
        help_text=_("8 digits. A company that is known by this number is the one invited."),
    )
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        required=False,
        help_text=_("Only for a company that is new to Stagegids."),
    )

    def __init__(self, *args: Any, schools: QuerySet, companies: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        _place_field(self.fields["school"])
        self.fields["company"].queryset = companies

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("company") is not None:
            data["target_company"] = data["company"]
            return data
        kvk = data.get("kvk_number", "")
        if not kvk:
            if "kvk_number" not in self.errors:
                self.add_error(
                    "kvk_number", _("Choose a company above, or enter the company's KvK number.")
                )
            return data
        try:
            kvk = normalise_kvk(kvk)
        except ValidationError as error:
            self.add_error("kvk_number", error)
            return data
        company = Company.objects.filter(kvk_number=kvk).first()
        if company is None:
            name = data.get("company_name", "").strip()
            if not name:
                if "company_name" not in self.errors:
                    self.add_error(
                        "company_name",
                        _("No company is known by this KvK number: enter its name to add it."),
                    )
                return data
            company = Company(name=name, kvk_number=kvk)
        data["target_company"] = company
        return data

    def place(self) -> dict[str, Any]:
        return {
            "company": self.cleaned_data["target_company"],
            "school": self.cleaned_data["school"],
        }


class NewAccountForm(forms.Form):
    """The name and password of the account an invitation makes (the email is the
    invitation's); the password passes Django's password validators."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password = data.get("password1")
        if password and data.get("password2") and password != data["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password:
            user = User(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

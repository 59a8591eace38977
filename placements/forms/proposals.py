"""Forms for proposing a placement, registering one, and answering either.

Forms validate; ``placements.services.proposals`` and ``services.lifecycle`` save.
"""

from functools import partial
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from placements.forms.core import DATE_INPUT, RuleCheckedModelForm, WorkDaysField
from placements.forms.working_time import age_field
from placements.models import Placement, PlacementStatus, School, Student
from placements.selectors.search import pupil_words_q
from placements.services import placement_rule_errors
from stagegids.core.forms import with_bootstrap_widgets
from stagegids.core.models import User

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

#: What a proposal or a registration says about the placement itself.
PLACEMENT_TERMS = [
    "kind",
    "start_date",
    "end_date",
    "weekday",
    "work_days",
    "hours_per_week",
    "daily_start_time",
    "daily_end_time",
    "break_minutes",
    "planned_hours",
]


class ProposalTermsForm(RuleCheckedModelForm):
    """The terms both sides agree on, checked against every rule; ``note`` opens the
    message thread."""

    rule_errors = staticmethod(placement_rule_errors)
    status: PlacementStatus
    work_days = WorkDaysField()

    note = forms.CharField(
        label=_("Note for the other side"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. It becomes the first message of the placement's thread."),
    )

    class Meta:
        model = Placement
        fields = PLACEMENT_TERMS
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "daily_start_time": TIME_INPUT,
            "daily_end_time": TIME_INPUT,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The overlap check must know this is an open proposal, not a cancelled one.
        self.instance.status = self.status


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Student) -> str:
        details = ", ".join(part for part in (obj.class_name, obj.student_number) if part)
        return f"{obj.full_name} ({details})"


class PupilSearchForm(forms.Form):
    """The propose page's pupil search: a GET that narrows the pupil list, so finding one
    pupil among hundreds works without JavaScript."""

    pupil = forms.CharField(
        label=_("Find the pupil"),
        help_text=_("Name, class or student number."),
        required=False,
        max_length=100,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_search_%s")
        super().__init__(*args, **kwargs)
        with_bootstrap_widgets(self)


class ProposalForm(ProposalTermsForm):
    """A coordinator proposes a placement of one of the school's pupils to a company."""

    status = PlacementStatus.PROPOSED

    class Meta(ProposalTermsForm.Meta):
        fields = ["student", "pupil_age", "company", *PLACEMENT_TERMS, "school_hours_per_week"]
        field_classes = {"student": StudentChoiceField}

    def __init__(
        self, *args: Any, schools: QuerySet[School], pupil_search: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        pupils = Student.objects.filter(school__in=schools)
        if words := pupil_search.split():
            # The page's pupil search (a GET, before the form is posted) narrows the list
            # to the pupils whose name, class or student number match every word; a posted
            # form chooses from all of them again.
            pupils = pupils.filter(pupil_words_q(words))
            matching = list(pupils.values_list("pk", flat=True)[:2])
            if len(matching) == 1 and not self.initial.get("student"):
                self.initial["student"] = matching[0]
        self.fields["student"].queryset = pupils.order_by(
            "class_name", "surname", "given_name", "pk"
        )
        # The school states the age: the working-time rules for minors depend on it.
        self.fields["pupil_age"] = age_field()
        self.fields["company"].queryset = Company.objects.order_by("name", "pk")
        self.fields["company"].help_text = _(
            "Someone at the company accepts the proposal and chooses the supervisor."
        )


class RegistrationForm(ProposalTermsForm):
    """Someone at a company registers a placement for a pupil who approached it directly.

    The company knows the pupil only by what the pupil tells: the school, the student
    number and the surname. Together they must match one pupil of that school; the
    message is the same whichever part is wrong, so nothing about the school's pupils
    can be learnt from it.
    """

    status = PlacementStatus.REGISTERED
    rule_errors = staticmethod(partial(placement_rule_errors, discreet=True))

    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.order_by("name"))
    student_number = forms.CharField(
        label=_("Student number"),
        max_length=20,
        help_text=_("Ask the pupil: it is on their school pass or in the school's app."),
    )
    surname = forms.CharField(
        label=_("Pupil's surname"), max_length=120, help_text=_("With the prefix, if any.")
    )

    class Meta(ProposalTermsForm.Meta):
        fields = ["company", "supervisor", *PLACEMENT_TERMS]

    field_order = ["school", "student_number", "surname", "company", "supervisor"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        memberships = list(user.company_memberships.select_related("company"))
        companies = Company.objects.filter(pk__in=[m.company_id for m in memberships])
        self.fields["company"].queryset = companies.order_by("name")
        if len(memberships) == 1:
            self.fields["company"].initial = memberships[0].company_id
            self.fields["company"].widget = forms.HiddenInput()
        admin_of = [m.company_id for m in memberships if m.is_company_admin]
        self.user, self.admin_of = user, set(admin_of)
        if admin_of:
            self.fields["supervisor"].required = True
            self.fields["supervisor"].initial = user.pk
            self.fields["supervisor"].queryset = (
                User.objects.filter(company_memberships__company_id__in=admin_of)
                .distinct()
                .order_by("last_name", "first_name", "pk")
            )
            self.fields["supervisor"].label_from_instance = lambda u: u.get_full_name() or u.email
        else:
            # Someone who is not an admin supervises what they register.
            del self.fields["supervisor"]
            self.instance.supervisor = user

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._check_supervisor(data)
        school, number, surname = (data.get(k) for k in ("school", "student_number", "surname"))
        if not (school and number and surname):
            return data
        if lookups_left(self.user) <= 0:
            self.add_error(
                "student_number",
                _(
                    "Too many pupils were not found: try again in an hour, or ask the "
                    "school's internship coordinator."
                ),
            )
            return data
        student = _student_named(school, number.strip(), surname)
        if student is None:
            count_failed_lookup(self.user)
            self.add_error(
                "student_number",
                _(
                    "%(school)s has no pupil with this student number and surname. Check "
                    "both with the pupil; if they are right, ask the school's internship "
                    "coordinator to add the pupil to Stagegids."
                )
                % {"school": school.name},
            )
        else:
            self.instance.student = student
        return data

    def _check_supervisor(self, data: dict[str, Any]) -> None:
        company, supervisor = data.get("company"), data.get("supervisor")
        if company and supervisor and supervisor != self.user and company.pk not in self.admin_of:
            self.add_error(
                "supervisor",
                _("Only an admin of %(company)s chooses someone else as the supervisor.")
                % {"company": company.name},
            )


#: Someone at a company may miss a pupil this many times an hour: enough for typing
#: errors, too few to try out which numbers and surnames a school has.
LOOKUP_LIMIT = 10
LOOKUP_WINDOW_SECONDS = 3600


def _lookup_key(user: User) -> str:
    return f"placements:pupil-lookups-failed:{user.pk}"


def lookups_left(user: User) -> int:
    """How many more pupils ``user`` may fail to find within the hour."""
    return LOOKUP_LIMIT - cache.get(_lookup_key(user), 0)


def count_failed_lookup(user: User) -> None:
    key = _lookup_key(user)
    # add() starts the hour at the first miss; incr() keeps it.
    if cache.add(key, 1, LOOKUP_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # the hour ended between the two calls
        cache.add(key, 1, LOOKUP_WINDOW_SECONDS)


def _normalised(name: str) -> str:
    return " ".join(name.split()).casefold()


def _student_named(school: School, number: str, surname: str) -> Student | None:
    """The pupil of ``school`` with ``number`` whose surname, with or without its prefix,
    is ``surname`` (case and spacing aside)."""
    student = Student.objects.filter(school=school, student_number=number).first()
    if student is None:
        return None
    names = {
        _normalised(student.surname),
        _normalised(f"{student.surname_prefix} {student.surname}"),
    }
    return student if _normalised(surname) in names else None


class AcceptForm(forms.Form):
    """Who at the company supervises the intern once the proposal is accepted."""

    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"),
        queryset=User.objects.none(),
        help_text=_("The colleague who guides the intern at work."),
    )

    def __init__(self, *args: Any, placement: Placement, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supervisor"]
        field.queryset = User.objects.filter(
            company_memberships__company_id=placement.company_id
        ).order_by("last_name", "first_name", "pk")
        field.label_from_instance = lambda u: u.get_full_name() or u.email
        field.initial = user.pk


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("The other side reads this reason on the placement and their dashboard."),
        error_messages={"required": _("Give a reason.")},
    )

"""factory_boy factories for every model; defaults build a valid, simple placement."""

import datetime
from decimal import Decimal

import factory
from allauth.mfa.models import Authenticator

from companies.models import Company, CompanyMembership, Sector
from evaluations.models import Evaluation, EvaluationKind, EvaluationStatus, FormDefinition
from placements.models import (
    Absence,
    ChecklistItem,
    ChecklistItemTemplate,
    DayLog,
    FeedbackMoment,
    InsuranceAnswer,
    Intake,
    Invitation,
    InvitationRole,
    Message,
    Phase,
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    School,
    SchoolMembership,
    SchoolRole,
    StatusChange,
    Student,
    Task,
    TaskLevel,
    TaskRecord,
    token_hash,
)
from stagegids.core.models import User

PASSWORD = "test-password-123"
#: The base32 secret of ``TOTPAuthenticatorFactory`` (allauth stores it as it is).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Installatiebedrijf {n} B.V.")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    street = "Industrieweg 1"
    postcode = "3542 AD"
    city = "Utrecht"
    sector = Sector.COMBINED

    class Params:
        recognised = factory.Trait(
            sbb_recognised=True,
            sbb_number=factory.Sequence(lambda n: f"SBB{n:06d}"),
            sbb_valid_until=datetime.date(2099, 12, 31),
        )


class CompanyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyMembership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Vakcollege {n}")
    brin = factory.Sequence(
        lambda n: f"{10 + n % 90:02d}{chr(65 + n // 90 % 26)}{chr(65 + n % 26)}"
    )
    street = "Schoolstraat 5"
    postcode = "1011 AB"
    city = "Amsterdam"


class SchoolMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolMembership

    school = factory.SubFactory(SchoolFactory)
    user = factory.SubFactory(UserFactory)
    role = SchoolRole.COORDINATOR


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    school = factory.SubFactory(SchoolFactory)
    given_name = factory.Faker("first_name", locale="nl_NL")
    surname = factory.Faker("last_name", locale="nl_NL")
    student_number = factory.Sequence(lambda n: f"{100000 + n}")
    programme = Programme.VMBO_K
    class_name = "3K"
    year = 3


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    student = factory.SubFactory(StudentFactory)
    company = factory.SubFactory(CompanyFactory)
    supervisor = factory.LazyAttribute(lambda o: CompanyMembershipFactory(company=o.company).user)
    kind = PlacementKind.BLOKSTAGE
    status = PlacementStatus.PLANNED
    start_date = datetime.date(2026, 3, 2)
    end_date = datetime.date(2026, 3, 13)
    #: The age the school states; 15: the working-time rules for 14 and 15 apply.
    pupil_age = 15


class DayLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DayLog

    placement = factory.SubFactory(PlacementFactory)
    date = factory.LazyAttribute(lambda o: o.placement.start_date)
    hours = Decimal(8)
    absence = Absence.PRESENT
    recorded_by = factory.LazyAttribute(lambda o: o.placement.supervisor)


def day_logs_on_weekdays(placement, count, *, hours=Decimal(8)):
    """``count`` present days of ``hours`` on consecutive weekdays from the start."""
    logs, day = [], placement.start_date
    while len(logs) < count:
        if day.weekday() < 5:
            logs.append(DayLogFactory(placement=placement, date=day, hours=hours))
        day += datetime.timedelta(days=1)
    return logs


class ChecklistItemTemplateFactory(factory.django.DjangoModelFactory):
    """A template of our own, after the 23 that the data migration loads (order 10 to 230)."""

    class Meta:
        model = ChecklistItemTemplate

    phase = Phase.BEFORE_START
    order = factory.Sequence(lambda n: 1000 + n)
    text = factory.Sequence(lambda n: f"Eigen checklistpunt {n}")
    help_text = factory.Sequence(lambda n: f"Uitleg bij punt {n}")
    kinds = factory.LazyFunction(list)
    school_may_tick = False
    is_active = True


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    """A placement's own checklist item without a template (as after a template's deletion)."""

    class Meta:
        model = ChecklistItem

    placement = factory.SubFactory(PlacementFactory)
    template = None
    phase = Phase.DURING
    order = factory.Sequence(lambda n: 1000 + n)
    text = factory.Sequence(lambda n: f"Los checklistpunt {n}")


class IntakeFactory(factory.django.DjangoModelFactory):
    """An intake whose insurance questions are both answered with yes."""

    class Meta:
        model = Intake

    placement = factory.SubFactory(PlacementFactory)
    learning_goals = "Ontdekken of installatietechniek bij mij past."
    insured_material_damage = InsuranceAnswer.YES
    insured_accidents = InsuranceAnswer.YES


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    placement = factory.SubFactory(PlacementFactory)
    from_status = PlacementStatus.DRAFT
    to_status = PlacementStatus.PLANNED
    by = factory.SubFactory(UserFactory)


class MessageFactory(factory.django.DjangoModelFactory):
    """A message by the placement's supervisor; ``sent_at=`` backdates or postdates it."""

    class Meta:
        model = Message
        skip_postgeneration_save = True

    placement = factory.SubFactory(PlacementFactory)
    author = factory.LazyAttribute(lambda o: o.placement.supervisor)
    body = factory.Sequence(lambda n: f"Bericht {n}")

    @factory.post_generation
    def sent_at(obj, create, extracted, **kwargs):
        # created_at is auto_now_add, which ignores a value given on create.
        if create and extracted is not None:
            Message.objects.filter(pk=obj.pk).update(created_at=extracted)
            obj.created_at = extracted


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    name = factory.Sequence(lambda n: f"Taak {n}")
    order = factory.Sequence(lambda n: 1000 + n)


class TaskRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskRecord

    placement = factory.SubFactory(PlacementFactory)
    task = factory.SubFactory(TaskFactory)
    level = TaskLevel.DEMONSTRATED
    date = factory.LazyAttribute(lambda o: o.placement.start_date)


class FeedbackMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackMoment

    placement = factory.SubFactory(PlacementFactory)
    title = factory.Sequence(lambda n: f"Feedback {n}")
    planned_on = factory.LazyAttribute(
        lambda o: o.placement.start_date + datetime.timedelta(days=3)
    )


class EvaluationFactory(factory.django.DjangoModelFactory):
    """A final assessment on the form the data migration loads (version 1)."""

    class Meta:
        model = Evaluation

    placement = factory.SubFactory(PlacementFactory)
    kind = EvaluationKind.FINAL
    definition = factory.LazyFunction(lambda: FormDefinition.objects.get(version=1))
    status = EvaluationStatus.DRAFT


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation of a teacher by a coordinator; its link's token is
    ``invitation-token-<n>`` (only the hash is stored)."""

    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"uitgenodigd{n}@example.test")
    role = InvitationRole.TEACHER
    school = factory.SubFactory(SchoolFactory)
    invited_by = factory.LazyAttribute(
        lambda o: SchoolMembershipFactory(school=o.school, role=SchoolRole.COORDINATOR).user
    )
    token_hash = factory.Sequence(lambda n: token_hash(f"invitation-token-{n}"))
    expires_at = factory.LazyFunction(
        lambda: datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=7)
    )


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    """An email waiting for the SMTP server."""

    class Meta:
        model = "stagegids.OutgoingEmail"

    to = "begeleider@example.nl"
    subject = "Stagegids: een bericht"
    text_body = "Hallo"


class TOTPAuthenticatorFactory(factory.django.DjangoModelFactory):
    """An authenticator app set up with a known secret (``TOTP_SECRET``)."""

    class Meta:
        model = Authenticator

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.TOTP
    data = factory.LazyFunction(lambda: {"secret": TOTP_SECRET})


class RecoveryCodesFactory(factory.django.DjangoModelFactory):
    """Ten unused recovery codes (a user has them beside an app or a passkey)."""

    class Meta:
        model = Authenticator

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.RECOVERY_CODES
    data = factory.LazyFunction(lambda: {"seed": "5eed" * 10, "used_mask": 0})

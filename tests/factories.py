"""factory_boy factories for every model; defaults build a valid, simple placement."""

import datetime

import factory

from companies.models import Company, CompanyMembership, Sector
from placements.models import (
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    School,
    SchoolMembership,
    SchoolRole,
    Student,
)
from stagegids.models import User

PASSWORD = "test-password-123"


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

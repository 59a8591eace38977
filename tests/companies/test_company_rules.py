"""Company rules: complete SBB recognition, its validity on a day, and a unique KvK number.

Each rule is checked where users meet it (``full_clean``) and where the database backs it
up (named constraints, reached by writes that skip validation).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value

from companies.models import Company
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

VALID_UNTIL = datetime.date(2026, 7, 31)


def _full_clean_error_fields(company: Company) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        company.full_clean()
    return sorted(excinfo.value.error_dict)


# --- SBB recognition is complete -------------------------------------------------------


def test_sbb_recognition_complete_is_accepted():
    company = CompanyFactory.build(
        sbb_recognised=True, sbb_number="SBB000123", sbb_valid_until=VALID_UNTIL
    )

    company.full_clean()

    assert (company.sbb_number, company.sbb_valid_until) == ("SBB000123", VALID_UNTIL)


def test_sbb_recognition_without_number_is_refused_on_sbb_number():
    company = CompanyFactory.build(sbb_recognised=True, sbb_number="", sbb_valid_until=VALID_UNTIL)

    fields = _full_clean_error_fields(company)

    assert fields == ["sbb_number"]


def test_sbb_recognition_without_valid_until_is_refused_on_sbb_valid_until():
    company = CompanyFactory.build(sbb_recognised=True, sbb_number="SBB000123")

    fields = _full_clean_error_fields(company)

    assert fields == ["sbb_valid_until"]


def test_sbb_recognition_without_number_and_date_is_refused_on_both():
    company = CompanyFactory.build(sbb_recognised=True)

    fields = _full_clean_error_fields(company)

    assert fields == ["sbb_number", "sbb_valid_until"]


def test_sbb_unrecognised_without_number_and_date_is_accepted():
    company = CompanyFactory.build(sbb_recognised=False)

    company.full_clean()

    assert (company.sbb_number, company.sbb_valid_until) == ("", None)


# --- Company.sbb_valid_on --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(datetime.date(2026, 1, 5), True, id="well-before"),
        pytest.param(VALID_UNTIL, True, id="on-last-valid-day"),
        pytest.param(VALID_UNTIL + datetime.timedelta(days=1), False, id="day-after"),
    ],
)
def test_sbb_valid_on_recognised_company_follows_valid_until(day, expected):
    company = CompanyFactory.build(
        sbb_recognised=True, sbb_number="SBB000123", sbb_valid_until=VALID_UNTIL
    )

    valid = company.sbb_valid_on(day)

    assert valid is expected


def test_sbb_valid_on_unrecognised_company_is_false():
    # A stale date left behind after the recognition was withdrawn must not count.
    company = CompanyFactory.build(sbb_recognised=False, sbb_valid_until=VALID_UNTIL)

    valid = company.sbb_valid_on(datetime.date(2026, 1, 5))

    assert valid is False


def test_sbb_valid_on_recognised_without_date_is_false():
    company = CompanyFactory.build(sbb_recognised=True, sbb_number="SBB000123")

    valid = company.sbb_valid_on(datetime.date(2026, 1, 5))

    assert valid is False


# --- KvK number is unique --------------------------------------------------------------


def test_kvk_number_unused_is_accepted():
    CompanyFactory(kvk_number="12345678")
    company = CompanyFactory.build(kvk_number="12345679")

    company.full_clean()

    assert company.kvk_number == "12345679"


@pytest.mark.parametrize("entered", ["12345678", "1234 5678"])
def test_kvk_number_taken_is_refused_on_kvk_number(entered):
    CompanyFactory(kvk_number="12345678")
    company = CompanyFactory.build(kvk_number=entered)

    with pytest.raises(ValidationError) as excinfo:
        company.full_clean()

    assert {
        field: [e.code for e in errors] for field, errors in excinfo.value.error_dict.items()
    } == {"kvk_number": ["unique"]}


def test_kvk_number_taken_is_refused_by_database():
    CompanyFactory(kvk_number="12345678")

    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.bulk_create([CompanyFactory.build(kvk_number="12345678")])

    assert Company.objects.count() == 1


# --- database constraints, reached by writes that skip validation ----------------------

KVK_CONSTRAINT = "companies_company_kvk_eight_digits"
SBB_CONSTRAINT = "companies_company_sbb_recognition_complete"


# KvkField normalises in to_python, which Django also calls when it prepares a value for
# the database, so a plain bad string never reaches the database: saving it raises the
# field's ValidationError. Wrapping the value in an expression skips that preparation.


def test_kvk_save_without_validation_not_eight_digits_is_stopped_by_the_database():
    company = CompanyFactory.build(kvk_number="1234567")

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Company.objects.bulk_create([company])

    assert "companies_company_kvk_eight_digits" in str(excinfo.value)
    assert Company.objects.count() == 0


# Eight characters at most: PostgreSQL refuses longer values as too long for varchar(8).
@pytest.mark.parametrize("stored", ["1234567", "1234 567", "1234567a"])
def test_kvk_constraint_bulk_create_not_eight_digits_raises(stored):
    company = CompanyFactory.build(kvk_number=Value(stored))

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Company.objects.bulk_create([company])

    assert KVK_CONSTRAINT in str(excinfo.value)
    assert Company.objects.count() == 0


def test_kvk_constraint_update_to_letters_raises():
    company = CompanyFactory(kvk_number="12345678")

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Company.objects.filter(pk=company.pk).update(kvk_number=Value("ABCDEFGH"))

    assert KVK_CONSTRAINT in str(excinfo.value)
    company.refresh_from_db()
    assert company.kvk_number == "12345678"


def test_kvk_constraint_bulk_create_eight_digits_is_stored():
    company = CompanyFactory.build(kvk_number="01234567")

    Company.objects.bulk_create([company])

    assert list(Company.objects.values_list("kvk_number", flat=True)) == ["01234567"]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"sbb_number": "", "sbb_valid_until": VALID_UNTIL}, id="without-number"),
        pytest.param({"sbb_number": "SBB000123", "sbb_valid_until": None}, id="without-date"),
        pytest.param({"sbb_number": "", "sbb_valid_until": None}, id="without-both"),
    ],
)
def test_sbb_constraint_bulk_create_recognised_incomplete_raises(fields):
    company = CompanyFactory.build(sbb_recognised=True, **fields)

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Company.objects.bulk_create([company])

    assert SBB_CONSTRAINT in str(excinfo.value)
    assert Company.objects.count() == 0


def test_sbb_constraint_update_recognised_without_date_raises():
    company = CompanyFactory(recognised=True)

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Company.objects.filter(pk=company.pk).update(sbb_valid_until=None)

    assert SBB_CONSTRAINT in str(excinfo.value)
    company.refresh_from_db()
    assert company.sbb_valid_until == datetime.date(2099, 12, 31)


def test_sbb_constraint_update_recognition_on_company_without_number_raises():
    company = CompanyFactory(sbb_recognised=False)

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Company.objects.filter(pk=company.pk).update(sbb_recognised=True)

    assert SBB_CONSTRAINT in str(excinfo.value)
    company.refresh_from_db()
    assert company.sbb_recognised is False


def test_sbb_constraint_update_withdrawing_recognition_is_stored():
    company = CompanyFactory(recognised=True)

    Company.objects.filter(pk=company.pk).update(
        sbb_recognised=False, sbb_number="", sbb_valid_until=None
    )

    company.refresh_from_db()
    assert (company.sbb_recognised, company.sbb_number, company.sbb_valid_until) == (
        False,
        "",
        None,
    )


def test_sbb_constraint_bulk_create_unrecognised_without_number_and_date_is_stored():
    company = CompanyFactory.build(sbb_recognised=False)

    Company.objects.bulk_create([company])

    assert list(Company.objects.values_list("sbb_recognised", "sbb_number", "sbb_valid_until")) == [
        (False, "", None)
    ]

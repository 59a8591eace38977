"""Dutch identifiers (postcode, BRIN, KvK) normalised and checked through the model fields.

The project speaks Dutch (LANGUAGE_CODE = "nl") and the translations may still be
missing, so the refusals are identified by their error code, not by their text.
"""

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from companies.models import Company
from placements.models import School
from tests.factories import CompanyFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _full_clean_errors(instance) -> dict[str, list[str]]:
    """Run ``full_clean`` and return the error codes by field; fail when nothing is refused."""
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return {
        field: [error.code for error in errors]
        for field, errors in excinfo.value.error_dict.items()
    }


# --- postcode --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        pytest.param("1234ab", "1234 AB", id="lower-case-without-space"),
        pytest.param(" 1234  ab ", "1234 AB", id="surrounding-and-double-spaces"),
        pytest.param("1234 AB", "1234 AB", id="already-canonical"),
    ],
)
def test_postcode_valid_is_normalised(entered, stored):
    company = CompanyFactory.build(postcode=entered)

    company.full_clean()

    assert company.postcode == stored


@pytest.mark.parametrize(
    "entered",
    [
        pytest.param("0123 AB", id="leading-zero"),
        pytest.param("1234 SS", id="banned-letters-SS"),
        pytest.param("1234 SA", id="banned-letters-SA"),
        pytest.param("1234 SD", id="banned-letters-SD"),
        pytest.param("12345", id="five-digits"),
    ],
)
def test_postcode_invalid_is_refused_on_postcode(entered):
    company = CompanyFactory.build(postcode=entered)

    errors = _full_clean_errors(company)

    assert errors == {"postcode": ["invalid_postcode"]}


def test_postcode_invalid_on_school_is_refused_on_postcode():
    school = SchoolFactory.build(postcode="0123 AB")

    errors = _full_clean_errors(school)

    assert errors == {"postcode": ["invalid_postcode"]}


# --- BRIN ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        pytest.param("12ab", "12AB", id="lower-case"),
        pytest.param("12AB01", "12AB01", id="with-location-number"),
    ],
)
def test_brin_valid_is_normalised(entered, stored):
    school = SchoolFactory.build(brin=entered)

    school.full_clean()

    assert school.brin == stored


@pytest.mark.parametrize(
    "entered",
    [
        pytest.param("1AB", id="one-digit"),
        pytest.param("12A1", id="digit-instead-of-letter"),
    ],
)
def test_brin_invalid_is_refused_on_brin(entered):
    school = SchoolFactory.build(brin=entered)

    errors = _full_clean_errors(school)

    assert errors == {"brin": ["invalid_brin"]}


def test_brin_taken_by_other_school_is_refused_on_brin():
    SchoolFactory(brin="12AB")
    school = SchoolFactory.build(brin="12ab")

    errors = _full_clean_errors(school)

    assert errors == {"brin": ["unique"]}


# --- KvK number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        pytest.param("12345678", "12345678", id="eight-digits"),
        pytest.param("1234.5678", "12345678", id="with-dot"),
        pytest.param("1234 5678", "12345678", id="with-space"),
    ],
)
def test_kvk_valid_is_normalised(entered, stored):
    company = CompanyFactory.build(kvk_number=entered)

    company.full_clean()

    assert company.kvk_number == stored


@pytest.mark.parametrize(
    "entered",
    [
        pytest.param("1234567", id="seven-digits"),
        pytest.param("123456789", id="nine-digits"),
        pytest.param("1234567a", id="letter"),
        pytest.param("KVK12345678", id="prefix"),
    ],
)
def test_kvk_invalid_is_refused_on_kvk_number(entered):
    company = CompanyFactory.build(kvk_number=entered)

    errors = _full_clean_errors(company)

    assert errors == {"kvk_number": ["invalid_kvk"]}


# --- the same identifiers entered through a model form (as the admin does) --------------
# stagegids/fields.py promises that "admin, model forms and full_clean all store the same
# canonical form". The form field Django derives from the model field keeps the model's
# max_length, so it refuses separated input before the model field can normalise it.

CompanyForm = modelform_factory(
    Company, fields=["name", "kvk_number", "street", "postcode", "city", "sector"]
)
SchoolForm = modelform_factory(School, fields=["name", "brin", "street", "postcode", "city"])


def _company_form_data(**overrides) -> dict[str, str]:
    return {
        "name": "Installatiebedrijf Test B.V.",
        "kvk_number": "12345678",
        "street": "Industrieweg 1",
        "postcode": "3542 AD",
        "city": "Utrecht",
        "sector": "combined",
        **overrides,
    }


def test_company_form_canonical_values_are_accepted():
    form = CompanyForm(data=_company_form_data())

    assert form.errors == {}


@pytest.mark.parametrize("entered", ["1234.5678", "1234 5678"])
def test_company_form_kvk_with_separator_is_normalised(entered):
    form = CompanyForm(data=_company_form_data(kvk_number=entered))

    valid = form.is_valid()

    assert (valid, form.errors.get("kvk_number")) == (True, None), (
        f"BUG: the KvK form field's max_length=8 refuses {entered!r} before KvkField "
        "normalises it to 12345678 (admin and model forms cannot use the separator)."
    )
    assert form.instance.kvk_number == "12345678"


def test_company_form_postcode_with_double_space_is_normalised():
    form = CompanyForm(data=_company_form_data(postcode="1234  ab"))

    valid = form.is_valid()

    assert (valid, form.errors.get("postcode")) == (True, None), (
        "BUG: the postcode form field's max_length=7 refuses '1234  ab' (8 characters) "
        "before PostcodeField normalises it to '1234 AB'."
    )
    assert form.instance.postcode == "1234 AB"


def test_company_form_invalid_kvk_is_refused_on_kvk_number():
    form = CompanyForm(data=_company_form_data(kvk_number="1234567a"))

    valid = form.is_valid()

    assert valid is False
    assert [error.code for error in form.errors.as_data()["kvk_number"]] == ["invalid_kvk"]


def test_school_form_lower_case_brin_is_normalised():
    form = SchoolForm(
        data={
            "name": "Vakcollege Test",
            "brin": "12ab01",
            "street": "Schoolstraat 5",
            "postcode": "1011ab",
            "city": "Amsterdam",
        }
    )

    valid = form.is_valid()

    assert valid is True
    assert (form.instance.brin, form.instance.postcode) == ("12AB01", "1011 AB")

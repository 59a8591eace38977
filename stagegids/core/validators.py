"""Validators and normalisers for Dutch identifiers shared by several apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import brin, postcode

KVK_PATTERN = r"^[0-9]{8}$"


def normalise_postcode(value: str) -> str:
    """Return a Dutch postcode as ``1234 AB``; raise ValidationError when it is not one."""
    try:
        return postcode.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, e.g. 1234 AB."),
            code="invalid_postcode",
        ) from None


def normalise_brin(value: str) -> str:
    """Return a BRIN code in upper case (``12AB`` or ``12AB01``); raise when invalid."""
    try:
        return brin.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "Enter a valid BRIN code: two digits and two letters, e.g. 12AB, "
                "optionally followed by a two-digit location number."
            ),
            code="invalid_brin",
        ) from None


def normalise_kvk(value: str) -> str:
    """Return a KvK number as its eight digits; spaces and dots are dropped."""
    digits = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(KVK_PATTERN, digits):
        raise ValidationError(
            _("A KvK number has exactly 8 digits."),
            code="invalid_kvk",
        )
    return digits

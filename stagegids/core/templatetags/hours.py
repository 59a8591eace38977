"""``{{ value|hours }}``: a number of hours as people write it, in the active language."""

from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format

register = template.Library()


@register.filter
def hours(value) -> str:
    """Up to two decimals without trailing zeros: 8, 7,5 and 6,25 (7.5 in English); an
    empty value stays empty."""
    if value in (None, ""):
        return ""
    try:
        Decimal(str(value))
    except InvalidOperation:
        return ""
    text = floatformat(value, "-2")
    separator = get_format("DECIMAL_SEPARATOR")
    if separator in text:
        text = text.rstrip("0").rstrip(separator)
    return text

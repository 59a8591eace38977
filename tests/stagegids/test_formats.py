"""Dates are written through the portal's named formats (``stagegids.core.formats``): Dutch
months in lower case, one way per kind of date, in every language."""

import datetime
import pathlib
import re

import pytest
from django.template import engines
from django.utils import translation
from django.utils.formats import date_format

from placements.models import Placement
from stagegids.core.formats.en import formats as en
from stagegids.core.formats.nl import formats as nl

DAY = datetime.date(2026, 10, 15)  # a Thursday
TEMPLATES = pathlib.Path(__file__).resolve().parents[2] / "templates"


def _names(module):
    return {name for name in vars(module) if name.endswith("_FORMAT")}


def test_both_languages_define_the_same_formats():
    assert _names(nl) == _names(en)
    assert "COMPACT_DATE_FORMAT" in _names(nl)


@pytest.mark.parametrize(
    ("name", "dutch", "english"),
    [
        ("DATE_FORMAT", "15 oktober 2026", "15 October 2026"),
        ("COMPACT_DATE_FORMAT", "15 okt 2026", "15 Oct 2026"),
        ("COMPACT_DAY_FORMAT", "15 okt", "15 Oct"),
        ("WEEKDAY_DATE_FORMAT", "donderdag 15 oktober 2026", "Thursday 15 October 2026"),
        ("COMPACT_WEEKDAY_DATE_FORMAT", "do 15 okt 2026", "Thu 15 Oct 2026"),
        ("SHORT_DATE_FORMAT", "15-10-2026", "15/10/2026"),
        ("MONTH_ABBR_FORMAT", "okt", "Oct"),
        ("YEAR_MONTH_FORMAT", "oktober 2026", "October 2026"),
    ],
)
def test_named_formats_in_each_language(name, dutch, english):
    with translation.override("nl"):
        assert date_format(DAY, name) == dutch
    with translation.override("en"):
        assert date_format(DAY, name) == english


def test_may_in_dutch_is_lower_case():
    with translation.override("nl"):
        assert date_format(datetime.date(2026, 5, 1), "COMPACT_DATE_FORMAT") == "1 mei 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "25 jan – 5 feb 2027"), ("en", "25 Jan – 5 Feb 2027")],
)
def test_a_period_reads_in_the_language(language, expected):
    placement = Placement(start_date=datetime.date(2027, 1, 25), end_date=datetime.date(2027, 2, 5))
    template = engines["django"].from_string('{% include "placements/_period.html" %}')

    with translation.override(language):
        assert template.render({"placement": placement}).strip() == expected


def test_no_template_spells_out_a_date_format():
    """Every ``|date:`` names a format, or is a number (the year, the week) or the ISO
    date of an attribute (Y-m-d, c): a spelt-out one would bring back "Jan" beside "januari"."""
    spelt_out = []
    for path in TEMPLATES.rglob("*"):
        if path.is_file():
            for found in re.findall(r"""\|date:["']([^"']*)["']""", path.read_text()):
                if not re.fullmatch(r"[A-Z_]+_FORMAT|Y|W|Y-m-d|c", found):
                    spelt_out.append((path.name, found))
    assert spelt_out == []

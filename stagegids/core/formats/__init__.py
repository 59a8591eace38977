"""How the portal writes dates, per language (``FORMAT_MODULE_PATH``).

Templates and messages name a format (``{{ day|date:"COMPACT_DATE_FORMAT" }}``,
``date_format(day, "DATE_FORMAT")``) and never spell one out, so a date reads the same
everywhere in one language: Dutch writes months in lower case ("1 december 2026",
"25 jan to 5 feb 2027"), English capitalises the short ones ("25 Jan to 5 Feb 2027").
Next to Django's own names (DATE_FORMAT, SHORT_DATE_FORMAT, MONTH_DAY_FORMAT, …) each
language defines the portal's: COMPACT_* for tables and periods, WEEKDAY_* with the day
of the week, DAY_TIME_FORMAT and MONTH_ABBR_FORMAT. ``tests/stagegids/test_formats.py``
checks that both languages define every one.
"""

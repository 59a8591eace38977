"""English dates as written in the Netherlands' English: the day before the month."""

DATE_FORMAT = "j F Y"  # 1 December 2026
SHORT_DATE_FORMAT = "d/m/Y"  # 01/12/2026
DATETIME_FORMAT = "j F Y, H:i"  # 1 December 2026, 14:05
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
MONTH_DAY_FORMAT = "j F"  # 1 December
YEAR_MONTH_FORMAT = "F Y"  # December 2026
COMPACT_DATE_FORMAT = "j M Y"  # 1 Dec 2026
COMPACT_DAY_FORMAT = "j M"  # 1 Dec
COMPACT_DATETIME_FORMAT = "j M Y, H:i"  # 1 Dec 2026, 14:05
COMPACT_WEEKDAY_DATE_FORMAT = "D j M Y"  # Tue 1 Dec 2026
WEEKDAY_DATE_FORMAT = "l j F Y"  # Tuesday 1 December 2026
WEEKDAY_DAY_FORMAT = "l j F"  # Tuesday 1 December
DAY_TIME_FORMAT = "j F, H:i"  # 1 December, 14:05
MONTH_ABBR_FORMAT = "M"  # Dec

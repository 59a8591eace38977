"""Dutch dates: months and days in lower case, the day before the month."""

DATE_FORMAT = "j F Y"  # 1 december 2026
SHORT_DATE_FORMAT = "d-m-Y"  # 01-12-2026
DATETIME_FORMAT = "j F Y, H:i"  # 1 december 2026, 14:05
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
MONTH_DAY_FORMAT = "j F"  # 1 december
YEAR_MONTH_FORMAT = "F Y"  # december 2026
COMPACT_DATE_FORMAT = "j b Y"  # 1 dec 2026
COMPACT_DAY_FORMAT = "j b"  # 1 dec
COMPACT_DATETIME_FORMAT = "j b Y, H:i"  # 1 dec 2026, 14:05
COMPACT_WEEKDAY_DATE_FORMAT = "D j b Y"  # di 1 dec 2026
WEEKDAY_DATE_FORMAT = "l j F Y"  # dinsdag 1 december 2026
WEEKDAY_DAY_FORMAT = "l j F"  # dinsdag 1 december
DAY_TIME_FORMAT = "j F, H:i"  # 1 december, 14:05
MONTH_ABBR_FORMAT = "b"  # dec

"""Dates of the scale data set: working days, the portal's time zone, and when a
placement of each status runs."""

import datetime
import functools
import random

from django.utils import timezone

from placements.models import PlacementKind as K
from placements.models import PlacementStatus as S

#: When a placement of each status runs, in days from today: its start or end lies in
#: the window (see ``period``); an active one spans today.
WINDOWS = {
    S.COMPLETED: ("end", -730, -3), S.CLOSING: ("end", -21, -1),
    S.PLANNED: ("start", 1, 90), S.DRAFT: ("start", 7, 150),
    S.PROPOSED: ("start", 7, 120), S.REGISTERED: ("start", 7, 120),
    S.DECLINED: ("start", -300, 90), S.CANCELLED: ("start", -600, 90),
}  # fmt: skip
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


def workday_index(day: datetime.date) -> int:
    """Working days (Monday to Friday) since 1 January of year 1; a weekend day counts as
    the Friday before it."""
    weeks, weekday = divmod(day.toordinal() - 1, 7)  # day 1 was a Monday
    return weeks * 5 + min(weekday, 4)


def workday(index: int) -> datetime.date:
    weeks, weekday = divmod(index, 5)
    return datetime.date.fromordinal(weeks * 7 + weekday + 1)


def add_workdays(day: datetime.date, count: int) -> datetime.date:
    """As ``seed_demo.add_workdays``, in constant time."""
    return workday(workday_index(day) + count)


@functools.cache
def local_timezone() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``hour``:``minute`` on ``day`` in the portal's time zone."""
    time = datetime.time(hour, minute)
    return datetime.datetime.combine(day, time, tzinfo=local_timezone())


def in_order(times: list[datetime.datetime], cutoff: datetime.datetime) -> list[datetime.datetime]:
    """``times`` moved to before ``cutoff`` where they lie after it, each at least a minute
    after the one before."""
    result: list[datetime.datetime] = []
    for i, moment in enumerate(times):
        moment = min(moment, cutoff - (len(times) - i) * MINUTE)
        if result and moment <= result[-1]:
            moment = result[-1] + MINUTE
        result.append(moment)
    return result


def period(
    rng: random.Random, kind: str, status: str, today: datetime.date
) -> tuple[datetime.date, datetime.date, int | None]:
    """First and last day (and a lintstage's weekday) of a placement of ``kind`` in
    ``status``, in the status's window (WINDOWS) around ``today``."""
    if kind in (K.SNUFFELSTAGE, K.MEELOOPDAG):
        length = 1 if kind == K.MEELOOPDAG else rng.randint(2, 5)
        if status == S.ACTIVE:
            start = add_workdays(today, -rng.randint(0, length - 1))
        else:
            which, low, high = WINDOWS[status]
            anchor = today + rng.randint(low, high) * DAY
            if which == "end":
                start = add_workdays(anchor, -(length - 1))
            else:  # a weekend day moves on to the Monday
                start = anchor if anchor.weekday() < 5 else anchor + (7 - anchor.weekday()) * DAY
        return start, add_workdays(start, length - 1), None
    # The longer kinds run in whole weeks: shift their shape by whole weeks into place.
    weekday = None
    if kind == K.LINTSTAGE:
        weeks, weekday = rng.randint(8, 20), rng.randint(0, 4)
        first, last = weekday, weekday + 7 * (weeks - 1)
    else:
        weeks = rng.choice((1, 2, 2, 2, 3, 3, 4)) if kind == K.BLOKSTAGE else rng.randint(20, 40)
        first, last = 0, 7 * weeks - 3  # Monday of the first week to Friday of the last
    monday = today - today.weekday() * DAY
    offset = (monday - today).days
    if status == S.ACTIVE:  # started, and ended at most two days ago (a weekend)
        low, high = -2 - offset - last, -offset - first
    else:
        which, low, high = WINDOWS[status]
        shift = last if which == "end" else first
        low, high = low - offset - shift, high - offset - shift
    week = rng.randint(-(-low // 7), high // 7)
    start = monday + (7 * week + first) * DAY
    return start, monday + (7 * week + last) * DAY, weekday

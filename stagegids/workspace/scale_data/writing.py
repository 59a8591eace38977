"""Writing millions of rows: building them cheaply, keeping the timestamps the seed set,
and finding (and deleting) the scale data again."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from allauth.account.models import EmailAddress
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q

from companies.models import Company, CompanyMembership
from evaluations.models import CriterionScore, Evaluation, EvaluationEvent
from placements.models import (
    ChecklistItem,
    DayLog,
    FeedbackMoment,
    Intake,
    Message,
    MessageReadMark,
    Placement,
    School,
    SchoolMembership,
    SentReminder,
    StatusChange,
    Student,
    SupportNeedsAccess,
    TaskRecord,
    ThreadNotice,
)
from stagegids.core.models import User
from stagegids.core.page_cache import paused as page_cache_paused

DOMAIN = "scale.stagegids.nl"
M = TypeVar("M", bound=models.Model)
_REQUIRED = object()


@functools.cache
def builder(model: type[M]) -> Callable[..., M]:
    """``model(**values)`` for millions of rows: through the positional path of
    ``Model.__init__`` (the one ``Model.from_db`` takes), which costs a fraction of the
    keyword one. Takes column names (``placement_id``, not ``placement``); a field left
    out gets its default, except a callable default, which must be given."""
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    defaults = {f.attname: None if f.primary_key else f.get_default() for f in fields}
    defaults |= {f.attname: _REQUIRED for f in fields if f.has_default() and callable(f.default)}

    def build(**values: object) -> M:
        row = defaults | values
        if len(row) != len(names) or _REQUIRED in row.values():
            unknown = set(row) - set(names)
            missing = {name for name, value in row.items() if value is _REQUIRED}
            raise TypeError(f"{model.__name__}: unknown {unknown}, missing {missing}")
        return model(*[row[name] for name in names])

    return build


#: Fields that Django fills with the current time on save; the seed sets them itself.
TIMESTAMP_FIELDS = (
    (Placement, "created_at"), (Placement, "updated_at"), (Intake, "updated_at"),
    (FeedbackMoment, "created_at"), (Message, "created_at"), (DayLog, "recorded_at"),
    (TaskRecord, "recorded_at"), (SupportNeedsAccess, "at"),
    (Evaluation, "created_at"), (Evaluation, "updated_at"),
)  # fmt: skip


@contextmanager
def own_timestamps() -> Iterator[None]:
    """Let ``bulk_create`` keep the timestamps the seed set (``auto_now`` and
    ``auto_now_add`` would overwrite them with the time of writing, and the data would
    differ from run to run). Restored on the way out, also after an error."""
    fields = [model._meta.get_field(name) for model, name in TIMESTAMP_FIELDS]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def scale_users() -> models.QuerySet[User]:
    return User.objects.filter(email__iendswith=f"@{DOMAIN}")


_LEAVES = {
    CriterionScore, EvaluationEvent, Evaluation, MessageReadMark, Message, TaskRecord, DayLog,
    FeedbackMoment, SupportNeedsAccess, Intake, ChecklistItem, StatusChange, ThreadNotice,
    SentReminder, Placement,
}  # fmt: skip


def scale_data_delete(report: Callable[[str, int], None]) -> None:
    """Delete the scale data set: its users, schools (with their pupils) and companies,
    and every placement of those pupils or at those companies, with all that hangs on
    them. Leaves first, so most deletes are one statement each."""
    schools = School.objects.filter(email__iendswith=f"@{DOMAIN}")
    companies = Company.objects.filter(email__iendswith=f"@{DOMAIN}")
    placements = Placement.objects.filter(Q(school__in=schools) | Q(company__in=companies)).values(
        "pk"
    )
    evaluations = Evaluation.objects.filter(placement__in=placements).values("pk")
    steps = [
        (CriterionScore, Q(evaluation__in=evaluations)),
        (EvaluationEvent, Q(evaluation__in=evaluations)),
        *(
            (model, Q(placement__in=placements))
            for model in (
                Evaluation, MessageReadMark, Message, TaskRecord, DayLog, FeedbackMoment,
                SupportNeedsAccess, Intake, ChecklistItem, StatusChange, ThreadNotice,
                SentReminder,
            )
        ),
        (Placement, Q(pk__in=placements)),
        (Student, Q(school__in=schools)),
        (SchoolMembership, Q(school__in=schools)),
        (CompanyMembership, Q(company__in=companies)),
        (School, Q(pk__in=schools.values("pk"))),
        (Company, Q(pk__in=companies.values("pk"))),
        (EmailAddress, Q(user__in=scale_users().values("pk"))),
        (User, Q(pk__in=scale_users().values("pk"))),
    ]  # fmt: skip
    # The receivers that retire cached pages row by row are paused (one ``touch_all``
    # instead); the millions of rows that hang on placements, and the placements, go in
    # one DELETE each without being loaded: they are leaves by then, nothing cascades.
    with page_cache_paused():
        for model, condition in steps:
            rows = model._base_manager.filter(condition)
            if model in _LEAVES:
                deleted = rows._raw_delete(DEFAULT_DB_ALIAS)
            else:
                deleted = rows.delete()[1].get(model._meta.label, 0)
            report(model.__name__, deleted)

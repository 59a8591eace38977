"""Reads of a placement's feedback moments, with which ones are overdue."""

import datetime

from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.shortcuts import get_object_or_404

from placements.models import FeedbackMoment, Placement


def feedback_moments(placement: Placement, *, today: datetime.date) -> list[FeedbackMoment]:
    """The moments of ``placement`` by planned date, in one query.

    Each moment gets ``is_overdue``: planned before ``today`` and not yet done.
    """
    overdue = Q(done_at__isnull=True, planned_on__lt=today)
    moments = (
        FeedbackMoment.objects.filter(placement=placement)
        .select_related("done_by")
        .annotate(is_overdue=ExpressionWrapper(overdue, output_field=BooleanField()))
        .order_by(F("planned_on").asc(nulls_last=True), "pk")
    )
    return list(moments)


def feedback_moment_for(placement: Placement, pk: int) -> FeedbackMoment:
    """The moment ``pk`` of ``placement``; 404 for a moment of another placement."""
    return get_object_or_404(FeedbackMoment, placement=placement, pk=pk)


def feedback_moment_or_none(placement: Placement, pk: int) -> FeedbackMoment | None:
    """The moment ``pk`` of ``placement``, or None when it is gone (e.g. deleted twice)."""
    return placement.feedback_moments.filter(pk=pk).first()


__all__ = [
    "feedback_moment_for",
    "feedback_moment_or_none",
    "feedback_moments",
]

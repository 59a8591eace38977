"""The one way a search box finds pupils: every word typed must match the pupil, so
"Daan Visser", "Visser Daan", "van der Berg", "3B" and "240101" all find them."""

from django.db.models import Q

#: The parts of a pupil's name a word may be part of (case aside).
NAME_PARTS = ("given_name", "surname_prefix", "surname")


def pupil_words_q(
    words: list[str],
    *,
    via: str = "",
    also: tuple[str, ...] = (),
    partial_number: bool = False,
) -> Q:
    """A condition that each of ``words`` matches a pupil: part of the name, exactly the
    class (case aside), the student number (exactly, or a part of it with
    ``partial_number``), or one of the lookups ``also`` (full lookups, e.g.
    ``company__name__icontains``). ``via`` is the path from the queried model to the
    pupil (``student`` for placements)."""
    prefix = f"{via}__" if via else ""
    number = f"{prefix}student_number{'__icontains' if partial_number else ''}"
    condition = Q()
    for word in words:
        match = Q(**{number: word}) | Q(**{f"{prefix}class_name__iexact": word})
        for part in NAME_PARTS:
            match |= Q(**{f"{prefix}{part}__icontains": word})
        for lookup in also:
            match |= Q(**{lookup: word})
        condition &= match
    return condition

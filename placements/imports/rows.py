"""Checking the rows of a pupil file and comparing them with the school's pupils.

Pure Python: ``check_rows`` checks every row on its own and the student numbers across
rows; ``plan_import`` sorts the valid rows into new, changed and unchanged pupils, given
the school's pupils that the caller fetched in one query.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from placements.imports.columns import (
    FIELDS_BY_NAME,
    IMPORT_FIELDS,
    normalise_name,
    programme_from,
)
from placements.models import Programme

#: The longest spelling of a programme a file may hold (the longest name is about 45).
MAX_PROGRAMME_TEXT = 80


@dataclass
class CheckedRow:
    """One row of the file: the pupil's values, or why the row cannot be imported."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        parts = (self.values.get(name) for name in ("given_name", "surname_prefix", "surname"))
        return " ".join(part for part in parts if part)


def check_rows(
    rows: list[list[Any]], header: list[str], mapping: Mapping[str, int]
) -> list[CheckedRow]:
    """Check every row on its own, then that no student number repeats within the file."""
    checked = [_check_row(number, cells, len(header), mapping) for number, cells in rows]
    rows_by_number: dict[str, list[CheckedRow]] = defaultdict(list)
    for row in checked:
        if number := row.values.get("student_number"):
            rows_by_number[number].append(row)
    for same in rows_by_number.values():
        if len(same) > 1:
            for row in same:
                others = ", ".join(str(other.number) for other in same if other is not row)
                row.errors.append(
                    ngettext(
                        "Student number %(number)s is also on row %(rows)s.",
                        "Student number %(number)s is also on rows %(rows)s.",
                        len(same) - 1,
                    )
                    % {"number": row.values["student_number"], "rows": others}
                )
    return checked


def _check_row(
    number: int, cells: list[str], columns: int, mapping: Mapping[str, int]
) -> CheckedRow:
    row = CheckedRow(number)
    if len(cells) > columns:
        row.errors.append(
            _(
                "This row has more cells (%(cells)d) than the first row has columns "
                "(%(columns)d). Perhaps a value contains the separator."
            )
            % {"cells": len(cells), "columns": columns}
        )
        return row
    for name, index in mapping.items():
        if name == "year":
            continue
        target = FIELDS_BY_NAME[name]
        value = cells[index] if index < len(cells) else ""
        # A programme is stored as its code: its spelling in the file may be long ("vmbo
        # basisberoepsgerichte leerweg"), so only a sane length applies before it is read.
        max_length = MAX_PROGRAMME_TEXT if name == "programme" else target.max_length
        if not value and target.required:
            row.errors.append(_("%(field)s is empty.") % {"field": target.label})
        elif max_length and len(value) > max_length:
            row.errors.append(
                _("%(field)s is longer than %(max)d characters.")
                % {"field": target.label, "max": max_length}
            )
        else:
            row.values[name] = value
    if raw_programme := row.values.get("programme"):
        if programme := programme_from(raw_programme):
            row.values["programme"] = programme
        else:
            del row.values["programme"]
            row.errors.append(
                _(
                    "Unknown programme “%(value)s”. Use BB, KB, GL, TL, PrO, VSO, havo or "
                    "vwo (vmbo-b, vmbo-k, vmbo-g, vmbo-t, mavo and kader work too)."
                )
                % {"value": raw_programme}
            )
    _check_year(row, cells, mapping)
    return row


def _check_year(row: CheckedRow, cells: list[str], mapping: Mapping[str, int]) -> None:
    """The year column's value; without one, the digits the class starts with (3B → 3)."""
    index = mapping.get("year")
    raw = cells[index] if index is not None and index < len(cells) else ""
    if raw:
        year = int(raw) if raw.isdigit() else None
        if year is None or not 1 <= year <= 6:
            row.errors.append(
                _("School year “%(value)s” is not a number from 1 to 6.") % {"value": raw}
            )
            return
        row.values["year"] = year
        return
    class_name = row.values.get("class_name")
    if not class_name:
        return  # the empty class has its own message
    leading = re.match(r"\d+", class_name)
    if leading is None:
        row.errors.append(
            _(
                "No school year: class “%(class)s” does not start with it (as 3B does) and "
                "the school year is not given."
            )
            % {"class": class_name}
        )
    elif not 1 <= int(leading.group()) <= 6:
        row.errors.append(
            _("Class “%(class)s” starts with %(year)s, which is not a school year from 1 to 6.")
            % {"class": class_name, "year": leading.group()}
        )
    else:
        row.values["year"] = int(leading.group())


@dataclass(frozen=True)
class Change:
    """One field of an existing pupil that the import changes."""

    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return FIELDS_BY_NAME[self.field].label

    def _shown(self, value: Any) -> str:
        if self.field == "programme":
            return str(Programme(value).label) if value in Programme.values else str(value)
        return str(value) if value != "" else "–"

    @property
    def old_shown(self) -> str:
        return self._shown(self.old)

    @property
    def new_shown(self) -> str:
        return self._shown(self.new)


@dataclass(frozen=True)
class PlannedUpdate:
    """An existing pupil whose row in the file differs from what is stored."""

    row: CheckedRow
    #: The pupil's stored values, with ``pk``.
    current: Mapping[str, Any]
    changes: list[Change]

    @property
    def values(self) -> dict[str, Any]:
        """The pupil's values after the import."""
        return {**self.current, **self.row.values}


@dataclass
class ImportPlan:
    """What importing the checked rows would do to the school's pupils."""

    new: list[CheckedRow] = field(default_factory=list)
    updated: list[PlannedUpdate] = field(default_factory=list)
    unchanged: list[CheckedRow] = field(default_factory=list)
    invalid: list[CheckedRow] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.invalid

    @property
    def changed_fields(self) -> list[str]:
        """The fields at least one update writes, in the order of the pupil's fields."""
        names = {change.field for update in self.updated for change in update.changes}
        return [target.name for target in IMPORT_FIELDS if target.name in names]


def plan_import(
    checked: Iterable[CheckedRow], existing: Mapping[str, Mapping[str, Any]]
) -> ImportPlan:
    """Sort the rows into new, updated, unchanged and invalid pupils.

    ``existing`` maps the school's student numbers to the pupils' current values
    (with ``pk``). A row matches the pupil with its student number; only the fields
    whose column is mapped are compared and written.
    """
    plan = ImportPlan()
    for row in checked:
        if row.errors:
            plan.invalid.append(row)
            continue
        current = existing.get(row.values["student_number"])
        if current is None:
            plan.new.append(row)
            continue
        if _someone_else(row, current):
            # A mixed-up export would rename a pupil who keeps their placements.
            row.errors.append(
                _(
                    "Student number %(number)s belongs to %(pupil)s, not to %(name)s. "
                    "Check the student number in the file."
                )
                % {
                    "number": row.values["student_number"],
                    "pupil": _full_name(current),
                    "name": row.full_name,
                }
            )
            plan.invalid.append(row)
            continue
        changes = [
            Change(name, current[name], value)
            for name, value in row.values.items()
            if current[name] != value
        ]
        if changes:
            plan.updated.append(PlannedUpdate(row, current, changes))
        else:
            plan.unchanged.append(row)
    return plan


def _same_name(a: str, b: str) -> bool:
    return normalise_name(a) == normalise_name(b)


def _someone_else(row: CheckedRow, current: Mapping[str, Any]) -> bool:
    """Whether the row names another person than the stored pupil: neither the given
    name nor the surname is the same (ignoring case and accents). A corrected spelling
    of one of them, or a new surname, is an update."""
    values = row.values
    if "given_name" not in values or "surname" not in values:
        return False
    return not _same_name(values["given_name"], current["given_name"]) and not _same_name(
        values["surname"], current["surname"]
    )


def _full_name(current: Mapping[str, Any]) -> str:
    parts = (current.get(name) for name in ("given_name", "surname_prefix", "surname"))
    return " ".join(part for part in parts if part)

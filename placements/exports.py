"""The placement overview as a spreadsheet: a CSV file streamed row by row, and an Excel
workbook (xlsx) built in memory; ``export_file`` makes either as a whole, for the
background export of a large set.

Only the columns of ``headers()`` leave the portal: a pupil's name, student number,
school, class, programme and teacher, never support needs or anything else from the
intake.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from placements.models import ExportFormat, PlacementKind, PlacementStatus, Programme, Student

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {ExportFormat.CSV: CSV_CONTENT_TYPE, ExportFormat.XLSX: XLSX_CONTENT_TYPE}
#: Excel set to Dutch (or any language with a decimal comma) splits CSV on semicolons.
CSV_DELIMITER = ";"
#: Tells Excel the file is UTF-8, so "Özil" does not turn into mojibake.
BYTE_ORDER_MARK = "\ufeff"
#: Rows per chunk of the streamed CSV: fewer, larger writes to the client.
CSV_ROWS_PER_CHUNK = 200
#: A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATE_FORMAT = "dd-mm-yyyy"
XLSX_MAX_COLUMN_WIDTH = 50


def headers() -> list[str]:
    """The column titles in the active language."""
    return [
        _("Pupil"),
        _("Student number"),
        _("School"),
        _("Class"),
        _("Programme"),
        _("Teacher"),
        _("Company"),
        _("Supervisor"),
        _("Kind"),
        _("Status"),
        _("Start date"),
        _("End date"),
        # Two numbers, not "3/12": Excel would read that as the 3rd of December.
        _("Checklist items done"),
        _("Checklist items"),
    ]


def _labels(choices: type[Programme] | type[PlacementKind] | type[PlacementStatus]) -> dict:
    # The labels in the active language, as plain strings (openpyxl wants a real str).
    return {value: str(label) for value, label in choices.choices}


def _person(pk: int | None, first_name: str, last_name: str, email: str) -> str:
    # As ``str(user)``: the full name, or the address of someone without one.
    return (f"{first_name} {last_name}".strip() or email) if pk else ""


def export_rows(values: Iterable[tuple]) -> Iterator[list[Any]]:
    """One list of cells per placement, in the order of ``headers()``.

    ``values`` are the tuples of ``placements.selectors.overview.export_values`` (one
    query, read as it goes); this runs no query itself.
    """
    programmes, kinds = _labels(Programme), _labels(PlacementKind)
    statuses = {value: capfirst(label) for value, label in _labels(PlacementStatus).items()}
    for (
        given_name,
        surname_prefix,
        surname,
        student_number,
        school,
        class_name,
        programme,
        teacher_id,
        teacher_first_name,
        teacher_last_name,
        teacher_email,
        company,
        supervisor_id,
        first_name,
        last_name,
        email,
        kind,
        status,
        start_date,
        end_date,
        checklist_done,
        checklist_total,
    ) in values:
        yield [
            Student.compose_name(given_name, surname_prefix, surname),
            student_number,
            school,
            class_name,
            programmes.get(programme, programme),
            _person(teacher_id, teacher_first_name, teacher_last_name, teacher_email),
            company,
            _person(supervisor_id, first_name, last_name, email),
            kinds.get(kind, kind),
            statuses.get(status, status),
            start_date,
            end_date,
            checklist_done,
            checklist_total,
        ]


def export_filename(extension: str) -> str:
    return f"stages-{timezone.localdate():%Y-%m-%d}.{extension}"


# --- CSV -------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose ``write`` hands back what it gets, for ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()  # Excel reads 2026-03-02 as a date in every language
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # A name like "=HYPERLINK(…)" must stay text: the quote keeps Excel from running it.
        return f"'{value}"
    return value


def csv_chunks(values: Iterable[tuple]) -> Iterator[str]:
    """The CSV file piece by piece: the byte order mark and the header, then the rows in
    chunks, so a long list never sits in memory as a whole."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    yield BYTE_ORDER_MARK + writer.writerow(headers())
    chunk: list[str] = []
    for row in export_rows(values):
        chunk.append(writer.writerow([_csv_value(value) for value in row]))
        if len(chunk) == CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk.clear()
    if chunk:
        yield "".join(chunk)


# --- Excel -----------------------------------------------------------------------------


def _xlsx_cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        # Control characters make the file unreadable; a leading "=" must not be a formula.
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = XLSX_DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _column_widths(rows: list[list[Any]]) -> list[float]:
    widths = []
    for column in zip(*rows, strict=True):
        longest = max(
            len(XLSX_DATE_FORMAT) if isinstance(value, datetime.date) else len(str(value))
            for value in column
        )
        widths.append(min(longest + 2, XLSX_MAX_COLUMN_WIDTH))
    return widths


def xlsx_bytes(values: Iterable[tuple]) -> bytes:
    """The Excel workbook: one sheet, a bold header row that stays in view and filters
    its columns, real date cells, and columns as wide as their longest value (up to a
    limit)."""
    title_row = headers()
    rows = list(export_rows(values))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Placements"))
    # A write-only sheet takes column settings only before the first row.
    for number, width in enumerate(_column_widths([title_row, *rows]), start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, title, bold=True) for title in title_row])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    # A filter button on every column title, over every row.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(title_row))}{len(rows) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- a whole file ----------------------------------------------------------------------


def export_file(file_format: str, values: Iterable[tuple]) -> tuple[bytes, int]:
    """The CSV or Excel file (``ExportFormat``) of ``values`` as bytes, and its number of
    placement rows."""
    rows = 0

    def counted() -> Iterator[tuple]:
        nonlocal rows
        for value in values:
            rows += 1
            yield value

    if file_format == ExportFormat.XLSX:
        content = xlsx_bytes(counted())
    else:
        content = "".join(csv_chunks(counted())).encode("utf-8")
    return content, rows

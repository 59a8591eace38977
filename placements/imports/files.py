"""Reading a pupil file, CSV or xlsx, recognised by its content rather than its name.

``parse_upload`` returns the column names and the non-empty rows, or raises
``ImportFileError`` with a message for the user. Nothing here logs row contents.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from placements.models import ImportFormat

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
#: An xlsx file is a zip archive: refuse one that unpacks to more than this (a list of
#: 20,000 pupils unpacks to about 10 MB; a "zip bomb" of a few KB to gigabytes).
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
#: No value of a pupil list comes near this; a longer cell means a damaged or hostile file.
MAX_CELL_CHARS = 1000
#: Rows read, blank ones included, before giving up on a sheet of empty formatted rows.
MAX_SCANNED_ROWS = 5 * MAX_ROWS
#: Column names are shown on the mapping page; longer ones are cut.
MAX_COLUMN_NAME = 100

XLSX_MAGIC = b"PK\x03\x04"
#: Old binary Excel (.xls) and other OLE files, password-protected xlsx files too.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = (";", ",", "\t")
# Control characters never appear in a text export; they mean a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class ImportFileError(ValueError):
    """The file cannot be read as a pupil list; the message tells the user why."""


@dataclass(frozen=True)
class ParsedFile:
    """What was read from an upload: the column names and the non-empty rows."""

    header: list[str]
    #: ``[row number in the file, cells]``; the header is row 1, as in a spreadsheet.
    rows: list[list[Any]]
    file_format: str
    encoding: str = ""
    delimiter: str = ""


def parse_upload(data: bytes) -> ParsedFile:
    """Read a CSV or xlsx file, recognised by its content rather than its name."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls), which cannot be read. Open it in Excel "
                "and save it as an Excel workbook (.xlsx) or as CSV, then upload that file."
            )
        )
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    return _read_csv(data)


def _not_a_list() -> ImportFileError:
    return ImportFileError(
        _(
            "This file is not a CSV or Excel file. Export the pupils from your school "
            "administration as CSV or as an Excel workbook (.xlsx) and upload that file."
        )
    )


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8 (a BOM is dropped), UTF-16 with
    a BOM (Excel's "Unicode text"), or else Windows-1252, as older exports write é."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _not_a_list() from None
    if b"\x00" in data:
        raise _not_a_list()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise _not_a_list() from None


def _read_csv(data: bytes) -> ParsedFile:
    text, encoding = _decode(data)
    if _CONTROL.search(text):
        raise _not_a_list()
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Dutch Excel separates with ";"; on a tie the semicolon wins.
    delimiter = max(DELIMITERS, key=first_line.count)
    if not first_line.count(delimiter):
        raise ImportFileError(
            _(
                "The first row has only one column. Separate the columns with a semicolon "
                "(;), a comma (,) or a tab, as Excel does when you save as CSV."
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header, rows = _table(enumerate(reader, start=1))
    except csv.Error:
        raise _not_a_list() from None
    return ParsedFile(header, rows, ImportFormat.CSV, encoding, delimiter)


def _read_xlsx(data: bytes) -> ParsedFile:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _not_a_list() from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("This Excel file is too large. Save it as CSV and try again."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on files it cannot read
        raise ImportFileError(
            _(
                "This file cannot be read as an Excel workbook. Open it in Excel and save "
                "it as an Excel workbook (.xlsx) or as CSV, then upload it again."
            )
        ) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("This Excel file has no sheet with pupils."))
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; without it openpyxl reads what is there.
        sheet.reset_dimensions()
        records = (
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
        )
        header, rows = _table(records)
    except ImportFileError:
        raise
    except Exception:  # a damaged sheet fails only while it is read
        raise _not_a_list() from None
    finally:
        workbook.close()
    return ParsedFile(header, rows, ImportFormat.XLSX)


def _cell_text(value: Any) -> str:
    """A cell as text, numbers as typed: 123456.0 → "123456"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    # Cells are stored as JSON, which PostgreSQL keeps without NUL characters.
    return str(value).replace("\x00", "")


def _table(records: Iterable[tuple[int, list[str]]]) -> tuple[list[str], list[list[Any]]]:
    """The header (the first non-empty row) and the non-empty rows after it."""
    header: list[str] | None = None
    rows: list[list[Any]] = []
    for number, record in records:
        if number > MAX_SCANNED_ROWS:
            raise _too_many_rows()
        cells = [cell.strip() for cell in record]
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise ImportFileError(
                _(
                    "Row %(row)d has a cell of more than %(max)s characters; a pupil list "
                    "has no such values. Check the file, or save it again as CSV."
                )
                % {"row": number, "max": number_format(MAX_CELL_CHARS, force_grouping=True)}
            )
        while cells and not cells[-1]:
            cells.pop()  # trailing separators and empty Excel cells
        if not cells:
            continue
        if header is None:
            header = _header(cells, number)
            continue
        rows.append([number, cells])
        if len(rows) > MAX_ROWS:
            raise _too_many_rows()
    if header is None:
        raise ImportFileError(_("The file is empty."))
    if not rows:
        raise ImportFileError(
            _("The file has column names but no pupils: there is nothing below the first row.")
        )
    return header, rows


def _header(cells: list[str], number: int) -> list[str]:
    # A column name of digits only is a student number: the file has no header row.
    if any(cell.isdigit() for cell in cells):
        raise ImportFileError(
            _(
                "Row %(row)d looks like a pupil, not like column names. The first row must "
                "name the columns, e.g. Leerlingnummer, Roepnaam, Achternaam, Klas."
            )
            % {"row": number}
        )
    return [cell[:MAX_COLUMN_NAME] for cell in cells]


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)s rows. Split it, e.g. per year, and import each part.")
        % {"max": number_format(MAX_ROWS, force_grouping=True)}
    )


def column_label(index: int, name: str) -> str:
    """How the mapping page names a column: its spreadsheet letter and its name."""
    shown = name or _("(no name)")
    return f"{get_column_letter(index + 1)}: {shown}"

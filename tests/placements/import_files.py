"""Pupil files as school administration systems export them, for the import tests."""

import io

import openpyxl

HEADER = ["Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam", "Klas", "Opleiding"]
ROWS = [
    ["240001", "Daan", "", "Visser", "3B", "BB"],
    ["240002", "Noor", "van der", "Berg", "3K", "kader"],
    ["240003", "René", "", "Hendriks", "4T", "TL"],
]


def csv_bytes(
    rows=ROWS, *, header=HEADER, delimiter=";", encoding="utf-8", bom=False, newline="\r\n"
) -> bytes:
    """A CSV file as Excel writes it: no quotes unless needed, CRLF line ends."""
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    data = (newline.join(lines) + newline).encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, *, header=HEADER) -> bytes:
    """An Excel workbook with ``header`` and ``rows`` (cells as given: numbers stay numbers)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def many_rows(count: int, *, first_number: int = 500000, class_name: str = "2A") -> list[list[str]]:
    """``count`` distinct, valid pupil rows."""
    return [
        [str(first_number + i), f"Leerling{i}", "", f"Achternaam{i}", class_name, "KB"]
        for i in range(count)
    ]

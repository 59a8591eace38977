"""Reading pupil lists as school administration systems (Magister, SOMtoday) export them.

Plain Python: no queries, no views. The steps, in the order of the import pages:

1. ``files.parse_upload`` reads the bytes of a CSV or xlsx file into a header and rows,
   or raises ``ImportFileError`` with a message for the user;
2. ``columns.guess_mapping`` matches the column names to the pupil's fields;
3. ``rows.check_rows`` checks every row on its own and the student numbers across rows;
4. ``rows.plan_import`` compares the valid rows with the school's pupils, which the
   caller fetched in one query, into new, changed and unchanged pupils.

Row contents are personal data of minors: nothing here logs them.
"""

from placements.imports.columns import (
    FIELDS_BY_NAME,
    IMPORT_FIELDS,
    REQUIRED_FIELDS,
    ImportField,
    guess_mapping,
    programme_from,
)
from placements.imports.files import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportFileError,
    ParsedFile,
    column_label,
    parse_upload,
)
from placements.imports.rows import (
    Change,
    CheckedRow,
    ImportPlan,
    PlannedUpdate,
    check_rows,
    plan_import,
)

__all__ = [
    "FIELDS_BY_NAME",
    "IMPORT_FIELDS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "REQUIRED_FIELDS",
    "Change",
    "CheckedRow",
    "ImportField",
    "ImportFileError",
    "ImportPlan",
    "ParsedFile",
    "PlannedUpdate",
    "check_rows",
    "column_label",
    "guess_mapping",
    "parse_upload",
    "plan_import",
    "programme_from",
]

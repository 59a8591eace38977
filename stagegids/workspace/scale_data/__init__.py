"""The generated benchmark data set that ``manage.py seed_scale`` writes.

A realistic spread of schools, companies, people and placements whose size follows the
number of placements asked for (100 schools and 2,000 companies for 100,000 placements),
so list pages and their query plans can be checked on data of a real portal's size.

Everything is drawn from one ``random.Random(seed)`` in a fixed order, and every date
and timestamp derives from ``today``: the same seed and day give the same rows, in any
database. Rows are written as the services would leave them (a checklist copied from the
templates, a StatusChange per transition, an intake before the start, an approved final
assessment before completion...), but in bulk, without the services' per-row checks:
the plan keeps to their rules by construction, and ``tests/stagegids/test_seed_scale.py``
checks a sample of every table against ``full_clean`` and the rules across relations.

- ``plan`` (module ``plan``) draws the people, schools, companies and placements and
  each placement's history; nothing is written yet;
- ``tables`` (``journal``, ``assessments``) then yields each table's rows in an order
  that lets later tables use the primary keys of earlier ones;
- ``writing`` builds those rows cheaply and finds the scale data again (its users,
  schools and companies have addresses ``@scale.stagegids.nl``).
"""

from stagegids.workspace.scale_data.journal import tables
from stagegids.workspace.scale_data.plan import plan
from stagegids.workspace.scale_data.world import (
    COMPANY_ADMIN_EMAIL,
    COORDINATOR_EMAIL,
    MIN_PLACEMENTS,
    SCALE_PASSWORD,
    SUPERVISOR_EMAIL,
    TEACHER_EMAIL,
    Size,
    World,
    size_for,
)
from stagegids.workspace.scale_data.writing import (
    DOMAIN,
    own_timestamps,
    scale_data_delete,
    scale_users,
)

__all__ = [
    "COMPANY_ADMIN_EMAIL",
    "COORDINATOR_EMAIL",
    "DOMAIN",
    "MIN_PLACEMENTS",
    "SCALE_PASSWORD",
    "SUPERVISOR_EMAIL",
    "TEACHER_EMAIL",
    "Size",
    "World",
    "own_timestamps",
    "plan",
    "scale_data_delete",
    "scale_users",
    "size_for",
    "tables",
]

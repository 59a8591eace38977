"""``manage.py seed_scale``: fill a database with a large generated data set, to check
list pages and their query plans at a real portal's size.

``--placements 100000`` makes about 100 schools, 2,000 companies, 65,000 pupils and every
row their placements' journeys leave (checklists, hours, messages, assessments...), all
through ``bulk_create`` in one transaction, in a few minutes. The same ``--seed`` and
``--today`` give the same data. The data and how it is drawn live in
``stagegids.workspace.scale_data``.

Every account shares one published password, like the demo's, but this command also
runs with DEBUG off (a benchmark database need not be a developer's): it warns then.
It refuses to run on a database that holds scale data already, unless ``--flush``
deletes that first.
"""

import datetime
import gc
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

from evaluations.models import FormDefinition
from placements.enums import CURRENT_STATUSES
from placements.models import Placement, Student
from stagegids.core import page_cache
from stagegids.workspace import scale_data

BATCH_SIZE = 5000


@contextmanager
def bulk_writing() -> Iterator[None]:
    """Write millions of rows at a fraction of the cost:

    - with DEBUG on, Django keeps the SQL text of the last 9,000 queries, here INSERTs of
      thousands of rows each: gigabytes, and a sixth of the time to build. Leave it out;
    - Python's cyclic garbage collector would walk the ever larger heap of planned rows
      again and again (a quarter of the time), and finds nothing: the rows are freed by
      their reference counts. Pause it;
    - SQLite's page cache of 2 MB is far too small for the indexes of millions of rows:
      give this connection 256 MB.
    """
    connection.make_debug_cursor = connection.make_cursor
    collecting = gc.isenabled()
    gc.disable()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # in KiB
    try:
        yield
    finally:
        del connection.make_debug_cursor
        if collecting:
            gc.enable()


class Command(BaseCommand):
    help = "Fill the database with a generated data set of the given number of placements."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--placements",
            type=int,
            required=True,
            help="How many placements (100000 for the full scale); the rest follows from it.",
        )
        parser.add_argument("--seed", type=int, default=1, help="The random seed (1).")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Plan the data around this date (YYYY-MM-DD) instead of today.",
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete the scale data that is there first (nothing else).",
        )

    def handle(
        self,
        *args,
        placements: int,
        seed: int,
        today: datetime.date | None,
        flush: bool,
        **options,
    ) -> None:
        if placements < scale_data.MIN_PLACEMENTS:
            raise CommandError(f"--placements must be at least {scale_data.MIN_PLACEMENTS}.")
        if scale_data.scale_users().exists() and not flush:
            raise CommandError(
                f"This database holds scale data already (users @{scale_data.DOMAIN}). "
                "Run again with --flush to replace it, or use an empty database."
            )
        if not FormDefinition.objects.filter(is_published=True).exists():
            raise CommandError("No published assessment form: run 'manage.py migrate' first.")
        if not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING(
                    "DEBUG is off: every account this creates has the password printed "
                    "below. Use it on a benchmark database only."
                )
            )
        today = today or timezone.localdate()
        started = time.perf_counter()
        with transaction.atomic():
            if flush:
                self.stdout.write("Deleting the scale data that is there:")
                scale_data.scale_data_delete(self.report_deleted)
            planning = time.perf_counter()
            world = scale_data.plan(placements=placements, seed=seed, today=today)
            self.stdout.write(
                f"Planned in {time.perf_counter() - planning:.1f} s; writing on "
                f"{connection.vendor}:"
            )
            # Bulk inserts send no signals: the cached pages are retired once, at the end.
            with scale_data.own_timestamps(), bulk_writing(), page_cache.paused():
                for model, rows in scale_data.tables(world):
                    self.write_table(model, rows)
        if connection.vendor == "postgresql":
            # The planner learns the new table sizes now, not when autovacuum comes by.
            analysing = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write(
                f"  {'ANALYZE':<20} {'':>15} {time.perf_counter() - analysing:>8.1f} s"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data ready ({placements:,} placements, seed {seed}, around {today}) "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )
        self.print_accounts(world)

    def report_deleted(self, name: str, count: int) -> None:
        self.stdout.write(f"  {name:<20} {count:>10,} deleted")

    def write_table(self, model: type[models.Model], rows: Iterable[models.Model]) -> None:
        """Insert ``rows`` in batches; drawing them is timed with the table, as it is
        most of the work for the tables that follow from the placements."""
        started, count, rows = time.perf_counter(), 0, iter(rows)
        while batch := list(islice(rows, BATCH_SIZE)):
            model.objects.bulk_create(batch)
            count += len(batch)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"  {model.__name__:<20} {count:>10,} rows {elapsed:>8.1f} s")

    def print_accounts(self, world: scale_data.World) -> None:
        """The special accounts, with what they see, counted in the database."""
        company, school = world.companies[0], world.schools[0]
        supervised = Placement.objects.filter(supervisor__email=scale_data.SUPERVISOR_EMAIL)
        open_interns = supervised.filter(status__in=CURRENT_STATUSES).count()
        followed = Student.objects.filter(teacher__email=scale_data.TEACHER_EMAIL).count()
        rows = [
            (
                scale_data.COORDINATOR_EMAIL,
                f"coordinator of {school.name} (BRIN {school.brin}): "
                f"{Placement.objects.filter(school=school).count():,} placements",
            ),
            (scale_data.TEACHER_EMAIL, f"teacher at {school.name}, follows {followed} pupils"),
            (
                scale_data.SUPERVISOR_EMAIL,
                f"supervisor at {company.name}: {open_interns} open interns "
                f"(planned, active, closing), {supervised.count() - open_interns} past",
            ),
            (
                scale_data.COMPANY_ADMIN_EMAIL,
                f"company admin of {company.name}: "
                f"{Placement.objects.filter(company=company).count():,} placements",
            ),
        ]
        self.stdout.write(f"\nLogins (every user @{scale_data.DOMAIN} has this password):")
        for email, role in rows:
            self.stdout.write(f"  {email:<34} {scale_data.SCALE_PASSWORD:<16} {role}")

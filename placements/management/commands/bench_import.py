"""``manage.py bench_import``: how long a large pupil import takes on this database.

Generates a CSV file of 10,000 pupils (as Dutch Excel writes it: semicolons, Windows-1252)
and runs it through the steps of the import pages three times: new pupils, then the
same pupils in a higher class (every one updated), then the same file again (nothing
written). Each run: read the file, store the upload, preview (load the upload and check
every row against the school's pupils) and import. The school, its pupils and the user
the command creates are deleted at the end.
"""

import os
import platform
import time
from collections.abc import Callable
from typing import Any

import django
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from placements.imports import MAX_ROWS, guess_mapping, parse_upload
from placements.models import School, Student, StudentImport
from placements.services.imports import (
    student_import_commit,
    student_import_create,
    student_import_plan,
    student_import_set_mapping,
)
from stagegids.core.models import User

BENCH_BRIN = "99ZZ"
BENCH_EMAIL = "bench-import@stagegids.test"
HEADER = "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Klas;Leerweg"
PROGRAMMES = ("BB", "KB", "GL", "TL")
PREFIXES = ("", "", "van", "de", "van der")


def pupil_file(rows: int, *, year: int) -> bytes:
    """``rows`` pupils in classes of ``year``, encoded as an older Excel export."""
    lines = [HEADER]
    for i in range(rows):
        programme = PROGRAMMES[i % len(PROGRAMMES)]
        lines.append(
            f"{300000 + i};René{i};{PREFIXES[i % len(PREFIXES)]};Achternaam{i};"
            f"{year}{programme[0]};{programme}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def timed(step: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


class Command(BaseCommand):
    help = "Time a 10,000-pupil import (new, updated, unchanged) on the configured database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=10_000, help="Pupils in the file.")

    def handle(self, *args, rows: int, **options) -> None:
        if not 1 <= rows <= MAX_ROWS:
            raise CommandError(f"--rows must be between 1 and {MAX_ROWS}.")
        if (
            School.objects.filter(brin=BENCH_BRIN).exists()
            or User.objects.filter(email=BENCH_EMAIL).exists()
        ):
            raise CommandError(f"School {BENCH_BRIN} or user {BENCH_EMAIL} exists already.")
        school = School.objects.create(
            name="Benchmark school",
            brin=BENCH_BRIN,
            street="Teststraat 1",
            postcode="1234 AB",
            city="Utrecht",
        )
        user = User.objects.create_user(BENCH_EMAIL)  # no password: cannot log in
        try:
            self._run(school, user, rows)
        finally:
            StudentImport.objects.filter(school=school).delete()
            Student.objects.filter(school=school).delete()
            school.delete()
            user.delete()

    def _run(self, school: School, user: User, rows: int) -> None:
        write = self.stdout.write
        write(
            f"Pupil import of {rows:,} rows on {connection.vendor} "
            f"(Django {django.get_version()}, Python {platform.python_version()}, "
            f"{platform.platform()}, {os.cpu_count()} CPUs)"
        )
        write(f"{'run':<10} {'read':>7} {'store':>7} {'preview':>8} {'import':>7} {'total':>7}")
        runs = [("new", 2), ("update", 3), ("unchanged", 3)]
        for name, year in runs:
            data = pupil_file(rows, year=year)
            parsed, read_s = timed(lambda data=data: parse_upload(data))
            stored, store_s = timed(
                lambda parsed=parsed: student_import_create(
                    school, by=user, file_name="bench.csv", parsed=parsed
                )
            )
            student_import_set_mapping(stored, mapping=guess_mapping(parsed.header))
            plan, preview_s = timed(
                lambda pk=stored.pk: student_import_plan(
                    StudentImport.objects.select_related("school").get(pk=pk)
                )
            )
            if not plan.is_valid:
                raise CommandError(f"{len(plan.invalid)} generated rows are invalid.")
            result, import_s = timed(lambda stored=stored: student_import_commit(stored, by=user))
            total = read_s + store_s + preview_s + import_s
            write(
                f"{name:<10} {read_s:>6.2f}s {store_s:>6.2f}s {preview_s:>7.2f}s "
                f"{import_s:>6.2f}s {total:>6.2f}s   "
                f"({result.created} new, {result.updated} updated, {result.unchanged} unchanged;"
                f" file {len(data) / 1024:.0f} KiB)"
            )

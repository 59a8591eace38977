"""``manage.py bench_pdf``: how long an assessment PDF takes and how much memory it needs.

Renders assessment PDFs of the evaluations in the database (the demo data's approved
final assessments), cycling over them, and prints the median and 95th percentile time
per PDF, the peak memory and the machine it ran on.
"""

import logging
import math
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from itertools import cycle, islice

import django
import weasyprint
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from evaluations.models import Evaluation
from evaluations.pdf import assessment_pdf, printable

#: How many PDFs the memory pass renders under tracemalloc (it slows rendering down).
TRACED_RENDERS = 3


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least ``share`` of all reach."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def peak_rss_mb() -> float:
    """The process's peak resident memory; Linux reports KiB, macOS bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Command(BaseCommand):
    help = "Render assessment PDFs from the demo data and report time per PDF and memory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100, help="PDFs to render (100).")
        parser.add_argument("--language", default="nl", help="Language of the PDFs (nl).")

    def handle(self, *args, count: int, language: str, **options) -> None:
        if count < 1:
            raise CommandError("--count must be at least 1.")
        evaluations = list(printable(Evaluation.objects.order_by("pk")))
        if not evaluations:
            raise CommandError(
                "There are no evaluations to render. Run 'manage.py seed_demo' first: "
                "it gives the completed demo placements an approved final assessment."
            )
        # WeasyPrint logs every rendering step at INFO; the figures are what matters here.
        progress = logging.getLogger("weasyprint.progress")
        previous_level = progress.level
        progress.setLevel(logging.WARNING)
        try:
            self._run(evaluations, count=count, language=language)
        finally:
            progress.setLevel(previous_level)

    def _run(self, evaluations: list[Evaluation], *, count: int, language: str) -> None:
        started = time.perf_counter()
        assessment_pdf(evaluations[0], language=language)  # fonts and caches load once
        first_ms = (time.perf_counter() - started) * 1000

        timings, sizes = [], []
        for evaluation in islice(cycle(evaluations), count):
            started = time.perf_counter()
            pdf = assessment_pdf(evaluation, language=language)
            timings.append((time.perf_counter() - started) * 1000)
            sizes.append(len(pdf))
        rss_mb = peak_rss_mb()

        tracemalloc.start()
        traced_peak = 0
        for evaluation in islice(cycle(evaluations), min(TRACED_RENDERS, count)):
            tracemalloc.reset_peak()
            assessment_pdf(evaluation, language=language)
            traced_peak = max(traced_peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()

        write = self.stdout.write
        write(
            f"Rendered {count} assessment PDFs, cycling over {len(evaluations)} evaluations "
            f"({statistics.mean(sizes) / 1024:.0f} KiB on average)."
        )
        write(f"First PDF (fonts and caches loading): {first_ms:.0f} ms")
        write(f"Median: {statistics.median(timings):.0f} ms per PDF")
        write(f"p95:    {percentile(timings, 0.95):.0f} ms per PDF")
        write(f"Peak memory of the process (max RSS): {rss_mb:.0f} MiB")
        write(f"Peak Python allocations while rendering one PDF: {traced_peak / 2**20:.1f} MiB")
        write(
            f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
            f"Django {django.get_version()}, database {connection.vendor}"
        )

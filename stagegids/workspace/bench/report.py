"""The tables ``make bench`` prints, in Markdown that the README can take as it is."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One page under load at one size."""

    page: str
    who: str
    #: The queries of the page built from the database, and served from the page cache.
    queries: int
    cached_queries: int
    requests: int
    failures: int
    per_second: float
    p50: float
    p95: float
    p99: float


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, texts: int = 2) -> str:
    """A Markdown table; the columns after the first ``texts`` are right-aligned numbers."""
    align = ["---" if i < texts else "---:" for i in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def size_table(measures: Sequence[Measure]) -> str:
    """One size: per page its queries (built, and served from the cache), throughput
    (also as a share of the first page's, the health check's), latency and failures."""
    yardstick = measures[0].per_second if measures else 0
    rows = [
        (
            m.page,
            m.who,
            f"{m.queries} / {m.cached_queries}",
            f"{m.per_second:,.1f}",
            f"{m.per_second / yardstick:.0%}" if yardstick else "–",
            f"{m.p50:,.0f}",
            f"{m.p95:,.0f}",
            f"{m.p99:,.0f}",
            f"{m.failures:,} of {m.requests:,}",
        )
        for m in measures
    ]
    header = (
        "page",
        "as",
        "queries built / cached",
        "req/s",
        "of /healthz",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "failures",
    )
    return table(header, rows)


def memory_table(snapshots: Sequence[tuple[str, Sequence[int]]]) -> str:
    """The gunicorn workers' resident memory (KiB from /proc) at each moment, in MiB."""
    workers = max((len(rss) for _, rss in snapshots), default=0)
    header = ("moment", *(f"worker {i + 1}" for i in range(workers)), "total")
    rows = [
        (
            moment,
            *(f"{kib / 1024:,.1f}" for kib in rss),
            *("–" for _ in range(workers - len(rss))),
            f"{sum(rss) / 1024:,.1f}",
        )
        for moment, rss in snapshots
    ]
    return table(header, rows, texts=1) + "\n\n(MiB, resident set size)"


def comparison_table(sizes: Sequence[tuple[int, Sequence[Measure]]]) -> str:
    """Every size side by side: queries (a page whose count changes with the size is
    flagged), throughput and p95 per page."""
    header = [
        "page",
        "as",
        *(f"queries built / cached @ {n:,}" for n, _ in sizes),
        *(f"req/s @ {n:,}" for n, _ in sizes),
        *(f"p95 ms @ {n:,}" for n, _ in sizes),
        "queries",
    ]
    rows = []
    for i, first in enumerate(sizes[0][1] if sizes else []):
        row = [m[i] for _, m in sizes]
        counts = {(m.queries, m.cached_queries) for m in row}
        rows.append(
            (
                first.page,
                first.who,
                *(f"{m.queries} / {m.cached_queries}" for m in row),
                *(f"{m.per_second:,.1f}" for m in row),
                *(f"{m.p95:,.0f}" for m in row),
                "same" if len(counts) == 1 else "**DIFFERS**",
            )
        )
    return table(header, rows)


def differing(sizes: Sequence[tuple[int, Sequence[Measure]]]) -> list[str]:
    """The pages whose query counts (built or cached) are not the same at every size."""
    if not sizes:
        return []
    return [
        f"{first.page} ({first.who})"
        for i, first in enumerate(sizes[0][1])
        if len({(m[i].queries, m[i].cached_queries) for _, m in sizes}) > 1
    ]

"""``make bench``: for each size, a fresh database with ``seed_scale``, gunicorn with the
production settings, and locust asking for one page at a time; then the tables.

Run as ``python -m stagegids.workspace.bench``. The database is the one in
``--database-url`` (``BENCH_DATABASE_URL``) and nothing else: ``DATABASE_URL`` is not
read, so a developer's own database is never touched. Before emptying it the bench
checks that it holds no users other than the scale data's, so a mistyped URL cannot
wipe a real portal.

The settings are production's (DEBUG off, a random SECRET_KEY, ``ALLOWED_HOSTS`` the
loopback address, static files from ``collectstatic``) for gunicorn and for this
process alike. Nothing is relaxed for plain http: the bench plays the TLS proxy of a
deployment (``locustfile``), with ``TRUSTED_PROXY_COUNT=1``.
"""

import argparse
import contextlib
import csv
import datetime
import io
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
WORKERS = 4
WARM_UP_SECONDS = 5


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # each line as it comes, also into a file
    os.environ.update(production_environment(args.database_url, page_cache=args.page_cache))
    import django

    django.setup()
    from stagegids.workspace.bench.pages import BenchError

    try:
        bench(args)
    except BenchError as error:
        sys.exit(f"make bench: {error}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="python -m stagegids.workspace.bench")
    parser.add_argument(
        "--database-url",
        default=env("BENCH_DATABASE_URL", "sqlite:///bench.sqlite3"),
        help="the throwaway database, emptied for each size (BENCH_DATABASE_URL)",
    )
    parser.add_argument(
        "--placements",
        default=env("BENCH_PLACEMENTS", "1000 100000"),
        help="the sizes, separated by spaces (BENCH_PLACEMENTS)",
    )
    parser.add_argument("--users", type=int, default=int(env("BENCH_USERS", "10")))
    parser.add_argument("--seconds", type=int, default=int(env("BENCH_SECONDS", "20")))
    parser.add_argument(
        "--explain", action="store_true", help="print the main lists' plans (PostgreSQL)"
    )
    parser.add_argument(
        "--no-load",
        action="store_true",
        help="no locust: seed (or reuse a seeded database of that size) and explain only",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        default=env("BENCH_REUSE", "") not in ("", "0"),
        help="load a database already seeded at that size as it is (BENCH_REUSE=1)",
    )
    parser.add_argument(
        "--no-page-cache",
        dest="page_cache",
        action="store_false",
        default=env("BENCH_PAGE_CACHE", "1") not in ("", "0"),
        help="build every page for every request, as on a miss (BENCH_PAGE_CACHE=0)",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(n.replace(",", "").replace("_", "")) for n in args.placements.split()]
    except ValueError:
        parser.error(f"--placements must be whole numbers, not {args.placements!r}")
    if not args.sizes or args.users < 1 or args.seconds < 1:
        parser.error("give at least one size, one user and one second")
    return args


def production_environment(database_url: str, *, page_cache: bool = True) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "stagegids.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        # Behind the bench's "proxy", which gives every simulated user an address.
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "WARNING",
        # The pages' content in the shared cache (the default), or built for every request.
        **({} if page_cache else {"PAGE_CACHE_TIMEOUT": "0"}),
    }


def bench(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from stagegids.workspace.bench import report
    from stagegids.workspace.bench.pages import BenchError

    if args.no_load and connection.vendor != "postgresql":
        raise BenchError("the query plans need PostgreSQL: BENCH_DATABASE_URL=postgres://…")
    print(f"# Load benchmark ({describe_machine()})\n")
    if args.explain and connection.vendor != "postgresql":
        print("(Query plans need PostgreSQL: BENCH_DATABASE_URL=postgres://…)\n")
        args.explain = False
    # The pages render with the production settings' static files, plans only as well.
    call_command("collectstatic", interactive=False, verbosity=0)
    results = []
    for size in args.sizes:
        print(f"## {size:,} placements\n")
        if (args.no_load or args.reuse) and seeded_with(size):
            call_command("migrate", interactive=False, verbosity=0)  # a newer checkout
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")  # statistics of what a migration added
        else:
            fresh_database(size)
        if not args.no_load:
            results.append((size, measure_size(args)))
        if connection.vendor == "postgresql":
            print_seq_scans(verbose=args.explain)
        if args.explain:
            print_plans()
    if len(results) > 1:
        print("## All sizes\n")
        print(report.comparison_table(results) + "\n")
        changed = report.differing(results)
        print(
            f"Query count changes with the size: {', '.join(changed)}.\n"
            if changed
            else "Every page runs the same number of queries at every size.\n"
        )


def describe_machine() -> str:
    from django.db import connection

    system = platform.system()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        major, minor = divmod(connection.pg_version, 10000)
        database = f"PostgreSQL {major}.{minor}"
    else:
        database = f"SQLite {connection.Database.sqlite_version}"
    return (
        f"{datetime.date.today()}, {system}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {database}"
    )


def seeded_with(size: int) -> bool:
    from django.db import connection

    from placements.models import Placement
    from stagegids.workspace import scale_data

    tables = connection.introspection.table_names()
    if Placement._meta.db_table not in tables:
        return False
    if Placement.objects.count() != size or not scale_data.scale_users().exists():
        return False
    print(f"The database holds scale data with {size:,} placements already: reused.\n")
    return True


def fresh_database(size: int) -> None:
    """Empty the bench's database, migrate and seed it with ``size`` placements."""
    from django.core.management import call_command

    started = time.perf_counter()
    empty_database()
    call_command("migrate", interactive=False, verbosity=0)
    output = io.StringIO()
    call_command("seed_scale", placements=size, seed=1, stdout=output, stderr=io.StringIO())
    print(f"Migrated and seeded (`seed_scale --placements {size} --seed 1`) in ", end="")
    print(f"{time.perf_counter() - started:,.0f} s. The logins:\n")
    logins = output.getvalue().split("\nLogins", 1)[-1].splitlines()[1:]
    print("\n".join(f"    {line.strip()}" for line in logins if line.strip()) + "\n")


def empty_database() -> None:
    from django.db import connection

    from stagegids.core.models import User
    from stagegids.workspace import scale_data
    from stagegids.workspace.bench.pages import BenchError

    name = connection.settings_dict["NAME"]
    tables = connection.introspection.table_names()
    if tables:
        others = None
        if User._meta.db_table in tables:
            others = User.objects.exclude(email__iendswith=f"@{scale_data.DOMAIN}").first()
        if User._meta.db_table not in tables or others is not None:
            raise BenchError(
                f"the database {name} holds other data than the scale data "
                f"({'user ' + others.email if others else 'tables of something else'}): "
                "not emptied. Give BENCH_DATABASE_URL a database of its own."
            )
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Only inside this one database: its schema with every table, as new
            # (PostgreSQL 15's public schema belongs to the database's owner).
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public AUTHORIZATION pg_database_owner")
            cursor.execute("GRANT USAGE ON SCHEMA public TO PUBLIC")
    else:
        raise BenchError(f"the bench knows SQLite and PostgreSQL, not {connection.vendor}")


def measure_size(args: argparse.Namespace) -> list:
    """Every page under load at the seeded size: prints the tables, returns the
    measures."""
    from stagegids.workspace.bench import report
    from stagegids.workspace.bench.pages import PASSWORD, bench_pages, query_counts

    pages = bench_pages()
    counts = query_counts(pages)
    measures, memory = [], []
    with tempfile.TemporaryDirectory(prefix="stagegids-bench-") as folder:
        work = Path(folder)
        with gunicorn(work / "gunicorn.log") as server:
            memory.append(("after start", server.worker_rss()))
            warm_up = ",".join(page.path for page in pages if page.email == pages[-1].email)
            locust(server, work, "warm-up", warm_up, pages[-1].email, PASSWORD, args)
            memory.append(("after warm-up", server.worker_rss()))
            for i, page in enumerate(pages):
                stats = locust(server, work, f"page{i}", page.path, page.email, PASSWORD, args)
                measures.append(stats.measure(page, counts[page]))
            memory.append((f"after {len(pages)} pages", server.worker_rss()))
            if server.failed():
                print(f"gunicorn logged errors:\n\n```\n{server.log_tail()}\n```\n")
    print(report.size_table(measures) + "\n")
    cached = (
        "the pages' content from the shared cache after each client's first request"
        if args.page_cache
        else "every page built for every request (BENCH_PAGE_CACHE=0)"
    )
    print(
        f"{args.users} clients without pause, {args.seconds} s per page, gunicorn with "
        f"{WORKERS} sync workers on the same machine; {cached}.\n"
    )
    print(report.memory_table(memory) + "\n")
    return measures


def print_seq_scans(*, verbose: bool) -> None:
    """Per page how many of its queries read all of placements_placement; ``verbose``:
    which."""
    from stagegids.workspace.bench import report
    from stagegids.workspace.bench.explain import page_plans
    from stagegids.workspace.bench.pages import bench_pages

    plans = page_plans(bench_pages())
    rows = [
        (page.name, page.who, str(len(found)), str(sum(plan.seq_scan for plan in found)))
        for page, found in plans.items()
    ]
    header = ("page", "as", "SELECTs", "with a Seq Scan on placements_placement")
    print(report.table(header, rows) + "\n\n(EXPLAIN of each query of one request)\n")
    scanned = [plan for found in plans.values() for plan in found if plan.seq_scan]
    if verbose and scanned:
        print("The queries with a Seq Scan on placements_placement:\n")
        for plan in scanned:
            print(f"- {plan.label}: `{plan.sql[:200]}…`")
        print()


def print_plans() -> None:
    from stagegids.workspace.bench.explain import main_list_plans

    plans = main_list_plans()
    for plan in plans:
        scan = "Seq Scan on placements_placement" if plan.seq_scan else "no Seq Scan"
        print(f"### {plan.label}: {scan}\n\n```sql\n{plan.sql}\n```\n\n```\n{plan.plan}\n```\n")
    scanned = [plan.label for plan in plans if plan.seq_scan]
    print(
        f"Seq Scan on placements_placement in: {', '.join(scanned)}.\n"
        if scanned
        else "No plan of the main lists has a Seq Scan on placements_placement.\n"
    )


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def worker_rss(self) -> list[int]:
        """The resident memory of each worker (KiB), by process id."""
        return [rss for _pid, rss in sorted(_children_rss(self.process.pid))]

    def failed(self) -> bool:
        return "Traceback" in self.log.read_text() or self.process.poll() is not None

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text().splitlines()[-40:])


def _children_rss(parent: int) -> Iterator[tuple[int, int]]:
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue  # ended meanwhile
        if int(stat.rsplit(")", 1)[1].split()[1]) != parent:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                yield int(entry.name), int(line.split()[1])


def free_port() -> int:
    """A loopback port nobody listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(port: int, *, workers: int, timeout: int) -> list[str]:
    """gunicorn serving Stagegids with ``workers`` sync workers on loopback ``port``."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "stagegids.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        str(timeout),
    ]


@contextlib.contextmanager
def gunicorn(log: Path) -> Iterator[Server]:
    port = free_port()
    command = gunicorn_command(port, workers=WORKERS, timeout=120)
    with log.open("w") as log_file:
        # Our own Python and gunicorn, with fixed arguments.
        process = subprocess.Popen(  # noqa: S603
            command, cwd=BASE_DIR, stdout=log_file, stderr=subprocess.STDOUT
        )
        server = Server(f"http://127.0.0.1:{port}", process, log)
        try:
            _wait_until_healthy(server)
            yield server
        finally:
            stop(process, timeout=30)


def stop(process: subprocess.Popen, *, timeout: float) -> None:
    """End ``process``: ask it to stop, and kill it if it has not within ``timeout`` s."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_until_healthy(server: Server, timeout: float = 60) -> None:
    from stagegids.workspace.bench.pages import BenchError

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"gunicorn stopped:\n{server.log_tail()}")
        try:
            # Our own loopback server.
            with urllib.request.urlopen(server.url + "/healthz", timeout=5) as answer:  # noqa: S310
                if answer.status == 200 and len(server.worker_rss()) == WORKERS:
                    return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


@dataclass
class Stats:
    row: dict[str, str]

    def measure(self, page, queries):
        from stagegids.workspace.bench.report import Measure

        return Measure(
            page=page.name,
            who=page.who,
            queries=queries.built,
            cached_queries=queries.cached,
            requests=int(self.row["Request Count"]),
            failures=int(self.row["Failure Count"]),
            per_second=float(self.row["Requests/s"]),
            p50=float(self.row["50%"]),
            p95=float(self.row["95%"]),
            p99=float(self.row["99%"]),
        )


def locust(
    server: Server,
    work: Path,
    name: str,
    paths: str,
    email: str,
    password: str,
    args: argparse.Namespace,
) -> Stats:
    """One headless locust run of ``args.users`` clients asking for ``paths``."""
    from stagegids.workspace.bench.pages import BenchError

    seconds = WARM_UP_SECONDS if name == "warm-up" else args.seconds
    prefix = work / name
    env = {
        **os.environ,
        "BENCH_PATH": paths,
        "BENCH_EMAIL": email,
        "BENCH_PASSWORD": password if email else "",
        "BENCH_SECONDS": str(seconds),
    }
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        # The measurement lasts ``seconds`` once everyone is logged in (``locustfile``).
        "--run-time",
        f"{seconds + 120}s",
        "--host",
        server.url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
    ]
    with (work / f"{name}.log").open("w") as log:
        # Our own Python and locust, with fixed arguments; failures show in the stats.
        subprocess.run(  # noqa: S603
            command, env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, check=False
        )
    try:
        with Path(f"{prefix}_stats.csv").open(newline="") as stats_file:
            rows = {row["Name"]: row for row in csv.DictReader(stats_file)}
    except FileNotFoundError:
        raise BenchError(
            f"locust wrote no statistics:\n{(work / f'{name}.log').read_text()}"
        ) from None
    if "page" not in rows:
        raise BenchError(f"locust asked for no page {paths}:\n{rows}")
    return Stats(rows["page"])

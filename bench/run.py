"""The bench's command line: build a large plan in a throwaway database, run the sections.

Prints one `name: value` line per figure, section by section, so results can be compared
between runs and machines. A section is a function `(report, bench) -> None` that calls
`report.figure(name, value)` (and `report.fail(reason)` when a figure shows something broken
rather than slow); list it in SECTIONS, and in DEFAULT when a plain `make bench` should run it.

The database is never the one you work in: with DATABASE_URL set, a new database on that
server (`newroles_bench_<pid>`, dropped afterwards); otherwise a temporary SQLite file
(`make bench` without DATABASE_URL starts a throwaway PostgreSQL with `.ci/postgres run`).
Either way it is created with the migrations, like the test database. Pages are measured
with DEBUG off, as served.

Exit status: 1 when a section could not produce its figures (its error is printed as
`<section>_error`), or when a figure shows a fault: unequal query counts for the large and
the small plan, failed requests or lost writes under load. Timings and ratios are reported,
never judged: the machine may be busy.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.test.utils import override_settings

from bench.load import section_load, section_load_shared
from bench.pages import section_list, section_mix, section_overview
from bench.pdf import section_pdf
from bench.pdf_load import section_pdf_load
from bench.plans import FULL_SIZES, QUICK_SIZES, build_plan


@dataclass
class Bench:
    """What the sections share: the sizes, the large plan and where to save documents."""

    sizes: dict
    plan: object = None
    built: dict = field(default_factory=dict)
    save_to: Path | None = None


class Report:
    """Figures to stdout as they come; faults kept for the exit status."""

    def __init__(self):
        self.failures = []

    def figure(self, name, value):
        print(f"{name}: {value}", flush=True)

    def fail(self, reason):
        """A figure shows a fault (not mere slowness): the bench exits non-zero at the end."""
        self.failures.append(reason)


def section_data(report, bench):
    for name, value in bench.built.items():
        report.figure(f"data_{name}", value)


SECTIONS = {
    "data": section_data,
    "pdf": section_pdf,
    "overview": section_overview,
    "list": section_list,
    "mix": section_mix,
    "load": section_load,
    "pdf-load": section_pdf_load,
    "load-shared": section_load_shared,
}
# Without --section. load-shared only when asked: the full run stays near 6 minutes.
DEFAULT = ["data", "pdf", "overview", "list", "mix", "load", "pdf-load"]


@contextmanager
def throwaway_database():
    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    folder = None
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        folder = tempfile.mkdtemp(prefix="newroles-bench-")
        test_settings["NAME"] = os.path.join(folder, "bench.sqlite3")
    else:
        test_settings["NAME"] = f"newroles_bench_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Benchmark the slow parts (the plan PDF, pages, a day's load) on a large plan in "
            "a throwaway database. Prints one `name: value` per line."
        ),
    )
    parser.add_argument(
        "--quick", action="store_true", help="Smaller plan, fewer repeats (for CI)."
    )
    parser.add_argument(
        "--section",
        action="append",
        choices=list(SECTIONS),
        help=f"Run only this section (repeatable). Default: {' '.join(DEFAULT)}.",
    )
    parser.add_argument(
        "--profile", action="store_true", help="Profile the PDF whatever the ratio."
    )
    parser.add_argument("--save", metavar="DIR", help="Also write the documents here.")
    return parser.parse_args(argv)


def main(argv):
    options = parse(argv)
    sizes = dict(QUICK_SIZES if options.quick else FULL_SIZES)
    sizes["profile"] = options.profile
    sizes["quick"] = options.quick
    report = Report()
    # Collected static files are `make serve`'s business; pages in process do not use them.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    started_all = time.perf_counter()
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts), throwaway_database():
        started = time.perf_counter()
        plan, built = build_plan(sizes)
        bench = Bench(sizes, plan, built, Path(options.save) if options.save else None)
        report.figure("database", connections["default"].vendor)
        report.figure("build_seconds", f"{time.perf_counter() - started:.2f}")
        for name in options.section or DEFAULT:
            try:
                SECTIONS[name](report, bench)
            except Exception as error:  # report it, go on with the other sections
                message = " ".join(f"{type(error).__name__}: {error}".split())
                report.figure(f"{name}_error", message[:500])
                print(f"section {name}:\n{error}", file=sys.stderr)  # all of it, logs included
                report.fail(f"section {name} failed")
    report.figure("bench_seconds", f"{time.perf_counter() - started_all:.1f}")
    if report.failures:
        print(f"bench failed: {'; '.join(report.failures)}", file=sys.stderr)
        return 1
    return 0

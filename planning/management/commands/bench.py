"""`make bench`: how fast the slow parts are, on a large plan in a throwaway database.

Prints one `name: value` line per figure, section by section, so results can be compared
between runs and machines. Add a section by writing a function `(command, bench) -> None`
that calls `command.figure(name, value)` (and `command.fail(reason)` when a figure shows
something broken rather than slow), and listing it in `SECTIONS`. Sections besides the PDF
live in `planning/benchmarks/`: `overview` and `list` (pages in process, query counts and
timings) and `load` (signed-in users against `make serve`, see `load.py`).

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

import cProfile
import io
import os
import pstats
import shutil
import statistics
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test.utils import override_settings

from planning.benchmarks.load import section_load
from planning.benchmarks.pages import section_list, section_mix, section_overview

FULL_SIZES = {
    "stakeholders": 200,
    "checkpoints": 100,
    "metrics": 8,
    "training": 50,
    "risks": 60,
    "actions": 40,
    "posts": 12,
    "competencies": 20,
    "repeats": 5,
}
QUICK_SIZES = {
    "stakeholders": 40,
    "checkpoints": 20,
    "metrics": 3,
    "training": 10,
    "risks": 12,
    "actions": 8,
    "posts": 3,
    "competencies": 4,
    "repeats": 1,  # CI smoke run: every figure once; measure with the full run
}
PROFILE_WHEN_RATIO_ABOVE = 1.3
PROFILE_LINES = 12

ANSWER = (
    "The community team sees people after discharge from the acute wards, but the first visit "
    "often comes ten days or more after they go home. Readmission within 30 days is 14 per cent "
    "against a regional figure of 9 per cent. Service users told the forum they want someone "
    "who has been through it to help in the first fortnight. "
)


@dataclass
class Bench:
    sizes: dict
    plan: object = None
    built: dict = field(default_factory=dict)
    save_to: Path | None = None


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


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def build_large_plan(sizes, organisation=None, lead=None, title=None) -> tuple[object, dict]:
    """A plan as large as a busy trust's: every answer given, every part well filled.

    The first call makes the organisation (and loads the reference data); later ones may add
    more plans to it, e.g. for the load test's users.
    """
    from newroles.accounts.models import Membership, Organisation, User
    from planning import models as m
    from planning.reference import load_cycle
    from roles.models import Role, RoleCategory, SkillMixChange
    from roles.services import load_reference_data

    if organisation is None:
        load_reference_data()
        load_cycle()
        organisation = Organisation.objects.create(name="Bench Valley NHS Foundation Trust")
        lead = User.objects.create(email="lead@bench.invalid", first_name="Bea", last_name="Lead")
        Membership.objects.create(user=lead, organisation=organisation, role="lead")
    start = date(2027, 4, 1)
    plan = m.ImplementationPlan.objects.create(
        organisation=organisation,
        title=title or "Peer support workers on the community mental health team",
        need=ANSWER * 3,
        role=Role.objects.order_by("pk").first(),
        category=RoleCategory.objects.order_by("pk").first(),
        service="Adult community mental health",
        team="North locality",
        care_setting="mental_health",
        planned_wte=Decimal("6"),
        band="4",
        target_start_date=start,
        horizon_years=5,
        owner=lead,
        created_by=lead,
    )
    plan.skill_mix_changes.set(SkillMixChange.objects.all()[:2])
    built = {}

    from planning.workflow import QUESTIONS

    for stage, questions in QUESTIONS.items():
        answers = {}
        for question in questions:
            answers[question.code] = question.choices[2][0] if question.is_choice else ANSWER
        m.StageResponse.objects.create(plan=plan, stage=stage, answers=answers)
    statuses = list(m.PointStatus.values)
    m.ChecklistResponse.objects.bulk_create(
        m.ChecklistResponse(
            plan=plan,
            point=point,
            status=statuses[index % len(statuses)],
            note="Agreed at the steering group." if index % 2 else "",
        )
        for index, point in enumerate(m.GoodPracticePoint.objects.all())
    )
    m.TrainingActivity.objects.bulk_create(
        m.TrainingActivity(
            plan=plan,
            title=f"Peer support training module {n + 1}",
            kind=m.TrainingKind.values[n % len(m.TrainingKind.values)],
            provider="Regional recovery college",
            start_date=start + timedelta(days=30 * n),
            end_date=start + timedelta(days=30 * n + 20),
            cost=Decimal(400 + 25 * n),
            status=m.TrainingStatus.values[n % 4],
        )
        for n in range(sizes["training"])
    )
    built["training"] = sizes["training"]
    m.Competency.objects.bulk_create(
        m.Competency(plan=plan, name=f"Competency {n + 1}", framework_reference=f"PSW-{n + 1}")
        for n in range(sizes["competencies"])
    )
    m.SupportArrangement.objects.create(
        plan=plan,
        clinical_educator="Practice educator, community services",
        mentor_or_buddy="Experienced peer worker",
        supernumerary_weeks=6,
        protected_learning_hours=Decimal("3.5"),
        supervision_plan=ANSWER,
        induction=ANSWER,
    )
    m.Risk.objects.bulk_create(
        m.Risk(
            plan=plan,
            description=f"Risk {n + 1}: supervisors lose their protected time when wards are short",
            likelihood=1 + n % 5,
            impact=1 + (n * 3) % 5,
            score=(1 + n % 5) * (1 + (n * 3) % 5),
            mitigation="Job-plan the supervision sessions and report them to the steering group.",
            owner="Service manager",
            stage=m.Stage.values[n % len(m.Stage.values)],
        )
        for n in range(sizes["risks"])
    )
    built["risks"] = sizes["risks"]
    m.PlanAction.objects.bulk_create(
        m.PlanAction(
            plan=plan,
            description=f"Action {n + 1}: agree the next step with the steering group",
            owner_name="Bea Lead",
            due_date=start + timedelta(days=14 * n),
            stage=m.Stage.values[n % len(m.Stage.values)],
        )
        for n in range(sizes["actions"])
    )
    m.Post.objects.bulk_create(
        m.Post(plan=plan, title=f"Peer support worker {n + 1}", wte=Decimal("0.5"))
        for n in range(sizes["posts"])
    )
    m.FundingSource.objects.create(
        plan=plan,
        name="Community transformation fund",
        kind="non_recurrent",
        amount_per_year=Decimal("180000"),
        start_date=start,
        end_date=date(2029, 3, 31),
        covers_salary=True,
        covers_training=True,
    )
    m.CostAssumptions.objects.create(
        plan=plan, supervision_hours_per_week=Decimal("6"), supervisor_band="7"
    )
    built["stakeholders"] = _stakeholders(plan, sizes["stakeholders"])
    built["checkpoints"] = _checkpoints(plan, sizes, start)
    return plan, built


def _stakeholders(plan, count):
    stakeholder = _model("governance.Stakeholder")
    if stakeholder is None:
        return "skipped (no governance.Stakeholder model)"
    try:
        groups = [value for value, _ in stakeholder._meta.get_field("group").choices]
        stances = [value for value, _ in stakeholder._meta.get_field("current_stance").choices]
        stakeholder.objects.bulk_create(
            stakeholder(
                plan=plan,
                name=f"Stakeholder {n + 1}",
                job_title="Team manager",
                organisation_name="Partner trust",
                group=groups[n % len(groups)],
                influence=1 + n % 3,
                interest=1 + (n // 3) % 3,
                current_stance=stances[n % len(stances)],
                desired_stance=stances[-1],
                notes="Met at the locality meeting.",
            )
            for n in range(count)
        )
    except Exception as error:  # the governance app's model changed: measure without it
        return f"skipped ({type(error).__name__}: {error})"
    return count


def _checkpoints(plan, sizes, start):
    names = ("Objective", "Metric", "EvaluationCheckpoint", "Measurement")
    models = [_model(f"evaluation.{name}") for name in names]
    if None in models:
        return "skipped (no evaluation models)"
    objective, metric, checkpoint, measurement = models
    try:
        goal = objective.objects.create(
            plan=plan,
            statement="Fewer readmissions within 30 days",
            need_met="People readmitted soon after discharge",
            measure="Readmissions within 30 days, per cent",
            target_date=start + timedelta(days=730),
            responsible="Service manager",
        )
        metrics = metric.objects.bulk_create(
            metric(
                plan=plan,
                objective=goal,
                name=f"Metric {n + 1}",
                category="service",
                unit="%",
                baseline=Decimal("14"),
                target=Decimal("9"),
                direction="lower",
            )
            for n in range(sizes["metrics"])
        )
        checkpoints = checkpoint.objects.bulk_create(
            checkpoint(
                plan=plan,
                title=f"Review {n + 1}",
                due_date=start + timedelta(days=14 * n),
                kind="other",
                reviewer="Steering group",
            )
            for n in range(sizes["checkpoints"])
        )
        measurement.objects.bulk_create(
            measurement(metric=x, checkpoint=c, value=Decimal(14 - (n % 6)))
            for n, c in enumerate(checkpoints)
            for x in metrics
        )
    except Exception as error:  # the evaluation app's models changed: measure without them
        return f"skipped ({type(error).__name__}: {error})"
    return sizes["checkpoints"]


def _median_seconds(repeats, run, before=None):
    times = []
    for _ in range(repeats):
        if before:
            before()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def section_data(command, bench):
    for name, value in bench.built.items():
        command.figure(f"data_{name}", value)


def section_pdf(command, bench):
    from planning import documents
    from planning.models import DocumentKind, RenderedDocument

    plan, repeats = bench.plan, bench.sizes["repeats"]

    def clear():
        RenderedDocument.objects.all().delete()

    html = documents.document_html(plan)
    # One untimed run each: the first typesetting in a process loads fonts and caches.
    clear()
    first = documents.get_pdf(plan, DocumentKind.FULL)
    documents.render_pdf(html)

    pdf_seconds = _median_seconds(
        repeats, lambda: documents.get_pdf(plan, DocumentKind.FULL), before=clear
    )
    weasy_seconds = _median_seconds(repeats, lambda: documents.render_pdf(html))
    html_seconds = _median_seconds(repeats, lambda: documents.document_html(plan))
    documents.get_pdf(plan, DocumentKind.FULL)
    cached_seconds = _median_seconds(repeats, lambda: documents.get_pdf(plan, DocumentKind.FULL))
    summary = documents.get_pdf(plan, DocumentKind.SUMMARY)
    ratio = pdf_seconds / weasy_seconds

    command.figure("pdf_pages", first.page_count)
    command.figure("pdf_bytes", len(first.pdf))
    command.figure("pdf_seconds", f"{pdf_seconds:.3f}")
    command.figure("weasyprint_only_seconds", f"{weasy_seconds:.3f}")
    command.figure("pdf_ratio", f"{ratio:.3f}")
    command.figure("pdf_seconds_per_page", f"{pdf_seconds / first.page_count:.4f}")
    command.figure("pdf_cached_seconds", f"{cached_seconds:.4f}")
    command.figure("html_build_seconds", f"{html_seconds:.3f}")
    command.figure("summary_pdf_pages", summary.page_count)
    command.figure("pdf_refused_fetches", len(first.refused))

    if ratio > PROFILE_WHEN_RATIO_ABOVE or bench.sizes.get("profile"):
        clear()
        profiler = cProfile.Profile()
        profiler.enable()
        documents.get_pdf(plan, DocumentKind.FULL)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        rows = sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True)
        shown = 0
        for (filename, line, function), (_, _, _, cumulative, _) in rows:
            if "planning" not in filename and "django" not in filename:
                continue
            command.figure(
                f"profile_{shown + 1}",
                f"{cumulative:.3f}s {Path(filename).name}:{line} {function}",
            )
            shown += 1
            if shown == PROFILE_LINES:
                break

    if bench.save_to:
        bench.save_to.mkdir(parents=True, exist_ok=True)
        (bench.save_to / "plan.pdf").write_bytes(first.pdf)
        (bench.save_to / "summary.pdf").write_bytes(summary.pdf)
        (bench.save_to / "preview.html").write_text(documents.document_html(plan, preview=True))


SECTIONS = {
    "data": section_data,
    "pdf": section_pdf,
    "overview": section_overview,
    "list": section_list,
    "mix": section_mix,
    "load": section_load,
}


class Command(BaseCommand):
    help = (
        "Benchmark the slow parts (the plan PDF first) on a large plan in a throwaway "
        "database. Prints one `name: value` per line."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--quick", action="store_true", help="Smaller plan, fewer repeats (for CI)."
        )
        parser.add_argument(
            "--section",
            action="append",
            choices=sorted(SECTIONS),
            help="Run only this section (repeatable). Default: all.",
        )
        parser.add_argument(
            "--profile", action="store_true", help="Profile the PDF whatever the ratio."
        )
        parser.add_argument("--save", metavar="DIR", help="Also write the documents here.")

    def figure(self, name, value):
        self.stdout.write(f"{name}: {value}")
        self.stdout.flush()

    def fail(self, reason):
        """A figure shows a fault (not mere slowness): the bench exits non-zero at the end."""
        self.failures.append(reason)

    def handle(self, *args, **options):
        sizes = dict(QUICK_SIZES if options["quick"] else FULL_SIZES)
        sizes["profile"] = options["profile"]
        sizes["quick"] = options["quick"]
        self.failures = []
        # Collected static files are `make serve`'s business; pages in process do not use them.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        started_all = time.perf_counter()
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts), throwaway_database():
            started = time.perf_counter()
            plan, built = build_large_plan(sizes)
            bench = Bench(sizes, plan, built, Path(options["save"]) if options["save"] else None)
            self.figure("database", connections["default"].vendor)
            self.figure("build_seconds", f"{time.perf_counter() - started:.2f}")
            for name in options["section"] or SECTIONS:
                try:
                    SECTIONS[name](self, bench)
                except Exception as error:  # report it, go on with the other sections
                    message = " ".join(f"{type(error).__name__}: {error}".split())
                    self.figure(f"{name}_error", message[:500])
                    self.stderr.write(f"section {name}:\n{error}")  # all of it, logs included
                    self.failures.append(f"section {name} failed")
        self.figure("bench_seconds", f"{time.perf_counter() - started_all:.1f}")
        if self.failures:
            raise CommandError("; ".join(self.failures))

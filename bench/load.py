"""Sections `load` (a trust's day) and `load-shared`: signed-in users against `make serve`.

The bench starts `make serve` itself (collectstatic, migrate, load_reference_data, then
gunicorn with 2 x cores + 1 workers, DEBUG off, whitenoise) on a free port against the bench's
throwaway database, with a random SECRET_KEY. The load generator (`loadgen.py`, locust's
FastHttpUser, headless, one process) runs the mix phase, then `/health/` for the same users
signed in (`ok_rps`, what `load_rps_ratio` divides by: the same middleware doing the same
work per request) and for as many anonymous visitors (`ok_anonymous_rps`, for comparison).
Afterwards every save the generator saw succeed is looked up in the database.

Users: editors created here with one password hash computed once; they sign in through the
real sign-in form (django-axes only counts failures). Which plans they work on:

- `load`, a trust's day: each user has a plan of their own (OWN_PLAN_SIZES), except
  LARGE_PLAN_USERS of them who work on the large plan. This is what the targets are for.
- `load-shared`: everyone on a few shared plans (the large plan and SHARED_PLANS - 1 smaller
  ones), the mix `load` used to be; for information, run only when asked for.

Either way each user saves one stage no other user saves, so saves never conflict with each
other, and adds stakeholders to the plan it works on.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

from bench.plans import OWN_PLAN_SIZES, QUICK_SIZES, build_plan

# The repository: where `make serve` runs and `python -m bench.loadgen` finds the bench.
ROOT = Path(__file__).resolve().parent.parent
# seconds: of the mix and of /health/ each, measured in `slices` turns (see loadgen.py).
LOAD = {
    "full": {"users": 20, "seconds": 60, "slices": 6},
    "quick": {"users": 20, "seconds": 12, "slices": 3},
}
LARGE_PLAN_USERS = 2  # of a trust's day: the rest have a plan each
SHARED_PLANS = 5  # of load-shared
SERVER_START_TIMEOUT = 300
LOG_TAIL = 3000


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The URL of the database the bench built (its throwaway one), for the server."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor != "postgresql":
        raise RuntimeError(f"the load test needs PostgreSQL (or SQLite), not {connection.vendor}")
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(db.get("HOST") or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(db['NAME'], safe='')}"


def _tail(path):
    text = Path(path).read_text(errors="replace") if Path(path).exists() else ""
    return text[-LOG_TAIL:]


def _server_messages(path):
    """The server's log less gunicorn's access lines (which start with the client address)."""
    lines = Path(path).read_text(errors="replace").splitlines() if Path(path).exists() else []
    return "\n".join(line for line in lines if not line.startswith("127.0.0.1 "))[-LOG_TAIL:]


@contextmanager
def serving(folder):
    """`make serve` on a free port against the bench database; stopped (its whole process
    group) on the way out, whatever happens."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = Path(folder) / "serve.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so all of it can be stopped
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"make serve exited ({server.returncode}):\n{_tail(log_path)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"make serve did not answer in time:\n{_tail(log_path)}")
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/health/", headers={"X-Forwarded-Proto": "https"}
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.5)
        yield port, log_path
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=40)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _text_stages():
    """(stage, the code of its first free-text question) for every stage that has one: what a
    user saves (a text answer carries the save's marker)."""
    from planning.workflow import QUESTIONS

    return [
        (stage, next(q.code for q in questions if not q.is_choice))
        for stage, questions in QUESTIONS.items()
        if any(not q.is_choice for q in questions)
    ]


def _editors(bench, prefix, count):
    """`count` editors of the bench organisation (emails `<prefix>N@bench.invalid`, so each
    section has its own) sharing one new password; (password, users)."""
    from django.contrib.auth.hashers import make_password

    from newroles.accounts.models import Membership, User

    password = secrets.token_urlsafe(18)
    hashed = make_password(password)  # once: hashing is slow on purpose
    users = User.objects.bulk_create(
        User(email=f"{prefix}{n + 1}@bench.invalid", first_name=f"Load{n + 1}", password=hashed)
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=bench.plan.organisation, role="editor") for user in users
    )
    return password, users


def _spec(password, spec_users, size):
    """The load generator's spec (without the server's address)."""
    from roles.models import Stage

    pairs = {(u["plan"], u["stage"]) for u in spec_users}
    if len(pairs) < len(spec_users):
        raise RuntimeError("two load users would save the same stage of the same plan")
    return {
        "password": password,
        "users": spec_users,
        "stages": list(Stage.values),
        "seconds": size["seconds"],
        "slices": size["slices"],
    }


def prepare_day(bench, size):
    """A trust's day: LARGE_PLAN_USERS users on the large plan (each saving its own stage),
    every other user on a plan of their own that they own."""
    stages = _text_stages()
    if len(stages) < LARGE_PLAN_USERS:
        raise RuntimeError("fewer stages with a text answer than users of the large plan")
    password, users = _editors(bench, "load", size["users"])
    spec_users = []
    for n, user in enumerate(users):
        if n < LARGE_PLAN_USERS:
            plan, (stage, question) = bench.plan, stages[n]
        else:
            plan, _ = build_plan(
                OWN_PLAN_SIZES, bench.plan.organisation, user, title=f"Load user {n + 1}'s plan"
            )
            stage, question = stages[n % len(stages)]  # every stage saved by someone
        spec_users.append(
            {"email": user.email, "plan": plan.pk, "stage": stage, "question": question}
        )
    return _spec(password, spec_users, size)


def prepare_shared(bench, size):
    """Everyone on SHARED_PLANS plans (the large plan and smaller ones), in turn; users of
    the same plan save different stages."""
    organisation, lead = bench.plan.organisation, bench.plan.owner
    plans = [bench.plan]
    for n in range(1, SHARED_PLANS):
        plan, _ = build_plan(QUICK_SIZES, organisation, lead, title=f"Shared load plan {n + 1}")
        plans.append(plan)
    stages = _text_stages()
    password, users = _editors(bench, "shared", size["users"])
    spec_users = []
    for n, user in enumerate(users):
        stage, question = stages[(n // len(plans)) % len(stages)]
        plan = plans[n % len(plans)]
        spec_users.append(
            {"email": user.email, "plan": plan.pk, "stage": stage, "question": question}
        )
    return _spec(password, spec_users, size)


def lost_writes(writes):
    """The saves the generator saw succeed that are not in the database afterwards.

    A stakeholder must exist with its marker in the name; a stage answer must be in the
    stage's history, and the last one saved for each stage must be its current answer."""
    from governance.models import Stakeholder
    from planning.models import StageResponse

    plan_ids = {w["plan"] for w in writes}
    names = set(
        Stakeholder.objects.filter(
            plan_id__in=plan_ids, name__startswith="Stakeholder load-"
        ).values_list("name", flat=True)
    )
    lost = [
        f"stakeholder {w['marker']} of plan {w['plan']} is missing"
        for w in writes
        if w["kind"] == "stakeholder" and f"Stakeholder {w['marker']}" not in names
    ]
    history = "\n".join(
        json.dumps(answers)
        for answers in StageResponse.history.filter(plan_id__in=plan_ids).values_list(
            "answers", flat=True
        )
    )
    last = {}
    for w in writes:
        if w["kind"] == "stage":
            if w["marker"] not in history:
                lost.append(
                    f"stage answer {w['marker']} ({w['plan']}, {w['stage']}) not in history"
                )
            last[(w["plan"], w["stage"])] = w
    current = {
        (r.plan_id, r.stage): json.dumps(r.answers)
        for r in StageResponse.objects.filter(plan_id__in=plan_ids)
    }
    lost += [
        f"stage answer {w['marker']} ({w['plan']}, {w['stage']}) is not the current one"
        for key, w in last.items()
        if w["marker"] not in current.get(key, "")
    ]
    return lost


def run_load(report, spec, section, prefix=""):
    """Serve, run the load generator with `spec`, report its figures (named with `prefix`)
    and the faults (failed requests, no successful save, lost writes) as `section`'s."""
    with (
        tempfile.TemporaryDirectory(prefix="newroles-load-") as folder,
        serving(folder) as (port, serve_log),
    ):
        spec.update(host=f"http://127.0.0.1:{port}", hostport=f"127.0.0.1:{port}")
        spec_path, out_path = Path(folder) / "spec.json", Path(folder) / "out.json"
        spec_path.write_text(json.dumps(spec))
        log_path = Path(folder) / "loadgen.log"
        with open(log_path, "wb") as log:
            # Its own process: gevent patches the standard library, Django must not share it.
            finished = subprocess.run(
                [sys.executable, "-m", "bench.loadgen", spec_path, out_path],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=3 * spec["seconds"] + 300,
                check=False,
            )
        if finished.returncode != 0 or not out_path.exists():
            raise RuntimeError(
                f"the load generator failed ({finished.returncode}):\n{_tail(log_path)}\n"
                f"server's log, but requests:\n{_server_messages(serve_log)}"
            )
        result = json.loads(out_path.read_text())

    def figure(name, value):
        report.figure(f"{prefix}{name}", value)

    def ms(value):
        return f"{value:.0f}" if value is not None else "none"

    mix, ok, anonymous = result["mix"], result["ok"], result["ok_anonymous"]
    figure("load_users", len(spec["users"]))
    figure("load_plans", len({u["plan"] for u in spec["users"]}))
    figure("load_seconds", spec["seconds"])
    figure("load_turns", spec["slices"])  # the mix and /health/ took turns this often
    # As `make serve` counts them: WORKERS when given, else 2 x cores + 1.
    figure("load_server_workers", os.environ.get("WORKERS") or os.cpu_count() * 2 + 1)
    figure("load_requests", mix["requests"])
    figure("load_errors", mix["errors"])
    figure("load_p95_ms", ms(mix["p95_ms"]))
    figure("load_rps", f"{mix['rps']:.1f}")
    figure("ok_requests", ok["requests"])
    figure("ok_errors", ok["errors"])
    figure("ok_p95_ms", ms(ok["p95_ms"]))
    figure("ok_rps", f"{ok['rps']:.1f}")
    figure("load_rps_ratio", f"{mix['rps'] / ok['rps']:.2f}" if ok["rps"] else "none")
    figure("ok_anonymous_rps", f"{anonymous['rps']:.1f}")
    figure(
        "load_rps_ratio_anonymous",
        f"{mix['rps'] / anonymous['rps']:.2f}" if anonymous["rps"] else "none",
    )
    figure("load_client_cpu_percent", mix["client_cpu_percent"])
    figure("ok_client_cpu_percent", ok["client_cpu_percent"])
    figure("ok_anonymous_client_cpu_percent", anonymous["client_cpu_percent"])
    for name, row in mix["by_name"].items():
        slug = name.replace(" ", "_").replace("(", "").replace(")", "")
        figure(f"load_p95_ms_{slug}", f"{ms(row['p95_ms'])} ({row['requests']} requests)")
    for n, sample in enumerate(result["error_samples"][:5]):
        figure(f"load_error_{n + 1}", sample)
    lost = lost_writes(result["writes"])
    figure("load_writes", len(result["writes"]))
    figure("load_lost_writes", len(lost))
    for n, what in enumerate(lost[:5]):
        figure(f"load_lost_write_{n + 1}", what)

    # Faults, whichever the mix: slowness is only reported, these are bugs.
    if 0 in (mix["requests"], ok["requests"], anonymous["requests"]):
        report.fail(f"{section}: the load test made no requests")
    errors = mix["errors"] + ok["errors"] + anonymous["errors"]
    if errors:
        report.fail(f"{section}: {errors} requests failed under load")
    if not result["writes"]:
        report.fail(f"{section}: no save succeeded under load")
    if lost:
        report.fail(f"{section}: {len(lost)} successful saves are missing from the database")


def _size(bench):
    return LOAD["quick" if bench.sizes.get("quick") else "full"]


def section_load(report, bench):
    run_load(report, prepare_day(bench, _size(bench)), "load")


def section_load_shared(report, bench):
    run_load(report, prepare_shared(bench, _size(bench)), "load-shared", prefix="shared_")

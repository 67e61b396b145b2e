"""The load generator of `make bench`: locust (FastHttpUser), headless, as a library.

Run by the bench in its own process (gevent patches the standard library, so it never shares a
process with Django): `python -m bench.loadgen SPEC.json OUT.json`. SPEC names the
server, the users (email, password, their plan and the stage they save) and the phase length.
Nothing here imports Django.

Three phases, the same number of users each, no think time (a saturation test: the throughput
is the server's capacity):

1. mix: every user signs in through the real sign-in form (GET for the CSRF token, POST), then
   loops over a realistic mix: the plan list, a plan's overview, a stage page, saving a stage
   (GET the page, POST its form back with one answer changed) and adding a stakeholder (GET
   the form, POST it). Measuring starts once every user has signed in.
2. ok: the same users, signed in the same way, request `/health/` (a trivial view behind the
   same middleware, which reads their session, account and memberships as on any page).
3. ok_anonymous: as many visitors who are not signed in request `/health/` (for comparison:
   the middleware then reads nothing from the database).

The mix and ok phases take turns in SPEC's `slices` (so many seconds of each, then again),
because the machine's speed drifts over minutes (other work on a shared host): measured in
turns, a slow minute slows both alike and the ratio between them stays fair. Users sign in
once; later turns carry on with the same session.

Every request runs with `X-Forwarded-Proto: https`, as behind the TLS proxy `make serve`
expects, so the secure session and CSRF cookies work over plain HTTP to 127.0.0.1. A request
is an error unless it has the expected status (200 for pages, 302 for a save, never a
redirect to the sign-in page). Each successful save carries a unique marker, written to OUT so
the bench can check afterwards that every one of them is in the database.
"""

import json
import random
import re
import sys
import time
import uuid
from html import unescape

import gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment

from bench.htmlforms import form_with

HEADERS = {"X-Forwarded-Proto": "https"}
SPEC: dict = {}
STATE = {"signed_in": 0, "window": None, "users": None, "stopping": False, "busy": 0}
SESSIONS: dict = {}  # email -> cookies, kept from one turn to the next
RECORDS: list = []  # (phase, name, start_time, response_time_ms, error or None)
WRITES: list = []  # {"kind", "plan", "stage", "marker"}
ERROR_SAMPLES: list = []
ANSWER = (
    "Load test answer: the team reviewed the plan at the steering group and agreed the next "
    "steps with the service manager."
)


def on_request(request_type, name, response_time, exception, start_time, **kwargs):
    window = STATE["window"]
    if window is None or not (window[1] <= start_time < window[2]):
        return
    error = None if exception is None else f"{type(exception).__name__}: {exception}"[:300]
    RECORDS.append((window[0], name, start_time, response_time, error))
    if error and len(ERROR_SAMPLES) < 20:
        ERROR_SAMPLES.append(f"{request_type} {name}: {error}")


def finishing(work):
    """A task that is not started once the phase is over, and is counted while it runs, so
    the phase ends only when every save in flight has its answer (and is recorded)."""

    def run(self):
        if STATE["stopping"]:
            gevent.sleep(0.2)
            return
        STATE["busy"] += 1
        try:
            work(self)
        finally:
            STATE["busy"] -= 1

    run.__name__ = work.__name__
    return run


class SigningInUser(FastHttpUser):
    """One of SPEC's users: signs in through the sign-in form, keeps its cookies."""

    abstract = True
    wait_time = constant(0)
    network_timeout = 60.0
    connection_timeout = 60.0

    def on_start(self):
        self.me = STATE["users"].pop()
        self.plan = self.me["plan"]
        self.client.client.cookiejar = None
        if self.me["email"] in SESSIONS:  # signed in during an earlier turn
            self.cookies = SESSIONS[self.me["email"]]
            STATE["signed_in"] += 1
            return
        self.cookies = SESSIONS[self.me["email"]] = {}
        form = form_with(self.get("sign-in", "/accounts/sign-in/") or "", "password")
        if form is None:
            STATE["sign_in_failed"] = "no sign-in form"
            raise RuntimeError(STATE["sign_in_failed"])
        form["fields"].update(username=self.me["email"], password=SPEC["password"])
        if not self.post("sign-in (POST)", "/accounts/sign-in/", form["fields"]):
            STATE["sign_in_failed"] = f"{self.me['email']} could not sign in: {self.last_failure}"
            raise RuntimeError(STATE["sign_in_failed"])
        STATE["signed_in"] += 1

    # Cookies by hand: the cookie jar would not send the Secure cookies over plain HTTP.
    def headers(self, **extra):
        headers = {**HEADERS, **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def keep_cookies(self, response):
        for line in response.headers.getlist("set-cookie") if response.headers else []:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in line.lower() or value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value

    def get(self, name, path):
        with self.client.get(
            path, headers=self.headers(), name=name, catch_response=True
        ) as response:
            self.keep_cookies(response)
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return None
            return response.text or ""

    def post(self, name, path, fields):
        headers = self.headers(Referer=f"https://{SPEC['hostport']}{path}")
        with self.client.post(
            path,
            data=fields,
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self.keep_cookies(response)
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or "sign-in" in location:
                text = re.sub(r"<[^>]+>", " ", unescape(response.text or ""))
                text = " ".join(text.split())
                body = text[text.find("There is a problem") :][:300]
                self.last_failure = f"status {response.status_code} {location} {body}"
                response.failure(self.last_failure)
                return False
            return True


class SignedInUser(SigningInUser):
    """Works on their plan: the realistic mix."""

    @task(3)
    @finishing
    def plan_list(self):
        self.get("plan list", "/plans/")

    @task(3)
    @finishing
    def overview(self):
        self.get("overview", f"/plans/{self.plan}/")

    @task(3)
    @finishing
    def stage_page(self):
        stage = random.choice(SPEC["stages"])
        self.get("stage page", f"/plans/{self.plan}/stages/{stage}/")

    @task(1)
    @finishing
    def stage_save(self):
        path = f"/plans/{self.plan}/stages/{self.me['stage']}/"
        html = self.get("stage page (to save)", path)
        form = form_with(html or "", self.me["question"])
        if html is None or form is None:
            return
        marker = f"load-{uuid.uuid4().hex}"
        form["fields"][self.me["question"]] = f"{ANSWER} [{marker}]"
        if self.post("stage save", path, form["fields"]):
            write = {"kind": "stage", "plan": self.plan, "stage": self.me["stage"]}
            WRITES.append({**write, "marker": marker, "at": time.time()})

    @task(1)
    @finishing
    def stakeholder_add(self):
        path = f"/plans/{self.plan}/stakeholders/new/"
        html = self.get("stakeholder form", path)
        form = form_with(html or "", "name")
        if html is None or form is None:
            return
        marker = f"load-{uuid.uuid4().hex}"
        form["fields"].update(name=f"Stakeholder {marker}", job_title="Ward manager")
        if self.post("stakeholder add", path, form["fields"]):
            WRITES.append({"kind": "stakeholder", "plan": self.plan, "marker": marker})


class SignedInHealthUser(SigningInUser):
    """The same people asking only for /health/: the middleware does for them what it does
    on every page (session, account, memberships), the view nothing."""

    @task
    def health(self):
        ask_for_health(self.client, self.headers())


class HealthUser(FastHttpUser):
    """Nobody signed in asking for /health/: no session or account is read at all."""

    wait_time = constant(0)

    @task
    def health(self):
        ask_for_health(self.client, HEADERS)


def ask_for_health(client, headers):
    with client.get("/health/", headers=headers, name="health", catch_response=True) as response:
        if response.status_code != 200 or response.text != "ok":
            response.failure(f"status {response.status_code}")


def run_phase(phase, user_class, users, seconds, wait_for_sign_in):
    STATE["users"], STATE["signed_in"] = list(reversed(SPEC["users"])), 0
    env = Environment(user_classes=[user_class], host=SPEC["host"])
    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    deadline = time.time() + SPEC.get("sign_in_timeout", 120)
    while wait_for_sign_in and STATE["signed_in"] < users:
        if STATE.get("sign_in_failed"):
            runner.quit()
            raise SystemExit(STATE["sign_in_failed"])
        if time.time() > deadline:
            runner.quit()
            raise SystemExit(f"only {STATE['signed_in']} of {users} users signed in")
        gevent.sleep(0.05)
    gevent.sleep(0.5)  # let every user settle into its loop
    cpu_before, started = time.process_time(), time.time()
    STATE["window"] = (phase, started, started + seconds)
    gevent.sleep(seconds)
    cpu = time.process_time() - cpu_before
    STATE["stopping"] = True  # let the requests in flight finish; start no more
    deadline = time.time() + 60
    while STATE["busy"] and time.time() < deadline:
        gevent.sleep(0.05)
    runner.quit()
    STATE["window"], STATE["stopping"] = None, False
    return {"seconds": seconds, "client_cpu_percent": round(100 * cpu / seconds, 1)}


def run_in_turns(phases, slices, seconds):
    """Run each (phase, user class) for `seconds` in all, in `slices` turns each; the phases'
    summed timings (seconds measured and the load generator's CPU)."""
    timings = {phase: {"seconds": 0, "cpu_seconds": 0.0} for phase, _ in phases}
    for _ in range(slices):
        for phase, user_class in phases:
            timing = run_phase(phase, user_class, len(SPEC["users"]), seconds / slices, True)
            timings[phase]["seconds"] += timing["seconds"]
            timings[phase]["cpu_seconds"] += timing["client_cpu_percent"] * timing["seconds"] / 100
    return {
        phase: {
            "seconds": timing["seconds"],
            "client_cpu_percent": round(100 * timing["cpu_seconds"] / timing["seconds"], 1),
        }
        for phase, timing in timings.items()
    }


def summarise(phase, timing):
    rows = [r for r in RECORDS if r[0] == phase]
    times = sorted(r[3] for r in rows)
    names = sorted({r[1] for r in rows})

    def p95(values):
        if not values:
            return None
        return values[min(len(values) - 1, int(round(0.95 * len(values) + 0.5)) - 1)]

    return {
        **timing,
        "requests": len(rows),
        "errors": sum(1 for r in rows if r[4]),
        "p95_ms": p95(times),
        "rps": len(rows) / timing["seconds"],
        "by_name": {
            name: {
                "requests": sum(1 for r in rows if r[1] == name),
                "errors": sum(1 for r in rows if r[1] == name and r[4]),
                "p95_ms": p95(sorted(r[3] for r in rows if r[1] == name)),
            }
            for name in names
        },
    }


def main(spec_path, out_path):
    with open(spec_path) as spec:
        SPEC.update(json.load(spec))
    count, seconds = len(SPEC["users"]), SPEC["seconds"]
    turns = run_in_turns(
        [("mix", SignedInUser), ("ok", SignedInHealthUser)], SPEC.get("slices", 1), seconds
    )
    result = {phase: summarise(phase, timing) for phase, timing in turns.items()}
    result["ok_anonymous"] = summarise(
        "ok_anonymous", run_phase("ok_anonymous", HealthUser, count, seconds, False)
    )
    result["writes"] = WRITES
    result["error_samples"] = ERROR_SAMPLES
    with open(out_path, "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

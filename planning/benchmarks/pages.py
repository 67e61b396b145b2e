"""`make bench` sections for pages, in process with Django's test client.

- overview: the plan overview of the large plan against a small plan, one stakeholder and one
  record of every other part (query counts, which must be equal), and against a minimal
  template page (the floor: the accessibility page, a TemplateView on the site's base page
  with the same middleware and context processors, nothing of a plan). A bare plan (one
  stakeholder, nothing else) is counted too, for information: with no funding or evaluation
  records some gap checks stop early, so it runs fewer queries; that is not about size.
- list: the plan list of an organisation with 100 plans against one with 10,000.

Timings are medians of repeated GETs after one untimed warm-up request each, the two pages
of a comparison measured in turns.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planning.benchmarks.htmlforms import form_with

LIST_SIZES = (100, 10_000)
PAGE_REPEATS = {"full": 30, "quick": 10}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def get_ok(client, url):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def medians_ms(pairs, repeats):
    """Median milliseconds of GETs of each (client, url), taken in turns so that a busy
    moment on a shared machine hits them all alike."""
    for client, url in pairs:
        get_ok(client, url)  # warm-up: template loading, connection, caches
    times = [[] for _ in pairs]
    for _ in range(repeats):
        for (client, url), samples in zip(pairs, times, strict=True):
            started = time.perf_counter()
            get_ok(client, url)
            samples.append(time.perf_counter() - started)
    return [1000 * statistics.median(samples) for samples in times]


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        get_ok(client, url)
    return len(queries)


def _repeats(bench):
    return PAGE_REPEATS["quick" if bench.sizes.get("quick") else "full"]


def small_plan(bench):
    """A plan in the same organisation with one stakeholder and one record of every other
    part: what the large plan has, but one of each, so only sizes differ."""
    from planning.management.commands.bench import FULL_SIZES, build_large_plan

    large = bench.plan
    sizes = dict.fromkeys(FULL_SIZES, 1)
    plan, _ = build_large_plan(sizes, large.organisation, large.owner, title="A small plan")
    return plan


def bare_plan(bench):
    """A plan with nothing but one stakeholder (no funding, no evaluation...)."""
    from governance.models import Stakeholder
    from planning.models import ImplementationPlan

    large = bench.plan
    plan = ImplementationPlan.objects.create(
        organisation=large.organisation,
        title="A bare plan",
        need="One line of need.",
        owner=large.owner,
        created_by=large.owner,
    )
    stances = [value for value, _ in Stakeholder._meta.get_field("current_stance").choices]
    Stakeholder.objects.create(
        plan=plan,
        name="Only stakeholder",
        group=Stakeholder._meta.get_field("group").choices[0][0],
        influence=2,
        interest=2,
        current_stance=stances[0],
        desired_stance=stances[-1],
    )
    return plan


def section_overview(command, bench):
    client = _client(bench.plan.owner)
    small = small_plan(bench)
    large_url = reverse("planning:plan_detail", args=[bench.plan.pk])
    small_url = reverse("planning:plan_detail", args=[small.pk])
    floor_url = reverse("accessibility")
    bare_url = reverse("planning:plan_detail", args=[bare_plan(bench).pk])
    for url in (large_url, small_url, bare_url):
        get_ok(client, url)  # once first: a first view is audited, later ones coalesce
    large_queries = query_count(client, large_url)
    small_queries = query_count(client, small_url)
    bare_queries = query_count(client, bare_url)
    repeats = _repeats(bench)
    overview_ms, floor_ms = medians_ms([(client, large_url), (client, floor_url)], repeats)
    command.figure("overview_queries", large_queries)
    command.figure("overview_queries_small", small_queries)
    command.figure("overview_queries_bare", bare_queries)
    command.figure("overview_ms", f"{overview_ms:.1f}")
    command.figure("floor_ms", f"{floor_ms:.1f}")
    command.figure("overview_ratio", f"{overview_ms / floor_ms:.2f}")
    if large_queries != small_queries:
        command.fail(f"overview queries differ: {large_queries} (large) != {small_queries}")


def organisation_with_plans(count, name):
    from newroles.accounts.models import Membership, Organisation, User
    from planning.models import ImplementationPlan, PlanStatus
    from roles.models import Role, RoleCategory

    organisation = Organisation.objects.create(name=name)
    lead = User.objects.create(email=f"lead-{count}@list.bench.invalid", first_name="List")
    Membership.objects.create(user=lead, organisation=organisation, role="lead")
    roles = list(Role.objects.all()[:10]) or [None]
    categories = list(RoleCategory.objects.all()) or [None]
    statuses = PlanStatus.values
    now = timezone.now()
    ImplementationPlan.objects.bulk_create(
        (
            ImplementationPlan(
                organisation=organisation,
                title=f"Plan {n + 1}: a new role for the {n % 40 + 1}th team",
                need="People wait too long; a new role would see them sooner.",
                role=roles[n % len(roles)],
                category=categories[n % len(categories)],
                status=statuses[n % len(statuses)],
                owner=lead,
                created_by=lead,
                archived_at=now if n % 10 == 9 else None,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    return lead


def section_list(command, bench):
    url = reverse("planning:plan_list")
    clients = [
        _client(organisation_with_plans(count, f"List bench trust {count}")) for count in LIST_SIZES
    ]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after such a load
    queries = [query_count(client, url) for client in clients]
    times = medians_ms([(client, url) for client in clients], _repeats(bench))
    for count, n in zip(LIST_SIZES, queries, strict=True):
        command.figure(f"list_queries_{count}", n)
    for count, ms in zip(LIST_SIZES, times, strict=True):
        command.figure(f"list_ms_{count}", f"{ms:.1f}")
    command.figure("list_scaling_ratio", f"{times[1] / times[0]:.2f}")


# The load test's requests, each timed alone in process: (name, weight in the load mix).
# Weights follow loadgen.py: plan list, overview and a stage page 3 each; a stage save is a
# GET of the stage page then the POST; a stakeholder added, a GET of the form then the POST.
MIX = {
    "plan_list": 3,
    "overview": 3,
    "stage_page": 4,
    "stage_save": 1,
    "stakeholder_form": 1,
    "stakeholder_add": 1,
}


def _post_ms(client, url, field, repeats, change):
    """Median ms of POSTing the form that has `field` back `repeats` times, each with
    `change(fields, n)`."""
    samples = []
    for n in range(repeats + 1):
        form = form_with(get_ok(client, url).content.decode(), field)
        change(form["fields"], n)
        started = time.perf_counter()
        response = client.post(url, form["fields"], secure=True)
        elapsed = time.perf_counter() - started
        if response.status_code != 302:
            raise RuntimeError(f"POST {url} answered {response.status_code}")
        if n:  # the first is a warm-up
            samples.append(elapsed)
    return 1000 * statistics.median(samples)


def section_mix(command, bench):
    """Each request of the load test's mix, in process on the large plan, against /health/:
    where the load test's time goes, without the server and the load generator."""
    from planning.workflow import QUESTIONS

    plan = bench.plan
    client = _client(plan.owner)
    repeats = _repeats(bench)
    stages = list(QUESTIONS)
    stage, question = next(
        (s, next(q.code for q in qs if not q.is_choice))
        for s, qs in QUESTIONS.items()
        if any(not q.is_choice for q in qs)
    )
    get_ok(client, reverse("planning:plan_detail", args=[plan.pk]))  # the audited first view
    gets = {
        "health": reverse("health"),
        "floor": reverse("accessibility"),
        "plan_list": reverse("planning:plan_list"),
        "overview": reverse("planning:plan_detail", args=[plan.pk]),
        **{f"stage_{s}": reverse("planning:stage", args=[plan.pk, s]) for s in stages},
        "stakeholder_form": reverse("governance:stakeholder_create", args=[plan.pk]),
    }
    names = list(gets)
    times = dict(zip(names, medians_ms([(client, gets[n]) for n in names], repeats), strict=True))
    times["stage_page"] = statistics.mean(times[f"stage_{s}"] for s in stages)

    def answer(fields, n):
        fields[question] = f"Bench answer {n}: agreed at the steering group."

    def stakeholder(fields, n):
        fields.update(name=f"Bench stakeholder {n}", job_title="Ward manager")

    stage_url = reverse("planning:stage", args=[plan.pk, stage])
    times["stage_save"] = _post_ms(client, stage_url, question, repeats, answer)
    times["stakeholder_add"] = _post_ms(
        client, gets["stakeholder_form"], "name", repeats, stakeholder
    )
    for name, ms in times.items():
        command.figure(f"mix_ms_{name}", f"{ms:.1f}")
    weighted = sum(times[n] * w for n, w in MIX.items()) / sum(MIX.values())
    command.figure("mix_weighted_ms", f"{weighted:.1f}")
    command.figure("mix_health_ratio", f"{times['health'] / weighted:.2f}")
    # Under the load test every few requests change each plan, so pages cached per plan
    # version are often worked out afresh: the same pages just after the plan changed.
    cold = {
        name: _cold_ms(client, plan, gets[name], repeats)
        for name in ("overview", *(f"stage_{s}" for s in stages))
    }
    command.figure("mix_cold_ms_overview", f"{cold['overview']:.1f}")
    stage_cold = statistics.mean(cold[f"stage_{s}"] for s in stages)
    command.figure("mix_cold_ms_stage_page", f"{stage_cold:.1f}")


def _cold_ms(client, plan, url, repeats):
    """Median ms of a GET with nothing cached (as for content nobody has asked for since it
    changed: a change to one kind of record keeps what reads only others, see plan_cache)."""
    from django.core.cache import cache

    samples = []
    for _ in range(repeats):
        cache.clear()
        started = time.perf_counter()
        get_ok(client, url)
        samples.append(time.perf_counter() - started)
    return 1000 * statistics.median(samples)

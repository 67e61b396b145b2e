"""Sections for pages, in process with Django's test client.

- overview: the plan overview of the large plan against a small plan, one stakeholder and one
  record of every other part (query counts, which must be equal), and against a minimal
  template page (the floor: the accessibility page, a TemplateView on the site's base page
  with the same middleware and context processors, nothing of a plan). A bare plan (one
  stakeholder, nothing else) is counted too, for information: with no funding or evaluation
  records some gap checks stop early, so it runs fewer queries; that is not about size.
  The overview and the stage pages are also timed cold: just after the plan's version was
  raised, as by any change, so nothing cached for the plan applies.
- list: the plan list of an organisation with 100 plans against one with 10,000.
- mix: each request of the load test's mix, alone, on the large plan.

Timings are medians of repeated GETs after one untimed warm-up request each, the pages of a
comparison measured in turns.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.htmlforms import form_with
from bench.plans import bare_plan, make_cold, organisation_with_plans, small_plan

LIST_SIZES = (100, 10_000)
PAGE_REPEATS = {"full": 30, "quick": 10}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def get_ok(client, url):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def medians_ms(steps, repeats):
    """Median milliseconds of the GET of each step (client, url, before), the steps taken in
    turns so that a busy moment on a shared machine hits them all alike. `before`, when not
    None, runs untimed just ahead of each GET (e.g. to make the plan cold)."""
    for client, url, before in steps:  # warm-up: template loading, connection, caches
        if before:
            before()
        get_ok(client, url)
    times = [[] for _ in steps]
    for _ in range(repeats):
        for (client, url, before), samples in zip(steps, times, strict=True):
            if before:
                before()
            started = time.perf_counter()
            get_ok(client, url)
            samples.append(time.perf_counter() - started)
    return [1000 * statistics.median(samples) for samples in times]


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        get_ok(client, url)
    return len(queries)


def repeats_of(bench):
    return PAGE_REPEATS["quick" if bench.sizes.get("quick") else "full"]


def stage_urls(plan):
    from planning.workflow import QUESTIONS

    return {stage: reverse("planning:stage", args=[plan.pk, stage]) for stage in QUESTIONS}


def section_overview(report, bench):
    plan = bench.plan
    client = signed_in(plan.owner)
    small = small_plan(plan)
    large_url = reverse("planning:plan_detail", args=[plan.pk])
    small_url = reverse("planning:plan_detail", args=[small.pk])
    floor_url = reverse("accessibility")
    bare_url = reverse("planning:plan_detail", args=[bare_plan(plan).pk])
    for url in (large_url, small_url, bare_url):
        get_ok(client, url)  # once first: a first view is audited, later ones coalesce
    large_queries = query_count(client, large_url)
    small_queries = query_count(client, small_url)
    bare_queries = query_count(client, bare_url)

    def cold():
        make_cold(plan.pk)

    # In each turn: the floor, the overview just after a change (cold) and at once again
    # (warm: the cold one filled the cache), then every stage page, each just after a change.
    stages = stage_urls(plan)
    steps = [
        (client, floor_url, None),
        (client, large_url, cold),
        (client, large_url, None),
        *((client, url, cold) for url in stages.values()),
    ]
    floor_ms, overview_cold_ms, overview_ms, *stage_ms = medians_ms(steps, repeats_of(bench))
    stage_cold_ms = statistics.mean(stage_ms)  # the load test asks for any stage alike
    report.figure("overview_queries", large_queries)
    report.figure("overview_queries_small", small_queries)
    report.figure("overview_queries_bare", bare_queries)
    report.figure("overview_ms", f"{overview_ms:.1f}")
    report.figure("floor_ms", f"{floor_ms:.1f}")
    report.figure("overview_ratio", f"{overview_ms / floor_ms:.2f}")
    report.figure("overview_cold_ms", f"{overview_cold_ms:.1f}")
    report.figure("overview_cold_ratio", f"{overview_cold_ms / floor_ms:.2f}")
    report.figure("stage_cold_ms", f"{stage_cold_ms:.1f}")
    report.figure("stage_cold_ratio", f"{stage_cold_ms / floor_ms:.2f}")
    if large_queries != small_queries:
        report.fail(f"overview queries differ: {large_queries} (large) != {small_queries}")


def section_list(report, bench):
    url = reverse("planning:plan_list")
    clients = [
        signed_in(organisation_with_plans(count, f"List bench trust {count}"))
        for count in LIST_SIZES
    ]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after such a load
    queries = [query_count(client, url) for client in clients]
    times = medians_ms([(client, url, None) for client in clients], repeats_of(bench))
    for count, n in zip(LIST_SIZES, queries, strict=True):
        report.figure(f"list_queries_{count}", n)
    for count, ms in zip(LIST_SIZES, times, strict=True):
        report.figure(f"list_ms_{count}", f"{ms:.1f}")
    report.figure("list_scaling_ratio", f"{times[1] / times[0]:.2f}")


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


def section_mix(report, bench):
    """Each request of the load test's mix, in process on the large plan, against /health/:
    where the load test's time goes, without the server and the load generator."""
    from planning.workflow import QUESTIONS

    plan = bench.plan
    client = signed_in(plan.owner)
    repeats = repeats_of(bench)
    stages = stage_urls(plan)
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
        **{f"stage_{s}": url for s, url in stages.items()},
        "stakeholder_form": reverse("governance:stakeholder_create", args=[plan.pk]),
    }
    names = list(gets)
    warm = medians_ms([(client, gets[n], None) for n in names], repeats)
    times = dict(zip(names, warm, strict=True))
    times["stage_page"] = statistics.mean(times[f"stage_{s}"] for s in stages)

    def answer(fields, n):
        fields[question] = f"Bench answer {n}: agreed at the steering group."

    def stakeholder(fields, n):
        fields.update(name=f"Bench stakeholder {n}", job_title="Ward manager")

    times["stage_save"] = _post_ms(client, stages[stage], question, repeats, answer)
    times["stakeholder_add"] = _post_ms(
        client, gets["stakeholder_form"], "name", repeats, stakeholder
    )
    for name, ms in times.items():
        report.figure(f"mix_ms_{name}", f"{ms:.1f}")
    weighted = sum(times[n] * w for n, w in MIX.items()) / sum(MIX.values())
    report.figure("mix_weighted_ms", f"{weighted:.1f}")
    report.figure("mix_health_ratio", f"{times['health'] / weighted:.2f}")
    # Under load every save or addition raises its plan's version, so the next pages of that
    # plan are worked out afresh: the same pages just after a change (as in `overview`).
    cold_names = ["overview", *(f"stage_{s}" for s in stages)]

    def cold():
        make_cold(plan.pk)

    cold_ms = medians_ms([(client, gets[n], cold) for n in cold_names], repeats)
    cold_times = dict(zip(cold_names, cold_ms, strict=True))
    report.figure("mix_cold_ms_overview", f"{cold_times['overview']:.1f}")
    stage_cold = statistics.mean(cold_times[f"stage_{s}"] for s in stages)
    report.figure("mix_cold_ms_stage_page", f"{stage_cold:.1f}")

"""Every change to a plan shows at once on the overview and on every stage page.

The overview's content and the stage panels are cached per plan version (plan_cache), and the
suite runs with the cache as production configures it. For every page that adds, changes or
bins one of a plan's records (found from the URL resolver, so a new kind of record is covered
the day its pages are added), a reader opens the overview and the six stage pages, someone
makes the change through the page, and the reader's next look at those pages must be exactly
what they would get with nothing cached.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from newroles.accounts.permissions import MemberRole
from planning.models import ImplementationPlan, Stage, StageResponse
from planning.views.parts import (
    ConflictAwareFormMixin,
    PartCreateView,
    PartDeleteView,
    PartSingletonView,
    PartUpdateView,
)
from tests.factories import ImplementationPlanFactory, MembershipFactory
from tests.forms import form_data
from tests.test_no_lost_updates import pick_change
from tests.url_walk import make, record_for, routes

pytestmark = pytest.mark.django_db

ADD, CHANGE, BIN = "add", "change", "bin"


def plan_routes():
    """(route, what it does) for every plan page that writes one of the plan's records."""
    found = []
    for route in routes():
        view = route.view_class
        if view is None or "plan_pk" not in route.params:
            continue
        if issubclass(view, PartCreateView):
            found.append((route, ADD))
        elif issubclass(view, PartDeleteView):
            found.append((route, BIN))
        elif issubclass(view, ConflictAwareFormMixin):
            found.append((route, CHANGE))
    return found


CASES = [pytest.param(route, action, id=f"{route.name}") for route, action in plan_routes()]


def test_the_pages_that_change_a_plan_are_found():
    names = {case.values[0].name for case in CASES}
    # A floor, not the list: new pages are found without changing this test.
    assert {
        "planning:plan_update",
        "planning:stage",
        "planning:risk_create",
        "planning:funding_update",
        "planning:training_delete",
        "governance:stakeholder_create",
        "governance:arrangement_update",
        "evaluation:checkpoint_create",
        "evaluation:measurements",
    } <= names
    assert len(names) >= 40


def signed_in(organisation, role=MemberRole.LEAD) -> Client:
    client = Client()
    client.force_login(MembershipFactory(organisation=organisation, role=role).user)
    return client


def author_of(record) -> Client:
    if record is None or not hasattr(record, "author"):
        return Client()
    client = Client()
    client.force_login(record.author)
    return client


def plan_pages(plan) -> list[str]:
    return [reverse("planning:plan_detail", args=[plan.pk])] + [
        reverse("planning:stage", args=[plan.pk, stage]) for stage in Stage.values
    ]


# Differ per request, never per content: CSRF tokens and the CSP nonce.
PER_REQUEST = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def look(client, urls) -> dict[str, str]:
    seen = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for pattern in PER_REQUEST:
            html = pattern.sub("", html)
        seen[url] = html
    return seen


def update_route_for(model):
    return next(
        r
        for r in routes()
        if r.view_class is not None
        and issubclass(r.view_class, PartUpdateView)
        and r.view_class.model is model
    )


# Records a plan holds one of per name: a second one needs a name of its own.
DIFFERENT = {"planning.skillmixline": {"profession": "Another staff group"}}


def add_data(route, plan, editor) -> dict:
    """What a person types to add a record: the values of one already in the plan, as its
    edit page shows them."""
    model = route.view_class.model
    record = make(model, plan)
    edit = update_route_for(model).url(plan_pk=plan.pk, pk=record.pk)
    data = form_data(editor.get(edit).context["form"])
    data.pop("lock_version", None)
    data.update(DIFFERENT.get(model._meta.label_lower, {}))
    return data


def prepare(route, action, plan, editor) -> tuple[Client, str, dict]:
    """(who, where, what): the change a person makes through the page."""
    if action == ADD:
        return editor, route.url(plan_pk=plan.pk), add_data(route, plan, editor)
    if action == BIN:
        return editor, route.url(plan_pk=plan.pk, pk=record_for(route, plan).pk), {}
    values = {"plan_pk": plan.pk, "stage": Stage.UNDERSTANDING_RESOURCE}
    if issubclass(route.view_class, PartSingletonView):
        make(route.view_class.model, plan)
    if "stage" in route.params:
        StageResponse.objects.create(plan=plan, stage=values["stage"], answers={})
    record = None
    if "pk" in route.params:
        record = record_for(route, plan)
        values["pk"] = record.pk
    url = route.url(**values)
    page = editor.get(url)
    if page.status_code == 403:  # leads only (the status), or its author only (a comment)
        editor = next(
            who
            for who in (signed_in(plan.organisation), author_of(record))
            if who.get(url).status_code == 200
        )
        page = editor.get(url)
    form = page.context["form"]
    data = form_data(form)
    name, value, _ = pick_change(form)
    data[name] = value
    return editor, url, data


@pytest.mark.parametrize(("route", "action"), CASES)
def test_a_change_shows_at_once_on_the_overview_and_every_stage_page(
    route, action, organisation, cycle
):
    plan = ImplementationPlanFactory(organisation=organisation)
    who, url, data = prepare(route, action, plan, signed_in(organisation, MemberRole.EDITOR))
    reader = signed_in(organisation, MemberRole.VIEWER)
    pages = plan_pages(plan)
    before = look(reader, pages)  # and now cached for this version of the plan
    version = ImplementationPlan.objects.get(pk=plan.pk).version

    response = who.post(url, data)
    assert response.status_code == 302, (
        response.context and response.context["form"].errors,
        f"{route} should save",
    )

    assert ImplementationPlan.objects.get(pk=plan.pk).version > version
    after = look(reader, pages)
    cache.clear()
    fresh = look(reader, pages)
    stale = [url for url in pages if after[url] != fresh[url]]
    assert stale == [], f"{route}: these pages showed what was cached before the change"
    assert after != before

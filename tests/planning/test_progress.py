"""Where a plan stands, on the plan list and the register (issue 18).

A stage nobody has touched is "Not started"; each plan shows its progress through the six
stages at a glance (a segment per stage, named in words) and the furthest stage it has reached,
the same on the plan list, the register and the register's spreadsheet.
"""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planning.models import ChecklistResponse, GoodPracticePoint, PointStatus
from tests.factories import ImplementationPlanFactory

pytestmark = pytest.mark.django_db

STAGES = [
    "Underpinning Approach",
    "Setting a Foundation",
    "Understanding Resource",
    "Stakeholder Engagement",
    "Training and Support",
    "Monitor and Evaluate",
]


def mark_stages(plan, orders, status=PointStatus.DONE, *, first_only=False):
    """Mark the points of these stages (by order in the cycle) with a status."""
    points = GoodPracticePoint.objects.filter(stage__order__in=orders).order_by("stage", "order")
    if first_only:
        points = [points.filter(stage__order=order).first() for order in orders]
    ChecklistResponse.objects.bulk_create(
        ChecklistResponse(plan=plan, point=point, status=status) for point in points
    )


@pytest.fixture
def plans_at_every_point(organisation, cycle):
    """Plans at different points of the cycle, by title."""
    untouched = ImplementationPlanFactory(organisation=organisation, title="A untouched")
    first_two = ImplementationPlanFactory(organisation=organisation, title="B first two done")
    mark_stages(first_two, [1, 2])
    fifth_only = ImplementationPlanFactory(organisation=organisation, title="C only stage five")
    mark_stages(fifth_only, [5], PointStatus.IN_PROGRESS, first_only=True)
    everything = ImplementationPlanFactory(organisation=organisation, title="D all done")
    mark_stages(everything, [1, 2, 3, 4, 5, 6])
    # A stage saved with nothing marked has not been started.
    mark_stages(untouched, [3], PointStatus.NOT_STARTED)
    return untouched, first_two, fifth_only, everything


EXPECTED = {
    # title: (states of the six stages, summary, furthest stage reached)
    "A untouched": (["not-started"] * 6, "0 of 6 stages complete", "Not started"),
    "B first two done": (
        ["complete", "complete"] + ["not-started"] * 4,
        "2 of 6 stages complete",
        "Setting a Foundation",
    ),
    "C only stage five": (
        ["not-started"] * 4 + ["in-progress", "not-started"],
        "0 of 6 stages complete, 1 in progress",
        "Training and Support",
    ),
    "D all done": (["complete"] * 6, "6 of 6 stages complete", "All stages complete"),
}


def states(progress) -> list[str]:
    return [stage.state for stage in progress.stages]


def test_the_register_shows_where_each_plan_really_stands(lead_client, plans_at_every_point):
    response = lead_client.get(reverse("planning:register"))
    rows = {row.plan.title: row for row in response.context["rows"]}
    shown = {
        title: (states(row.progress), row.progress.summary, row.stage_label)
        for title, row in rows.items()
    }
    assert shown == EXPECTED
    page = response.content.decode()
    assert "Current stage" not in page
    assert "Furthest stage reached" in page
    # Each segment is named in words, not shown by colour alone.
    assert page.count("Underpinning Approach: complete") == 2  # B and D
    assert page.count("Training and Support: in progress") == 1  # C
    assert page.count("Monitor and Evaluate: not started") == 3  # A, B and C
    assert page.count("app-stage-segments__segment--") == 6 * 4


def test_the_register_spreadsheet_agrees_with_the_page(lead_client, plans_at_every_point):
    page_rows = lead_client.get(reverse("planning:register")).context["rows"]
    response = lead_client.get(reverse("planning:register_csv"))
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    progress, furthest = header.index("Progress"), header.index("Furthest stage reached")
    assert "Current stage" not in header
    in_csv = {row[0]: (row[progress], row[furthest]) for row in rows}
    assert in_csv == {row.plan.title: (row.progress.summary, row.stage_label) for row in page_rows}
    assert in_csv["C only stage five"] == (
        "0 of 6 stages complete, 1 in progress",
        "Training and Support",
    )


def test_each_plan_card_shows_its_progress_and_furthest_stage(lead_client, plans_at_every_point):
    response = lead_client.get(reverse("planning:plan_list"))
    cards = {card.title: card for card in response.context["plans"]}
    shown = {
        title: (states(card.progress), card.progress.summary, card.progress.furthest_label)
        for title, card in cards.items()
    }
    assert shown == EXPECTED
    page = response.content.decode()
    assert page.count("Setting a Foundation: complete") == 2
    assert "6 of 6 stages complete" in page
    assert "0 of 6 stages complete, 1 in progress" in page


def test_the_overview_agrees_with_the_card(lead_client, plans_at_every_point):
    _, first_two, _, _ = plans_at_every_point
    overview = lead_client.get(reverse("planning:plan_detail", args=[first_two.pk]))
    labels = [item.status_tag.label for item in overview.context["progress"]]
    assert labels == ["Complete", "Complete"] + ["Not started"] * 4


def query_count(client, url) -> int:
    client.get(url)  # warm: sessions and the like settle first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("name", ["planning:plan_list", "planning:register"])
def test_progress_costs_the_same_queries_for_one_plan_as_for_a_full_page(
    lead_client, organisation, cycle, name
):
    url = reverse(name)
    mark_stages(ImplementationPlanFactory(organisation=organisation), [1, 2, 5])
    one = query_count(lead_client, url)
    for n in range(30):
        plan = ImplementationPlanFactory(organisation=organisation)
        mark_stages(plan, [1 + n % 6], PointStatus.IN_PROGRESS)
        mark_stages(plan, [1 + (n + 3) % 6])
    assert query_count(lead_client, url) == one

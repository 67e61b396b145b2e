"""The overview summarises the gaps (how many, how serious, the few most serious) and links
to the plan's gaps page, which lists every one in the same order."""

import html as html_text
import re

import pytest
from django.urls import reverse

from planning.gaps import TOP_GAPS, Gap, severity_summary
from tests.factories import ImplementationPlanFactory

pytestmark = pytest.mark.django_db


def listed_titles(html: str) -> list[str]:
    block = re.search(r'<ul class="[^"]*app-gaps">(.*?)</ul>', html, re.S)
    titles = re.findall(r'<a href="[^"]*">([^<]*)</a>', block[1]) if block else []
    return [html_text.unescape(title) for title in titles]


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)  # a new plan: many gaps


def test_the_overview_lists_the_most_serious_gaps_and_links_to_them_all(lead_client, plan):
    page = lead_client.get(reverse("planning:plan_detail", args=[plan.pk]))
    gaps = page.context["gaps"]
    assert len(gaps) > TOP_GAPS
    html = page.content.decode()
    assert listed_titles(html) == [gap.title for gap in gaps[:TOP_GAPS]]
    assert f"{len(gaps)} things to put right: {severity_summary(gaps)}." in html
    assert f"See all {len(gaps)} gaps and risks" in html
    assert reverse("planning:plan_gaps", args=[plan.pk]) in html


def test_the_gaps_page_lists_every_gap_in_the_overviews_order(lead_client, plan):
    overview = lead_client.get(reverse("planning:plan_detail", args=[plan.pk]))
    page = lead_client.get(reverse("planning:plan_gaps", args=[plan.pk]))
    assert page.status_code == 200
    assert listed_titles(page.content.decode()) == [g.title for g in overview.context["gaps"]]


def test_another_organisation_cannot_see_the_gaps(client, plan, member_of):
    from tests.factories import OrganisationFactory

    client.force_login(member_of(OrganisationFactory()))
    assert client.get(reverse("planning:plan_gaps", args=[plan.pk])).status_code == 404


def gap(severity):
    return Gap(title="t", why="w", severity=severity, url="/", where="x")


@pytest.mark.parametrize(
    ("severities", "summary"),
    [
        ([], ""),
        (["high"], "1 high risk"),
        (["low", "high", "high"], "2 high and 1 low risk"),
        (["medium", "low", "high", "medium"], "1 high, 2 medium and 1 low risk"),
    ],
)
def test_the_summary_counts_gaps_by_severity_most_serious_first(severities, summary):
    assert severity_summary([gap(s) for s in severities]) == summary

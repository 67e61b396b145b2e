"""Governance in the plan's PDF and spreadsheets: the governance and scope of practice section,
the stakeholders with their influence and interest grid, the communication plan, and the
stakeholders CSV."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Level, StakeholderGroup
from newroles.accounts.permissions import Action
from planning import documents
from tests.access import assert_access
from tests.governance.factories import (
    CommunicationItemFactory,
    GovernanceArrangementFactory,
    ImpactAssessmentFactory,
    PolicyRequirementFactory,
    ScopeActivityFactory,
    StakeholderFactory,
)
from tests.reading import pdf_text, read_csv, squashed

pytestmark = pytest.mark.django_db


def test_the_pdf_has_the_governance_and_stakeholder_sections_with_their_content(lead_client, plan):
    GovernanceArrangementFactory(plan=plan, accountable_executive="Chief Nurse Ola Adeyemi")
    ScopeActivityFactory(plan=plan, activity="Take a history from a new patient")
    ImpactAssessmentFactory(plan=plan, reviewer="Equality lead Kim")
    PolicyRequirementFactory(plan=plan, title="Consent policy for the role")
    StakeholderFactory(
        plan=plan,
        name="Dr Priya Shah",
        group=StakeholderGroup.CLINICAL_CHAMPION,
        influence=Level.HIGH,
        interest=Level.HIGH,
    )
    CommunicationItemFactory(plan=plan, message="Monthly briefing to the ward teams")

    titles = documents.section_titles(plan)
    assert "Governance and scope of practice" in titles
    assert "Stakeholders and communication" in titles

    text = squashed(pdf_text(lead_client.get(reverse("documents:pdf", args=[plan.pk])).content))
    for expected in (
        "Governance and scope of practice",
        "Chief Nurse Ola Adeyemi",
        "Take a history from a new patient",
        "Equality lead Kim",
        "Consent policy for the role",
        "Influence and interest",
        "Dr Priya Shah",
        "Monthly briefing to the ward teams",
    ):
        assert squashed(expected) in text, expected


def test_empty_governance_sections_say_so_instead_of_printing_empty_tables(lead_client, plan):
    preview = lead_client.get(reverse("documents:preview", args=[plan.pk])).content.decode()
    assert "No governance arrangement recorded yet." in preview
    assert "No stakeholders recorded yet." in preview
    assert "No communication planned yet." in preview


def test_a_crowded_grid_square_names_ten_people_and_counts_the_rest(lead_client, plan):
    StakeholderFactory.create_batch(13, plan=plan, influence=Level.HIGH, interest=Level.HIGH)
    preview = lead_client.get(reverse("documents:preview", args=[plan.pk])).content.decode()
    assert "and 3 more" in preview


def test_hostile_text_is_escaped_in_the_preview(lead_client, plan):
    hostile = '<img src="file:///etc/passwd"><script>alert(1)</script>'
    StakeholderFactory(plan=plan, name=hostile, notes=hostile)
    ScopeActivityFactory(plan=plan, activity=hostile, conditions=hostile)
    CommunicationItemFactory(plan=plan, message=hostile)
    page = lead_client.get(reverse("documents:preview", args=[plan.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert '<img src="file:///etc/passwd">' not in page
    assert "&lt;script&gt;alert(1)" in page


def test_the_sections_run_the_same_queries_however_many_stakeholders(plan):
    StakeholderFactory(plan=plan)
    ScopeActivityFactory(plan=plan)
    CommunicationItemFactory(plan=plan)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            for section in documents.registered_sections():
                if section.key in {"governance", "stakeholders"}:
                    section.context(plan)
        return len(captured.captured_queries)

    small = queries()
    StakeholderFactory.create_batch(60, plan=plan)
    ScopeActivityFactory.create_batch(20, plan=plan)
    CommunicationItemFactory.create_batch(20, plan=plan)
    assert queries() == small


def test_the_stakeholders_download_as_a_spreadsheet(lead_client, plan):
    StakeholderFactory(plan=plan, name="Dr Priya Shah", group=StakeholderGroup.SPONSOR)
    rows = read_csv(lead_client.get(reverse("planning:export_csv", args=[plan.pk, "stakeholders"])))
    assert rows[0][:4] == ["Name", "Job title", "Organisation", "Group"]
    assert rows[1][0] == "Dr Priya Shah"
    assert len(rows) == 2


def test_stakeholder_cells_that_would_run_as_formulas_are_neutralised(lead_client, plan):
    StakeholderFactory(plan=plan, name='=HYPERLINK("http://x")', notes="@SUM(A1)")
    rows = read_csv(lead_client.get(reverse("planning:export_csv", args=[plan.pk, "stakeholders"])))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][-1] == "'@SUM(A1)"


def test_the_stakeholders_spreadsheet_follows_the_matrix(client, plan):
    assert_access(
        client,
        reverse("planning:export_csv", args=[plan.pk, "stakeholders"]),
        organisation=plan.organisation,
        action=Action.EXPORT,
    )

"""Role templates: published versions, plans started from them, and plans offered back."""

import json
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from newroles.accounts.permissions import Action
from planning.models import ImplementationPlan, Risk, StageResponse
from roles.models import RoleTemplate, TemplateStatus
from roles.packages import publish
from tests.access import assert_access
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(cycle):
    call_command("load_reference_data", verbosity=0)


def start_data(**overrides):
    data = {
        "need": "Our crisis team cannot offer lived experience.",
        "title": "Peers in crisis",
        "target_start_date_0": "1",
        "target_start_date_1": "4",
        "target_start_date_2": "2027",
        "planned_wte": "3",
    }
    data.update(overrides)
    return data


def test_eight_published_templates_are_shipped(library):
    slugs = set(RoleTemplate.objects.published().values_list("role__slug", flat=True))
    assert {
        "physician-associate",
        "peer-support-worker",
        "advanced-clinical-practitioner",
        "nursing-associate",
        "care-navigator",
        "social-prescribing-link-worker",
        "health-coach",
        "mental-health-wellbeing-practitioner",
    } <= slugs


def test_starting_from_a_template_copies_every_part(lead_client, library, organisation):
    template = RoleTemplate.objects.get(slug="peer-support-worker-package")
    url = reverse("planning:start_from_template", args=[template.slug])
    response = lead_client.post(url, start_data())
    plan = ImplementationPlan.objects.get(title="Peers in crisis")
    assert response["Location"] == reverse("planning:plan_detail", args=[plan.pk])
    assert plan.organisation == organisation
    assert plan.template_version == template.current_version
    assert plan.role == template.role
    content = template.current_version.content
    assert StageResponse.objects.filter(plan=plan).count() == len(content["answers"])
    assert plan.risks.count() == len(content["risks"])
    assert plan.scope_activities.count() == len(content["scope_of_practice"])
    assert plan.stakeholders.count() == len(content["stakeholders"])
    assert plan.metrics.count() == len(content["metrics"])
    first = sorted(content["checkpoints"], key=lambda c: c["offset_days"])[0]
    checkpoint = plan.checkpoints.order_by("due_date").first()
    assert (checkpoint.due_date - date(2027, 4, 1)).days == first["offset_days"]
    assert all(s.name.endswith(" — name to add") for s in plan.stakeholders.all())


def start(client, slug) -> ImplementationPlan:
    client.post(reverse("planning:start_from_template", args=[slug]), start_data())
    return ImplementationPlan.objects.get(title="Peers in crisis")


def test_a_plan_from_a_template_gets_no_made_up_targets(lead_client, library):
    plan = start(lead_client, "peer-support-worker-package")
    assert plan.metrics.exists()
    assert all(metric.target is None for metric in plan.metrics.all())
    gaps = lead_client.get(reverse("planning:plan_gaps", args=[plan.pk])).content.decode()
    for metric in plan.metrics.all():
        assert f"Set a baseline and a target: {metric.name}" in gaps


def test_training_and_support_come_from_what_the_template_says(lead_client, library):
    template = RoleTemplate.objects.get(slug="nursing-associate-package")
    content = template.current_version.content
    plan = start(lead_client, template.slug)
    activities = plan.training_activities.order_by("pk")
    assert [(a.title, a.kind) for a in activities] == [
        (item["title"], item["kind"]) for item in content["training"]
    ]
    assert all(a.status == "planned" and a.start_date is None for a in activities)
    assert activities[0].competency_framework == content["competency_framework"][:200]
    support = plan.support_arrangements.get()
    assert support.supervision_plan == content["supervision_model"]
    training_page = lead_client.get(reverse("planning:training", args=[plan.pk]))
    assert content["training"][0]["title"] in training_page.content.decode()


@pytest.mark.parametrize(
    ("slug", "regulator", "registration_required"),
    [
        ("nursing-associate-package", "nmc", True),
        ("physician-associate-package", "gmc", True),
        ("peer-support-worker-package", "none", False),
        # No regulator of its own, but practitioners register through their profession: the
        # plan chooses, rather than being told "not regulated".
        ("advanced-clinical-practitioner-package", "", False),
    ],
)
def test_governance_takes_the_regulator_and_leaves_the_people_to_name(
    lead_client, library, slug, regulator, registration_required
):
    plan = start(lead_client, slug)
    arrangement = plan.governance.get()
    assert (arrangement.regulator, arrangement.registration_required) == (
        regulator,
        registration_required,
    )
    assert (arrangement.line_manager, arrangement.clinical_supervisor) == ("", "")
    gaps = lead_client.get(reverse("planning:plan_gaps", args=[plan.pk])).content.decode()
    assert "Name the accountable executive, the line manager and the clinical supervisor" in gaps


def test_a_template_with_bad_training_cannot_be_published(library):
    template = RoleTemplate.objects.get(slug="health-coach-package")
    template.training = [{"title": "Coaching course", "kind": "osmosis"}]
    with pytest.raises(ValidationError) as raised:
        publish(template)
    assert "training" in raised.value.message_dict


def test_later_template_edits_do_not_change_the_plan(lead_client, library):
    template = RoleTemplate.objects.get(slug="care-navigator-package")
    lead_client.post(reverse("planning:start_from_template", args=[template.slug]), start_data())
    plan = ImplementationPlan.objects.get(title="Peers in crisis")
    risks_before = list(Risk.objects.filter(plan=plan).values_list("description", flat=True))
    template.risks = [{**template.risks[0], "description": "A new risk"}]
    template.save()
    version = publish(template)
    assert version.number == 2
    plan.refresh_from_db()
    assert plan.template_version.number == 1
    assert list(Risk.objects.filter(plan=plan).values_list("description", flat=True)) == (
        risks_before
    )


def test_bad_input_when_starting_saves_nothing(lead_client, library):
    url = reverse("planning:start_from_template", args=["health-coach-package"])
    response = lead_client.post(url, start_data(need="", target_start_date_1="13"))
    page = response.content.decode()
    assert "Describe the need the role is meant to meet" in page
    assert "Target start date must be a real date" in page
    assert not ImplementationPlan.objects.exists()


def test_drafts_cannot_be_started_or_seen(lead_client, library):
    template = RoleTemplate.objects.get(slug="health-coach-package")
    template.status = TemplateStatus.DRAFT
    template.save()
    assert lead_client.get(reverse("roles:template", args=[template.slug])).status_code == 404
    url = reverse("planning:start_from_template", args=[template.slug])
    assert lead_client.get(url).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_starting_a_plan_follows_the_matrix(client, organisation, library, method):
    assert_access(
        client,
        reverse("planning:start_from_template", args=["nursing-associate-package"]),
        organisation=organisation,
        action=Action.EDIT,
        method=method,
        scoped=False,
        data=start_data(),
    )


def test_a_curator_publishes_a_new_version_from_the_admin(client, library):
    template = RoleTemplate.objects.get(slug="health-coach-package")
    curator = UserFactory(is_staff=True)
    curator.user_permissions.add(Permission.objects.get(codename="curate"))
    client.force_login(curator)
    client.post(
        reverse("admin:roles_roletemplate_changelist"),
        {"action": "publish_new_version", "_selected_action": [template.pk]},
    )
    template.refresh_from_db()
    assert template.current_version.number == 2
    assert template.current_version.published_by == curator


def test_the_template_content_is_in_our_own_words():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    tool = root.parent / "shared" / "tools" / "seed_overlap.py"
    if not tool.exists():
        pytest.skip("the source documents are not beside the repository")
    result = subprocess.run(
        [sys.executable, str(tool), "roles/data/role_templates.json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout
    json.loads((root / "roles/data/role_templates.json").read_text())

"""The curated reference data loads, reloads harmlessly, and is found by any name."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from roles.models import Role, RoleCategory, SkillMixChange
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REQUIRED_ROLES = {
    "physician-associate",
    "peer-support-worker",
    "advanced-clinical-practitioner",
    "assistant-practitioner",
    "associate-practitioner",
    "care-navigator",
    "social-prescribing-link-worker",
    "health-coach",
    "mental-health-wellbeing-practitioner",
    "clinical-pharmacist",
    "paramedic-practitioner",
    "primary-care-practitioner",
    "holistic-worker",
    "sight-loss-adviser",
    "nursing-associate",
}


@pytest.fixture
def reference_data():
    call_command("load_reference_data", verbosity=0)


def test_the_three_kinds_of_new_role_and_five_kinds_of_skill_mix_change(reference_data):
    assert list(RoleCategory.objects.values_list("slug", flat=True)) == [
        "new-to-everyone",
        "new-to-me",
        "new-ways-of-working",
    ]
    assert list(SkillMixChange.objects.values_list("slug", flat=True)) == [
        "delegation",
        "horizontal-substitution",
        "specialisation",
        "diversification",
        "innovation",
    ]
    assert all(c.description for c in SkillMixChange.objects.all())


def test_the_catalogue_holds_every_role_the_sources_name(reference_data):
    slugs = set(Role.objects.values_list("slug", flat=True))
    assert slugs >= REQUIRED_ROLES
    assert len(slugs) >= 14


def test_loading_twice_changes_nothing(reference_data):
    before = (Role.objects.count(), RoleCategory.objects.count(), SkillMixChange.objects.count())
    call_command("load_reference_data", verbosity=0)
    assert before == (
        Role.objects.count(),
        RoleCategory.objects.count(),
        SkillMixChange.objects.count(),
    )


def test_search_finds_a_renamed_role_by_its_old_and_new_names(reference_data):
    by_new_name = Role.objects.search("physician assistant")
    by_old_name = Role.objects.search("Physician associate")
    assert [r.slug for r in by_new_name] == ["physician-associate"]
    assert [r.slug for r in by_old_name] == ["physician-associate"]


def test_only_curators_can_edit_the_catalogue_in_the_admin(reference_data, client):
    role = Role.objects.get(slug="health-coach")
    url = reverse("admin:roles_role_change", args=[role.pk])
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="curate"))
    assert client.get(url).status_code == 200

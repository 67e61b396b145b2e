"""The roles catalogue as a workforce lead relies on it: regulators and registration
deadlines with their source and the date they were checked, and names that do not point to
a different role or to an unregistered trainee status."""

from datetime import date

import pytest
from django.core.management import call_command

from roles.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    call_command("load_reference_data", verbosity=0)
    return {role.slug: role for role in Role.objects.all()}


def test_gmc_roles_carry_the_registration_deadline_with_source_and_date(catalogue):
    for slug in ("physician-associate", "anaesthesia-associate"):
        role = catalogue[slug]
        assert role.regulator == Role.Regulator.GMC
        assert role.registration_deadline == date(2026, 12, 12)
        assert "General Medical Council" in role.regulation_source
        assert role.regulation_checked_on is not None
        assert role.regulation_label == "General Medical Council: registered by 12 December 2026"


def test_every_deadline_names_its_source_and_when_it_was_checked(catalogue):
    for role in catalogue.values():
        if role.registration_deadline:
            assert role.regulation_source and role.regulation_checked_on, role.slug


def test_the_physician_associate_entry_says_what_the_role_is(catalogue):
    role = catalogue["physician-associate"]
    assert "medically trained" not in role.description
    assert "not doctors" in role.description
    assert "not yet been put into effect" in role.description  # the new title


def test_names_do_not_point_to_another_role_or_a_trainee_status(catalogue):
    assert "Care coordinator" not in catalogue["care-navigator"].other_names
    assert "Trainee nursing associate" not in catalogue["nursing-associate"].other_names


def test_advanced_practice_spans_trainee_to_senior_bands(catalogue):
    assert catalogue["advanced-clinical-practitioner"].typical_bands == ["7", "8a", "8b"]


def test_each_role_says_whether_primary_care_can_reclaim_its_pay(catalogue):
    reimbursable = {slug for slug, role in catalogue.items() if role.arrs_reimbursable}
    assert {"physician-associate", "social-prescribing-link-worker", "nursing-associate"} <= (
        reimbursable
    )
    assert "peer-support-worker" not in reimbursable
    assert "care-navigator" not in reimbursable  # care coordinators are; navigators are not


def test_the_funding_page_says_when_the_scheme_can_pay_for_the_role(
    catalogue, lead_client, organisation, cycle
):
    from django.urls import reverse

    from tests.factories import ImplementationPlanFactory

    for slug, says in (("social-prescribing-link-worker", True), ("peer-support-worker", False)):
        plan = ImplementationPlanFactory(organisation=organisation, role=catalogue[slug])
        page = lead_client.get(reverse("planning:funding", args=[plan.pk])).content.decode()
        assert ("Additional Roles Reimbursement Scheme. Record it" in page) is says


def test_the_apprenticeship_levy_is_a_kind_of_funding():
    from planning.models import FundingKind

    assert FundingKind("levy").label == "Apprenticeship levy (training and assessment only)"


def test_sources_are_cited_as_they_name_themselves(catalogue):
    """The system case studies' document gives no report title: the library cites the
    sections it names, never a title made up for it."""
    from roles.models import CaseStudy

    for study in CaseStudy.objects.all():
        assert not study.source_title.startswith("Report on"), study.title
    for role in catalogue.values():
        assert "Report on system-level" not in role.source, role.slug

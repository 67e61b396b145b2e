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


def test_pharmacy_technicians_register_with_the_pharmacy_regulator(catalogue):
    role = catalogue["pharmacy-technician"]
    assert role.regulator == Role.Regulator.GPHC
    assert role.regulation_label == "General Pharmaceutical Council"
    assert "General Pharmaceutical Council" in role.regulation_source
    assert role.regulation_checked_on == date(2026, 12, 3)
    assert role.typical_bands == ["4", "5"]
    assert role.arrs_reimbursable


@pytest.mark.parametrize(
    "slug", ["psychological-wellbeing-practitioner", "education-mental-health-practitioner"]
)
def test_wellbeing_practitioners_are_on_accredited_registers_not_a_statutory_one(catalogue, slug):
    """No statutory regulator: the BPS and BABCP registers, accredited by the Professional
    Standards Authority (BABCP, the behavioural and cognitive psychotherapies body, not BACP).
    NHS-commissioned services require it, so the role must be registered all the same."""
    role = catalogue[slug]
    assert role.regulator == Role.Regulator.ACCREDITED
    assert role.is_regulated
    assert role.regulation_label == "Accredited register (Professional Standards Authority)"
    for body in ("British Psychological Society", "BABCP", "Professional Standards Authority"):
        assert body in role.regulation_note, body
    assert "Professional Standards Authority" in role.regulation_source
    assert "BACP" not in role.regulation_note.replace("BABCP", "")
    assert role.regulation_checked_on == date(2026, 12, 3)
    assert role.typical_bands == ["4", "5"]
    assert not role.arrs_reimbursable
    # A trainee is not on the register until qualified: not another name for the role.
    assert not [name for name in role.other_names.splitlines() if "Trainee" in name]


def test_a_non_medical_approved_clinician_is_approved_under_the_act_and_stays_registered(
    catalogue,
):
    role = catalogue["non-medical-approved-clinician"]
    assert role.regulator == Role.Regulator.NONE  # approval, not a register of its own
    assert "Mental Health Act 1983" in role.regulation_note
    assert "2007" in role.regulation_note
    for regulator in ("NMC", "HCPC", "Social Work England"):
        assert regulator in role.regulation_note, regulator
    assert "Mental Health Act 1983" in role.regulation_source
    assert "Mental Health Act 2025" in role.curator_check  # later amendments, in stages
    assert role.typical_bands == ["8a", "8b", "8c"]
    assert not role.arrs_reimbursable
    assert Role.objects.search("responsible clinician").filter(pk=role.pk).exists()


def test_first_contact_practitioners_span_the_professions_under_the_old_slug(catalogue):
    role = catalogue["first-contact-physiotherapist"]  # plans refer to the slug
    assert role.name == "First contact practitioner"
    assert "First contact physiotherapist" in role.other_names.splitlines()
    for profession in ("physiotherapist", "podiatrist", "dietitian", "occupational therapist"):
        assert profession in role.description, profession
    assert "paramedic" in role.description
    assert role.regulator == Role.Regulator.HCPC
    assert "Health and Care Professions Council" in role.regulation_source
    assert role.typical_bands == ["7", "8a"]
    assert role.arrs_reimbursable


def test_every_regulation_note_names_its_source_and_when_it_was_checked(catalogue):
    new = {
        "pharmacy-technician",
        "psychological-wellbeing-practitioner",
        "education-mental-health-practitioner",
        "non-medical-approved-clinician",
        "first-contact-physiotherapist",
    }
    for slug in new:
        role = catalogue[slug]
        assert role.regulation_note and role.regulation_source, slug
        assert role.regulation_checked_on == date(2026, 12, 3), slug


def test_the_uclh_time_frame_is_the_one_the_account_gives(catalogue):
    description = catalogue["physician-associate"].description
    assert "the benefits typically take a year or two" in description
    assert "one to two years" not in description


def test_paramedic_practitioners_received_the_triaged_patients(catalogue):
    """HEE's guide: patients triaged so that the right professional sees them; the
    paramedic practitioners did not do the triage."""
    description = catalogue["paramedic-practitioner"].description
    assert "who triaged" not in description
    assert "whose patients reached them through more targeted triage" in description


def test_no_source_is_cited_by_a_title_it_does_not_give_itself(catalogue):
    for role in catalogue.values():
        assert "System workforce planning case studies" not in role.source, role.slug
        assert "early findings (2023)" not in role.source, role.slug  # a start date, not a year

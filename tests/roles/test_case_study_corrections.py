"""The shipped case studies say what their sources say: the year each source was published
where it gives one, facts the right way round, the roles the source names, sources cited as
they name themselves; and a library loaded before these corrections is put right without
losing a curator's own edits."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from roles.models import CaseStudy, ReferenceGeneration, Role

pytestmark = pytest.mark.django_db

# Documents in ../shared/seeds that carry no publication date (their README lists none):
# a curator fills in the year from the publication itself.
UNDATED_SOURCES = {
    "Good Practice in New Workforce Roles",
    "Introducing new roles",
    "New Roles in Mental Health: early findings briefing (phases 1 and 2)",
    "Integrated workforce planning and development",
}
SYSTEM_REPORT_CASES = {
    "greater-manchester-workforce-collaborative": "Developing a shared vision for the workforce",
    "northumberland-place-workforce-review": "Workforce planning in a place",
    "wakefield-integrated-teams": "Building relationships across sectors",
    "leeds-employ-and-deploy-pcn-roles": "Working with primary care networks",
}

# As shipped before the corrections.
OLD_SECAMB_WHAT = (
    "SECAmb compared paramedic practitioners who received patients through more targeted "
    "triage with colleagues who did not. The aim of the triage is that the clinician sent has "
    "the skills that fit what the patient needs."
)
OLD_UCLH_LESSONS = (
    "Put a governance policy in place before asking clinicians to delegate complex work, avoid "
    "narrow job descriptions that drive turnover, and treat the role as a one-to-two-year "
    "investment rather than a quick fix."
)
FIRST_SYSTEM_TITLE = "Report on system-level workforce planning across STPs/ICSs"


@pytest.fixture
def library(db):
    call_command("load_reference_data", verbosity=0)
    return {study.slug: study for study in CaseStudy.objects.all()}


def tags(study):
    return set(study.roles.values_list("slug", flat=True))


def test_every_case_study_gives_its_source_year_unless_the_source_carries_none(library):
    for study in library.values():
        assert study.source_year or study.source_title in UNDATED_SOURCES, study.slug


def test_the_system_report_case_studies_cite_their_sections_and_2019(library):
    """The report gives no title of its own (only its sections), and was written in 2019:
    PCNs could take on the additional roles from July, funded from the end of July."""
    for slug, section in SYSTEM_REPORT_CASES.items():
        study = library[slug]
        assert study.source_title.startswith(f'"{section}"'), slug
        assert "System workforce planning case studies" not in study.source_title
        assert not study.source_title.startswith("Report on")
        assert study.source_year == 2019


def test_secamb_paramedic_practitioners_received_the_triaged_patients(library):
    study = library["secamb-paramedic-practitioner-triage"]
    assert "received the triaged patients" in study.what_they_did
    assert "does not say who carried out the triage" in study.what_they_did
    assert "SECAmb compared" not in study.what_they_did


def test_uclh_benefits_take_a_year_or_two_in_a_medium_to_long_term_plan(library):
    lessons = library["uclh-physician-associates-neurosciences"].lessons
    assert "take a year or two" in lessons
    assert "medium- to long-term" in lessons
    assert "one-to-two-year" not in lessons


def test_the_employ_and_deploy_case_is_tagged_with_the_role_it_recruited(library):
    """Recruitment began with the pharmacists the case study calls community pharmacists:
    the catalogue's clinical pharmacist (the primary care network role)."""
    study = library["leeds-employ-and-deploy-pcn-roles"]
    assert "clinical-pharmacist" in tags(study)
    assert {"paramedic-practitioner", "social-prescribing-link-worker"} <= tags(study)


def test_case_studies_are_tagged_with_the_catalogue_roles_their_sources_name(library):
    assert "first-contact-physiotherapist" in tags(library["northumberland-place-workforce-review"])
    assert tags(library["mental-health-new-roles-national-mapping"]) == {
        "mental-health-practitioner",
        "non-medical-approved-clinician",
    }


# --- The data migration for libraries loaded before ----------------------------------------


def correct_case_studies():
    module = importlib.import_module("roles.migrations.0012_case_study_corrections")
    module.correct_case_studies(django_apps, None)


def make_old(library):
    """The library as a database loaded before the corrections holds it."""
    CaseStudy.objects.filter(slug="secamb-paramedic-practitioner-triage").update(
        what_they_did=OLD_SECAMB_WHAT
    )
    CaseStudy.objects.filter(slug="uclh-physician-associates-neurosciences").update(
        lessons=OLD_UCLH_LESSONS
    )
    CaseStudy.objects.filter(slug__in=SYSTEM_REPORT_CASES).update(
        source_title=FIRST_SYSTEM_TITLE, source_year=None
    )
    second_title = 'System workforce planning case studies: "Building relationships across sectors"'
    CaseStudy.objects.filter(slug="wakefield-integrated-teams").update(source_title=second_title)
    leeds = library["leeds-employ-and-deploy-pcn-roles"]
    leeds.roles.remove(*Role.objects.filter(slug__in=["clinical-pharmacist"]))


def test_the_migration_corrects_an_old_library(library):
    make_old(library)
    correct_case_studies()
    fresh = {study.slug: study for study in CaseStudy.objects.all()}
    secamb = fresh["secamb-paramedic-practitioner-triage"]
    assert "received the triaged patients" in secamb.what_they_did
    assert "take a year or two" in fresh["uclh-physician-associates-neurosciences"].lessons
    for slug, section in SYSTEM_REPORT_CASES.items():
        assert fresh[slug].source_title.startswith(f'"{section}"'), slug
        assert fresh[slug].source_year == 2019
    assert "clinical-pharmacist" in tags(fresh["leeds-employ-and-deploy-pcn-roles"])


def test_the_migration_keeps_a_curators_own_edits_and_runs_twice_harmlessly(library):
    make_old(library)
    curated = "Our curators rewrote this after talking to the trust."
    CaseStudy.objects.filter(slug="uclh-physician-associates-neurosciences").update(lessons=curated)
    CaseStudy.objects.filter(slug="leeds-employ-and-deploy-pcn-roles").update(source_year=2020)
    correct_case_studies()
    generation = ReferenceGeneration.objects.get(pk=1).value
    correct_case_studies()
    assert CaseStudy.objects.get(slug="uclh-physician-associates-neurosciences").lessons == curated
    assert CaseStudy.objects.get(slug="leeds-employ-and-deploy-pcn-roles").source_year == 2020
    assert ReferenceGeneration.objects.get(pk=1).value == generation  # nothing left to change


def test_the_migration_tags_only_roles_the_catalogue_already_holds(library):
    mapping = library["mental-health-new-roles-national-mapping"]
    mapping.roles.clear()
    Role.objects.filter(slug="non-medical-approved-clinician").delete()  # not loaded yet
    correct_case_studies()
    assert tags(mapping) == {"mental-health-practitioner"}

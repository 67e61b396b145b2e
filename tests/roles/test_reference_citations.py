"""The reference data beyond the case studies says what its sources say: each source cited as
it names itself (the system report by its sections, the mental health research as the early
findings briefing it is, not by the year it started), the SECAmb triage the right way round,
the UCLH time frame as the account gives it, the date by which mental health wellbeing
practitioners must be registered, and the Torbay co-ordinators not filed as care navigators;
and a library loaded before these corrections is put right without losing a curator's edits
or changing a version a plan was started from."""

import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from planning.help_content import SOURCES
from planning.models import CycleStage, GoodPracticePoint
from roles.models import (
    CaseStudy,
    ReferenceGeneration,
    Role,
    RoleTemplate,
    RoleTemplateVersion,
    SkillMixChange,
)
from roles.packages import publish

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_FILES = [
    *sorted((ROOT / "roles" / "data").glob("*.json")),
    *sorted((ROOT / "planning" / "data").glob("*.json")),
    ROOT / "planning" / "help_content.py",
]
# Titles the system report never gives itself, and the year its research started read as the
# year the mental health briefing was published.
MADE_UP_CITATIONS = (
    "System workforce planning case studies",
    "Report on system-level workforce planning",
    "early findings (2023)",
    "phases 1 and 2 (2023)",
    "Mental Health research (2023)",
)
SYSTEM_REPORT = (
    "(section of a report on workforce planning across STPs and ICSs; "
    "the report's title is not given)"
)
MENTAL_HEALTH_BRIEFING = "New Roles in Mental Health: early findings briefing (phases 1 and 2)"

# As shipped before the corrections.
OLD_PA_SUMMARY = (
    "A starting pack for bringing GMC-registered physician associates, now being retitled "
    "physician assistants in England, into a hospital medical team. They take histories, "
    "examine patients, carry out agreed procedures and keep ward and clinic work moving under a "
    "named senior doctor, which leaves doctors more time for the most complex patients. Agree a "
    "trust-wide governance policy before anyone starts, and expect the role to need one to two "
    "years to show its full value."
)
OLD_PA_TIME = (
    "Allow around six months to agree the policy, job description and supervision before "
    "advertising, then one to two years before the post gives its full benefit. Supervisors "
    "need protected time from day one."
)
OLD_PA_RISK = (
    "A narrow, repetitive job description leaves PAs unfulfilled, and they leave within two years."
)
OLD_SOURCES = {
    "care-navigator-package": "Integrated workforce planning and development\n"
    "Good Practice in New Workforce Roles\n"
    "System workforce planning case studies (STPs and ICSs)",
    # As first shipped, before the report was renamed.
    "social-prescribing-link-worker-package": "Report on system-level workforce planning "
    "across STPs/ICSs\nIntegrated workforce planning and development",
}
SECTIONS = {
    "care-navigator-package": "Building relationships across sectors",
    "social-prescribing-link-worker-package": "Working with primary care networks",
}


@pytest.fixture
def library(db):
    call_command("load_reference_data", verbosity=0)  # the catalogue, library and the cycle
    return {template.slug: template for template in RoleTemplate.objects.all()}


def current(slug):
    return RoleTemplate.objects.get(slug=slug).current_version.content


# --- The shipped reference data -------------------------------------------------------------


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda path: path.name)
def test_no_reference_file_cites_a_made_up_title_or_a_start_year(path):
    text = path.read_text(encoding="utf-8")
    for citation in MADE_UP_CITATIONS:
        assert citation not in text, citation


def test_no_loaded_source_cites_a_made_up_title_or_a_start_year(library):
    cited = [
        *Role.objects.values_list("source", flat=True),
        *Role.objects.values_list("regulation_source", flat=True),
        *SkillMixChange.objects.values_list("source", flat=True),
        *CaseStudy.objects.values_list("source_title", flat=True),
        *RoleTemplate.objects.values_list("sources", flat=True),
        *(version.content["sources"] for version in RoleTemplateVersion.objects.all()),
        *SOURCES.values(),
    ]
    for source in cited:
        for citation in MADE_UP_CITATIONS:
            assert citation not in source, source


def test_the_system_report_is_cited_by_section_as_the_case_studies_cite_it(library):
    for slug, section in SECTIONS.items():
        assert f'"{section}" {SYSTEM_REPORT}' in current(slug)["sources"].splitlines(), slug
        assert f'"{section}" {SYSTEM_REPORT}' in library[slug].sources.splitlines(), slug
    leeds = CaseStudy.objects.get(slug="leeds-employ-and-deploy-pcn-roles")
    assert leeds.source_title == f'"Working with primary care networks" {SYSTEM_REPORT}'
    assert SOURCES["system-planning"].startswith(
        f'"Working with primary care networks" {SYSTEM_REPORT}'
    )


def test_the_mental_health_research_is_cited_as_its_briefing(library):
    assert SOURCES["mental-health-research"].startswith(MENTAL_HEALTH_BRIEFING)
    for change in SkillMixChange.objects.all():
        assert change.source.endswith(f"as used in {MENTAL_HEALTH_BRIEFING}"), change.slug
        assert "2023" not in change.description, change.slug


def test_the_cycle_says_the_secamb_practitioners_received_the_triaged_patients(library):
    """HEE's guide: patients triaged so that the right professional sees them. The paramedic
    practitioners received the triaged patients; the guide does not say they triaged."""
    why = CycleStage.objects.get(slug="underpinning-approach").why_it_matters
    assert "whose patients reached them through more targeted triage" in why
    assert "a further 10 per cent lower" in why
    assert "who triaged" not in why
    guidance = GoodPracticePoint.objects.get(code="UA7").guidance
    assert "whose patients had been triaged more selectively" in guidance
    assert "practitioners triaged" not in guidance


def test_the_physician_associate_package_gives_the_uclh_time_frame(library):
    content = current("physician-associate-package")
    time = content["answers"]["setting-a-foundation"]["time_and_commitment"]
    for text in (content["summary"], time):
        assert "a year or two" in text
        assert "one to two years" not in text
    assert "medium- to long-term" in time
    assert OLD_PA_RISK not in [risk["description"] for risk in content["risks"]]


def test_wellbeing_practitioners_must_be_registered_by_30_june_2026(library):
    """BPS (June 2025): registration required in NHS-commissioned services from 30 June 2025,
    on an approved register by 30 June 2026: an accredited register, not a statutory
    regulator, whose deadline the catalogue carries like a regulator's."""
    role = Role.objects.get(slug="mental-health-wellbeing-practitioner")
    assert "30 June 2026" in role.regulation_note
    assert "30 June 2025" in role.regulation_note
    for body in ("British Psychological Society", "Professional Standards Authority"):
        assert body in role.regulation_note, body
    assert "British Psychological Society" in role.regulation_source
    assert "30 June 2026" in role.regulation_source
    assert role.regulation_checked_on == date(2026, 12, 3)
    assert role.regulator == Role.Regulator.ACCREDITED
    assert role.registration_deadline == date(2026, 6, 30)
    assert role.regulation_label == (
        "Accredited register (Professional Standards Authority): registered by 30 June 2026"
    )


def test_the_torbay_co_ordinators_are_not_filed_as_care_navigators(library):
    """The guide names health and social care co-ordinators; the catalogue keeps care
    coordinators apart from care navigators and has no role for them."""
    torbay = CaseStudy.objects.get(slug="torbay-health-social-care-coordinators")
    assert "care-navigator" not in set(torbay.roles.values_list("slug", flat=True))
    assert torbay.role_names == "health and social care co-ordinators"
    shipped = json.loads((ROOT / "roles" / "data" / "case_studies.json").read_text())
    entry = next(e for e in shipped if e["slug"] == "torbay-health-social-care-coordinators")
    assert entry["roles"] == []


# --- The data migration for libraries loaded before ----------------------------------------


def correct_references():
    module = importlib.import_module("roles.migrations.0013_reference_citations")
    module.correct_references(django_apps, None)


def make_old(library):
    """The library as a database loaded before the corrections holds it: each template
    published with the old text (a plan may have started from that version)."""
    pa = library["physician-associate-package"]
    pa.summary = OLD_PA_SUMMARY
    pa.answers["setting-a-foundation"]["time_and_commitment"] = OLD_PA_TIME
    narrow = next(r for r in pa.risks if r["description"].startswith("A narrow, repetitive"))
    narrow["description"] = OLD_PA_RISK
    pa.save()
    publish(pa)
    for slug, sources in OLD_SOURCES.items():
        template = library[slug]
        template.sources = sources
        template.save()
        publish(template)
    torbay = CaseStudy.objects.get(slug="torbay-health-social-care-coordinators")
    torbay.roles.set(Role.objects.filter(slug="care-navigator"))
    return {slug: RoleTemplate.objects.get(slug=slug).current_version for slug in library}


def test_the_migration_publishes_corrected_versions_of_old_templates(library):
    old = make_old(library)
    correct_references()
    pa = RoleTemplate.objects.get(slug="physician-associate-package")
    version = pa.current_version
    assert version.number == old["physician-associate-package"].number + 1
    assert "a year or two" in version.content["summary"]
    time = version.content["answers"]["setting-a-foundation"]["time_and_commitment"]
    assert "a year or two" in time
    assert "medium- to long-term" in time
    assert OLD_PA_RISK not in [r["description"] for r in version.content["risks"]]
    assert "a year or two" in pa.summary  # the working copy the next version comes from
    assert "a year or two" in pa.answers["setting-a-foundation"]["time_and_commitment"]
    for slug, section in SECTIONS.items():
        template = RoleTemplate.objects.get(slug=slug)
        for sources in (template.sources, template.current_version.content["sources"]):
            lines = sources.splitlines()
            assert f'"{section}" {SYSTEM_REPORT}' in lines, slug
            assert not [line for line in lines if "workforce planning case" in line], slug
            assert not [line for line in lines if line.startswith("Report on")], slug
        assert "Integrated workforce planning and development" in template.sources  # kept
    torbay = CaseStudy.objects.get(slug="torbay-health-social-care-coordinators")
    assert not torbay.roles.exists()


def test_the_migration_leaves_the_versions_plans_started_from_as_they_were(library):
    old = make_old(library)
    correct_references()
    frozen = RoleTemplateVersion.objects.get(pk=old["physician-associate-package"].pk)
    assert frozen.content["summary"] == OLD_PA_SUMMARY
    assert frozen.content["answers"]["setting-a-foundation"]["time_and_commitment"] == (OLD_PA_TIME)
    # Templates with nothing to correct get no new version.
    peer = RoleTemplate.objects.get(slug="peer-support-worker-package")
    assert peer.current_version == old["peer-support-worker-package"]


def test_the_migration_keeps_a_curators_own_edits_and_runs_twice_harmlessly(library):
    old = make_old(library)
    pa = RoleTemplate.objects.get(slug="physician-associate-package")
    # A curator's draft of the summary, not yet published: it stays a draft, unpublished.
    draft = "Our curators are rewriting this summary."
    pa.summary = draft
    pa.save()
    # A curator's own published wording for the navigator's sources.
    navigator = RoleTemplate.objects.get(slug="care-navigator-package")
    navigator.sources = "Our own reading list"
    navigator.save()
    publish(navigator)
    # A curator's own tags for Torbay.
    torbay = CaseStudy.objects.get(slug="torbay-health-social-care-coordinators")
    torbay.roles.add(Role.objects.get(slug="holistic-worker"))
    correct_references()
    generation = ReferenceGeneration.objects.get(pk=1).value
    versions = RoleTemplateVersion.objects.count()
    correct_references()
    assert ReferenceGeneration.objects.get(pk=1).value == generation  # nothing left to change
    assert RoleTemplateVersion.objects.count() == versions
    pa.refresh_from_db()
    assert pa.summary == draft
    published = pa.current_version.content
    assert published["summary"] != draft
    assert "a year or two" in published["summary"]
    assert pa.current_version.number == old["physician-associate-package"].number + 1
    navigator.refresh_from_db()
    assert navigator.sources == "Our own reading list"
    assert navigator.current_version.content["sources"] == "Our own reading list"
    assert set(torbay.roles.values_list("slug", flat=True)) == {"care-navigator", "holistic-worker"}


def test_the_migration_does_nothing_to_a_library_loaded_after_the_corrections(library):
    versions = RoleTemplateVersion.objects.count()
    ReferenceGeneration.objects.get_or_create(pk=1)
    generation = ReferenceGeneration.objects.get(pk=1).value
    correct_references()
    assert RoleTemplateVersion.objects.count() == versions
    assert ReferenceGeneration.objects.get(pk=1).value == generation

# Corrections to the shipped case studies, for databases that loaded them before.
#
# `load_reference_data` only adds missing case studies (curators own them once loaded), so a
# library loaded earlier keeps the old text. This puts right what was checked against the source
# documents: the SECAmb triage (patients were triaged to the paramedic practitioners), the UCLH
# time frame (benefits typically take a year or two), the system report cited by its sections
# rather than a made-up title, the year that report was published, and the role tags the cases
# were missing. A field changes only while it still holds a value we shipped, so a curator's own
# edit is kept; running it again changes nothing. Going back leaves the corrections in place.

from django.db import migrations
from django.db.models import F

# The title the system report's case studies carried first, before any section was named.
FIRST_SYSTEM_TITLE = "Report on system-level workforce planning across STPs/ICSs"
SYSTEM_REPORT = (
    "(section of a report on workforce planning across STPs and ICSs; "
    "the report's title is not given)"
)


def _system_title(section):
    """Old shipped titles for a section of the system report, and the corrected one."""
    old = (FIRST_SYSTEM_TITLE, f'System workforce planning case studies: "{section}"')
    return old, f'"{section}" {SYSTEM_REPORT}'


# slug -> {field: (old values shipped, corrected value)}
TEXT = {
    "secamb-paramedic-practitioner-triage": {
        "summary": (
            (
                "HEE's guide uses SECAmb data to show why matching each patient to the right "
                "professional matters. Paramedic practitioners whose caseload was more carefully "
                "triaged took fewer patients to hospital.",
            ),
            "HEE's guide uses SECAmb data to show why matching each patient to the right "
            "professional matters. Paramedic practitioners whose patients had been triaged more "
            "precisely before reaching them took a smaller share of those patients to hospital.",
        ),
        "what_they_did": (
            (
                "SECAmb compared paramedic practitioners who received patients through more "
                "targeted triage with colleagues who did not. The aim of the triage is that the "
                "clinician sent has the skills that fit what the patient needs.",
            ),
            "The guide cites SECAmb data that set paramedic practitioners whose patients came to "
            "them through more targeted triage against those whose patients did not. The triage "
            "is there so that each patient is seen by the professional whose skills best fit "
            "their needs; the paramedic practitioners received the triaged patients, and the "
            "guide does not say who carried out the triage.",
        ),
    },
    "uclh-physician-associates-neurosciences": {
        "lessons": (
            (
                "Put a governance policy in place before asking clinicians to delegate complex "
                "work, avoid narrow job descriptions that drive turnover, and treat the role as a "
                "one-to-two-year investment rather than a quick fix.",
            ),
            "Put a governance policy in place before asking clinicians to delegate complex work, "
            "avoid narrow job descriptions that drive turnover, and expect the benefits to take "
            "a year or two: plan the role as a medium- to long-term investment rather than a "
            "quick fix.",
        ),
    },
    "greater-manchester-workforce-collaborative": {
        "source_title": _system_title("Developing a shared vision for the workforce"),
    },
    "northumberland-place-workforce-review": {
        "source_title": _system_title("Workforce planning in a place"),
    },
    "wakefield-integrated-teams": {
        "source_title": _system_title("Building relationships across sectors"),
    },
    "leeds-employ-and-deploy-pcn-roles": {
        "source_title": _system_title("Working with primary care networks"),
    },
}

# The year each source was published, where the source shows it. Shipped empty.
SOURCE_YEAR = {
    "greater-manchester-workforce-collaborative": 2019,
    "northumberland-place-workforce-review": 2019,
    "wakefield-integrated-teams": 2019,
    "leeds-employ-and-deploy-pcn-roles": 2019,
}

# Catalogue roles the source names that the case study was not tagged with.
ROLE_TAGS = {
    "leeds-employ-and-deploy-pcn-roles": ["clinical-pharmacist", "first-contact-physiotherapist"],
    "northumberland-place-workforce-review": ["first-contact-physiotherapist"],
    "mental-health-new-roles-national-mapping": [
        "mental-health-practitioner",
        "non-medical-approved-clinician",
    ],
}


def correct_case_studies(apps, schema_editor):
    CaseStudy = apps.get_model("roles", "CaseStudy")
    Role = apps.get_model("roles", "Role")
    changed_any = False
    for slug in sorted({*TEXT, *SOURCE_YEAR, *ROLE_TAGS}):
        case_study = CaseStudy.objects.filter(slug=slug).first()
        if case_study is None:
            continue
        fields = []
        for field, (old_values, corrected) in TEXT.get(slug, {}).items():
            if getattr(case_study, field) in old_values:
                setattr(case_study, field, corrected)
                fields.append(field)
        if slug in SOURCE_YEAR and case_study.source_year is None:
            case_study.source_year = SOURCE_YEAR[slug]
            fields.append("source_year")
        if fields:
            case_study.save(update_fields=[*fields, "updated_at"])
            changed_any = True
        tagged = set(case_study.roles.values_list("slug", flat=True))
        missing = Role.objects.filter(slug__in=ROLE_TAGS.get(slug, [])).exclude(slug__in=tagged)
        if missing.exists():
            case_study.roles.add(*missing)
            changed_any = True
    if changed_any:
        # Plans' cached pages show published case studies: have them worked out afresh.
        Generation = apps.get_model("roles", "ReferenceGeneration")
        if not Generation.objects.filter(pk=1).update(value=F("value") + 1):
            Generation.objects.get_or_create(pk=1, defaults={"value": 1})


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0011_employer_on_costs_and_high_cost_areas"),
    ]

    operations = [
        migrations.RunPython(correct_case_studies, migrations.RunPython.noop),
    ]

"""Governance's spreadsheets (registered in apps.py). `planning.exports` writes the CSV and
neutralises any cell a spreadsheet would run as a formula."""

from . import selectors

STAKEHOLDER_HEADER = [
    "Name",
    "Job title",
    "Organisation",
    "Group",
    "Influence",
    "Interest",
    "Current stance",
    "Desired stance",
    "Notes",
]


def stakeholder_rows(plan):
    """Every stakeholder, most influential and interested first: one query."""
    rows = [
        [
            s.name,
            s.job_title,
            s.organisation_name,
            s.get_group_display(),
            s.get_influence_display(),
            s.get_interest_display(),
            s.get_current_stance_display(),
            s.get_desired_stance_display(),
            s.notes,
        ]
        for s in selectors.stakeholders_of(plan)
    ]
    return STAKEHOLDER_HEADER, rows

"""How case studies read on the library pages, stage panels and in the PDF."""

from newroles.ui.presenters import Tag

from .models import CaseStudyStatus, Stage

STATUS_COLOURS = {
    CaseStudyStatus.DRAFT: "grey",
    CaseStudyStatus.IN_REVIEW: "yellow",
    CaseStudyStatus.PUBLISHED: "green",
    CaseStudyStatus.RETIRED: "white",
}


class CaseStudyPresenter:
    def __init__(self, case_study):
        self.case_study = case_study

    def __getattr__(self, name):
        return getattr(self.case_study, name)

    @property
    def status_tag(self) -> Tag:
        return Tag(self.case_study.get_status_display(), STATUS_COLOURS[self.case_study.status])

    @property
    def stage_names(self) -> str:
        labels = dict(Stage.choices)
        return ", ".join(labels[link.stage] for link in self.case_study.stage_links.all())

    @property
    def where(self) -> str:
        parts = [self.case_study.organisation_name, self.case_study.region]
        return ", ".join(p for p in parts if p) or "Organisation not named"

    @property
    def citation(self) -> str:
        """Title, publisher and year as the source gives them."""
        parts = [self.case_study.source_title]
        if self.case_study.source_publisher:
            parts.append(self.case_study.source_publisher)
        if self.case_study.source_year:
            parts.append(str(self.case_study.source_year))
        return ". ".join(parts) + "."


SCOPE_LABELS = {
    "independent": "May do independently",
    "supervised": "Under supervision",
    "not_permitted": "Not permitted",
}


class RoleTemplatePresenter:
    """A published template version as people read it before starting a plan from it."""

    def __init__(self, version):
        self.version = version
        self.content = version.content

    @property
    def number(self):
        return self.version.number

    def __getattr__(self, name):
        try:
            return self.content[name]
        except KeyError as error:
            raise AttributeError(name) from error

    @property
    def job_description_list(self) -> list[str]:
        return [
            line for line in self.content.get("job_description_points", "").splitlines() if line
        ]

    @property
    def bands(self) -> str:
        bands = self.content.get("typical_bands") or []
        return ", ".join(f"Band {b}" for b in bands) or "Not given"

    @property
    def scope_rows(self):
        return [
            {**item, "level_label": SCOPE_LABELS.get(item["level"], item["level"])}
            for item in self.content.get("scope_of_practice", [])
        ]

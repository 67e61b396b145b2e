"""How case studies and role templates read on the library pages, stage panels, the
curators' pages and in the PDF."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newroles.ui.presenters import Tag

from .models import CaseStudyStatus, Stage

STATUS_COLOURS = {
    CaseStudyStatus.DRAFT: "grey",
    CaseStudyStatus.IN_REVIEW: "yellow",
    CaseStudyStatus.PUBLISHED: "green",
    CaseStudyStatus.RETIRED: "white",
}


def status_tag(record) -> Tag:
    """A case study's or role template's status (the two share their values)."""
    return Tag(record.get_status_display(), STATUS_COLOURS[record.status])


class CaseStudyPresenter:
    def __init__(self, case_study):
        self.case_study = case_study

    def __getattr__(self, name):
        return getattr(self.case_study, name)

    @property
    def status_tag(self) -> Tag:
        return status_tag(self.case_study)

    @property
    def roles_named(self) -> str:
        """The catalogue roles chosen, then the titles used locally if they add to them."""
        names = [role.name for role in self.case_study.roles.all()]
        known = {name.lower() for name in names}
        for title in self.case_study.role_names.split(","):
            title = title.strip()
            if title and title.lower() not in known:
                names.append(title)
                known.add(title.lower())
        return ", ".join(names)

    @property
    def stage_names(self) -> str:
        labels = dict(Stage.choices)
        stages = sorted(
            (link.stage for link in self.case_study.stage_links.all()), key=Stage.values.index
        )
        return ", ".join(labels[stage] for stage in stages)  # in the cycle's order

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

    @property
    def training(self) -> list[dict]:
        return training_rows(self.content, str)


# --- The curators' preview of a role template -------------------------------------------------

METRIC_CATEGORY_LABELS = {
    "patient_outcome": "Patient outcome",
    "service": "Service",
    "workforce": "Workforce",
    "finance": "Finance",
    "staff_experience": "Staff experience",
}
TRAINING_KIND_LABELS = {
    "higher_education": "Higher-education programme",
    "apprenticeship": "Apprenticeship",
    "in_house": "In-house course",
    "e_learning": "E-learning",
    "shadowing": "Shadowing",
    "competency_sign_off": "Competency sign-off",
}
CHECKPOINT_KIND_LABELS = {
    "three_month": "3-month review",
    "six_month": "6-month review",
    "annual": "Annual review",
    "end_of_pilot": "End of pilot",
    "other": "Review",
}


def training_rows(content, show) -> list[dict]:
    """A package's training to plan, each title passed through `show` (marked or not)."""
    return [
        {"title": show(item.get("title")), "kind": TRAINING_KIND_LABELS.get(item.get("kind"), "")}
        for item in content.get("training") or []
    ]


def marked(text, placeholders) -> SafeString:
    """The text, escaped, with each placeholder that replaced a name in a <mark>."""
    escaped = escape(text)
    if not placeholders:
        return escaped
    pattern = re.compile("|".join(re.escape(escape(p)) for p in placeholders))
    return mark_safe(
        pattern.sub(lambda found: f'<mark class="app-replacement">{found[0]}</mark>', escaped)
    )


class TemplatePreview:
    """A role template as it would be published — every part a plan started from it copies —
    with every placeholder that replaced a name highlighted, for curators to check."""

    def __init__(self, template):
        from .packages import readable_answers, snapshot

        self.template = template
        counts = template.replacements or {}
        self.replacements = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        self.replaced = sum(counts.values())
        # Longest first, so a placeholder inside another is not marked twice.
        self._placeholders = sorted(counts, key=len, reverse=True)
        content = snapshot(template)
        self.content = content
        labels = dict(Stage.choices)
        answers = content.get("answers") or {}
        self.answer_sections = [  # in the cycle's order
            (labels[stage], [(q, self.mark(a)) for q, a in readable_answers(stage, answers[stage])])
            for stage in Stage.values
            if isinstance(answers.get(stage), dict)
        ]

    def mark(self, text) -> SafeString:
        return marked("" if text is None else str(text), self._placeholders)

    def __getattr__(self, name):
        # Text fields of the template (title, summary, supervision model...), marked.
        if name.startswith("_") or name not in self.__dict__.get("content", {}):
            raise AttributeError(name)
        value = self.content[name]
        return self.mark(value) if isinstance(value, str) else value

    @property
    def status_tag(self) -> Tag:
        return status_tag(self.template)

    @property
    def bands(self) -> str:
        return ", ".join(f"Band {b}" for b in self.content.get("typical_bands") or []) or ""

    @property
    def job_description_list(self) -> list[SafeString]:
        points = (self.content.get("job_description_points") or "").splitlines()
        return [self.mark(point) for point in points if point.strip()]

    @property
    def scope_rows(self) -> list[dict]:
        return [
            {
                "activity": self.mark(item.get("activity")),
                "level": SCOPE_LABELS.get(item.get("level"), item.get("level")),
                "reasoning": self.mark(item.get("reasoning")),
            }
            for item in self.content.get("scope_of_practice") or []
        ]

    @property
    def stakeholders(self) -> list[dict]:
        return [
            {
                "placeholder": self.mark(item.get("placeholder")),
                "influence": str(item.get("influence", "")).capitalize(),
                "interest": str(item.get("interest", "")).capitalize(),
            }
            for item in self.content.get("stakeholders") or []
        ]

    @property
    def risks(self) -> list[dict]:
        labels = dict(Stage.choices)
        return [
            {
                "description": self.mark(item.get("description")),
                "mitigation": self.mark(item.get("mitigation")),
                "stage": labels.get(item.get("stage"), ""),
                "score": f"{item.get('likelihood')} × {item.get('impact')}",
            }
            for item in self.content.get("risks") or []
        ]

    @property
    def metrics(self) -> list[dict]:
        return [
            {
                "name": self.mark(item.get("name")),
                "objective": self.mark(item.get("objective")),
                "category": METRIC_CATEGORY_LABELS.get(item.get("category"), ""),
                "unit": self.mark(item.get("unit")),
                "direction": "Higher is better"
                if item.get("direction") == "higher"
                else "Lower is better",
            }
            for item in self.content.get("metrics") or []
        ]

    @property
    def training(self) -> list[dict]:
        return training_rows(self.content, self.mark)

    @property
    def checkpoints(self) -> list[dict]:
        return [
            {
                "title": self.mark(item.get("title")),
                "kind": CHECKPOINT_KIND_LABELS.get(item.get("kind"), "Review"),
                "when": _after_start(item.get("offset_days") or 0),
            }
            for item in self.content.get("checkpoints") or []
        ]


def _after_start(days: int) -> str:
    if days == 0:
        return "At the start"
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''} after the start"
    months = round(days / 30.44)
    return f"About {months} months after the start"

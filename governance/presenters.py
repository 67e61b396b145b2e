"""How stakeholders, the communication plan and governance read on pages."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import Truncator

from newroles.ui.presenters import EMPTY, Tag, format_date

from .models import (
    AMBER_RATING,
    RED_RATING,
    Approach,
    Level,
    PolicyStatus,
    StakeholderGroup,
    approach_for,
)

APPROACH_COLOURS = {
    Approach.MANAGE_CLOSELY: "red",
    Approach.KEEP_SATISFIED: "yellow",
    Approach.KEEP_INFORMED: "blue",
    Approach.MONITOR: "grey",
}

APPROACH_ADVICE = {
    Approach.MANAGE_CLOSELY: "Involve them in decisions and meet them regularly.",
    Approach.KEEP_SATISFIED: "Consult them on what matters to them and avoid surprises.",
    Approach.KEEP_INFORMED: "Share progress often and listen to what they raise.",
    Approach.MONITOR: "Keep an eye on them and share general updates.",
}

GROUP_LABELS = dict(StakeholderGroup.choices)


def approach_tag(approach: str) -> Tag:
    return Tag(Approach(approach).label, APPROACH_COLOURS[approach])


def group_label(code: str) -> str:
    return GROUP_LABELS.get(code, code)


class StakeholderPresenter:
    def __init__(self, stakeholder):
        self.stakeholder = stakeholder

    def __getattr__(self, name):
        return getattr(self.stakeholder, name)

    @property
    def group_label(self) -> str:
        return self.stakeholder.get_group_display()

    @property
    def role_line(self) -> str:
        parts = [p for p in (self.stakeholder.job_title, self.stakeholder.organisation_name) if p]
        return ", ".join(parts)

    @property
    def approach_tag(self) -> Tag:
        return approach_tag(self.stakeholder.approach)

    @property
    def influence_label(self) -> str:
        return self.stakeholder.get_influence_display()

    @property
    def interest_label(self) -> str:
        return self.stakeholder.get_interest_display()

    @property
    def stance_label(self) -> str:
        s = self.stakeholder
        if s.current_stance == s.desired_stance:
            return s.get_current_stance_display()
        return f"{s.get_current_stance_display()}, aiming for {s.get_desired_stance_display()}"


# --- The influence and interest grid ----------------------------------------------------------

GRID_LEFT = 90  # room for the influence axis
GRID_TOP = 10
CELL_WIDTH = 200
CELL_HEIGHT = 160
NAMES_PER_CELL = 5
LINE_HEIGHT = 21
NAME_CHARACTERS = 24

QUADRANT_FILLS = {
    Approach.MANAGE_CLOSELY: "#fbe1dc",
    Approach.KEEP_SATISFIED: "#fff3c4",
    Approach.KEEP_INFORMED: "#dcebf7",
    Approach.MONITOR: "#e8edee",
}

LEVELS_HIGH_FIRST = [Level.HIGH, Level.MEDIUM, Level.LOW]
LEVELS_LOW_FIRST = [Level.LOW, Level.MEDIUM, Level.HIGH]


def short_name(name: str) -> str:
    """The name as the grid's squares show it: whole when it fits (most do, and Truncator
    looks up its translated ellipsis for every call), else cut with an ellipsis."""
    if len(name) <= NAME_CHARACTERS:
        return name
    return Truncator(name).chars(NAME_CHARACTERS)


@dataclass
class GridEntry:
    name: str
    short_name: str
    url: str
    x: int = 0
    y: int = 0


@dataclass
class GridCell:
    influence: int
    interest: int
    x: int
    y: int
    entries: list = field(default_factory=list)

    width = CELL_WIDTH
    height = CELL_HEIGHT

    @property
    def approach(self) -> str:
        return approach_for(self.influence, self.interest)

    @property
    def approach_label(self) -> str:
        return Approach(self.approach).label

    @property
    def interest_label(self) -> str:
        return Level(self.interest).label

    @property
    def fill(self) -> str:
        return QUADRANT_FILLS[self.approach]

    @property
    def label_x(self) -> int:
        return self.x + 10

    @property
    def label_y(self) -> int:
        return self.y + 22

    @property
    def shown(self) -> list[GridEntry]:
        shown = self.entries[:NAMES_PER_CELL]
        for index, entry in enumerate(shown):
            entry.x = self.x + 10
            entry.y = self.y + 48 + index * LINE_HEIGHT
        return shown

    @property
    def more(self) -> int:
        return max(0, len(self.entries) - NAMES_PER_CELL)

    @property
    def more_y(self) -> int:
        return self.y + 48 + NAMES_PER_CELL * LINE_HEIGHT


class PowerInterestGrid:
    """Stakeholders placed by influence (up) and interest (across), drawn as SVG by the
    template `governance/includes/grid.html`, with a table of the same content for people who
    cannot see it. Each name carries its edit page's address; the template links it for
    people who may edit."""

    width = GRID_LEFT + 3 * CELL_WIDTH + 10
    height = GRID_TOP + 3 * CELL_HEIGHT + 70

    def __init__(self, plan_pk, stakeholders):
        self.cells = {}
        for row, influence in enumerate(LEVELS_HIGH_FIRST):
            for column, interest in enumerate(LEVELS_LOW_FIRST):
                self.cells[(influence, interest)] = GridCell(
                    influence,
                    interest,
                    x=GRID_LEFT + column * CELL_WIDTH,
                    y=GRID_TOP + row * CELL_HEIGHT,
                )
        self.count = 0
        for stakeholder in stakeholders:
            entry = GridEntry(
                stakeholder.name,
                short_name(stakeholder.name),
                reverse("governance:stakeholder_update", args=[plan_pk, stakeholder.pk]),
            )
            self.cells[(stakeholder.influence, stakeholder.interest)].entries.append(entry)
            self.count += 1

    @property
    def rows(self) -> list[tuple[str, list[GridCell]]]:
        """Highest influence first; within a row, lowest interest first."""
        return [
            (Level(influence).label, [self.cells[(influence, i)] for i in LEVELS_LOW_FIRST])
            for influence in LEVELS_HIGH_FIRST
        ]

    @property
    def all_cells(self) -> list[GridCell]:
        return list(self.cells.values())

    @property
    def y_axis(self) -> list[dict]:
        return [
            {"label": Level(level).label, "y": GRID_TOP + row * CELL_HEIGHT + CELL_HEIGHT // 2}
            for row, level in enumerate(LEVELS_HIGH_FIRST)
        ]

    @property
    def y_axis_x(self) -> int:
        return GRID_LEFT - 10

    @property
    def x_axis(self) -> list[dict]:
        return [
            {
                "label": Level(level).label,
                "x": GRID_LEFT + column * CELL_WIDTH + CELL_WIDTH // 2,
            }
            for column, level in enumerate(LEVELS_LOW_FIRST)
        ]

    @property
    def x_axis_y(self) -> int:
        return GRID_TOP + 3 * CELL_HEIGHT + 22

    @property
    def x_title(self) -> dict:
        return {"x": GRID_LEFT + 3 * CELL_WIDTH // 2, "y": GRID_TOP + 3 * CELL_HEIGHT + 52}

    @property
    def y_title(self) -> dict:
        return {"x": 22, "y": GRID_TOP + 3 * CELL_HEIGHT // 2}

    @property
    def approaches(self) -> list[dict]:
        """Each approach with how many stakeholders it covers and what it means."""
        counts = {a: 0 for a in Approach.values}
        for cell in self.cells.values():
            counts[cell.approach] += len(cell.entries)
        return [
            {
                "tag": approach_tag(approach),
                "count": counts[approach],
                "advice": APPROACH_ADVICE[approach],
            }
            for approach in Approach.values
        ]


def group_counts_rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Every group, in the list's order, with how many stakeholders are in it."""
    return [(label, counts.get(code, 0)) for code, label in StakeholderGroup.choices]


# --- Communication plan -----------------------------------------------------------------------


class CommunicationPresenter:
    def __init__(self, item):
        self.item = item

    def __getattr__(self, name):
        return getattr(self.item, name)

    @property
    def audience_label(self) -> str:
        return ", ".join(group_label(code) for code in self.item.audience) or EMPTY

    @property
    def owner_label(self) -> str:
        return self.item.owner or EMPTY


# --- Governance -------------------------------------------------------------------------------


class ArrangementPresenter:
    """The governance arrangements as a summary list; `None` when none are recorded yet."""

    def __init__(self, arrangement):
        self.arrangement = arrangement

    def __bool__(self):
        return self.arrangement is not None

    def _value(self, name) -> str:
        return getattr(self.arrangement, name) or EMPTY

    @property
    def warning(self) -> str:
        a = self.arrangement
        if a is not None and a.lacks_same_person_reason:
            return (
                "The line manager is also the clinical supervisor and no reason is recorded. "
                "Say why, or name a different supervisor."
            )
        return ""

    @property
    def supervision_label(self) -> str:
        a = self.arrangement
        if a.supervisor_is_line_manager:
            reason = a.same_person_reason.strip() or "no reason recorded"
            return f"{a.clinical_supervisor} (also the line manager: {reason})"
        return self._value("clinical_supervisor")

    @property
    def regulator_label(self) -> str:
        a = self.arrangement
        regulator = a.get_regulator_display() or "Not decided"
        required = "registration required" if a.registration_required else "no registration"
        return f"{regulator}, {required}"

    @property
    def short_rows(self) -> list[tuple[str, str]]:
        if self.arrangement is None:
            return []
        return [
            ("Accountable executive", self._value("accountable_executive")),
            ("Line manager", self._value("line_manager")),
            ("Clinical supervisor", self.supervision_label),
            ("Oversight group", self._value("oversight_group")),
            ("Regulator", self.regulator_label),
        ]

    @property
    def rows(self) -> list[tuple[str, str]]:
        if self.arrangement is None:
            return []
        return [
            ("Accountable executive", self._value("accountable_executive")),
            ("Line manager", self._value("line_manager")),
            ("Clinical supervisor", self.supervision_label),
            ("How often supervision happens", self._value("supervision_frequency")),
            ("Escalation route", self._value("escalation_route")),
            ("Oversight group", self._value("oversight_group")),
            ("Indemnity", self._value("indemnity")),
            ("Regulator", self.regulator_label),
        ]


def rating_tag(rating: int) -> Tag:
    """Red-amber-green for a 5x5 likelihood times severity rating."""
    if rating >= RED_RATING:
        return Tag(f"{rating} red", "red")
    if rating >= AMBER_RATING:
        return Tag(f"{rating} amber", "orange")
    return Tag(f"{rating} green", "green")


LEVEL_COLOURS = {"independent": "green", "supervised": "blue", "not_permitted": "grey"}


class ScopeActivityPresenter:
    def __init__(self, activity):
        self.activity = activity

    def __getattr__(self, name):
        return getattr(self.activity, name)

    @property
    def rating_tag(self) -> Tag:
        return rating_tag(self.activity.risk_rating)

    @property
    def level_tag(self) -> Tag:
        return Tag(self.activity.get_level_display(), LEVEL_COLOURS[self.activity.level])


class AssessmentPresenter:
    def __init__(self, assessment):
        self.assessment = assessment

    def __getattr__(self, name):
        return getattr(self.assessment, name)

    @property
    def date_label(self) -> str:
        return format_date(self.assessment.assessed_on)


POLICY_STATUS_COLOURS = {
    PolicyStatus.NOT_STARTED: "grey",
    PolicyStatus.DRAFTING: "blue",
    PolicyStatus.APPROVED: "green",
    PolicyStatus.NOT_NEEDED: "white",
}


class PolicyPresenter:
    def __init__(self, policy):
        self.policy = policy

    def __getattr__(self, name):
        return getattr(self.policy, name)

    @property
    def status_tag(self) -> Tag:
        return Tag(self.policy.get_status_display(), POLICY_STATUS_COLOURS[self.policy.status])

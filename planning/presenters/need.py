"""The need analysis, ready for its page, the gaps and the board paper: the options
appraised (and which the guide asks for that are missing) and the team's skill mix before and
after the change, with its size."""

from decimal import Decimal

from newroles.ui.presenters import EMPTY, Tag, format_decimal, format_money

from ..models import AppraisedOption, OptionKind, SkillMixLine

GUIDE_OPTIONS = [OptionKind.EXISTING_TEAM, OptionKind.REDESIGN, OptionKind.NEW_ROLE]
SUPPORT_BANDS = {"1", "2", "3", "4"}  # Agenda for Change support and assistant levels


class OptionPresenter:
    def __init__(self, option: AppraisedOption):
        self.option = option

    def __getattr__(self, name):
        return getattr(self.option, name)

    @property
    def kind_label(self) -> str:
        return self.option.get_kind_display()

    @property
    def cost(self) -> str:
        if self.option.cost_per_year is None:
            return "Not given"
        return f"{format_money(self.option.cost_per_year)} a year"

    @property
    def cost_amount(self) -> str:
        """For a column headed 'Cost a year'."""
        if self.option.cost_per_year is None:
            return "Not given"
        return format_money(self.option.cost_per_year)

    @property
    def time_to_effect(self) -> str:
        months = self.option.months_to_effect
        if months is None:
            return "Not given"
        return f"{months} month{'s' if months != 1 else ''}"

    @property
    def score_label(self) -> str:
        return f"{self.option.score} of 5" if self.option.score else "Not scored"

    @property
    def chosen_tag(self) -> Tag | None:
        return Tag("Chosen", "green") if self.option.chosen else None


class OptionAppraisal:
    """The options a plan compared for meeting its need, the one chosen and why."""

    def __init__(self, options):
        self.options = [OptionPresenter(o) for o in options]

    @classmethod
    def of(cls, plan) -> "OptionAppraisal":
        return cls(AppraisedOption.objects.filter(plan=plan).order_by("-chosen", "pk"))

    @property
    def chosen(self) -> OptionPresenter | None:
        return next((o for o in self.options if o.option.chosen), None)

    @property
    def missing_guide_options(self) -> list[tuple[str, str]]:
        """The guide's options not yet appraised: (kind, label)."""
        present = {o.option.kind for o in self.options}
        return [(kind.value, kind.label) for kind in GUIDE_OPTIONS if kind not in present]

    @property
    def others(self) -> list[OptionPresenter]:
        return [o for o in self.options if not o.option.chosen]

    @property
    def summary(self) -> str:
        """A paragraph for the board paper: what was compared, what was chosen and why."""
        if not self.options:
            return (
                "No options have been appraised: nothing yet shows that a new role meets the "
                "need better than making better use of the team or redesigning the service."
            )
        count = len(self.options)
        text = f"{count} option{'s were' if count != 1 else ' was'} appraised."
        chosen = self.chosen
        if chosen:
            text += (
                f" Chosen: {chosen.title.rstrip('.')} (scored {chosen.score_label}, "
                f"{chosen.cost.lower() if chosen.cost_per_year is None else chosen.cost}, "
                f"time to effect {chosen.time_to_effect.lower()}), because "
                f"{_sentence_tail(chosen.reason_chosen)}"
            )
        else:
            text += " None has been chosen yet."
        if self.others:
            text += " Also considered: " + "; ".join(
                f"{o.title.rstrip('.')} ({o.score_label.lower()})" for o in self.others
            )
            text += "."
        missing = self.missing_guide_options
        if missing:
            text += " Not appraised: " + ", ".join(label.lower() for _, label in missing) + "."
        return text


def _sentence_tail(text: str) -> str:
    """'Because' + the lead's reason, read as one sentence."""
    text = text.strip().rstrip(".")
    return (
        text[0].lower() + text[1:] if text[:1].isupper() and not text[:2].isupper() else text
    ) + "."


class SkillMixLinePresenter:
    def __init__(self, line: SkillMixLine):
        self.line = line

    def __getattr__(self, name):
        return getattr(self.line, name)

    @property
    def band_label(self) -> str:
        return self.line.get_band_display() if self.line.band else "Not on Agenda for Change"

    @property
    def before(self) -> str:
        return format_decimal(self.line.wte_before)

    @property
    def after(self) -> str:
        return format_decimal(self.line.wte_after)

    @property
    def change(self) -> str:
        return signed_wte(self.line.intended_change)


def signed_wte(value: Decimal) -> str:
    if not value:
        return "No change"
    return f"{'+' if value > 0 else '−'}{format_decimal(abs(value))}"


def _share(part, whole) -> str:
    return f"{(part / whole * 100):.0f}%" if whole else EMPTY


class SkillMix:
    """The team's skill mix before and after the change the plan intends, and its size."""

    def __init__(self, lines, kinds=()):
        self.lines = [SkillMixLinePresenter(line) for line in lines]
        self.kinds = [str(kind) for kind in kinds]

    @classmethod
    def of(cls, plan) -> "SkillMix":
        return cls(SkillMixLine.objects.filter(plan=plan), plan.skill_mix_changes.all())

    def _total(self, name) -> Decimal:
        return sum((getattr(line.line, name) for line in self.lines), Decimal(0))

    @property
    def total_before(self) -> str:
        return format_decimal(self._total("wte_before"))

    @property
    def total_after(self) -> str:
        return format_decimal(self._total("wte_after"))

    @property
    def total_change(self) -> str:
        return signed_wte(self._total("wte_after") - self._total("wte_before"))

    @property
    def added(self) -> Decimal:
        return sum((max(line.line.intended_change, 0) for line in self.lines), Decimal(0))

    @property
    def removed(self) -> Decimal:
        return sum((max(-line.line.intended_change, 0) for line in self.lines), Decimal(0))

    def _support_share(self, name) -> str:
        total = self._total(name)
        support = sum(
            (getattr(line.line, name) for line in self.lines if line.line.band in SUPPORT_BANDS),
            Decimal(0),
        )
        return _share(support, total)

    @property
    def support_share_before(self) -> str:
        return self._support_share("wte_before")

    @property
    def support_share_after(self) -> str:
        return self._support_share("wte_after")

    @property
    def size(self) -> str:
        """How much of the team the change touches: the WTE added and taken away."""
        if not self.lines:
            return ""
        before = self._total("wte_before")
        moved = self.added + self.removed
        if not moved:
            return "The skill mix recorded does not change."
        moves = [
            f"{format_decimal(amount)} WTE {what}"
            for amount, what in ((self.added, "added"), (self.removed, "taken away"))
            if amount
        ]
        text = f"The team goes from {self.total_before} to {self.total_after} WTE: " + " and ".join(
            moves
        )
        if before:
            text += f", a change touching {_share(moved, before)} of the team's WTE"
        text += (
            f". The share at bands 1 to 4 goes from {self.support_share_before} to "
            f"{self.support_share_after}."
        )
        return text

    @property
    def summary(self) -> str:
        """A paragraph for the board paper."""
        if not self.lines:
            return "The team's skill mix before and after the change is not recorded yet."
        kinds = f"Kind of skill-mix change: {', '.join(self.kinds).lower()}. " if self.kinds else ""
        changes = [
            f"{line.change} WTE {line.line}" for line in self.lines if line.line.intended_change
        ]
        detail = f" Changes: {'; '.join(changes)}." if changes else ""
        return f"{kinds}{self.size}{detail}"

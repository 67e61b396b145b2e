"""The sections other parts of the product add to the implementation plan document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentSection:
    """A part of the implementation plan document after the stages (see the package docstring)."""

    key: str
    title: str
    template: str
    context: Callable
    order: int = 50

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"


_SECTIONS: dict[str, DocumentSection] = {}


def register_section(section: DocumentSection) -> None:
    """Add a section to every plan's document; registering a key again replaces it."""
    _SECTIONS[section.key] = section


def unregister_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def registered_sections() -> list[DocumentSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.title))


# (plan) -> (heading, sentences) for the executive summary, or None to say nothing.
SummaryPart = Callable[[object], tuple[str, str] | None]
_SUMMARY_PARTS: dict[str, tuple[int, SummaryPart]] = {}


def register_summary_part(key: str, part: SummaryPart, *, order: int = 50) -> None:
    """Add a paragraph to the executive summary (governance says who supervises the role,
    evaluation how success is measured); registering a key again replaces it."""
    _SUMMARY_PARTS[key] = (order, part)


def registered_summary_parts() -> list[tuple[int, SummaryPart]]:
    return sorted(_SUMMARY_PARTS.values(), key=lambda item: item[0])


# (plan) -> {"quality": sentence, "equality": sentence}: what another part of the plan says
# about the board paper's quality and equality implications (governance: the impact
# assessments). The cover sheet puts these first, then what the lead adds.
ImplicationsSource = Callable[[object], dict[str, str]]
_IMPLICATIONS: dict[str, ImplicationsSource] = {}


def register_implications(key: str, source: ImplicationsSource) -> None:
    _IMPLICATIONS[key] = source


def implications_of(plan) -> dict[str, list[str]]:
    """Every registered source's sentences, by implication ("quality", "equality")."""
    found: dict[str, list[str]] = {}
    for _key, source in sorted(_IMPLICATIONS.items()):
        for name, sentence in source(plan).items():
            found.setdefault(name, []).append(sentence)
    return found

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

"""The red-amber-green rating of a metric against its target, and how numbers read."""

from decimal import Decimal

import pytest

from evaluation.presenters import (
    RAG_AMBER,
    RAG_GREEN,
    RAG_NO_BASELINE,
    RAG_NOT_MEASURED,
    RAG_OFF_TRACK,
    metric_rag,
    with_unit,
)


def rate(baseline, target, direction, latest):
    return metric_rag(
        baseline=None if baseline is None else Decimal(baseline),
        target=Decimal(target),
        higher_is_better=direction == "higher",
        latest=None if latest is None else Decimal(latest),
    )


@pytest.mark.parametrize(
    ("baseline", "target", "direction", "latest", "expected"),
    [
        # Higher is better: from 60% seen within a week towards 90%.
        (60, 90, "higher", 90, RAG_GREEN),
        (60, 90, "higher", 95, RAG_GREEN),
        (60, 90, "higher", 75, RAG_AMBER),
        (60, 90, "higher", 60, RAG_OFF_TRACK),
        (60, 90, "higher", 50, RAG_OFF_TRACK),
        (60, 90, "higher", None, RAG_NOT_MEASURED),
        # Lower is better: from 20 days' wait down to 10.
        (20, 10, "lower", 10, RAG_GREEN),
        (20, 10, "lower", 8, RAG_GREEN),
        (20, 10, "lower", 15, RAG_AMBER),
        (20, 10, "lower", 20, RAG_OFF_TRACK),
        (20, 10, "lower", 25, RAG_OFF_TRACK),
        (20, 10, "lower", None, RAG_NOT_MEASURED),
        # Without a baseline only meeting the target can be judged.
        (None, 10, "lower", 9, RAG_GREEN),
        (None, 10, "lower", 12, RAG_NO_BASELINE),
        (None, 90, "higher", None, RAG_NOT_MEASURED),
        # Decimals compare exactly.
        ("2.50", "2.25", "lower", "2.25", RAG_GREEN),
        ("2.50", "2.25", "lower", "2.49", RAG_AMBER),
    ],
)
def test_the_rating_follows_the_better_direction(baseline, target, direction, latest, expected):
    assert rate(baseline, target, direction, latest) == expected


def test_the_rating_colours_are_green_amber_and_red():
    assert (RAG_GREEN.colour, RAG_AMBER.colour) == ("green", "orange")
    assert {RAG_OFF_TRACK.colour, RAG_NO_BASELINE.colour} == {"red"}


def test_a_measured_metric_without_a_target_is_not_rated():
    tag = metric_rag(baseline=Decimal(5), target=None, higher_is_better=True, latest=Decimal(9))
    assert (tag.label, tag.colour) == ("No target set", "grey")


def test_a_metric_not_measured_yet_says_so_and_is_not_red():
    assert (RAG_NOT_MEASURED.label, RAG_NOT_MEASURED.colour) == ("Not measured yet", "grey")


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("12.50"), "days", "12.5 days"),
        (Decimal("85"), "%", "85%"),
        (Decimal("4500"), "£", "£4,500"),
        (Decimal("3"), "", "3"),
        (None, "days", "Not given"),
    ],
)
def test_values_read_with_their_unit(value, unit, text):
    assert with_unit(value, unit) == text

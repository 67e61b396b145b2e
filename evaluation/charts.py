"""A metric's chart, drawn on the server as inline SVG: no chart library, no script.

The chart shows the baseline (dashed) and the target as horizontal lines, and the value
measured at each checkpoint, placed along the time axis by the checkpoint's due date. A legend
under it names the lines with their values. It has a title and a description for screen
readers; the page shows the same numbers in a table beside it. Every piece of text a person
typed (the metric's name, its unit, checkpoint titles) is escaped here, since the result is
marked safe for the template.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newroles.ui.presenters import format_date

from .presenters import MetricPresenter

WIDTH = 640
LEFT, RIGHT, TOP = 64, 24, 40  # margins around the plotting area
PLOT_HEIGHT = 220
INSET = 40  # keeps the first and last points (and their labels) off the axes
MAX_LABELLED_POINTS = 12  # beyond this, values show on hover and in the table only
TICKS = 4
HEADROOM = Decimal("0.1")  # a tenth of the range above and below the values
LEGEND_ROW = 24
CHAR_WIDTH = 8  # a generous average width of a 14px character, to lay out the legend

COLOURS = {
    "text": "#212b32",
    "muted": "#4c6272",
    "grid": "#d8dde0",
    "baseline": "#4c6272",
    "target": "#007f3b",
    "measured": "#005eb8",
}
BOTTOM = TOP + PLOT_HEIGHT  # the x axis


@dataclass(frozen=True)
class Scale:
    low: Decimal
    high: Decimal
    step: Decimal

    def y(self, value) -> float:
        share = float((Decimal(value) - self.low) / (self.high - self.low))
        return round(BOTTOM - share * PLOT_HEIGHT, 1)

    def ticks(self) -> list[Decimal]:
        ticks, tick = [], self.low
        while tick <= self.high:
            ticks.append(tick)
            tick += self.step
        return ticks


def nice_step(raw: float) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) at least as big as `raw`."""
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10**exponent
    nice = next(n for n in (1, 2, 5, 10) if fraction <= n)
    return Decimal(nice) * Decimal(10) ** exponent


def value_scale(values) -> Scale:
    """Round steps covering every value, with headroom so no line sits on the plot's edge.
    With no value at all (no baseline, target or measurement yet) the axis runs 0 to 10."""
    if not values:
        return Scale(Decimal(0), Decimal(10), Decimal(2))
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    room = (high - low) * HEADROOM
    low, high = low - room, high + room
    step = nice_step(float(high - low) / TICKS)
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    return Scale(low, high, step)


def _number(value) -> str:
    """A tick label: the value without trailing zeros."""
    text = f"{Decimal(value):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _text(x, y, content, *, anchor="start", colour="text", size=14, hidden=False) -> str:
    extra = ' aria-hidden="true"' if hidden else ""
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{COLOURS[colour]}"{extra}>{escape(content)}</text>'
    )


def _stroke(series) -> str:
    dash = ' stroke-dasharray="6 4"' if series == "baseline" else ""
    width = 3 if series == "measured" else 2
    return f'stroke="{COLOURS[series]}" stroke-width="{width}"{dash}'


def _legend(items) -> tuple[list[str], int]:
    """Legend entries laid out in rows that fit the width; returns the SVG and its height."""
    rows, row, used = [], [], 0
    for series, label in items:
        width = 40 + len(label) * CHAR_WIDTH
        if row and used + width > WIDTH - LEFT:
            rows.append(row)
            row, used = [], 0
        row.append((series, label, used))
        used += width
    rows.append(row)
    top = BOTTOM + 64
    parts = ['<g class="app-chart-legend">']
    for index, entries in enumerate(rows):
        y = top + index * LEGEND_ROW
        for series, label, offset in entries:
            x = LEFT + offset
            sample = (
                f'<circle cx="{x + 12}" cy="{y - 5}" r="5" fill="{COLOURS[series]}"/>'
                if series == "measured"
                else f'<line x1="{x}" y1="{y - 5}" x2="{x + 26}" y2="{y - 5}" {_stroke(series)}/>'
            )
            parts.append(
                f'<g data-legend="{series}">{sample}{_text(x + 32, y, label, colour="text")}</g>'
            )
    parts.append("</g>")
    return parts, top + (len(rows) - 1) * LEGEND_ROW + 12


def metric_chart(metric: MetricPresenter, *, chart_id: str) -> SafeString:
    """The chart of one metric (a `MetricPresenter` with its results) as an SVG element."""
    baseline, target = metric.metric.baseline, metric.metric.target
    results = metric.results
    values = [v for v in (target, baseline) if v is not None] + [m.value for m in results]
    scale = value_scale(values)
    plot_left, plot_right = LEFT + INSET, WIDTH - RIGHT - INSET

    legend_items = [("target", f"Target {metric.target_label}")] if target is not None else []
    if baseline is not None:
        legend_items.append(("baseline", f"Baseline {metric.baseline_label}"))
    if results:
        legend_items.append(("measured", "Measured at a checkpoint"))
    legend, height = _legend(legend_items)

    title = f"{metric.metric.name}: measured values against the baseline and target"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" focusable="false" class="app-metric-chart" '
        f'font-family="Frutiger W01, Arial, sans-serif" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(metric.summary)}</desc>',
        '<g aria-hidden="true">',
    ]
    for tick in scale.ticks():
        y = scale.y(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
            f'stroke="{COLOURS["grid"]}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 8, y + 5, _number(tick), anchor="end", colour="muted"))
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="{COLOURS["muted"]}"/>'
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{WIDTH - RIGHT}" y2="{BOTTOM}" '
        f'stroke="{COLOURS["muted"]}"/>'
    )
    if metric.metric.unit:
        parts.append(_text(LEFT - 8, TOP - 16, metric.metric.unit, colour="muted"))
    for series, value in (("baseline", baseline), ("target", target)):
        if value is not None:
            y = scale.y(value)
            parts.append(
                f'<g data-series="{series}" data-value="{value}">'
                f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" {_stroke(series)}/>'
                "</g>"
            )
    if not results:
        parts.append(
            _text(
                (plot_left + plot_right) / 2,
                TOP + PLOT_HEIGHT / 2,
                "No measurements recorded yet",
                anchor="middle",
                colour="muted",
                size=15,
            )
        )
    parts.append(
        _text(
            (LEFT + WIDTH - RIGHT) / 2,
            BOTTOM + 40,
            "Checkpoint due date",
            anchor="middle",
            colour="muted",
        )
    )
    parts.append("</g>")

    if results:
        days = [m.checkpoint.due_date.toordinal() for m in results]
        first, span = min(days), max(days) - min(days)

        def x(day):
            if span == 0:
                return round((plot_left + plot_right) / 2, 1)
            return round(plot_left + (day - first) / span * (plot_right - plot_left), 1)

        points = [(x(day), scale.y(m.value), m) for day, m in zip(days, results, strict=True)]
        parts.append(f'<g data-series="measured" fill="{COLOURS["measured"]}">')
        if len(points) > 1:
            path = " ".join(f"{px},{py}" for px, py, _ in points)
            parts.append(
                f'<polyline points="{path}" fill="none" {_stroke("measured")} aria-hidden="true"/>'
            )
        labelled = len(points) <= MAX_LABELLED_POINTS
        for px, py, measurement in points:
            value = metric.value_label(measurement.value)
            when = format_date(measurement.checkpoint.due_date)
            parts.append(
                f'<circle cx="{px}" cy="{py}" r="5" data-value="{measurement.value}">'
                f"<title>{escape(f'{value} at {measurement.checkpoint.title}, {when}')}</title>"
                "</circle>"
            )
            if labelled:
                parts.append(_text(px, py - 12, value, anchor="middle", hidden=True))
                parts.append(
                    _text(
                        px,
                        BOTTOM + 20,
                        f"{measurement.checkpoint.due_date:%b %Y}",
                        anchor="middle",
                        colour="muted",
                        size=13,
                        hidden=True,
                    )
                )
        parts.append("</g>")
    parts.extend(legend)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

"""The metric chart: inline SVG drawn on the server, readable by screen readers, escaped."""

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import charts, selectors
from evaluation.presenters import MetricPresenter
from tests.evaluation.factories import CheckpointFactory, MeasurementFactory, MetricFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "waits" <b>'


def chart_of(metric):
    shown = MetricPresenter(selectors.metric_with_results(metric.plan, metric.pk))
    svg = charts.metric_chart(shown, chart_id="chart")
    return svg, ET.fromstring(svg)  # noqa: S314 - the chart we just drew, not outside input


def texts(root):
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def series(root, name):
    return next((g for g in root.iter(f"{SVG}g") if g.get("data-series") == name), None)


def points(root):
    measured = series(root, "measured")
    return [] if measured is None else list(measured.iter(f"{SVG}circle"))


@pytest.fixture
def measured(plan):
    metric = MetricFactory(plan=plan, baseline=20, target=10, unit="days", direction="lower")
    for due, value in ((date(2027, 6, 30), 18), (date(2027, 1, 31), 19), (date(2027, 12, 31), 12)):
        MeasurementFactory(
            metric=metric, checkpoint=CheckpointFactory(plan=plan, due_date=due), value=value
        )
    return metric


def test_the_chart_shows_the_baseline_target_and_every_measured_value(measured):
    svg, root = chart_of(measured)
    labels = texts(root)
    assert "Baseline 20 days" in labels
    assert "Target 10 days" in labels
    for value in ("19 days", "18 days", "12 days"):
        assert value in labels

    assert Decimal(series(root, "baseline").get("data-value")) == 20
    assert Decimal(series(root, "target").get("data-value")) == 10
    values = [Decimal(p.get("data-value")) for p in points(root)]
    assert values == [19, 18, 12], "in date order"
    legend = {g.get("data-legend") for g in root.iter(f"{SVG}g") if g.get("data-legend")}
    assert legend == {"baseline", "target", "measured"}


def test_points_sit_by_date_along_the_axis_and_by_value_up_it(measured):
    _, root = chart_of(measured)
    xs = [float(p.get("cx")) for p in points(root)]
    ys = [float(p.get("cy")) for p in points(root)]
    assert xs == sorted(xs) and len(set(xs)) == 3
    # January to June is about half of January to December.
    assert abs((xs[1] - xs[0]) / (xs[2] - xs[0]) - 150 / 334) < 0.01
    assert ys[0] < ys[1] < ys[2], "lower values sit lower on the chart"

    def line_y(name):
        return float(series(root, name).find(f"{SVG}line").get("y1"))

    assert line_y("baseline") < ys[0] < ys[2] < line_y("target")


def test_the_chart_has_a_title_and_description_for_screen_readers(measured):
    _, root = chart_of(measured)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.get("id") == "chart-title" and measured.name in title.text
    assert "Baseline 20 days" in desc.text and "target 10 days" in desc.text
    assert "12 days" in desc.text


def test_every_piece_of_typed_text_is_escaped(plan):
    metric = MetricFactory(plan=plan, name=HOSTILE, unit="<i>days</i>")
    MeasurementFactory(metric=metric, checkpoint=CheckpointFactory(plan=plan, title=HOSTILE))
    svg, root = chart_of(metric)
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert HOSTILE in root.find(f"{SVG}title").text, "the name survives intact, as text"
    assert HOSTILE in "".join(root.find(f"{SVG}desc").itertext())


def test_the_metric_page_escapes_a_hostile_name_everywhere(lead_client, plan):
    metric = MetricFactory(plan=plan, name=HOSTILE)
    page = lead_client.get(reverse("evaluation:metric_detail", args=[plan.pk, metric.pk]))
    assert "<script>alert" not in page.content.decode()


def test_without_measurements_the_chart_says_so(plan):
    metric = MetricFactory(plan=plan, baseline=None, target=90, unit="%")
    _, root = chart_of(metric)
    labels = texts(root)
    assert "No measurements recorded yet" in labels
    assert "Target 90%" in labels
    assert not points(root)
    assert series(root, "baseline") is None


def test_a_metric_without_a_target_draws_no_target_line(plan):
    metric = MetricFactory(plan=plan, baseline=20, target=None, unit="days")
    MeasurementFactory(metric=metric, checkpoint=CheckpointFactory(plan=plan), value=15)
    _, root = chart_of(metric)
    assert series(root, "target") is None
    assert not any(label.startswith("Target") for label in texts(root))
    desc = root.find(f"{SVG}desc").text
    assert "no target set yet" in desc


def test_a_metric_with_nothing_set_or_measured_still_draws_an_empty_chart(lead_client, plan):
    metric = MetricFactory(plan=plan, baseline=None, target=None)
    _, root = chart_of(metric)
    assert "No measurements recorded yet" in texts(root)
    assert series(root, "target") is None and series(root, "baseline") is None
    page = lead_client.get(reverse("evaluation:metric_detail", args=[plan.pk, metric.pk]))
    assert page.status_code == 200


def test_a_flat_series_and_a_single_point_still_draw(plan):
    metric = MetricFactory(plan=plan, baseline=5, target=5)
    MeasurementFactory(metric=metric, checkpoint=CheckpointFactory(plan=plan), value=5)
    _, root = chart_of(metric)
    (point,) = points(root)
    assert float(point.get("cy")) > 0


def test_measurements_at_binned_checkpoints_leave_the_chart(plan):
    metric = MetricFactory(plan=plan)
    kept = MeasurementFactory(metric=metric, value=14)
    MeasurementFactory(
        metric=metric, value=16, checkpoint=CheckpointFactory(plan=plan, deleted_at=timezone.now())
    )
    _, root = chart_of(metric)
    assert [Decimal(c.get("data-value")) for c in points(root)] == [kept.value]


@pytest.mark.parametrize(
    ("values", "low", "high", "step"),
    [
        ([Decimal(10), Decimal(20)], 5, 25, Decimal("5")),
        ([Decimal("0.2"), Decimal("0.9")], 0, 1, Decimal("0.5")),
        ([Decimal(5)], 3, 7, Decimal("1")),
        ([Decimal(-3), Decimal(12)], -5, 15, Decimal("5")),
        ([Decimal(40000), Decimal(52500)], 35000, 55000, Decimal("5000")),
    ],
)
def test_the_value_axis_uses_round_steps_with_room_around_the_values(values, low, high, step):
    scale = charts.value_scale(values)
    assert (scale.low, scale.high, scale.step) == (low, high, step)
    assert scale.low < min(values) and scale.high > max(values)
    assert 3 <= len(scale.ticks()) <= 9

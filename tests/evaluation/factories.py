import datetime

import factory
from django.utils import timezone

from tests.factories import ImplementationPlanFactory, PlanContentFactory


class ObjectiveFactory(PlanContentFactory):
    class Meta:
        model = "evaluation.Objective"

    plan = factory.SubFactory(ImplementationPlanFactory)
    statement = factory.Sequence(lambda n: f"Objective {n}")
    need_met = "People in crisis wait too long for an assessment."
    measure = "Days from referral to assessment"
    target_date = datetime.date(2028, 3, 31)
    responsible = "Service manager"


class CheckpointFactory(PlanContentFactory):
    class Meta:
        model = "evaluation.EvaluationCheckpoint"

    plan = factory.SubFactory(ImplementationPlanFactory)
    title = factory.Sequence(lambda n: f"Review {n}")
    kind = "3_month"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = "planned"


class MetricFactory(PlanContentFactory):
    class Meta:
        model = "evaluation.Metric"

    plan = factory.SubFactory(ImplementationPlanFactory)
    objective = factory.LazyAttribute(lambda m: ObjectiveFactory(plan=m.plan))
    name = factory.Sequence(lambda n: f"Metric {n}")
    category = "service"
    unit = "days"
    baseline = 20
    target = 10
    direction = "lower"


class MeasurementFactory(PlanContentFactory):
    class Meta:
        model = "evaluation.Measurement"

    metric = factory.SubFactory(MetricFactory)
    checkpoint = factory.LazyAttribute(lambda m: CheckpointFactory(plan=m.metric.plan))
    value = 15


class LogicModelFactory(PlanContentFactory):
    class Meta:
        model = "evaluation.LogicModel"

    plan = factory.SubFactory(ImplementationPlanFactory)
    inputs = "Two peer support workers, supervision from the team psychologist."
    outcomes_long = "Fewer readmissions."

from django.contrib import admin

from planning.admin_support import PlanContentAdmin, PlanPartAdmin

from .models import EvaluationCheckpoint, LogicModel, Measurement, Metric, Objective


@admin.register(Objective)
class ObjectiveAdmin(PlanPartAdmin):
    list_display = ["statement", "plan", "target_date", "responsible", "deleted_at"]
    list_filter = ["target_date", "plan__organisation"]
    search_fields = ["statement", "need_met", "measure", "responsible", "plan__title"]
    readonly_fields = [*PlanPartAdmin.readonly_fields, "copied_from"]


@admin.register(LogicModel)
class LogicModelAdmin(PlanPartAdmin):
    list_display = ["plan", "updated_at"]
    list_filter = ["plan__organisation"]
    search_fields = ["plan__title", "inputs", "activities", "outputs"]


@admin.register(EvaluationCheckpoint)
class EvaluationCheckpointAdmin(PlanPartAdmin):
    list_display = ["title", "plan", "kind", "due_date", "status", "decision", "deleted_at"]
    list_filter = ["status", "kind", "decision", "due_date"]
    search_fields = ["title", "reviewer", "findings", "plan__title"]
    date_hierarchy = "due_date"


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["checkpoint", "value", "note"]
    raw_id_fields = ["checkpoint"]


@admin.register(Metric)
class MetricAdmin(PlanPartAdmin):
    list_display = [
        "name",
        "plan",
        "objective",
        "category",
        "baseline",
        "target",
        "unit",
        "direction",
        "deleted_at",
    ]
    list_select_related = ["plan", "objective"]
    list_filter = ["category", "direction"]
    search_fields = ["name", "data_source", "objective__statement", "plan__title"]
    raw_id_fields = ["objective"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(PlanContentAdmin):
    list_display = ["metric", "checkpoint", "value", "plan", "updated_at"]
    list_select_related = ["metric__plan", "checkpoint"]
    list_filter = ["metric__category", "checkpoint__status"]
    search_fields = ["metric__name", "checkpoint__title", "note", "metric__plan__title"]
    raw_id_fields = ["metric", "checkpoint"]

    @admin.display(description="Plan", ordering="metric__plan__title")
    def plan(self, obj):
        return obj.metric.plan

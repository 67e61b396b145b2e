"""What every admin page that edits a plan's content shares.

An edit in the admin is a change to the plan like any other: it must raise the plan's
`version`, or cached PDFs and overview content (keyed on the version) would go on showing
what was there before, and edit pages opened earlier would not see the conflict.
"""

from simple_history.admin import SimpleHistoryAdmin

from . import records


def plan_id_of(obj):
    """The plan a record belongs to: itself, its `plan`, or its metric's plan."""
    from .models import ImplementationPlan

    if isinstance(obj, ImplementationPlan):
        return obj.pk
    if hasattr(obj, "plan_id"):
        return obj.plan_id
    return obj.metric.plan_id  # a measurement


class PlanContentAdmin(SimpleHistoryAdmin):
    def save_model(self, request, obj, form, change):
        if change and isinstance(obj, records.VersionedRecord):
            # An edit like any other: a new lock_version, so edit pages opened earlier see the
            # conflict, and a new plan version; the plan's version is never written from this
            # copy.
            records.save_edit(obj, based_on_version=obj.lock_version)
            return
        super().save_model(request, obj, form, change)
        records.bump_plan_version(plan_id_of(obj))

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            # Inline rows may be edited or deleted as well as added.
            records.bump_plan_version(plan_id_of(form.instance))

    def delete_model(self, request, obj):
        plan_id = plan_id_of(obj)
        super().delete_model(request, obj)
        records.bump_plan_version(plan_id)

    def delete_queryset(self, request, queryset):
        plan_ids = {plan_id_of(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        for plan_id in plan_ids:
            records.bump_plan_version(plan_id)


class PlanPartAdmin(PlanContentAdmin):
    """A plan part: listed with its plan, binned records included, record-keeping read-only."""

    list_select_related = ["plan"]
    autocomplete_fields = ["plan"]
    readonly_fields = ["lock_version", "deleted_at", "deleted_by"]

    def get_queryset(self, request):
        return self.model.all_objects.select_related(*self.list_select_related)

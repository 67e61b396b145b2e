from django.contrib import admin

from roles.admin import CuratedAdmin

from .admin_support import PlanContentAdmin
from .models import (
    ChecklistResponse,
    CycleStage,
    GoodPracticePoint,
    ImplementationPlan,
    PlanAction,
    PlanApproval,
    PlanAuditEvent,
    StageResponse,
)


@admin.register(CycleStage)
class CycleStageAdmin(CuratedAdmin):
    list_display = ["order", "title", "slug", "point_count"]
    list_display_links = ["title"]
    search_fields = ["title", "summary"]

    @admin.display(description="Points")
    def point_count(self, obj):
        return obj.points.count()


@admin.register(GoodPracticePoint)
class GoodPracticePointAdmin(CuratedAdmin):
    list_display = ["code", "text", "stage", "severity", "has_risk"]
    list_filter = ["stage", "severity"]
    search_fields = ["code", "text", "guidance", "risk"]
    ordering = ["stage__order", "order"]
    fieldsets = (
        (None, {"fields": ("stage", "code", "order", "text", "guidance")}),
        (
            "Risk and severity",
            {
                "fields": ("risk", "severity", "severity_reason"),
                "description": "Severity is our judgement, not the guide's: high for patient "
                "safety, regulation or governance failures or the role failing outright; "
                "medium for delay, poor uptake or wasted money; low for a missed improvement. "
                "Say why in one sentence.",
            },
        ),
    )

    @admin.display(boolean=True, description="Risk named")
    def has_risk(self, obj):
        return bool(obj.risk)


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0
    fields = ["description", "stage", "owner_name", "due_date", "status", "deleted_at"]
    readonly_fields = ["deleted_at"]


@admin.register(ImplementationPlan)
class ImplementationPlanAdmin(PlanContentAdmin):
    list_display = [
        "title",
        "organisation",
        "role_label",
        "status",
        "version",
        "updated_at",
        "archived_at",
    ]
    list_filter = ["status", "care_setting", "category", "organisation"]
    search_fields = ["title", "need", "organisation__name", "role__name", "role_name_other"]
    list_select_related = ["organisation", "role"]
    autocomplete_fields = ["organisation", "owner"]
    readonly_fields = ["version", "lock_version", "created_by", "archived_at"]
    inlines = [PlanActionInline]

    @admin.display(description="Role")
    def role_label(self, obj):
        return obj.role_name


@admin.register(PlanAction)
class PlanActionAdmin(PlanContentAdmin):
    list_display = [
        "description",
        "plan",
        "stage",
        "owner_name",
        "due_date",
        "status",
        "deleted_at",
    ]
    list_filter = ["status", "stage"]
    search_fields = ["description", "owner_name", "plan__title"]
    list_select_related = ["plan"]

    def get_queryset(self, request):
        return PlanAction.all_objects.select_related("plan")


@admin.register(StageResponse)
class StageResponseAdmin(PlanContentAdmin):
    list_display = ["plan", "stage", "lock_version", "updated_at"]
    list_filter = ["stage"]
    search_fields = ["plan__title"]
    list_select_related = ["plan"]


@admin.register(ChecklistResponse)
class ChecklistResponseAdmin(PlanContentAdmin):
    list_display = ["plan", "point", "status", "updated_at"]
    list_filter = ["status", "point__stage"]
    search_fields = ["plan__title", "point__code", "note"]
    list_select_related = ["plan", "point"]


@admin.register(PlanApproval)
class PlanApprovalAdmin(admin.ModelAdmin):
    """Approvals are a record of a decision: readable here, never edited."""

    list_display = ["plan", "version", "decision", "approver", "decided_on", "created_at"]
    list_filter = ["decision"]
    search_fields = ["plan__title", "approver"]
    list_select_related = ["plan"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PlanAuditEvent)
class PlanAuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is only ever added to, by the service."""

    list_display = ["occurred_at", "action", "detail", "user_name", "user_email", "plan"]
    list_filter = ["action", "occurred_at", "organisation"]
    search_fields = ["user_email", "user_name", "detail", "plan__title"]
    list_select_related = ["plan"]
    date_hierarchy = "occurred_at"
    ordering = ["-occurred_at", "-pk"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

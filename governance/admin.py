from django.contrib import admin

from planning.admin_support import PlanPartAdmin

from .models import (
    CommunicationItem,
    GovernanceArrangement,
    ImpactAssessment,
    PolicyRequirement,
    ScopeActivity,
    Stakeholder,
)
from .presenters import group_label


@admin.register(Stakeholder)
class StakeholderAdmin(PlanPartAdmin):
    list_display = [
        "name",
        "plan",
        "group",
        "influence",
        "interest",
        "current_stance",
        "desired_stance",
        "deleted_at",
    ]
    list_filter = ["group", "influence", "interest", "current_stance", "desired_stance"]
    search_fields = ["name", "job_title", "organisation_name", "notes", "plan__title"]


@admin.register(CommunicationItem)
class CommunicationItemAdmin(PlanPartAdmin):
    list_display = ["message", "plan", "audience_label", "channel", "frequency", "owner"]
    list_filter = ["channel", "frequency"]
    search_fields = ["message", "owner", "plan__title"]

    @admin.display(description="Audience")
    def audience_label(self, obj):
        return ", ".join(group_label(code) for code in obj.audience)


@admin.register(GovernanceArrangement)
class GovernanceArrangementAdmin(PlanPartAdmin):
    list_display = [
        "plan",
        "accountable_executive",
        "line_manager",
        "clinical_supervisor",
        "regulator",
        "registration_required",
    ]
    list_filter = ["regulator", "registration_required"]
    search_fields = [
        "plan__title",
        "accountable_executive",
        "line_manager",
        "clinical_supervisor",
        "oversight_group",
    ]


@admin.register(ScopeActivity)
class ScopeActivityAdmin(PlanPartAdmin):
    list_display = ["activity", "plan", "level", "likelihood", "severity", "risk_rating"]
    list_filter = ["level", "likelihood", "severity"]
    search_fields = ["activity", "delegation_reasoning", "conditions", "plan__title"]
    readonly_fields = [*PlanPartAdmin.readonly_fields, "risk_rating"]


@admin.register(ImpactAssessment)
class ImpactAssessmentAdmin(PlanPartAdmin):
    list_display = ["__str__", "plan", "kind", "assessed_on", "reviewer"]
    list_filter = ["kind", "assessed_on"]
    search_fields = ["outcome", "reviewer", "plan__title"]
    date_hierarchy = "assessed_on"


@admin.register(PolicyRequirement)
class PolicyRequirementAdmin(PlanPartAdmin):
    list_display = ["title", "plan", "owner", "status"]
    list_filter = ["status"]
    search_fields = ["title", "owner", "plan__title"]

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .models import (
    CaseStudy,
    CaseStudyStage,
    CaseStudyStatus,
    EmployerOnCosts,
    HighCostAreaSupplement,
    PayPoint,
    Role,
    RoleCategory,
    RoleTemplate,
    RoleTemplateVersion,
    SkillMixChange,
    Stage,
)
from .packages import publish
from .presenters import CaseStudyPresenter
from .services import set_case_study_status


class CuratedAdmin(admin.ModelAdmin):
    """Reference data is curated site-wide by staff holding `roles.curate`."""

    def _can_curate(self, request):
        return request.user.is_active and request.user.has_perm("roles.curate")

    def has_view_permission(self, request, obj=None):
        return self._can_curate(request)

    def has_add_permission(self, request):
        return self._can_curate(request)

    def has_change_permission(self, request, obj=None):
        return self._can_curate(request)

    def has_delete_permission(self, request, obj=None):
        return self._can_curate(request)

    def has_module_permission(self, request):
        return self._can_curate(request)


@admin.register(RoleCategory, SkillMixChange)
class VocabularyAdmin(CuratedAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Role)
class RoleAdmin(CuratedAdmin):
    list_display = ["name", "profession_group", "regulator", "bands", "has_curator_check"]
    list_filter = ["profession_group", "regulator"]
    search_fields = ["name", "other_names", "description"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="Typical bands")
    def bands(self, obj):
        return ", ".join(obj.typical_bands)

    @admin.display(boolean=True, description="Facts to confirm")
    def has_curator_check(self, obj):
        return bool(obj.curator_check)


@admin.register(PayPoint)
class PayPointAdmin(CuratedAdmin):
    list_display = [
        "band",
        "entry_salary",
        "top_salary",
        "annual_salary",
        "effective_from",
        "source",
    ]
    list_filter = ["band", "effective_from"]
    search_fields = ["source"]


@admin.register(EmployerOnCosts)
class EmployerOnCostsAdmin(CuratedAdmin):
    list_display = [
        "effective_from",
        "national_insurance_rate",
        "national_insurance_threshold",
        "pension_rate",
        "apprenticeship_levy_rate",
    ]


@admin.register(HighCostAreaSupplement)
class HighCostAreaSupplementAdmin(CuratedAdmin):
    list_display = ["zone", "rate", "minimum", "maximum", "effective_from"]
    list_filter = ["zone", "effective_from"]


class CaseStudyStageInline(admin.TabularInline):
    model = CaseStudyStage
    extra = 1


class StageFilter(admin.SimpleListFilter):
    title = "stage of the cycle"
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return Stage.choices

    def queryset(self, request, queryset):
        return queryset.for_stage(self.value()).distinct() if self.value() else queryset


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Review due (over 12 months)")]

    def queryset(self, request, queryset):
        return queryset.review_due() if self.value() == "due" else queryset


@admin.register(CaseStudy)
class CaseStudyAdmin(CuratedAdmin):
    list_display = [
        "title",
        "status",
        "care_setting",
        "organisation_name",
        "last_reviewed",
        "review_due",
        "proposed_by",
    ]
    list_filter = ["status", StageFilter, "care_setting", "roles", ReviewDueFilter]
    search_fields = ["title", "organisation_name", "role_names", "summary", "what_they_did"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["roles"]
    readonly_fields = ["preview_link", "curator", "proposed_by", "created_at", "updated_at"]
    inlines = [CaseStudyStageInline]
    actions = ["send_for_review", "publish", "retire"]
    list_select_related = ["proposed_by"]

    @admin.display(boolean=True, description="Review due")
    def review_due(self, obj):
        return obj.is_review_due

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save first to preview."
        url = reverse("admin:roles_casestudy_preview", args=[obj.pk])
        return format_html('<a href="{}">See it as users will</a>', url)

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="roles_casestudy_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        if not self._can_curate(request):
            raise PermissionDenied
        case_study = get_object_or_404(CaseStudy, pk=pk)
        return TemplateResponse(
            request,
            "roles/case_study_preview.html",
            {"case_study": CaseStudyPresenter(case_study), "preview": True},
        )

    def _set_status(self, request, queryset, status, verb):
        count = set_case_study_status(queryset, status, curator=request.user)
        self.message_user(request, f"{count} case stud{'y' if count == 1 else 'ies'} {verb}.")

    @admin.action(description="Send for review")
    def send_for_review(self, request, queryset):
        self._set_status(request, queryset, CaseStudyStatus.IN_REVIEW, "sent for review")

    @admin.action(description="Publish (counts as a review)")
    def publish(self, request, queryset):
        self._set_status(request, queryset, CaseStudyStatus.PUBLISHED, "published")

    @admin.action(description="Retire")
    def retire(self, request, queryset):
        self._set_status(request, queryset, CaseStudyStatus.RETIRED, "retired")

    def save_model(self, request, obj, form, change):
        obj.curator = request.user
        super().save_model(request, obj, form, change)


class RoleTemplateVersionInline(admin.TabularInline):
    model = RoleTemplateVersion
    extra = 0
    fields = ["number", "published_at", "published_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RoleTemplate)
class RoleTemplateAdmin(CuratedAdmin):
    list_display = ["title", "role", "status", "current_version", "offered_by", "updated_at"]
    list_filter = ["status", "role"]
    search_fields = ["title", "summary", "role__name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["skill_mix_changes"]
    readonly_fields = ["offered_by", "replacements"]
    inlines = [RoleTemplateVersionInline]
    actions = ["publish_new_version"]

    @admin.action(description="Publish as a new version")
    def publish_new_version(self, request, queryset):
        from django.core.exceptions import ValidationError

        for template in queryset:
            try:
                version = publish(template, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{template}: {error}", level="error")
            else:
                self.message_user(request, f"{template}: published as version {version.number}.")

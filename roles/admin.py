from django.contrib import admin

from .models import PayPoint, Role, RoleCategory, SkillMixChange


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
    list_display = ["band", "annual_salary", "on_cost_rate", "effective_from", "source"]
    list_filter = ["band", "effective_from"]
    search_fields = ["source"]

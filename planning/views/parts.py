"""Generic views for the records that belong to a plan: add, edit (conflict-aware), bin.

A part's views need only a model, a form and a few words:

    class ActionCreateView(PartCreateView):
        model = PlanAction
        form_class = PlanActionForm
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from newroles.accounts.permissions import Action
from newroles.ui.mixins import CreateOnceMixin
from newroles.ui.presenters import display_value

from .. import notices, records, services
from ..mixins import PlanMixin


class ConflictAwareFormMixin:
    """On an edit conflict, show what changed meanwhile and let the editor choose."""

    conflict_status = 409

    def save_form(self, form):
        try:
            return services.save_versioned_form(form)
        except records.EditConflict as conflict:
            self.conflict = conflict
            return None

    def conflict_response(self, form):
        current = self.conflict.current
        changes = []
        for name in form.edited_fields():
            field = form.fields[name]
            theirs, yours = self.current_value(current, name), form.cleaned_data.get(name)
            if _normalise(theirs) != _normalise(yours):
                changes.append(
                    {
                        "label": field.label or name,
                        "theirs": display_value(field, theirs),
                        "yours": display_value(field, yours),
                    }
                )
        # Keep what the editor typed; saving again now deliberately replaces their version.
        data = form.data.copy()
        data["lock_version"] = current.lock_version
        fresh = type(form)(data=data, **self.get_conflict_form_kwargs(current))
        fresh.is_valid()
        latest = current.history.first()
        conflict = {
            "changes": changes,
            "editor": latest.history_user if latest else None,
            "when": latest.history_date if latest else None,
        }
        context = self.get_context_data(form=fresh, conflict=conflict)
        return self.render_to_response(context, status=self.conflict_status)

    def get_conflict_form_kwargs(self, current):
        """How to build the form again around the record as it is now."""
        return {"instance": current}

    def current_value(self, record, name):
        """The saved value that a form field edits."""
        field = record._meta.get_field(name)
        if field.many_to_many:
            return list(getattr(record, name).all())
        return getattr(record, name)


def _normalise(value):
    if hasattr(value, "all") and hasattr(value, "model"):
        return sorted(v.pk for v in value)
    if isinstance(value, list | tuple):
        return sorted(getattr(v, "pk", v) for v in value)
    if value in (None, ""):
        return None
    return getattr(value, "pk", value)


def _tell_new_owner(form, part, user) -> None:
    """A member given a record to own is told by email (planning.notices)."""
    if getattr(form, "owner_changed", None) and form.owner_changed():
        notices.tell_new_owner(part, by=user)


class PartMixin(PlanMixin):
    plan_related = ()  # record pages show none of the plan's role, category or owner
    model = None
    form_class = None
    template_name = "planning/part_form.html"
    required_action = Action.EDIT
    success_anchor = ""

    def get_success_url(self):
        return self.plan_url() + self.success_anchor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["part_name"] = self.model._meta.verbose_name
        context["cancel_url"] = self.get_success_url()
        return context


class PartCreateView(PartMixin, CreateOnceMixin, FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.model(plan=self.plan)
        return kwargs

    def form_valid(self, form):
        part = form.save(commit=False)
        part.plan = self.plan
        records.create_part(part)
        form.save_m2m()
        _tell_new_owner(form, part, self.request.user)
        messages.success(self.request, f"{self.model._meta.verbose_name.capitalize()} added.")
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        name = self.model._meta.verbose_name
        context["page_title"] = f"Add {'an' if name[:1] in 'aeiou' else 'a'} {name}"
        context["submit_label"] = f"Add {self.model._meta.verbose_name}"
        return context


class PartObjectMixin(PartMixin):
    def get_part(self):
        if not hasattr(self, "_part"):
            self._part = get_object_or_404(
                self.model.objects.filter(plan=self.plan), pk=self.kwargs["pk"]
            )
        return self._part


class PartUpdateView(ConflictAwareFormMixin, PartObjectMixin, FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_part()
        return kwargs

    def form_valid(self, form):
        part = self.save_form(form)
        if part is None:
            return self.conflict_response(form)
        _tell_new_owner(form, part, self.request.user)
        messages.success(self.request, f"{self.model._meta.verbose_name.capitalize()} saved.")
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = f"Change {self.model._meta.verbose_name}"
        part = self.get_part()
        if part._meta.model_name != "comment":
            context["discussion_url"] = reverse(
                "planning:record_discussion",
                args=[self.plan.pk, part._meta.label_lower, part.pk],
            )
        context["submit_label"] = "Save changes"
        return context


class PartDeleteView(PartObjectMixin, TemplateView):
    template_name = "confirm_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        part = self.get_part()
        context["page_title"] = f"Delete {self.model._meta.verbose_name} “{part.bin_label}”?"
        context["warning"] = (
            "It will move to this plan's bin, where you can restore it for 30 days."
        )
        context["confirm_label"] = "Delete"
        return context

    def post(self, request, *args, **kwargs):
        part = self.get_part()
        records.move_to_bin(part, request.user)
        messages.success(request, f"“{part.bin_label}” moved to the bin.")
        return redirect(self.get_success_url())


class PartListView(PlanMixin, TemplateView):
    """A page listing one kind of a plan's records."""

    model = None
    page_title = ""

    def get_records(self):
        return self.model.objects.filter(plan=self.plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"] = self.get_records()
        context["page_title"] = self.page_title
        return context


class PartSingletonView(ConflictAwareFormMixin, PartMixin, CreateOnceMixin, FormView):
    """Edit a record a plan has at most one of (support arrangements, governance...).

    The first save creates it; if two people create it at once, the second sees a conflict
    (the same person sending the same form twice creates it once, as any create form).
    """

    def get_instance(self):
        existing = self.model.objects.filter(plan=self.plan).first()
        return existing or self.model(plan=self.plan, lock_version=0)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_instance()
        return kwargs

    def form_valid(self, form):
        record = form.save(commit=False)
        if record.pk is None:
            try:
                with transaction.atomic():
                    record.lock_version = 1
                    records.create_part(record)
            except IntegrityError:
                self.conflict = records.EditConflict(self.model.objects.get(plan=self.plan))
                return self.conflict_response(form)
        elif self.save_form(form) is None:
            return self.conflict_response(form)
        messages.success(self.request, f"{self.model._meta.verbose_name.capitalize()} saved.")
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.model._meta.verbose_name.capitalize()
        context["submit_label"] = "Save"
        return context

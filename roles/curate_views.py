"""The curators' pages: what awaits review, each item previewed as it would be published, and
the decisions — publish, send back with a comment, retire — each asked for on a page of its
own and made with a POST.

Curating is site-wide, so these pages are for staff holding `roles.curate`, not for an
organisation's members (signed out: sent to sign in; anyone else: 403). The Django admin
stays for editing the reference data itself.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import DetailView, FormView, TemplateView

from . import selectors, services
from .forms import SendBackForm
from .models import CaseStudy, CaseStudyStatus, RoleTemplate
from .presenters import CaseStudyPresenter, TemplatePreview, status_tag
from .services import PUBLISH, RETIRE, SEND_BACK

QUEUE = ("Curate the library", reverse_lazy("curate:queue"))


class CuratorMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "roles.curate"

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()


class QueueView(CuratorMixin, TemplateView):
    template_name = "roles/curate/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = selectors.curation_queue()
        context.update(
            proposals=[CaseStudyPresenter(c) for c in queue["proposals"]],
            offered=queue["offered"],
            due=[CaseStudyPresenter(c) for c in queue["due"]],
        )
        return context


# --- One item: how to find it, what may be decided --------------------------------------------


class CaseStudyItem:
    model = CaseStudy
    kind = "case study"

    def get_object(self, queryset=None):
        return selectors.case_study_for_curators(self.kwargs["pk"])

    def decisions(self) -> set[str]:
        return services.case_study_decisions(self.object)

    def review_url(self) -> str:
        return reverse("curate:case_study", args=[self.object.pk])

    def decision_url(self, decision) -> str:
        return reverse(f"curate:case_study_{decision}", args=[self.object.pk])


class TemplateItem:
    model = RoleTemplate
    kind = "role template"

    def get_object(self, queryset=None):
        return selectors.template_for_curators(self.kwargs["pk"])

    def decisions(self) -> set[str]:
        return services.template_decisions(self.object)

    def review_url(self) -> str:
        return reverse("curate:template", args=[self.object.pk])

    def decision_url(self, decision) -> str:
        return reverse(f"curate:template_{decision}", args=[self.object.pk])


class ReviewView(CuratorMixin, DetailView):
    """An item as it will be published, with the decisions open to the curator."""

    context_object_name = "item"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decisions = self.decisions()
        publish_label = "Publish"
        if self.object.status == CaseStudyStatus.PUBLISHED:
            publish_label = "Mark as reviewed"
        context.update(
            breadcrumbs=[QUEUE],
            status=status_tag(self.object),
            actions=[
                (label, self.decision_url(decision), style)
                for decision, label, style in (
                    (PUBLISH, publish_label, ""),
                    (SEND_BACK, "Send back with a comment", "nhsuk-button--secondary"),
                    (RETIRE, "Retire", "nhsuk-button--secondary"),
                )
                if decision in decisions
            ],
        )
        return context


class CaseStudyReviewView(CaseStudyItem, ReviewView):
    template_name = "roles/curate/case_study.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case_study"] = CaseStudyPresenter(self.object)
        if self.object.proposed_by:
            context["origin"] = f"Proposed by {self.object.proposed_by.name}"
        return context


class TemplateReviewView(TemplateItem, ReviewView):
    template_name = "roles/curate/template.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["package"] = TemplatePreview(self.object)
        if self.object.offered_by:
            context["origin"] = f"Made from a plan of {self.object.offered_by.name}"
        return context


# --- Decisions --------------------------------------------------------------------------------


class DecisionMixin(CuratorMixin):
    """A decision that does not fit the item's status now (a repeated request, another
    curator was quicker) changes nothing and goes back to the item, saying why."""

    decision = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not self.has_permission():
            return super().dispatch(request, *args, **kwargs)
        self.object = self.get_object()
        if self.decision not in self.decisions():
            status = self.object.get_status_display().lower()
            messages.info(
                request,
                f"Nothing changed: this {self.kind} is {status}, so it cannot be "
                f"{self.decision.replace('_', ' ')} now.",
            )
            return redirect(self.review_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            item=self.object,
            breadcrumbs=[QUEUE, (str(self.object), self.review_url())],
            cancel_url=self.review_url(),
        )
        return context

    def done(self, message):
        messages.success(self.request, message)
        return redirect("curate:queue")


class ConfirmView(DecisionMixin, TemplateView):
    template_name = "confirm_page.html"
    page_title = warning = confirm_label = ""
    button_style = "app-button--go"  # green: publishing is not destructive

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=self.page_title.format(title=self.object),
            warning=self.warning,
            confirm_label=self.confirm_label,
            button_style=self.button_style,
            cancel_label="Cancel and go back to the preview",
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            message = self.decide()
        except services.CurationRefused as refusal:  # another curator decided first
            messages.info(request, f"Nothing changed. {refusal}")
            return redirect(self.review_url())
        except ValidationError as error:
            problem = " ".join(error.messages)
            context = self.get_context_data(error=f"It cannot be published yet. {problem}")
            return self.render_to_response(context, status=400)
        return self.done(message)


class CaseStudyPublishView(CaseStudyItem, ConfirmView):
    decision = PUBLISH
    confirm_label = "Publish the case study"
    page_title = "Publish “{title}”"
    warning = (
        "Everyone signed in will find it in the library, and the stages of plans it "
        "illustrates will show it. Publishing counts as a review: the next is due in 12 months."
    )

    def get_context_data(self, **kwargs):
        if self.object.status == CaseStudyStatus.PUBLISHED:
            self.page_title = "Mark “{title}” as reviewed"
            self.confirm_label = "Mark as reviewed"
            self.warning = (
                "You confirm the case study is still right and its source still stands. "
                "The next review is due in 12 months."
            )
        return super().get_context_data(**kwargs)

    def decide(self):
        was_published = self.object.status == CaseStudyStatus.PUBLISHED
        services.publish_case_study(case_study=self.object, curator=self.request.user)
        verb = "marked as reviewed" if was_published else "published"
        return f"“{self.object}” is {verb}."


class CaseStudyRetireView(CaseStudyItem, ConfirmView):
    decision = RETIRE
    confirm_label = "Retire the case study"
    button_style = "nhsuk-button--warning"
    page_title = "Retire “{title}”"
    warning = (
        "It leaves the library and the stages of plans. It stays on the record, and you can "
        "publish it again later."
    )

    def decide(self):
        services.retire_case_study(case_study=self.object, curator=self.request.user)
        return f"“{self.object}” is retired."


class TemplatePublishView(TemplateItem, ConfirmView):
    decision = PUBLISH
    confirm_label = "Publish the role template"
    page_title = "Publish “{title}”"

    def get_context_data(self, **kwargs):
        replaced = sum((self.object.replacements or {}).values())
        self.warning = "Any organisation will be able to start a plan from it."
        if replaced:
            self.warning += (
                f" {replaced} name{'s were' if replaced != 1 else ' was'} replaced by the role "
                "of the person or body: check each highlighted replacement in the preview "
                "before you publish."
            )
        return super().get_context_data(**kwargs)

    def decide(self):
        version = services.publish_template(template=self.object, curator=self.request.user)
        return f"“{self.object}” is published as version {version.number}."


class TemplateRetireView(TemplateItem, ConfirmView):
    decision = RETIRE
    confirm_label = "Retire the role template"
    button_style = "nhsuk-button--warning"
    page_title = "Retire “{title}”"
    warning = "No new plan can start from it. Plans already started from it keep their own copy."

    def decide(self):
        services.retire_template(template=self.object)
        return f"“{self.object}” is retired."


class SendBackView(DecisionMixin, FormView):
    template_name = "roles/curate/send_back.html"
    form_class = SendBackForm
    decision = SEND_BACK

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=f"Send back “{self.object}”",
            submit_label="Send back",
            caption=f"{self.kind.capitalize()} in review",
        )
        return context


class CaseStudySendBackView(CaseStudyItem, SendBackView):
    def form_valid(self, form):
        services.send_back_case_study(
            case_study=self.object,
            curator=self.request.user,
            comment=form.cleaned_data["comment"],
        )
        return self.done(f"“{self.object}” is sent back to its proposer with your comment.")


class TemplateSendBackView(TemplateItem, SendBackView):
    def form_valid(self, form):
        services.send_back_template(template=self.object, comment=form.cleaned_data["comment"])
        return self.done(f"“{self.object}” is sent back with your comment.")

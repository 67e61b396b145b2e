"""Asking for sign-off and giving it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from newroles.accounts.models import User
from newroles.accounts.permissions import Action
from newroles.accounts.selectors import active_people_in
from newroles.ui.forms import Form
from newroles.ui.mixins import CreateOnceMixin

from .. import sign_off
from ..mixins import PlanMixin
from ..models import SignOffDecision, SignOffRequest


class SignOffRequestForm(Form):
    approvers = forms.ModelMultipleChoiceField(
        label="Who should sign off this version?",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="For example the HR director and the service's clinical director.",
        error_messages={"required": "Choose at least one person to sign it off"},
    )
    message = forms.CharField(
        label="Message to them (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep the message to 2,000 characters or fewer"},
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["approvers"]
        field.queryset = active_people_in(plan.organisation_id)
        field.label_from_instance = lambda user: f"{user.display_name} ({user.email})"


class SignOffRequestCreateView(PlanMixin, CreateOnceMixin, FormView):
    template_name = "planning/documents/sign_off_request.html"
    form_class = SignOffRequestForm
    required_action = Action.MANAGE_PLAN

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def form_valid(self, form):
        request = sign_off.request_sign_off(
            plan=self.plan,
            approvers=form.cleaned_data["approvers"],
            message=form.cleaned_data["message"],
            user=self.request.user,
        )
        messages.success(
            self.request,
            f"Sign-off of version {request.version} asked of "
            f"{len(form.cleaned_data['approvers'])} "
            f"{'people' if len(form.cleaned_data['approvers']) != 1 else 'person'}.",
        )
        return redirect("documents:sign_off", self.plan.pk, request.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=f"Ask for sign-off of version {self.plan.version}",
            intro="Each person you choose is told, reads the board paper of this version and "
            "approves it or sends it back with a comment. When everyone has approved, the "
            "version is approved and its PDF kept as it is. If the plan changes before then, "
            "the request goes out of date and you ask again.",
            submit_label="Ask for sign-off",
            cancel_url=reverse("documents:approvals", args=[self.plan.pk]),
        )
        return context


class SignOffResponseForm(Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (SignOffDecision.APPROVED, "Approve this version"),
            (SignOffDecision.SENT_BACK, "Send it back"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve it or send it back"},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if you send it back: say what should change.",
        error_messages={"max_length": "Keep the comment to 2,000 characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == SignOffDecision.SENT_BACK
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", "Say what should change before it can be signed off")
        return cleaned


class SignOffView(PlanMixin, FormView):
    """A sign-off request: who was asked, what each decided; the person asked responds here."""

    template_name = "planning/documents/sign_off.html"
    form_class = SignOffResponseForm
    required_action = Action.VIEW

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            ("Approvals", reverse("documents:approvals", args=[self.plan.pk])),
        ]

    def get_request(self) -> SignOffRequest:
        if not hasattr(self, "_request"):
            self._request = get_object_or_404(
                SignOffRequest.objects.filter(plan=self.plan).select_related(
                    "plan", "requested_by", "approval"
                ),
                pk=self.kwargs["pk"],
            )
        return self._request

    def mine(self):
        return (
            self.get_request()
            .sign_offs.filter(approver=self.request.user, decision=SignOffDecision.WAITING)
            .first()
        )

    def post(self, request, *args, **kwargs):
        if self.mine() is None:
            raise PermissionDenied("Only the people asked can respond, once each.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            outcome = sign_off.respond(
                sign_off=self.mine(),
                user=self.request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
            )
        except sign_off.SignOffRefused as refused:
            form.add_error(None, str(refused))
            return self.form_invalid(form)
        messages.success(
            self.request, f"Your response is recorded. {outcome.get_status_display()}."
        )
        return redirect("documents:sign_off", self.plan.pk, outcome.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.get_request()
        context.update(
            sign_off_request=request,
            sign_offs=list(request.sign_offs.select_related("approver")),
            out_of_date=sign_off.is_out_of_date(request),
            mine=self.mine(),
            page_title=f"Sign-off of version {request.version}",
        )
        return context

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from newroles.middleware import SessionLimits
from newroles.ui.mixins import CreateOnceMixin

from . import selectors, services, sso, throttling
from .forms import (
    AcceptInvitationForm,
    ChooseOrganisationForm,
    InvitationForm,
    MemberRoleForm,
    SignInForm,
    SingleSignOnForm,
)
from .mixins import OrganisationMixin
from .models import Invitation, Membership, User
from .permissions import Action, MemberRole


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"session_limits": SessionLimits()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sso": sso.configured_provider()}


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not throttling.may_send_password_reset(self.request, form.cleaned_data["email"]):
            # The same page as when the email is sent: nothing says whether the account exists.
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttling.clear_sign_in_failures(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class ChooseOrganisationView(LoginRequiredMixin, FormView):
    template_name = "accounts/choose_organisation.html"
    form_class = ChooseOrganisationForm
    extra_context = {"page_title": "Choose your organisation", "submit_label": "Continue"}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.memberships:
            return redirect("accounts:no_organisation")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["memberships"] = self.request.memberships
        if self.request.membership:
            kwargs["initial"] = {"organisation": str(self.request.membership.organisation_id)}
        return kwargs

    def form_valid(self, form):
        services.switch_organisation(self.request, form.cleaned_data["organisation"])
        return redirect(_safe_next(self.request, reverse("home")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = _safe_next(self.request, "")
        return context


class NoOrganisationView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/no_organisation.html"


class MemberListView(OrganisationMixin, TemplateView):
    template_name = "accounts/members.html"
    required_action = Action.MANAGE_MEMBERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = selectors.members_of(self.organisation)
        context["invitations"] = selectors.pending_invitations(self.organisation)
        context["sso"] = sso.configured_provider()
        return context


class SingleSignOnView(OrganisationMixin, FormView):
    """A lead has the organisation's members sign in through the identity provider only."""

    template_name = "accounts/single_sign_on.html"
    form_class = SingleSignOnForm
    required_action = Action.MANAGE_MEMBERS

    def get_initial(self):
        return {"require_single_sign_on": self.organisation.require_single_sign_on}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        required = form.cleaned_data["require_single_sign_on"]
        services.set_single_sign_on(organisation=self.organisation, required=required)
        if required:
            messages.success(self.request, "Members now sign in with single sign-on only.")
        else:
            messages.success(self.request, "Members may sign in with a password again.")
        return redirect("accounts:members")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sso": sso.configured_provider(),
            "page_title": "Single sign-on",
            "submit_label": "Save",
            "cancel_url": reverse("accounts:members"),
            "breadcrumbs": [("Members", reverse("accounts:members"))],
        }


class InviteMemberView(OrganisationMixin, CreateOnceMixin, FormView):
    template_name = "accounts/invite.html"
    form_class = InvitationForm
    required_action = Action.MANAGE_MEMBERS
    extra_context = {
        "page_title": "Invite someone",
        "submit_label": "Send invitation",
        "cancel_url": reverse_lazy("accounts:members"),
        "breadcrumbs": [("Members", reverse_lazy("accounts:members"))],
    }

    def form_valid(self, form):
        try:
            invitation = services.invite(
                organisation=self.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=self.request.user,
                build_absolute_uri=self.request.build_absolute_uri,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Invitation sent to {invitation.email}.")
        return redirect("accounts:members")


class MemberObjectMixin(OrganisationMixin):
    required_action = Action.MANAGE_MEMBERS
    extra_context = {
        "cancel_url": reverse_lazy("accounts:members"),
        "breadcrumbs": [("Members", reverse_lazy("accounts:members"))],
    }

    def get_scoped_object(self):
        return get_object_or_404(
            Membership.objects.filter(
                organisation__memberships__user=self.request.user
            ).select_related("user", "organisation"),
            pk=self.kwargs["pk"],
        )


class ChangeMemberRoleView(MemberObjectMixin, FormView):
    template_name = "accounts/member_role.html"
    form_class = MemberRoleForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Membership.objects.get(pk=self.scoped_object.pk)
        return kwargs

    def form_valid(self, form):
        try:
            services.change_role(
                self.scoped_object,
                form.cleaned_data["role"],
                based_on_role=form.cleaned_data["based_on_role"],
            )
        except ValidationError as error:
            form.add_error("role", error)
            return self.form_invalid(form)
        except services.RoleChanged as changed:
            return self.conflict_response(form, changed.current)
        messages.success(self.request, f"{self.scoped_object.user}'s role was changed.")
        return redirect("accounts:members")

    def conflict_response(self, form, current):
        """Show the role another lead chose meanwhile; saving again replaces it."""
        data = form.data.copy()
        data["based_on_role"] = current.role
        fresh = type(form)(data=data, instance=current)
        fresh.is_valid()
        yours = form.cleaned_data["role"]
        changes = [
            {
                "label": "Role",
                "theirs": current.get_role_display(),
                "yours": MemberRole(yours).label,
            }
        ]
        conflict = {"changes": changes if yours != current.role else []}
        context = self.get_context_data(form=fresh, conflict=conflict)
        return self.render_to_response(context, status=409)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.scoped_object
        context["page_title"] = f"Change the role of {self.scoped_object.user}"
        context["submit_label"] = "Save role"
        return context


class RemoveMemberView(MemberObjectMixin, TemplateView):
    template_name = "accounts/member_remove.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.scoped_object
        context["page_title"] = f"Remove {self.scoped_object.user} from {self.organisation}?"
        context["warning"] = (
            "They will lose access to this organisation's plans at once. "
            "Their past changes stay in the plans' history."
        )
        context["confirm_label"] = "Remove member"
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.remove_member(self.scoped_object)
        except ValidationError as error:
            context = self.get_context_data(error=error.messages[0])
            return self.render_to_response(context, status=400)
        messages.success(request, f"{self.scoped_object.user} was removed from the organisation.")
        return redirect("accounts:members")


class RevokeInvitationView(OrganisationMixin, TemplateView):
    template_name = "accounts/invitation_revoke.html"
    required_action = Action.MANAGE_MEMBERS

    def get_scoped_object(self):
        return get_object_or_404(
            Invitation.objects.pending().filter(organisation__memberships__user=self.request.user),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.scoped_object
        context["page_title"] = f"Withdraw the invitation to {self.scoped_object.email}?"
        context["warning"] = "The link in their email will stop working."
        context["confirm_label"] = "Withdraw invitation"
        context["cancel_url"] = reverse("accounts:members")
        return context

    def post(self, request, *args, **kwargs):
        services.revoke_invitation(self.scoped_object)
        messages.success(request, f"The invitation to {self.scoped_object.email} was withdrawn.")
        return redirect("accounts:members")


# The page names the invitee and the organisation: not kept by a shared computer's browser.
@method_decorator(never_cache, name="dispatch")
class AcceptInvitationView(FormView):
    """The page an invitation link opens. Open to anyone holding the token."""

    template_name = "accounts/accept_invitation.html"
    form_class = AcceptInvitationForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = (
            Invitation.objects.select_related("organisation").filter(token=kwargs["token"]).first()
        )
        if self.invitation is None:
            raise Http404
        if not self.invitation.is_usable:
            return self.render_to_response(self.get_context_data(unusable=True), status=410)
        if request.user.is_authenticated:
            return self.signed_in(request)
        if User.objects.filter(email__iexact=self.invitation.email).exists():
            messages.info(request, "You already have an account. Sign in to accept the invitation.")
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)

    def signed_in(self, request):
        """Someone signed in accepts with the page's button (a POST): opening the link, which
        anything can make a browser do, only shows what they would accept."""
        try:
            services.check_can_accept(self.invitation, request.user)
        except ValidationError as error:
            context = self.get_context_data(form=None, error=error.messages[0])
            return self.render_to_response(context, status=403)
        if request.method in ("GET", "HEAD"):
            context = self.get_context_data(form=None, confirm=True)
            return self.render_to_response(context)
        if request.method != "POST":
            return self.http_method_not_allowed(request)
        membership = services.accept_invitation(self.invitation, request.user)
        services.switch_organisation(request, membership)
        messages.success(request, f"You have joined {membership.organisation}.")
        return redirect("home")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["email"] = self.invitation.email
        return kwargs

    def sso_only(self) -> bool:
        """The organisation has its members sign in through the provider: no password account."""
        return (
            self.invitation.organisation.require_single_sign_on
            and sso.configured_provider() is not None
        )

    def post(self, request, *args, **kwargs):
        if self.sso_only():
            return self.render_to_response(self.get_context_data(), status=403)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        membership = services.accept_invitation(self.invitation, user)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        services.switch_organisation(self.request, membership)
        messages.success(
            self.request, f"Welcome to NewRoles. You have joined {membership.organisation}."
        )
        return redirect("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.invitation
        context["sso"] = sso.configured_provider()
        context["sso_only"] = self.sso_only()
        context["page_title"] = f"Join {self.invitation.organisation}"
        context["submit_label"] = "Create account and join"
        return context

"""The view mixin every organisation page uses: sign-in, organisation scoping, permissions.

A view names the action it needs (per HTTP method if it must); the mixin resolves the
organisation (from the object for object pages, else the one the person works in now) and
answers:
- not signed in: redirect to sign in;
- object of an organisation the person does not belong to: 404 (its existence is not revealed);
- member whose role lacks the action: 403.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .permissions import Action, can
from .selectors import membership_for


class OrganisationMixin(LoginRequiredMixin):
    required_action: Action = Action.VIEW
    # For POST (and other writes) a view may need more than for reading.
    required_action_for_post: Action | None = None

    def get_required_action(self) -> Action:
        if self.request.method not in ("GET", "HEAD", "OPTIONS") and self.required_action_for_post:
            return self.required_action_for_post
        return self.required_action

    def get_scoped_object(self):
        """Return the object that decides the organisation, or None for organisation pages.

        Implementations must look it up through a `for_memberships(request.memberships)` (or
        `for_user()`) queryset and raise 404.
        """
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.scoped_object = self.get_scoped_object()
        if self.scoped_object is not None:
            membership = membership_for(request, self.scoped_object.organisation_id)
            if membership is None:
                raise Http404
            # A record of another of the person's organisations is shown (and changed) as a
            # member of that one, for this request only: the organisation they work in is
            # switched only by their own POST (choose_organisation), never by opening a link.
            request.membership = membership
        elif request.membership is None:
            if not request.memberships:
                return redirect("accounts:no_organisation")
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:choose_organisation')}?{query}")
        self.membership = request.membership
        self.organisation = self.membership.organisation
        if not can(self.membership, self.get_required_action()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        context["membership"] = self.membership
        # What the person may do here, for showing only the buttons that will work.
        context["can"] = {action.value: can(self.membership, action) for action in Action}
        return context

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, View

from . import services
from .forms import PreferencesForm
from .models import ABOUT


class PreferencesView(LoginRequiredMixin, FormView):
    """A signed-in person's own choice of emails: one box per kind."""

    template_name = "notifications/preferences.html"
    form_class = PreferencesForm
    extra_context = {"page_title": "Email notifications", "submit_label": "Save choices"}

    def get_initial(self):
        return {"kinds": sorted(services.enabled_kinds(user=self.request.user))}

    def form_valid(self, form):
        services.set_preferences(user=self.request.user, enabled_kinds=form.cleaned_data["kinds"])
        messages.success(self.request, "Your email choices were saved.")
        return redirect("notifications:preferences")


# The link in every email: its signed token names the person and the kind, so it works
# without signing in. A mail client's one-click unsubscribe (RFC 8058) POSTs to it with no
# CSRF token; the signed token is what proves the request comes from the email, so CSRF is
# not checked here, and only here. The page names the person: not kept by the browser.
@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """GET: "Stop emails about ...?" with a button. POST (the button, or a mail client's
    one-click request): the kind is turned off for the person, and the page says so."""

    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request, *args, token, **kwargs):
        try:
            user_pk, self.kind = services.read_unsubscribe_token(token)
        except services.InvalidUnsubscribeToken:
            return self.invalid(request)
        self.person = get_user_model().objects.filter(pk=user_pk).first()
        if self.person is None:
            return self.invalid(request)
        return super().dispatch(request, *args, **kwargs)

    def invalid(self, request):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)

    def context(self, **extra):
        return {
            "person": self.person,
            "kind": self.kind,
            "about": ABOUT[self.kind],
            "page_title": f"Stop emails about {ABOUT[self.kind]}?",
            **extra,
        }

    def get(self, request, *args, **kwargs):
        return render(request, "notifications/unsubscribe.html", self.context())

    def post(self, request, *args, **kwargs):
        services.set_preference(user=self.person, kind=self.kind, enabled=False)
        context = self.context(page_title=f"You will not get emails about {ABOUT[self.kind]}")
        return render(request, "notifications/unsubscribed.html", context)

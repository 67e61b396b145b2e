from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.generic import TemplateView


class HomeView(TemplateView):
    """The start page for visitors; signed-in members see their organisation's home."""

    def get_template_names(self):
        if self.request.user.is_authenticated:
            return ["home.html"]
        return ["start.html"]

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.membership is None:
            if request.memberships:
                return redirect("accounts:choose_organisation")
            return redirect("accounts:no_organisation")
        return super().get(request, *args, **kwargs)


def health(request):
    """A trivial endpoint for load balancers and the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent with a missing or stale security token (CSRF_FAILURE_VIEW): say what to do
    in plain words instead of Django's technical page. Nothing was saved."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.generic import TemplateView

from planning.views.home import HomeView as MemberHomeView

# Where a curator with no organisation lands.
CURATORS_HOME = "curate:queue"


start = TemplateView.as_view(template_name="start.html")
member_home = MemberHomeView.as_view()


def home(request, *args, **kwargs):
    """Home: the start page for visitors; a member's own page (their organisation's plans and
    the work due); the curators' pages for a curator who belongs to no organisation."""
    user = request.user
    if not user.is_authenticated:
        return start(request, *args, **kwargs)
    if request.membership is None:
        if request.memberships:
            return redirect("accounts:choose_organisation")
        if user.is_staff and user.has_perm("roles.curate"):
            return redirect(CURATORS_HOME)
        return redirect("accounts:no_organisation")
    return member_home(request, *args, **kwargs)


def health(request):
    """A trivial endpoint for load balancers and the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent with a missing or stale security token (CSRF_FAILURE_VIEW): say what to do
    in plain words instead of Django's technical page. Nothing was saved."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)

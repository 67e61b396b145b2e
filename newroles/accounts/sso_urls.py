"""Single sign-on's pages: the provider's sign-in and callback (django-allauth), and the pages
allauth sends people to when a sign-in through the provider does not complete. allauth's own
password pages are not mounted: ours (accounts/urls.py) sign people in with a password."""

from functools import wraps

from allauth.socialaccount import views as socialaccount_views
from allauth.socialaccount.providers.openid_connect import views as openid_connect_views
from django.http import Http404
from django.urls import path
from django.views.generic import TemplateView

from .sso import configured_provider


def configured_only(view):
    """allauth's view, for the provider the settings configure; any other name is not found
    (allauth would fail with a server error)."""

    @wraps(view)
    def wrapped(request, provider_id):
        provider = configured_provider()
        if provider is None or provider.id != provider_id:
            raise Http404
        return view(request, provider_id=provider_id)

    return wrapped


urlpatterns = [
    path(
        "oidc/<str:provider_id>/login/",
        configured_only(openid_connect_views.login),
        name="openid_connect_login",
    ),
    path(
        "oidc/<str:provider_id>/login/callback/",
        configured_only(openid_connect_views.callback),
        name="openid_connect_callback",
    ),
    path(
        "cancelled/",
        socialaccount_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path("error/", socialaccount_views.login_error, name="socialaccount_login_error"),
    path(
        "closed/",
        TemplateView.as_view(
            template_name="socialaccount/refused.html",
            extra_context={"reason": "inactive", "page_title": "You could not sign in"},
        ),
        name="account_inactive",
    ),
]

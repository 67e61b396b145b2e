from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from newroles.accounts.views import SignInView
from planning.views.exports import CalendarFeedManageView, CalendarFeedView

from . import views

admin.site.site_header = "NewRoles administration"
admin.site.site_title = "NewRoles admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("help/", include("planning.help_urls")),
    path("accounts/", include("newroles.accounts.urls")),
    path("accounts/sso/", include("newroles.accounts.sso_urls")),
    # Names allauth reverses for its sign-in and its sign-up after single sign-on (which our
    # adapters never reach): our sign-in page. Only reversed, as the path above serves it.
    path("accounts/sign-in/", SignInView.as_view(), name="account_login"),
    path("accounts/sign-in/", SignInView.as_view(), name="socialaccount_signup"),
    path("accounts/notifications/", include("newroles.notifications.urls")),
    path("plans/", include("planning.urls")),
    path("plans/<int:plan_pk>/", include(("planning.document_urls", "documents"))),
    path("plans/<int:plan_pk>/", include("governance.urls")),
    path("plans/<int:plan_pk>/", include("evaluation.urls")),
    path("library/", include("roles.urls")),
    path("curate/", include("roles.curate_urls")),
    path("calendar/", CalendarFeedManageView.as_view(), name="calendar_feed_manage"),
    path("calendar/feed/<str:token>.ics", CalendarFeedView.as_view(), name="calendar_feed"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

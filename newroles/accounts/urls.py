from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("organisation/", views.ChooseOrganisationView.as_view(), name="choose_organisation"),
    path("no-organisation/", views.NoOrganisationView.as_view(), name="no_organisation"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("members/invite/", views.InviteMemberView.as_view(), name="invite"),
    path("members/single-sign-on/", views.SingleSignOnView.as_view(), name="single_sign_on"),
    path("members/<int:pk>/role/", views.ChangeMemberRoleView.as_view(), name="member_role"),
    path("members/<int:pk>/remove/", views.RemoveMemberView.as_view(), name="member_remove"),
    path(
        "invitations/<int:pk>/withdraw/",
        views.RevokeInvitationView.as_view(),
        name="invitation_revoke",
    ),
    path(
        "invitations/<str:token>/",
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
]

"""Single sign-on through OpenID Connect (django-allauth's social accounts).

Signing in through the provider proves who someone is, never what they may see: access still
comes from an invitation or a membership. A person who has a NewRoles account already is linked
to the provider only when the provider says their email address is verified; otherwise they
are refused with a page saying why, and sign in with their password as before.
"""

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from .models import Organisation, User


@dataclass(frozen=True)
class SignOnProvider:
    """The organisation's identity provider, as the sign-in pages offer it."""

    id: str  # in its URLs: "nhsmail"
    name: str  # as people know it: "NHSmail"
    login_url: str


def configured_provider() -> SignOnProvider | None:
    """The provider configured in the settings (OIDC_* in the environment), or None."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    if not apps:
        return None
    app = apps[0]
    return SignOnProvider(
        id=app["provider_id"],
        name=app["name"],
        login_url=reverse("openid_connect_login", args=[app["provider_id"]]),
    )


def must_use_single_sign_on(user: User) -> bool:
    """Whether any organisation the person belongs to has them sign in through the provider
    (and a provider is configured: without one, nobody could sign in at all)."""
    return (
        not user.is_staff  # NewRoles' administrators, who must get in when the provider cannot
        and configured_provider() is not None
        and Organisation.objects.filter(
            memberships__user=user, require_single_sign_on=True
        ).exists()
    )


def has_signed_in_through_provider(user: User) -> bool:
    return SocialAccount.objects.filter(user=user).exists()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Nobody makes themselves a password account: invitations make those."""
        return False


class SignOnAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        """Anyone the provider knows may have an account; it opens nothing until they are
        invited (the no-organisation page says so)."""
        return True

    def authenticate_by_email(self, sociallogin):
        """The account an address the provider has verified belongs to, in any case (people
        type "Lena.Lead@nhs.net" as often as "lena.lead@nhs.net"), with that address."""
        for address in sociallogin.email_addresses:
            if address.verified or domain_owner_verified(sociallogin):
                user = User.objects.filter(email__iexact=address.email).first()
                if user is not None:
                    # Every NewRoles account's address was proven when its invitation link
                    # was opened: recorded as verified, so allauth keeps the password (it
                    # wipes the password of an account whose address nobody has proven).
                    EmailAddress.objects.get_or_create(
                        user=user,
                        email=user.email.lower(),
                        defaults={"verified": True, "primary": True},
                    )
                    return user, user.email
        return None

    def pre_social_login(self, request, sociallogin):
        if sociallogin.is_existing:
            return
        emails = sociallogin.email_addresses
        if not emails:
            raise refused(request, "no_email")
        # allauth has linked a verified address to its account by now (is_existing above);
        # an address that is somebody's but unverified must not sign in as them.
        if User.objects.filter(email__iexact=emails[0].email).exists():
            raise refused(request, "unverified")

    def on_authentication_error(self, request, provider, error=None, exception=None, **kwargs):
        raise refused(request, "error")


def domain_owner_verified(sociallogin) -> bool:
    """Microsoft Entra ID (NHSmail) does not send `email_verified`; its optional claim
    `xms_edov` says the address is in a domain the tenant's administrators have verified."""
    data = sociallogin.account.extra_data
    # allauth keeps the ID token's claims and the userinfo answer side by side.
    claims = {**(data.get("id_token") or {}), **(data.get("userinfo") or {})} or data
    return claims.get("xms_edov") in (True, "true", "1", 1)


def refused(request, reason: str) -> ImmediateHttpResponse:
    provider = configured_provider()
    return ImmediateHttpResponse(
        render(
            request,
            "socialaccount/refused.html",
            {"reason": reason, "provider": provider, "page_title": "You could not sign in"},
            status=403 if reason != "error" else 400,
        )
    )

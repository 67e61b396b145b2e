from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from newroles.accounts.permissions import Action, can

# (label, url name, the URL namespace or name that marks it current, action needed)
NAVIGATION = [
    ("Home", "home", "home", Action.VIEW),
    ("Plans", "planning:plan_list", "planning", Action.VIEW),
    ("Register of new roles", "planning:register", "register", Action.VIEW),
    ("Library", "roles:library", "roles", Action.VIEW),
    ("Members", "accounts:members", "accounts", Action.MANAGE_MEMBERS),
]


def navigation_for(request):
    membership = getattr(request, "membership", None)
    match = getattr(request, "resolver_match", None)
    current = None
    if match:
        current = "register" if match.url_name == "register" else match.namespace or match.url_name
    return [
        {"label": label, "url": reverse(name), "current": current == marker}
        for label, name, marker, action in NAVIGATION
        if can(membership, action)
    ]


def service(request):
    """What every page's header and footer need."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "service_name": "NewRoles",
        "debug": settings.DEBUG,
        "current_membership": membership if signed_in else None,
        "navigation": navigation_for(request) if signed_in and membership else [],
        "contact_email": settings.CONTACT_EMAIL,
        "feedback_url": feedback_url(),
    }


def feedback_url() -> str:
    """The configured feedback form, else an email to the contact address, else nothing."""
    if settings.FEEDBACK_URL:
        return settings.FEEDBACK_URL
    if settings.CONTACT_EMAIL:
        return f"mailto:{settings.CONTACT_EMAIL}?subject={quote('Feedback on NewRoles')}"
    return ""

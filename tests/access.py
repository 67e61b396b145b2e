"""A reusable check of who may open a URL: isolation and the permission matrix.

    assert_access(client, url, organisation=plan.organisation, action=Action.EDIT)

checks that an anonymous visitor is sent to sign in, that a lead of another organisation
gets 404 (for pages about one organisation's record), and that each member role of the
record's organisation gets exactly what the permission matrix allows: a page or a redirect
when allowed, 403 when not. `url` may be a callable returning a fresh URL for each attempt,
for requests that change or remove what they act on.
"""

from collections.abc import Callable

from django.urls import reverse

from newroles.accounts.permissions import Action, MemberRole, role_can
from tests.factories import MembershipFactory


def _request(client, method, url, data):
    return getattr(client, method)(url, data or {})


def assert_access(
    client,
    url: str | Callable[[], str],
    *,
    organisation,
    action: Action,
    method: str = "get",
    data: dict | None = None,
    scoped: bool = True,
):
    make_url = url if callable(url) else (lambda: url)

    client.logout()
    response = _request(client, method, make_url(), data)
    assert response.status_code == 302, f"anonymous {method.upper()} got {response.status_code}"
    assert response["Location"].startswith(reverse("accounts:login")), response["Location"]

    if scoped:
        outsider = MembershipFactory(role=MemberRole.LEAD).user
        client.force_login(outsider)
        response = _request(client, method, make_url(), data)
        assert response.status_code == 404, (
            f"a lead of another organisation got {response.status_code}, not 404"
        )

    for role in MemberRole:
        user = MembershipFactory(organisation=organisation, role=role).user
        client.force_login(user)
        response = _request(client, method, make_url(), data)
        if role_can(role, action):
            # 409: let in, but the post named no version of a record that exists by now (an
            # earlier role's request created it), so it was refused as an edit conflict.
            assert response.status_code < 400 or response.status_code == 409, (
                f"{role.label} should be allowed to {action} but got {response.status_code}"
            )
        else:
            assert response.status_code == 403, (
                f"{role.label} should be refused {action} but got {response.status_code}"
            )
    client.logout()

"""A real OpenID Connect provider for the tests: npm's oidc-provider (oidc_provider.mjs),
started on a free port on 127.0.0.1, with the people it knows. `sign_in_through` walks a
person through it with Django's test client on our side and plain HTTP on the provider's."""

import json
import re
import shutil
import socket
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CALLBACK = "/accounts/sso/oidc/nhsmail/login/callback/"
LOGIN = "/accounts/sso/oidc/nhsmail/login/"

# Who the provider knows, by the login typed on its page.
PEOPLE = {
    "amy": {
        "email": "amy.new@nhs.net",
        "email_verified": True,
        "given_name": "Amy",
        "family_name": "New",
    },
    "lena": {
        "email": "lena.lead@nhs.net",
        "email_verified": True,
        "given_name": "Lena",
        "family_name": "Lead",
    },
    "unverified": {"email": "lena.lead@nhs.net", "email_verified": False},
    # As Microsoft Entra ID answers: no email_verified, but its domain-owner-verified claim.
    "entra": {"email": "lena.lead@nhs.net", "xms_edov": True, "given_name": "Lena"},
    "noemail": {"given_name": "Nemo"},
}


@dataclass
class IdentityProvider:
    url: str  # the issuer
    process: subprocess.Popen

    def settings(self) -> dict:
        """SOCIALACCOUNT_PROVIDERS naming this provider, as OIDC_* in the environment would."""
        return {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": "nhsmail",
                        "name": "NHSmail",
                        "client_id": "newroles",
                        "secret": "newroles-test-secret",
                        "settings": {"server_url": self.url},
                    }
                ],
                "SCOPE": ["openid", "email", "profile"],
                "OAUTH_PKCE_ENABLED": True,
            }
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_provider(*sites: str):
    """The provider, accepting callbacks to each of `sites` ("http://testserver", ...)."""
    port = free_port()
    env = {
        "OIDC_PORT": str(port),
        "OIDC_REDIRECT_URIS": ",".join(site + CALLBACK for site in sites),
        "OIDC_USERS": json.dumps(PEOPLE),
    }
    process = subprocess.Popen(
        [shutil.which("node") or "/usr/bin/node", str(SCRIPT)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.strip() == "ready", f"the identity provider did not start: {line!r}"
        yield IdentityProvider(url=f"http://127.0.0.1:{port}", process=process)
    finally:
        process.terminate()
        process.wait(timeout=10)


FORM = re.compile(r'<form[^>]*action="([^"]+)"', re.S)
INPUT = re.compile(r'<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?', re.S)


def through_the_provider(authorize_url: str, login: str, *, back_to: str) -> str:
    """Sign in at the provider as `login` and agree to share; the URL it sends the browser
    back to (our callback, with the code)."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    for _ in range(12):
        if response.is_redirect:
            url = urljoin(response.url, response.headers["Location"])
            if url.startswith(back_to):
                return url
            response = browser.get(url, allow_redirects=False, timeout=10)
            continue
        assert response.status_code == 200, response.text[:500]
        action = urljoin(response.url, FORM.search(response.text).group(1))
        data = {name: value or "" for name, value in INPUT.findall(response.text)}
        if "login" in data:
            data.update(login=login, password="any")
        response = browser.post(action, data=data, allow_redirects=False, timeout=10)
    raise AssertionError("the provider never sent the browser back")


def sign_in_through(client, login: str, *, next: str = ""):
    """A person presses "Sign in with NHSmail" on our page, signs in at the provider and comes
    back: our response to the callback."""
    response = client.post(LOGIN, {"next": next} if next else {})
    assert response.status_code == 302, response
    back = through_the_provider(response["Location"], login, back_to="http://testserver")
    parts = urlsplit(back)
    return client.get(f"{parts.path}?{parts.query}")

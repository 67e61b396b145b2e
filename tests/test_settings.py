"""Production settings are safe by default; development needs nothing configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    ignored = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")  # the browser tests set the last
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "a" * 20 + "-production-secret-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "newroles.example.nhs.uk",
    "SECURE_SSL_REDIRECT": "True",
}


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_development_secret_key_is_refused_when_debug_is_off():
    result = run_manage("check", DEBUG="False", SECRET_KEY="dev-only-insecure-key-change-me")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_missing_secret_key_is_refused_when_debug_is_off():
    result = run_manage("check", DEBUG="False", SECRET_KEY="")
    assert result.returncode != 0


@pytest.mark.django_db
def test_health_endpoint(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_cache_keys_start_with_the_code_version_so_a_deploy_asks_for_new_ones(tmp_path):
    from newroles.code_version import code_version

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ plan.title }}</p>")
    before = code_version(tmp_path)
    assert code_version(tmp_path) == before  # the same release: the same keys on every host
    page.write_text("<p>{{ plan.title }} ({{ plan.status }})</p>")
    assert code_version(tmp_path) != before

"""Programs and fonts from Debian that some tests need (`.ci/run` installs them).

Outside CI a test whose tool is missing is skipped, with the reason and the package to
install; in CI (CI=true, as for the browser tests) it fails, so a check can never pass there
by not running.
"""

import os
import shutil
import subprocess

import pytest


def require(present, reason: str) -> None:
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs this: {reason}", pytrace=False)
    pytest.skip(reason)


def program(name: str, package: str) -> str:
    """The path of a program, or the test is skipped (failed in CI)."""
    path = shutil.which(name)
    require(path, f"{name} is not installed (Debian package {package})")
    return path


def font_families() -> str:
    """Every font family fontconfig knows, one a line ("" when fontconfig is missing)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ""
    return subprocess.run(
        [fc_list, ":", "family"], capture_output=True, text=True, check=True
    ).stdout


def font(family: str, package: str) -> None:
    require(
        family.lower() in font_families().lower(),
        f"the font {family} is not installed (Debian package {package})",
    )

"""A digest of the application's code and templates: the cache's key prefix.

Cached values are pickled objects and HTML rendered from templates. A cache that outlives a
deploy (memcached, Redis, files) must not hand the new code what the old code stored, so every
key starts with this digest: a deploy with any change to the code or templates asks for new
keys, while hosts running the same release share their entries.
"""

import hashlib
from pathlib import Path

SOURCES = ("newroles", "roles", "planning", "governance", "evaluation", "templates")
SUFFIXES = {".py", ".html", ".txt"}


def code_version(base: Path) -> str:
    digest = hashlib.sha256()
    for folder in SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]

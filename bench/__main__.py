"""`python -m bench [--quick] [--section NAME ...]`: see `run.py` (`--help` for the options)."""

import os
import sys

import django


def start():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newroles.settings")
    django.setup()
    from bench.run import main  # after setup: the sections import the apps' models

    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(start())

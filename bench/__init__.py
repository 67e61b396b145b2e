"""`make bench`: how fast the slow parts are, in a throwaway database (`python -m bench`).

Not part of the site: nothing in the apps imports from here, and it is not installed. It may
write to the database directly, raw SQL included, to build its data and make plans cold.

- `__main__.py`: sets Django up and hands over to `run.py`.
- `run.py`: the command line, the throwaway database, the sections and the exit status.
- `plans.py`: plans of any size, organisations full of plans, a plan made cold.
- `pdf.py`, `pages.py`, `load.py`: the sections; `loadgen.py` is the load generator (locust,
  run in its own process) and `htmlforms.py` reads a page's forms as a browser would.

This file imports nothing: the load generator imports `bench.htmlforms` without Django.
"""

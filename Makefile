# NewRoles: `make run` serves the site, `make test` runs every test. Both set everything up
# first (virtualenv, Python and npm dependencies, .env) and are safe to run again.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run serve worker test lint format migrate data bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.env:
	cp .env.example .env

setup: $(VENV)/.installed node_modules/.installed .env

migrate: setup
	$(PY) manage.py migrate --noinput

data: migrate
	$(PY) manage.py load_reference_data

# The task worker builds documents (PDFs, the Word file) beside the development server;
# stopping the server (Ctrl+C) stops it too.
run: data
	$(PY) manage.py load_demo_data
	$(PY) manage.py db_worker --interval 0.5 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# The task worker on its own: documents are built by `manage.py db_worker`, which takes tasks
# from a table in the database (django-tasks-db). Run one or more beside the web server, on
# this host or any other that reaches the same DATABASE_URL; each build is claimed by one.
worker: setup
	$(PY) manage.py db_worker

# Production-like: gunicorn (2 x cores + 1 workers) and one task worker, which builds documents
# (`make worker` runs more, here or on other hosts), behind a TLS-terminating proxy that sets
# X-Forwarded-Proto and appends the client's address to X-Forwarded-For (PROXY_COUNT=1, one
# proxy), static files from whitenoise, DEBUG off, PostgreSQL from DATABASE_URL.
# nhsuk-frontend ships its sources too; only the built CSS, JS and assets are served, and
# compressing the rest would make every deploy minutes slower.
STATIC_IGNORE := $(foreach p,*.scss* *.mjs* *.mts* *.njk *-10.* *dynamic-type* component.* \
  configurable-component.* i18n.* index.* nhsuk.* nhsuk-frontend.js* nhsuk-frontend.css* \
  components macros core common lib errors,--ignore '$(p)')
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))
serve: setup
	@test -n "$$DATABASE_URL" || { echo "make serve: set DATABASE_URL (postgres://...)"; exit 1; }
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY to a long random value"; exit 1; }
	DEBUG=False $(PY) manage.py collectstatic --noinput -v0 $(STATIC_IGNORE)
	DEBUG=False $(PY) manage.py migrate --noinput
	DEBUG=False $(PY) manage.py load_reference_data
	DEBUG=False $(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=False USE_X_FORWARDED_PROTO=True SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-False} \
	  PROXY_COUNT=$${PROXY_COUNT:-1} \
	  $(VENV)/bin/gunicorn newroles.wsgi --workers $(WORKERS) $(GUNICORN_ARGS) --bind $(HOST):$(PORT) \
	  --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# One pytest worker per core; tests are handed out as workers free up (worksteal), so one slow
# file does not hold the run up. TEST_WORKERS=0 runs them in this process, for debugging.
TEST_WORKERS ?= auto
test: setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Speed figures in a throwaway database (a new one on DATABASE_URL's server, else a throwaway
# PostgreSQL started and removed by .ci/postgres): one `name: value` per line, load test against
# `make serve` included. BENCH_ARGS=--quick for CI's short smoke run; --section NAME for one part.
# The bench is the `bench/` package (docs/performance.md), not part of the site.
bench: setup
	@if [ -n "$$DATABASE_URL" ]; then $(PY) -m bench $(BENCH_ARGS); \
	else .ci/postgres run $(PY) -m bench $(BENCH_ARGS); fi

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache

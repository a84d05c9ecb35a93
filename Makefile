# Newsroom: `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run with production-like settings (DEBUG off), so they need a key; never used in prod.
# A short key is refused at start-up unless ALLOW_WEAK_SECRET_KEY=1 (docs/security.md).
TEST_ENV := SECRET_KEY=tests-only-not-secret ALLOW_WEAK_SECRET_KEY=1 DEBUG=0 SERVE_MEDIA=1

.PHONY: run serve test test-fast test-browser lint format check install migrate demo prod bench bench-search bench-quick lighthouse messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo

run: demo
	@echo
	@echo "Newsroom is starting on http://$(HOST):$(PORT)/  (Arabic: /ar/, French: /fr/, back office: /admin/)"
	@if [ -f var/demo-credentials.txt ]; then cat var/demo-credentials.txt; \
	  else echo "Log in at /admin/ with: DEBUG=1 $(BIN)/python manage.py seed_demo --reset-passwords"; fi
	@echo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(TEST_ENV) $(BIN)/pytest

test-fast: install
	$(TEST_ENV) $(BIN)/pytest -m "not browser"

test-browser: install
	$(TEST_ENV) $(BIN)/pytest -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(TEST_ENV) $(BIN)/python manage.py check
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Production-style local run: gunicorn, DEBUG off, static files from whitenoise. Without a
# SECRET_KEY in the environment, a random one for this run (sessions end with it).
PROD_KEY = $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))')
prod: migrate
	SECRET_KEY=$${SECRET_KEY:-$(PROD_KEY)} ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	  $(BIN)/python manage.py collectstatic --noinput >/dev/null
	SECRET_KEY=$${SECRET_KEY:-$(PROD_KEY)} ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SERVE_MEDIA=1 \
	  $(BIN)/gunicorn newsroom.wsgi --bind $(HOST):$(PORT) --workers 3 --access-logfile -

# Update the Arabic and French catalogues after changing strings (needs GNU gettext);
# the compiled .mo files are committed, so running the site never needs gettext.
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l ar -l fr --ignore=.venv --ignore=var --ignore=tests --ignore=test-output --ignore=bench
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# gunicorn + wrk on PostgreSQL, cold and warm, against a floor (docs/benchmarks.md);
# BENCH_ARTICLES, BENCH_ROUNDS, BENCH_SECONDS… override the defaults (bench/harness.py).
bench: install
	$(BIN)/python bench/harness.py

# Search on PostgreSQL and on SQLite (FTS5), the same data set, against the article page.
bench-search: install
	$(BIN)/python bench/search.py

# In-process page timings and query counts through Django's test client (bench/run.py).
bench-quick: install
	$(BIN)/python bench/run.py

# Lighthouse (npm, pinned in lighthouse/package-lock.json) against Debian's chromium on the
# production stack (gunicorn, DEBUG off, a demo database in a temporary directory); fails
# when a page misses a score (docs/performance.md, Lighthouse).
lighthouse/node_modules/.package-lock.json: lighthouse/package-lock.json
	npm ci --prefix lighthouse --no-audit --no-fund

lighthouse: install lighthouse/node_modules/.package-lock.json
	$(BIN)/python lighthouse/run.py

clean:
	rm -rf $(VENV) var/staticfiles test-output lighthouse/node_modules

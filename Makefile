# The verbs a newcomer needs. Everything runs from .venv, which `make` creates on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.PHONY: run run-front test test-pg test-browser lint messages bench bench-front bench-scale install check clean guide

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Achyk needs Python 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, load the demo data if the database is empty, serve on $(HOST):$(PORT)
run: $(STAMP)
	ACHYK_EMBEDDED=1 $(MANAGE) migrate --noinput
	ACHYK_EMBEDDED=1 $(MANAGE) collectstatic --noinput --verbosity 0
	ACHYK_EMBEDDED=1 WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(MANAGE) load_demo --if-empty
	ACHYK_EMBEDDED=1 HOST=$(HOST) PORT=$(PORT) $(BIN)/python -m achyk.serve

## make run-front: as `make run`, behind the front cache: nginx on FRONT_PORT (8080) -> Varnish
## (6081) -> the application on PORT (docs/operators/front-cache.md; needs nginx and varnish)
run-front: $(STAMP)
	ACHYK_EMBEDDED=1 $(MANAGE) migrate --noinput
	ACHYK_EMBEDDED=1 $(MANAGE) collectstatic --noinput --verbosity 0
	ACHYK_EMBEDDED=1 WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(MANAGE) load_demo --if-empty
	ACHYK_EMBEDDED=1 HOST=$(HOST) PORT=$(PORT) $(BIN)/python -m achyk.operations.frontstack

## make test: the whole suite (browser tests skip, saying so, when Chromium is missing)
test: $(STAMP)
	$(BIN)/python -m achyk.testing

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	ACHYK_EMBEDDED=1 $(MANAGE) makemigrations --check --dry-run

## make guide: walk every step of the staff guide in Chromium and photograph each screen, in
## Kyrgyz and Russian, into achyk/guide/static/guide/shots/ (the guide's chapters show them).
guide: $(STAMP)
	GUIDE_SHOTS=achyk/guide/static/guide/shots $(BIN)/python -m pytest -p no:cacheprovider \
		-n 0 tests/browser/test_guide.py -q

## make messages: refresh the ky, ru, kk, en catalogues (achyk/locale) and compile them.
## Needs GNU gettext (apt-get install gettext); the compiled .mo files are committed, so
## `make run` does not.
## The admin's base template is Wagtail's own with one tag changed: its strings are Wagtail's,
## translated by Wagtail's catalogues and achyk/ui/admin_locale.
MESSAGES_IGNORE := --ignore "var/*" --ignore "bench/*" --ignore "tests/*" --ignore "docs/*" \
	--ignore "*/tests/*" --ignore "*.egg-info/*" --ignore "achyk/bodies/templates/wagtailadmin/base.html"
messages: $(STAMP)
	ACHYK_EMBEDDED=1 $(MANAGE) makemessages -l ky -l ru -l kk -l en --no-obsolete \
		--add-location file $(MESSAGES_IGNORE)
	ACHYK_EMBEDDED=1 $(MANAGE) compilemessages -l ky -l ru -l kk -l en --ignore ".venv" \
		--ignore "var" --ignore "bench"

bench: $(STAMP)
	$(BIN)/python -m bench.run

# The front cache, Django's hits and renders, 200 connections: PostgreSQL and Redis on 127.0.0.1
bench-front: $(STAMP)
	$(BIN)/python -m bench.front

# A million documents on PostgreSQL: BENCH_DATABASE_URL=postgres://.../achyk_bench make bench-scale
bench-scale: $(STAMP)
	$(BIN)/python -m bench.scale generate --reuse
	$(BIN)/python -m bench.search_registry

clean:
	rm -rf $(VENV) var

# Entry points: `make run` sets up and runs the demo; `make test` sets up and runs every check.
.DEFAULT_GOAL := help
SHELL := /bin/bash

UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
export UV_PYTHON := $(shell scripts/find-python)
export UV_PYTHON_DOWNLOADS := never
RUN := $(UV) run --locked --no-sync
QUNYING := $(RUN) qunying

.PHONY: help install assets messages build run test test-sqlite test-postgres lint format bench bundle

help:
	@echo "make run   — install, build assets, migrate, load the demo bureau and serve on http://127.0.0.1:8000"
	@echo "make test  — install, lint, check migrations, run the tests on SQLite and PostgreSQL"
	@echo "make bundle — dist/qunying-<version>-offline.tar.gz, to install with no network (README, Deploying)"

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked
	touch $@

install: .venv/.synced

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

messages: install
	$(RUN) pybabel compile --statistics -d src/qunying/locale -D django

build: install assets messages

# The demo's logins are published, so two-factor sign-in stays optional there unless QUNYING_2FA_ROLES is set.
run: build
	$(QUNYING) migrate --noinput
	$(QUNYING) collectstatic --noinput --verbosity 0
	QUNYING_2FA_ROLES="$${QUNYING_2FA_ROLES-}" $(QUNYING) demo
	QUNYING_2FA_ROLES="$${QUNYING_2FA_ROLES-}" $(QUNYING) serve --port $${PORT:-8000}

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports

format: install
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

test: build lint
	$(QUNYING) makemigrations --check --dry-run
	scripts/test-databases "$(RUN)"

# Another target: scripts/build-bundle --python-version 3.12 --platform manylinux_2_28_aarch64 (README, Deploying).
bundle: build
	UV="$(UV)" $(RUN) python scripts/build-bundle

bench: build
	@for script in benchmarks/*.py; do [ -e "$$script" ] && $(RUN) python "$$script"; done; true

# The commands of the README: `make run` serves the app, `make test` runs every test, and
# `make test-fast` every test but those in Chromium. Each builds the virtual environment first,
# reinstalling only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
CHROME_PATH ?= /usr/bin/chromium
# apt needs root: use sudo when we are not root (CI runs as root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# pytest-xdist workers, each a process with its own live server, Chromium, databases and ports
# (tests/conftest.py). The tests mostly wait on a browser or a server, so a 2-core machine runs
# more workers than cores: measured there, 4 beat 2 by a fifth, and 6 gained nothing more
# while putting more browsers on the same cores (README "Tests").
WORKERS ?= 4
PYTEST = $(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

.PHONY: run test test-fast lint install install-test browser node services tools clean

run: install
	$(BIN)/flask --app pwa db upgrade
	$(BIN)/flask --app pwa run --host $(HOST) --port $(PORT)

# The whole suite on SQLite, then every database test again on a real PostgreSQL server
# (Debian's, installed if missing, started on 127.0.0.1 and removed afterwards; each worker
# gets a database of its own on it).
test: install-test browser node services tools lint
	UNKNOT_PYTHON=$(BIN)/python node --test tests/js/
	CHROME_PATH=$(CHROME_PATH) $(PYTEST)
	@url=$$(PGTEST_OPTIONS="-c fsync=off" tests/postgres.sh start) && \
		echo "PostgreSQL run: $$url" && \
		UNKNOT_TEST_DATABASE_URL=$$url $(PYTEST) -m database; \
		status=$$?; tests/postgres.sh stop; exit $$status

# The inner loop: every test that needs no browser (tests/conftest.py marks those that do),
# on SQLite. `make test` before a commit still runs them all.
test-fast: install-test node services tools lint
	UNKNOT_PYTHON=$(BIN)/python node --test tests/js/
	$(PYTEST) -m "not browser"

# ruff for Python and Biome for JavaScript, configured in pyproject.toml and biome.json: lint, and
# formatting checked (`ruff format` and `node_modules/.bin/biome format --write .` fix it).
lint: install-test node
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/biome ci --error-on-warnings .

# The app bundles its JavaScript with esbuild at start-up: npm ci puts it in node_modules/.
install: $(VENV)/.installed-run node
install-test: $(VENV)/.installed-test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Unknot needs Python 3.11 or newer as '$(PYTHON)'." >&2; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV): on Debian run 'apt-get install python3-venv'." >&2; exit 1; }

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $@ $(VENV)/.installed-run

# Debian's Chromium for the real-browser tests (never `playwright install`: it downloads a browser
# from outside). libatomic1 is needed by Playwright's bundled driver.
browser:
	@if [ ! -x "$(CHROME_PATH)" ] || ! /sbin/ldconfig -p | grep -q 'libatomic.so.1 '; then \
		echo "Installing Debian's chromium and libatomic1 for the browser tests"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium libatomic1; \
	fi

# Debian's redis-server (shared rate limits) and caddy (HTTPS in front of gunicorn) for the
# deployment tests, which start their own on 127.0.0.1.
services:
	@if [ ! -x /usr/bin/redis-server ] || [ ! -x /usr/bin/caddy ]; then \
		echo "Installing Debian's redis-server and caddy for the deployment tests"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server caddy; \
	fi

# Debian's pdftotext (poppler-utils), which reads back the clinician's report printed to PDF, and
# zbarimg (zbar-tools), which reads back the QR codes the app draws.
tools:
	@if [ ! -x /usr/bin/pdftotext ] || [ ! -x /usr/bin/zbarimg ]; then \
		echo "Installing Debian's poppler-utils and zbar-tools for the report and QR code tests"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils zbar-tools; \
	fi

# esbuild (pinned by package-lock.json) bundles the front end when the app starts: its binary
# runs without Node.js, but npm installs it. For the tests, Node's own test runner checks the
# front end's pure modules, and ajv checks what the client sends against the served OpenAPI
# document. npm ci runs again only when package-lock.json is newer than the last install.
node:
	@{ command -v node && command -v npm; } >/dev/null 2>&1 || { \
		echo "Installing Debian's nodejs and npm for esbuild and the front-end unit tests"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

clean:
	rm -rf $(VENV) .pytest_cache instance/unknot.sqlite instance/unknot.sqlite-wal instance/unknot.sqlite-shm

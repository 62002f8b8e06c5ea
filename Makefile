# The two commands of the README: `make run` serves the app, `make test` runs every test.
# Both build the virtual environment first, reinstalling only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install install-test clean

run: install
	$(BIN)/flask --app pwa init-db
	$(BIN)/flask --app pwa run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest

install: $(VENV)/.installed-run
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

clean:
	rm -rf $(VENV) instance .pytest_cache

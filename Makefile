# Two commands set everything up on a fresh machine:
#   make run   installs the app into .venv and starts it
#   make test  installs the app and its test tools into .venv and runs every test, ruff and mypy
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench sysdeps clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

sysdeps:
	sh scripts/install-system-deps.sh

run: sysdeps $(VENV)/.installed
	$(PY) main.py

test: sysdeps $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/benchmarks -q -s -p no:cacheprovider --override-ini addopts=

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

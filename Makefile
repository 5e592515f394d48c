# Developer commands (see README, "For developers"):
#   make run      installs the app into .venv and starts it (never installs system packages)
#   make test     installs the app and its test tools into .venv, runs every test, ruff and mypy, then builds the
#                 one-folder app and smoke-tests it (on a fresh Debian CI machine, as root, it first installs the
#                 system libraries the tests need: scripts/install-system-deps.sh)
#   make unit     only the tests, ruff and mypy (quick, while working)
#   make sysdeps  installs the system libraries (Qt's, a CJK font, poppler-utils, binutils): an explicit step
#   make dist     builds the one-folder app for this system into dist/ChurnGuard/
#   make wheel    builds the wheel into dist/; make smoke-wheel installs it as `uv tool install` does, away from
#                 the checkout, and smoke-tests the installed `churnguard`
#   make lock     re-pins requirements-dist.lock (the exact versions the built app ships with)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOCK := requirements-dist.lock
APP := dist/ChurnGuard

.PHONY: run test unit sysdeps dist wheel smoke-wheel lock bench bench-slow clean

# One environment for running, testing and building, at the versions pinned in the lock (tests test what ships).
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[test,dist]'
	touch $@

sysdeps:
	sh scripts/install-system-deps.sh

run: $(VENV)/.installed
	$(PY) main.py || { echo "make run: if Qt's system libraries are missing, install them once: make sysdeps" \
	  "(as root, or it prints the apt-get line)"; exit 1; }

unit: sysdeps $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: unit
	$(MAKE) --no-print-directory dist
	sh scripts/smoke-test.sh $(APP)/ChurnGuard
	sh scripts/smoke-test.sh $(APP)/churnguard-cli --cli-only
	$(MAKE) --no-print-directory smoke-wheel

dist: $(VENV)/.installed
	@start=$$(date +%s); \
	$(VENV)/bin/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller \
	  packaging/churnguard.spec && \
	echo "make dist: built $(APP)/ in $$(( $$(date +%s) - start )) s, $$(du -sh $(APP) | cut -f1)"

wheel: $(VENV)/.installed
	rm -f dist/churnguard-*.whl
	$(VENV)/bin/uv build --quiet --wheel --out-dir dist

# The wheel installed into a fresh tool environment (the README's `uv tool install`), at the locked versions.
smoke-wheel: wheel
	$(PY) scripts/check_wheel.py dist/churnguard-*.whl
	rm -rf build/uv-tool
	UV_TOOL_DIR=$(CURDIR)/build/uv-tool/tools UV_TOOL_BIN_DIR=$(CURDIR)/build/uv-tool/bin $(VENV)/bin/uv tool install \
	  --quiet --python $(PYTHON) -c $(LOCK) dist/churnguard-*.whl
	sh scripts/smoke-test.sh build/uv-tool/bin/churnguard

lock: $(VENV)/.installed
	$(VENV)/bin/uv pip compile pyproject.toml --extra dist --universal --python-version 3.11 \
	  --custom-compile-command "make lock" --quiet -o $(LOCK)

bench: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/benchmarks -q -s -p no:cacheprovider --override-ini addopts= -o faulthandler_timeout=0 \
	  -m "not slow"

# The 1,000,000-row import (about ten minutes on two cores).
bench-slow: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/benchmarks -q -s -p no:cacheprovider --override-ini addopts= -o faulthandler_timeout=0 \
	  -m slow

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build dist

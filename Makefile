# The README's commands. Each target creates or reuses the project-local virtual environment .venv
# and installs the pinned dependencies of requirements.lock into it: no sudo, apt or conda needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast bench validate docs lock clean

run: $(STAMP) ## analyse the corpus: tables and figures into figures/, notebooks rendered into html/
	$(PY) -m analysis report --out figures
	$(PY) -m analysis notebooks --out html

test: $(STAMP) ## the test suite, on every core (prints the 10 slowest tests)
	$(PY) -m pytest -n auto --durations=10

test-fast: $(STAMP) ## the inner loop: all but the notebooks, the browser, the docs site, the install, subprocess runs
	$(PY) -m pytest -n auto -m "not slow" --durations=10

bench: $(STAMP) ## throughput of the count pipeline against raw jieba.posseg (prints ratios)
	$(PY) -m analysis.engine.bench

validate: $(STAMP) ## accuracy against hand annotation (needs ../shared/corpora); fails if a figure fell below docs/validation.csv
	$(PY) -m analysis validate --summary --format table --check docs/validation.csv

docs: $(STAMP) ## the documentation site into site/ (open site/index.html; works offline)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "error: Python 3.10 or newer is needed (found " + sys.version.split()[0] + "); run: make PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# For maintainers: re-resolve the lock after changing pyproject.toml (needs uv; not part of run/test).
lock:
	uv pip compile pyproject.toml --extra notebooks --extra dev --extra dask --extra docs --extra export --universal --python-version 3.10 \
	    --no-header --annotation-style line -o requirements.lock

clean:
	rm -rf $(VENV) html site .pytest_cache .hypothesis
	find figures -type f ! -name README.md -delete

# Quick start: `make example` runs comply on the bundled examples, `make test` runs the checks.
# Both create the virtual environment (.venv) on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: example test lint bench clean policy

$(BIN)/comply: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

example: $(BIN)/comply
	$(BIN)/comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31
	$(BIN)/comply budget examples/district-2012/budget.csv --as-of 2012-08-31
	$(BIN)/comply intake examples/district-2012/intake-2013.csv --plan-year 2013 \
		--parcels examples/district-2012/parcels.csv --as-of 2012-08-31
	$(BIN)/comply portfolio examples/district-2012/projects-2012.csv --as-of 2012-08-31 --target 0.70
	$(BIN)/comply landuse examples/district-2012/landuse.csv --as-of 2012-08-31
	$(BIN)/comply cases examples/district-2012/parcels.csv \
		--events examples/district-2012/events.csv --as-of 2013-06-30
	$(BIN)/comply documents examples/district-2012/parcels.csv \
		--events examples/district-2012/events.csv --as-of 2013-06-30 \
		--settings examples/district-2012/bureau.yaml --out out/documents \
		--numbering out/documents.sqlite
	$(BIN)/comply parcels examples/registers/county-2012.xlsx --as-of 2012-08-31 --lang zh

lint: $(BIN)/comply
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	mkdir -p .typecheck && ln -sfn .. .typecheck/comply
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n 2 --dist loadfile --junitxml=reports/junit.xml

policy: $(BIN)/comply
	$(BIN)/comply policy --out policy-book --results reports/junit.xml

bench: $(BIN)/comply
	$(BIN)/python bench/bench.py parcels
	$(BIN)/python bench/bench.py budget

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info

# Two commands matter: `make run` (set up and serve the demo shop) and `make test` (set up and run every test).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup setup-dev translations assets db demo serve lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.req: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.req-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.req

setup: $(VENV)/.req translations assets
setup-dev: $(VENV)/.req-dev translations assets bench/node_modules/.package-lock.json

translations: $(VENV)/.req
	$(BIN)/pybabel compile -d translations -f

## Lighthouse and axe-core for the page budgets (tests/e2e/test_budgets.py, bench/budgets.py)
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund

## the stylesheet and scripts minified, named by content and precompressed (static/dist)
assets: $(VENV)/.req
	$(BIN)/flask build-assets

db: setup
	$(BIN)/flask db upgrade

demo: db
	$(BIN)/flask seed-demo

serve:
	$(BIN)/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) wsgi:app

## make run: venv, requirements, schema, demo data, then serve on http://127.0.0.1:5000
run: demo serve

## make test: venv with test tools, then the whole suite (TEST_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)
test: setup-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

lint: setup-dev
	$(BIN)/ruff check .

bench: setup-dev
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) instance

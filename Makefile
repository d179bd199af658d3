# The two commands: `make run` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# Local runs and tests use the development settings; production sets SECRET_KEY instead.
export FACTDB_DEBUG ?= 1

.PHONY: run test install migrate worker beat clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

# TimelineJS itself, for the browser test that loads the TimelineJS export; without npm that test skips.
TIMELINEJS := tests/browser/timelinejs/node_modules/@knight-lab/timelinejs/dist/js/timeline.js
$(TIMELINEJS): tests/browser/timelinejs/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/browser/timelinejs --no-audit --no-fund --silent && touch $@; fi

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

run: migrate
	$(PY) manage.py ingest_corpus fixtures/corpus
	$(PY) manage.py show_timeline
	$(PY) manage.py consistency_report
	$(PY) manage.py create_editor demo --random-password
	@echo "Serving admin at http://$(HOST):$(PORT)/admin/ and the API at http://$(HOST):$(PORT)/api/"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install $(TIMELINEJS)
	@# Workers started by tests must not keep connections that block dropping the test database.
	DATABASE_CONN_MAX_AGE=0 $(PY) -m pytest

# With DATABASE_URL and CELERY_BROKER_URL set: the real workers.
worker: install
	$(VENV)/bin/celery -A factdb worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A factdb beat --loglevel=INFO

clean:
	rm -rf $(VENV) var

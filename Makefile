# Huanjie: `make run` serves the demo county; `make test` runs every check and the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings
export HYPOTHESIS_PROFILE ?= ci

.PHONY: run serve test setup system-deps python-deps assets migrate demo lint typecheck contracts migrations-check pytest clean

run: setup migrate demo
	@$(PY) manage.py demo_logins
	@echo "后台任务进程已启动 (db_worker); 打开 http://$(HOST):$(PORT)/ (Ctrl-C 结束)"
	@logdir=$${HUANJIE_VAR_DIR:-var}; mkdir -p $$logdir; \
	  $(PY) manage.py db_worker --queue-name '*' > $$logdir/db_worker.log 2>&1 & \
	  worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT) --noreload

# Production (README "部署"): the environment gives the key, host names and database
# (config/settings_production.py); gunicorn serves the pages and, through WhiteNoise, the static
# files, behind a reverse proxy that ends HTTPS; db_worker runs the background tasks.
WORKERS ?= 3
serve: python-deps assets
	@export DJANGO_SETTINGS_MODULE=config.settings_production; set -e; \
	  $(PY) manage.py migrate --noinput -v 0; \
	  $(PY) manage.py collectstatic --noinput -v 0; \
	  logdir=$${HUANJIE_VAR_DIR:-var}; mkdir -p $$logdir; \
	  $(PY) manage.py db_worker --queue-name '*' >> $$logdir/db_worker.log 2>&1 & \
	  worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  echo "后台任务进程已启动 (db_worker); 网站监听 $(HOST):$(PORT)，请经反向代理 (HTTPS) 访问"; \
	  $(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 120 \
	    --access-logfile - --error-logfile -

test: setup lint typecheck contracts migrations-check pytest

setup: system-deps python-deps assets

# Debian packages: the venv module of $(PYTHON) (Debian ships it apart, as python3.11-venv),
# Chromium for the browser tests, a CJK font for pages and PDFs, poppler for looking at PDFs.
# Installed once; skipped when present. sudo resets the environment, hence `env` after it.
system-deps:
	@missing=""; \
	  $(PYTHON) -c "import ensurepip" 2>/dev/null || missing="$$missing $(notdir $(PYTHON))-venv"; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	  command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	    elif command -v sudo >/dev/null; then SUDO="sudo"; \
	    else echo "缺少系统依赖:$$missing。请以 root 身份运行 apt-get install$$missing，然后重新运行 make。" >&2; exit 1; fi; \
	    echo "安装系统依赖:$$missing"; \
	    $$SUDO apt-get update -qq && \
	      $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q -c requirements.lock --upgrade pip
	@$(BIN)/pip install -q -c requirements.lock -e '.[dev]'
	@touch $@

python-deps: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.installed

migrate:
	@$(PY) manage.py migrate --noinput -v 0

demo:
	@$(PY) manage.py demo_seed --if-empty

lint:
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

typecheck:
	@$(BIN)/mypy huanjie config

contracts:
	@$(BIN)/lint-imports

migrations-check:
	@$(PY) manage.py makemigrations --check --dry-run -v 1

pytest:
	@$(BIN)/pytest -p no:cacheprovider --create-db \
	  --cov=huanjie.rules --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=100

clean:
	rm -rf $(VENV) node_modules var/static

# Pizhu 批注 — the two commands of the README:
#   make run    install (into .venv) and start the app on the bundled seeds
#   make test   install (into .venv, with test extras) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
QT_LIBS := libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
           libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
           libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1

# PostgreSQL for the server-corpus tests (no main cluster is made or started: the tests run
# their own as an unprivileged user on a free local port, and stop it).
SERVER_PKGS := postgresql

.PHONY: run test system-deps venv clean screenshot screenshots bench

# Debian/Ubuntu libraries Qt needs, and PostgreSQL; installed only when running as root and
# something is missing.
system-deps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=$$(for p in $(QT_LIBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi; \
	  if ! dpkg -s $(SERVER_PKGS) >/dev/null 2>&1; then \
	    echo "installing: $(SERVER_PKGS) (the server-corpus tests start their own throw-away cluster)"; \
	    mkdir -p /etc/postgresql-common/createcluster.d && \
	    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/pizhu-no-main-cluster.conf; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      $(SERVER_PKGS) >/dev/null) || echo "PostgreSQL not installed: the server-corpus tests will skip"; \
	  fi; \
	fi

$(PY):
	$(PYTHON) -m venv $(VENV)

venv: $(PY) system-deps
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'

run: venv
	$(VENV)/bin/pizhu

test: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

screenshot: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m ui --screenshot docs/screenshot.png

# The README's pictures, made by the app itself on the seeds (a throw-away corpus; --demo codes a
# few passages of the first article): VIEW THEME SIZE per line.
SHOTS := reader:light:1280x720 reader:dark:1600x1000 search:light:1280x720 kwic:dark:1280x720 \
         stats:light:1600x1000 codebook:light:1280x720 find:dark:1280x720 empty:light:1280x720 \
         preferences:light:1280x720 span:light:1280x720 page:light:1280x720
screenshots: venv
	@tmp=$$(mktemp -d) && mkdir -p docs/screenshots && for shot in $(SHOTS); do \
	  view=$${shot%%:*}; rest=$${shot#*:}; theme=$${rest%%:*}; size=$${rest#*:}; \
	  QT_QPA_PLATFORM=offscreen $(PY) -m ui --db $$tmp/demo.sqlite3 --demo --lang en --view $$view \
	    --theme $$theme --size $$size --screenshot docs/screenshots/$$view-$$theme-$$size.png || exit 1; \
	done; cp docs/screenshots/reader-light-1280x720.png docs/screenshot.png; rm -rf $$tmp

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

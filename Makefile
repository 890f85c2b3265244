# Pizhu 批注 — the two commands of the README:
#   make run    install (into .venv) and start the app on the bundled seeds
#   make test   install (into .venv, with test extras) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
QT_LIBS := libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
           libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
           libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1

.PHONY: run test system-deps venv clean screenshot bench

# Debian/Ubuntu libraries Qt needs; installed only when running as root and something is missing.
system-deps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=$$(for p in $(QT_LIBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
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

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# A wheel that installs without Go: `make wheel` builds the package (the
# gopy extension links only libc) and has auditwheel check and retag it as
# manylinux into dist/.
.PHONY: wheel wheelhouse

WHEEL_DIR := dist
WHEEL_RAW := build/wheel-raw
# Offline installs of the wheel (python/tests/test_wheel.py) take numpy from here.
WHEELHOUSE := build/wheelhouse
NUMPY_PIN := $(shell grep '^numpy==' python/requirements-dev.txt)

$(VENV)/.wheel-tools-installed: python/requirements-wheel.txt $(VENV)/.deps-installed
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r python/requirements-wheel.txt
	touch $@

wheel: $(VENV)/.remotemedia-installed $(VENV)/.wheel-tools-installed
	rm -rf $(WHEEL_RAW) && mkdir -p $(WHEEL_DIR)
	$(VENV_PY) -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w $(WHEEL_RAW) .
	rm -f $(WHEEL_DIR)/remotemedia-*.whl
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/auditwheel repair --only-plat --plat manylinux_2_34_x86_64 \
		-w $(WHEEL_DIR) $(WHEEL_RAW)/remotemedia-*.whl

wheelhouse: $(WHEELHOUSE)/.stamp
$(WHEELHOUSE)/.stamp: python/requirements-dev.txt
	$(VENV_PY) -m pip download --quiet --disable-pip-version-check --only-binary=:all: --no-deps \
		-d $(WHEELHOUSE) "$(NUMPY_PIN)"
	touch $@

test-python: wheel wheelhouse

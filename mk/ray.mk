# Ray Data for remotemedia.ray (map_pipeline, `remotemedia ray run`,
# docs/SCALE.md): ray[data] and its tree, pinned and hash-checked, installed
# into the project's venv. test-python depends on it, so the Ray tests run
# in `make test` (and CI) rather than skip.
.PHONY: ray-deps bench-ray

RAY_REQUIREMENTS := python/requirements-ray.txt
RAY_STAMP := $(VENV)/.ray-installed

ray-deps: $(RAY_STAMP)

# After the dev deps, so a change to them cannot leave a pin of ours replaced.
$(RAY_STAMP): $(RAY_REQUIREMENTS) $(VENV)/.deps-installed
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $<
	touch $@

test-python: ray-deps

bench: bench-ray

# map_pipeline throughput at concurrency 1 and 2, and memory per actor
# (figures in docs/PERFORMANCE.md), and the per-frame overhead of a placed segment.
bench-ray: ray-deps python-install
	cd /tmp && $(abspath $(VENV_PY)) $(CURDIR)/python/benchmarks/bench_ray.py
	cd /tmp && $(abspath $(VENV_PY)) $(CURDIR)/python/benchmarks/bench_placement.py

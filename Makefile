# Two entry points a new user needs (README): `make demo` and `make test`.
SWIFT ?= swift
DEPS = libfftw3-dev libopenblas-dev gnuplot-nox pkg-config

.PHONY: setup build test demo bench results clean

# Installs the system libraries when they are missing (needs root, as on the project machines).
setup:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build -c release

# The tests run the numerics, so they are built in release; some of them call the dmft executable.
test: build
	$(SWIFT) test -c release

# Gradient flow of the spiked matrix-tensor model: the overlap escapes the threshold states.
demo: build
	.build/release/dmft solve --model spiked-matrix-tensor --p 3 --delta2 0.4 --deltap 1 \
	  --m0 1e-3 --tmax 60 --dt 0.025 --error-estimate --out demo --plot
	@echo "figures: demo/figures/*.png"

bench: build
	.build/release/dmft bench

# Regenerates every study of the gallery (results/*/run.sh), each with its own wall time in its README.
results: build
	@for s in results/*/run.sh; do echo "== $$s"; bash $$s || exit 1; done

clean:
	rm -rf .build demo

# Affinity — the two commands a newcomer needs: `make demo` and `make test`.
SWIFT   ?= swift
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE := .build/release/affinity
DEMO_DIR ?= datasets/synthetic

.PHONY: deps build release test demo demo-fleet clean bench-deps spark-check

# Install the C libraries, and the PostgreSQL server the event-store tests run
# (scripts/postgres.sh), when they are missing (Debian/Ubuntu).
deps:
	@missing=""; \
	pkg-config --exists openblas 2>/dev/null || missing="$$missing libopenblas-dev pkg-config"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product affinity

# The build fails on any compiler warning in Sources/ or Tests/ (scripts/check-warnings.sh).
test: deps
	@SWIFT="$(SWIFT)" bash scripts/check-warnings.sh
	$(SWIFT) test --skip-build --parallel --num-workers 2

demo: release
	@bash scripts/demo.sh $(RELEASE) $(DEMO_DIR)

# Two replicas on one throwaway PostgreSQL event store: a cart add on one changes the other's answer
# (docs/FLEET.md). Says so and exits 0 when PostgreSQL's server binaries are absent.
demo-fleet: release
	@bash scripts/demo-fleet.sh $(RELEASE)

# Spark MLlib's ALS on local[2] → affinity import → served fold-in exactness (docs/SPARK.md).
# Readies Benchmarks/.venv (the peers plus pyspark) and installs a Java runtime when none is present.
spark-check: deps
	@bash spark/check.sh

clean:
	rm -rf .build

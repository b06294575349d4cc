# Storyline's two set-up commands are `make demo` (the main job) and `make test` (all tests).
GO ?= go
DB ?= storyline.db
STATICCHECK_VERSION ?= v0.8.2
# Packages with concurrency, run again under the race detector.
RACE_PKGS ?= ./internal/pipeline/... ./internal/store/... ./internal/ingest/... ./internal/link/... ./internal/serve/...

.PHONY: build demo test check unit race

build:
	$(GO) build -o storyline ./cmd/storyline

## demo: build, ingest the shipped examples/ into the embedded store, list what landed
demo: build
	./storyline --db $(DB) ingest examples/
	./storyline --db $(DB) articles

## test: formatting, vet, staticcheck, all tests, race tests
test: check unit race

check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt wants to change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

unit:
	$(GO) test -count=1 ./...

race:
	$(GO) test -count=1 -race $(RACE_PKGS)

# Evidence Board. `make run` builds and opens the app; `make test` runs
# everything CI runs. Both install the system packages they need first.
GO      ?= go
BIN     := evidenceboard
PKGS    := ./...

.PHONY: all build run test deps test-deps fmt-check vet unit e2e bench clean

all: build

deps:
	@.ci/install-deps build

test-deps:
	@.ci/install-deps test

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

unit:
	$(GO) test -count=1 -timeout 15m $(PKGS)

e2e: build
	.ci/e2e ./$(BIN)

test: test-deps fmt-check vet unit e2e

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./data/ ./board/ ./app/format/brief/

clean:
	rm -f $(BIN)

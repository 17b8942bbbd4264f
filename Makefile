# Evidence Board. `make run` builds and opens the app; `make test` runs
# everything CI runs; `make windows` cross-builds the Windows executable.
# Each installs the system packages it needs first.
GO      ?= go
BIN     := evidenceboard
PKGS    := ./...

# The Windows build: Fyne's GL driver needs cgo, so it is cross-compiled
# with MinGW-w64. The fyne command (run for this machine, not Windows)
# packages it: it embeds the icon and FyneApp.toml's name and version and
# links a GUI executable (-H=windowsgui), which opens no console window.
FYNE_VERSION := v1.7.4
FYNE         := bin/fyne
WIN_EXE      := Evidence Board.exe
WIN_ENV      := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc

.PHONY: all build run test deps test-deps fmt-check vet vet-windows unit e2e bench windows clean

all: build

deps:
	@.ci/install-deps build

test-deps:
	@.ci/install-deps test
	@.ci/install-postgres

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# vet-windows vets for Windows every package that builds there without
# cgo, so that a Unix-only call (syscall.Mkfifo, Getrusage...) cannot come
# back unnoticed. Left out: packages that import Fyne's GL driver (cgo),
# found from their imports on this machine, not from a failed Windows
# build, so that a package that stops building for Windows fails here
# instead of dropping out of the list.
vet-windows:
	@pkgs=$$($(GO) list -f '{{.ImportPath}}{{range .Deps}} {{.}}{{end}}' $(PKGS) | \
		awk '!/ github.com\/go-gl\// {print $$1}'); \
	echo "GOOS=windows go vet $$(echo $$pkgs | wc -w) packages"; \
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) vet $$pkgs

unit:
	$(GO) test -count=1 -timeout 15m $(PKGS)

e2e: build
	.ci/e2e ./$(BIN)
	.ci/e2e-reader ./$(BIN)
	.ci/e2e-drop ./$(BIN)
	.ci/e2e-team ./$(BIN)

test: test-deps fmt-check vet vet-windows unit e2e

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./data/ ./board/ ./app/format/brief/

# `go install pkg@version` builds the fyne command for this machine, from
# the Go module proxy, into ./bin.
$(FYNE):
	GOBIN=$(CURDIR)/bin $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VERSION)

windows: $(FYNE)
	@.ci/install-deps windows
	rm -f "$(WIN_EXE)"
	@# fyne package adds one to FyneApp.toml's Build on every run; the
	@# file is put back, so that building leaves the tree as it was.
	cp FyneApp.toml bin/FyneApp.toml.keep
	$(WIN_ENV) $(FYNE) package -os windows; rc=$$?; \
		cp bin/FyneApp.toml.keep FyneApp.toml; rm -f bin/FyneApp.toml.keep; exit $$rc
	@out=$$(file "$(WIN_EXE)"); echo "$$out"; case "$$out" in \
		*'PE32+ executable (GUI) x86-64'*) ;; \
		*) echo "windows: $(WIN_EXE) is not a PE32+ GUI x86-64 executable" >&2; exit 1 ;; esac

clean:
	rm -f $(BIN) "$(WIN_EXE)"

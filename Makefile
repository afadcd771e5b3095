# mofan — see README.md. The two set-up commands: make docs, make test.
GO      ?= go
MOFAN   := bin/mofan
SEEDS   ?= seeds
OUT     ?= output

.PHONY: all build docs check test bench lint release clean

all: docs

build:
	$(GO) build -o $(MOFAN) ./cmd/mofan

# docs builds every year found under seeds/ into output/<year>/.
docs: build
	$(MOFAN) build --seeds $(SEEDS) --out $(OUT) --all

# check checks every year that docs builds, writing nothing.
check: build
	$(MOFAN) check --seeds $(SEEDS) --all

# test runs every test, then the race detector over the pure packages and the
# build's parallel workers. Tests that need pdftotext, qpdf or soffice skip
# without them, but fail when CI is set (.ci/run installs them).
RACE_PKGS := ./generator/model ./generator/diag ./generator/layout ./generator/score ./generator/fontset ./generator/notice ./internal/golden
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -race -count=1 $(RACE_PKGS)
	$(GO) test -race -count=1 -run 'TestWorkerPanicIsAnError|TestFailedBuildKeepsOutput|TestZipOfFailedFile' ./generator/build
	$(GO) test -race -count=1 -run 'TestFrames|TestPool|TestCompressor' ./generator/sheet ./internal/deflate

# bench prints the whole-build figures side by side (scripts/bench.sh);
# BENCH_UNITS sets the size of the large demo build (default 10000).
bench: build
	scripts/bench.sh

# release builds static binaries for linux/amd64 and windows/amd64 into dist/,
# zipped (cmd/mofan-release) with fonts/, templates/, the sample seeds and, for
# Windows, the .bat launchers, all from the last commit; the version is stamped.
release:
	scripts/release.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean:
	rm -rf bin $(OUT)

# dossier: plain Makefile. See README.md for the two set-up commands and
# docs/ARCHITECTURE.md for the layout. Targets:
#   all        build libdossier.a, the dossier binary, unit tests, benches
#   test       install missing deps, build, run unit + CLI tests
#   demo       install missing deps, build, create and show the demo case
#   asan       the whole test suite under ASan+UBSan (build-asan/)
#   fuzz       build libFuzzer targets with clang and run each FUZZ_SECONDS
#   bench      build and run the benchmarks (figures on stdout)
#   eval       names-engine evaluation (precision/recall/F1)
#   lint       cppcheck + clang-format check
#   fmt / fmt-check   apply / check clang-format
# Variables: BUILD (build dir), CC, SAN=1 (sanitizers), WERROR (default -Werror)

# Missing Debian packages are installed before anything else is evaluated,
# so that pkg-config answers for all of them below (fresh machines).
NO_DEPS_GOALS = fmt fmt-check clean
ifeq ($(filter $(NO_DEPS_GOALS),$(MAKECMDGOALS)),)
ifneq ($(shell scripts/install-deps --check >/dev/null 2>&1 || echo missing),)
$(info dossier: installing missing Debian packages (scripts/install-deps))
ifneq ($(shell scripts/install-deps >&2 && echo ok),ok)
$(error scripts/install-deps failed: run it as root or with sudo)
endif
endif
endif

BUILD   ?= build
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
CC      ?= cc
PKG_CONFIG ?= pkg-config
WERROR  ?= -Werror

# Third-party libraries (each wrapped by exactly one module; see ARCHITECTURE.md).
PKGS      = sqlite3 libsodium libcrypto libxml-2.0 jansson libutf8proc \
            icu-uc icu-i18n libzip libmagic libexif libcurl \
            libgvc pangocairo
TEST_PKGS = cmocka

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla -Wwrite-strings -Wpointer-arith \
       -Wimplicit-fallthrough

ifeq ($(SAN),1)
OPT = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
      -fno-omit-frame-pointer
SANLD = -fsanitize=address,undefined
else
OPT = -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
SANLD =
endif

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm -lpthread
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

CPPFLAGS += -D_GNU_SOURCE -Isrc
CFLAGS   += $(WARN) $(WERROR) $(OPT) $(PKG_CFLAGS)
LDFLAGS  += $(SANLD)

LIB_SRC   := $(shell find src -name '*.c' ! -path 'src/cli/*' | sort)
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
HEADERS   := $(shell find src -name '*.h')

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libdossier.a
BIN       := $(BUILD)/dossier
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
DEPS_OK   := $(BUILD)/.deps-ok

.PHONY: all deps test unit cli demo asan fuzz fuzz-build bench eval eval-screen \
        lint fmt \
        fmt-check clean
.DEFAULT_GOAL := all

all: $(DEPS_OK) $(BIN) $(UNIT_BIN) $(BENCH_BIN)

# Installs missing Debian packages once per build dir (and again when the
# package list changes).
$(DEPS_OK): scripts/install-deps
	@scripts/install-deps --check >/dev/null || scripts/install-deps
	@mkdir -p $(@D) && touch $@

deps: $(DEPS_OK)

$(BUILD)/obj/%.o: %.c $(HEADERS) | $(DEPS_OK)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) $(HEADERS)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) \
	    $(TEST_LIBS) $(PKG_LIBS)

$(BUILD)/bench/%: bench/%.c $(LIB) $(HEADERS)
	@mkdir -p $(@D)
	@echo "  BENCH   $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

test: all
	@scripts/run-tests $(BUILD)

unit: all
	@scripts/run-tests $(BUILD) unit

cli: all
	@scripts/run-tests $(BUILD) cli

demo: all
	@rm -rf demo-case
	@$(BIN) demo demo-case
	@echo
	@echo "The program is $(BIN); to type 'dossier' as above:"
	@echo "  export PATH=\"$(CURDIR)/$(BUILD):\$$PATH\""

asan:
	$(MAKE) BUILD=build-asan SAN=1 test

# --- fuzzing (clang + libFuzzer) -------------------------------------------
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 20
FUZZ_CFLAGS  = -std=c11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc $(PKG_CFLAGS)
FUZZ_OBJ     := $(LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)

$(FUZZ_BUILD)/obj/%.o: %.c $(HEADERS) | $(DEPS_OK)
	@mkdir -p $(@D)
	@echo "  CC-FUZZ $<"
	@clang $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/libdossier.a: $(FUZZ_OBJ)
	@rm -f $@ && ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/libdossier.a
	@echo "  FUZZ    $@"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_BUILD)/libdossier.a $(PKG_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	@scripts/run-fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_BIN)

# --- benchmarks and evaluation ---------------------------------------------
bench: all
	@for b in $(BENCH_BIN); do echo "== $$b"; $$b || exit 1; done

eval: all
	@scripts/eval-names $(BIN)

eval-screen: $(BIN)
	@scripts/eval-screen $(BUILD)

# --- style ----------------------------------------------------------------
FMT_FILES = $(shell find src tests bench -name '*.[ch]' ! -path '*/generated/*')

fmt:
	clang-format -i $(FMT_FILES)

fmt-check:
	@clang-format --dry-run --Werror $(FMT_FILES) && echo "fmt-check: ok"

lint: fmt-check
	cppcheck --quiet --enable=warning,portability --error-exitcode=1 \
	    --suppress=missingIncludeSystem -D_GNU_SOURCE -Isrc src

clean:
	rm -rf build build-asan build-fuzz build-clang

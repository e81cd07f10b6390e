# shmfault: top-level build.
#   make            build/libshmfault.so (the interposer) and build/shmfault (the CLI)
#   make check      every TAP test through run_all.sh (prove)
#   make demo       install what a fresh Debian machine lacks, build, show an injection
#   make install    PREFIX=/usr/local DESTDIR=
# Each part of the tree adds its own rules in a module.mk next to its sources.

CC       ?= cc
BUILD    := build
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib/shmfault
MANDIR   ?= $(PREFIX)/share/man
VERSION  := 0.1.0

# SANITIZE=address,undefined builds the CLI and the test programs with those
# sanitizers (the interposer gets UBSan only: ASan cannot be preloaded into
# uninstrumented hosts).
#  - Executables link the ASan runtime statically (clang does by default; gcc
#    needs -static-libasan), else a preloaded libshmfault.so comes before
#    libasan.so and ASan refuses to start ("runtime does not come first").
#  - The interposer's UBSan: gcc links libubsan.so.1 as a dependency, which
#    any host can load; clang does not link a runtime into shared objects, so
#    there UBSan traps (-fsanitize-trap) and needs no runtime at all.
#  - Changing CC, SANITIZE or CFLAGS rebuilds everything ($(BUILD)/.flags),
#    so 'make check SANITIZE=...' after a plain 'make' tests what it says.
# make tsan-check: tests/preload/t0100-threads.t, whose ThreadSanitizer part builds
# the library with clang -fsanitize=thread (SKIP without clang).
SANITIZE ?=
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BASE     := -std=c11 -D_GNU_SOURCE -fPIC -g -O2 $(WARN) -Icommon -Iengine -DSHMFAULT_VERSION='"$(VERSION)"'
CC_IS_CLANG := $(shell $(CC) --version 2>/dev/null | grep -q clang && echo 1)
ifneq ($(SANITIZE),)
SAN      := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
ifneq ($(CC_IS_CLANG),1)
SAN      += $(if $(findstring address,$(SANITIZE)),-static-libasan,)
endif
LIBSAN   := $(if $(findstring undefined,$(SANITIZE)),-fsanitize=undefined -fno-sanitize-recover=all \
              $(if $(CC_IS_CLANG),-fsanitize-trap=undefined,),)
endif
ALL_CFLAGS := $(BASE) $(CFLAGS)
FLAGS_STAMP := $(BUILD)/.flags
FLAGS_NOW := $(strip $(CC) SANITIZE=$(SANITIZE) $(CFLAGS) $(LDFLAGS))
ifneq ($(SANITIZE),)
# LeakSanitizer in the tests: libfiu's fiu-run preload leaks a strdup.
# use_tls=0: with LD_AUDIT (the CLI's audit module) in a threaded program,
# LSan's tracer faults scanning thread TLS (seen with fiu-run's preload,
# tests/preload/t0050-libfiu.t); TLS-only roots can then show as leaks, never hide one.
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/hardening/lsan.supp:print_suppressions=0:use_tls=0
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
endif

COMMON_SRC := $(wildcard common/*.c)
# The decision engine: both backends link it (the interposer, and the CLI
# whose reaper supervises the kernel backend).
ENGINE_SRC := $(wildcard engine/*.c engine/personality/*.c)
PRELOAD_SRC := $(wildcard preload/*.c)
CLI_SRC    := $(wildcard cli/*.c)

LIB := $(BUILD)/libshmfault.so
CLI := $(BUILD)/shmfault

obj = $(patsubst %.c,$(BUILD)/$(1)/%.o,$(2))

# Quiet output ("  CC  file") unless V=1.
ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2);
endif

.PHONY: all progs check demo install uninstall clean bench fuzz
all: $(LIB) $(CLI)

# The interposer: hidden by default, only the five wrapped symbols exported.
$(BUILD)/lib/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(LIBSAN) -fvisibility=hidden -MMD -MP -c $< -o $@
$(LIB): $(call obj,lib,$(PRELOAD_SRC) $(ENGINE_SRC) $(COMMON_SRC)) preload/exports.map
	$(call say,LD,$@)$(CC) -shared $(LIBSAN) -Wl,--version-script=preload/exports.map -Wl,-z,defs \
	  -o $@ $(filter %.o,$^) -lfiu -ldl -pthread $(LDFLAGS)

$(BUILD)/cli/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAN) -Ikernel -DSHMFAULT_LIBDIR='"$(LIBDIR)"' -MMD -MP -c $< -o $@
# The reaper supervises the kernel backend: the CLI links kernel/'s library.
$(CLI): $(call obj,cli,$(CLI_SRC) $(ENGINE_SRC) $(COMMON_SRC)) $(BUILD)/kernel/libshmkernel.a
	$(call say,LD,$@)$(CC) $(SAN) -o $@ $^ -pthread -ljson-c $(LDFLAGS)

-include $(wildcard $(BUILD)/*/*/*.d $(BUILD)/*/*/*/*.d)

# Parts of the tree: tests, samples, conformance, cases, bench, fuzz, docs.
include $(sort $(wildcard */module.mk))

# Everything the tests need, without running them.
progs: all $(CHECK_DEPS)

# Everything compiled depends on the flags it was compiled with: the stamp
# is rewritten (and so newer) only when they change.
$(call obj,lib,$(PRELOAD_SRC) $(ENGINE_SRC) $(COMMON_SRC)) $(call obj,cli,$(CLI_SRC) $(ENGINE_SRC) $(COMMON_SRC)) $(CHECK_DEPS): $(FLAGS_STAMP)
$(FLAGS_STAMP): FORCE
	@mkdir -p $(dir $@); echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' >$@
FORCE:

check: all $(CHECK_DEPS)
	SHMFAULT_NO_BUILD=1 ./run_all.sh

tsan-check: all $(CHECK_DEPS)
	prove -v tests/preload/t0100-threads.t

demo:
	./scripts/demo.sh

install: all
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(LIBDIR)" "$(DESTDIR)$(MANDIR)/man1"
	install -m 0755 $(CLI) "$(DESTDIR)$(BINDIR)/shmfault"
	install -m 0644 $(LIB) "$(DESTDIR)$(LIBDIR)/libshmfault.so"
	install -m 0644 docs/shmfault.1 "$(DESTDIR)$(MANDIR)/man1/shmfault.1"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/shmfault" "$(DESTDIR)$(LIBDIR)/libshmfault.so" \
	  "$(DESTDIR)$(MANDIR)/man1/shmfault.1"

clean:
	rm -rf $(BUILD)

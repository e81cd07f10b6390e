# fuzz/: libFuzzer targets for everything that reads outside input.
#   make fuzz            build with clang, run each target FUZZ_SECONDS (60)
#   make fuzz-smoke      the same for FUZZ_SMOKE_SECONDS (5) each (CI)
#   make fuzz-build      build only;  make fuzz FUZZ_TARGETS=rules  one target
# Targets: rules (SHMFAULT), limits (SHMFAULT_LIMITS), options (SHMFAULT_OPTIONS), personality
# (SHMFAULT_PERSONALITY, -p), errno (error=), target (the ELF / '#!' check
# of `shmfault run`), state (SHMFAULT_STATE file). Seeds: fuzz/corpus/<t>/;
# what the fuzzer finds goes to build/fuzz/corpus/<t>/, crashes to
# build/fuzz/artifacts/. Each run prints its number of executions.
FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_TARGETS       ?= rules limits personality options errno target state
FUZZ_SAN   := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_FLAGS := -std=c11 -D_GNU_SOURCE -g -O1 $(WARN) -Icommon -Icli $(FUZZ_SAN)
FUZZ_LIBSRC := $(COMMON_SRC) cli/target.c
FUZZ_BINS  := $(patsubst %,$(BUILD)/fuzz/%,$(FUZZ_TARGETS))

.PHONY: fuzz fuzz-smoke fuzz-build
$(BUILD)/fuzz/%: fuzz/%.c fuzz/fuzz.h $(FUZZ_LIBSRC) $(wildcard common/*.h cli/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIBSRC)

fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: $(FUZZ_BINS)
	fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

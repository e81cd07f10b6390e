# samples/module.mk: the seed programs (as written and fixed), the sweep
# fixtures, and two test aids (libsleepgate.so, mkseg).  Included by the top Makefile.
#   make samples                       everything below
#   make build/samples/sweep/careful   one program
# Layout:
#   build/samples/<prog>          samples/seeds/<prog>.c         (as written)
#   build/samples/fixed/<prog>    samples/seeds/fixed/<prog>.c   (corrected)
#   build/samples/sweep/<name>    samples/sweep/<name>.c         (fixtures)
#   build/samples/libsleepgate.so samples/tools/sleepgate.c  (test aid)
#   build/samples/mkseg           samples/tools/mkseg.c      (test aid)
#
# The programs as written must stay as written, so they get relaxed flags
# (SAMPLES_BUGGY_CFLAGS) instead of $(ALL_CFLAGS); -O0 as a blog reader's
# plain "gcc x.c" would (their unsynchronised spin loops, e.g. shmA's
# while(*f==0);, may never end at -O2).
# The samples are targets of LD_PRELOAD=libshmfault.so and their exit class
# (crash, exit status) is the expected result, so $(SAN) is not applied by
# default: ASan refuses to start when another library is preloaded before it
# and turns SIGSEGV into exit 1.  SAMPLES_SAN='$(SAN)' opts in.

SAMPLES_NAMES        := writer reader single st_setting test02 shmA shmB shmwrite shmread
SAMPLES_SWEEP_NAMES  := careful unchecked leaky retry_forever silent attach_many \
                        attach_after_rmid attach_after_rmid_buggy
SAMPLES_BUGGY_CFLAGS ?= -std=gnu11 -O0 -g -w
SAMPLES_SAN          ?=

SAMPLE_BUGGY     := $(addprefix $(BUILD)/samples/,$(SAMPLES_NAMES))
SAMPLE_FIXED     := $(addprefix $(BUILD)/samples/fixed/,$(SAMPLES_NAMES))
SAMPLE_SWEEP     := $(addprefix $(BUILD)/samples/sweep/,$(SAMPLES_SWEEP_NAMES))
SAMPLE_SLEEPGATE := $(BUILD)/samples/libsleepgate.so
SAMPLE_MKSEG     := $(BUILD)/samples/mkseg
SAMPLE_PROGS     := $(SAMPLE_BUGGY) $(SAMPLE_FIXED) $(SAMPLE_SWEEP) $(SAMPLE_SLEEPGATE) $(SAMPLE_MKSEG)

# POSIX shm and mmap samples (samples/posix/, issue 16): seed 004's
# map_write/map_read and the POSIX-shm writer/reader, each buggy (own
# rewrite with the bugs kept: warning-free, so $(ALL_CFLAGS)) and fixed.
SAMPLES_POSIX_NAMES := map_write map_read pshm_writer pshm_reader
SAMPLE_POSIX_BUGGY  := $(addprefix $(BUILD)/samples/posix/,$(SAMPLES_POSIX_NAMES))
SAMPLE_POSIX_FIXED  := $(addprefix $(BUILD)/samples/posix/fixed/,$(SAMPLES_POSIX_NAMES))
SAMPLE_POSIX_RESIZE := $(BUILD)/samples/posix/pshm_resize
SAMPLE_PROGS        += $(SAMPLE_POSIX_BUGGY) $(SAMPLE_POSIX_FIXED) $(SAMPLE_POSIX_RESIZE)

# pshm_resize: correct, but grows its object with a second ftruncate (PM-MC4).
$(SAMPLE_POSIX_RESIZE): samples/posix/pshm_resize.c samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAMPLES_SAN) -o $@ $< $(LDFLAGS)

$(SAMPLE_POSIX_BUGGY): $(BUILD)/samples/posix/%: samples/posix/%.c samples/posix/record.h samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAMPLES_SAN) -O0 -o $@ $< $(LDFLAGS)

$(SAMPLE_POSIX_FIXED): $(BUILD)/samples/posix/fixed/%: samples/posix/fixed/%.c samples/posix/fixed/common.h \
		samples/posix/record.h samples/sweep/diag.h samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAMPLES_SAN) -o $@ $< $(LDFLAGS)

.PHONY: samples
samples: $(SAMPLE_PROGS)

$(SAMPLE_BUGGY): $(BUILD)/samples/%: samples/seeds/%.c samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(SAMPLES_BUGGY_CFLAGS) -o $@ $< $(LDFLAGS)

$(SAMPLE_FIXED): $(BUILD)/samples/fixed/%: samples/seeds/fixed/%.c samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAMPLES_SAN) -MMD -MP -o $@ $< $(LDFLAGS)

$(SAMPLE_SWEEP): $(BUILD)/samples/sweep/%: samples/sweep/%.c samples/sweep/diag.h samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAMPLES_SAN) -MMD -MP -o $@ $< $(LDFLAGS)

$(SAMPLE_SLEEPGATE): samples/tools/sleepgate.c samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -shared -o $@ $< $(LDFLAGS)

$(SAMPLE_MKSEG): samples/tools/mkseg.c samples/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS)

CHECK_DEPS += $(SAMPLE_PROGS)

# RTLD_DEEPBIND module and host (issue 13): rules in their own file.
include samples/deepbind/deepbind.mk

# samples/reach/: targets the kernel backend reaches and LD_PRELOAD does not
# (tests/kernel/).  reach-raw: inline syscall; reach-static, reach-mt: -static;
# ownfilter: installs its own seccomp filter.  goshm.go is built by its test.
REACH_PROGS := $(addprefix $(BUILD)/samples/reach/,reach-raw reach-static reach-mt ownfilter)
$(BUILD)/samples/reach/reach-raw: samples/reach/reach.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -DREACH_RAW -o $@ $< $(LDFLAGS)
$(BUILD)/samples/reach/reach-static: samples/reach/reach.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -static -o $@ $< $(LDFLAGS)
$(BUILD)/samples/reach/reach-mt: samples/reach/mt.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -static -pthread -o $@ $< $(LDFLAGS)
$(BUILD)/samples/reach/ownfilter: samples/reach/ownfilter.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS)
# attach_many built -static: AIX's 12th attach (AX1) under the kernel
# backend (tests/backend/).
REACH_PROGS += $(BUILD)/samples/reach/attach_many-static
$(BUILD)/samples/reach/attach_many-static: samples/sweep/attach_many.c samples/sweep/diag.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -static -o $@ $< $(LDFLAGS)
CHECK_DEPS += $(REACH_PROGS)

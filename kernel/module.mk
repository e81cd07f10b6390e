# kernel/: the kernel backend (seccomp user notification), a library the
# CLI's reaper will link, plus its test driver.  Included by the top Makefile.
#   build/kernel/libshmkernel.a   filter, decode, procview, supervisor
#   build/kernel/kernsup          the test driver (kernel/tool/)
#   build/kernel/kfcheck          the filter on made-up data (kernel/check/)
# The library needs common/calls.c for call names; the driver also
# common/errnos.c.  Both are built here from their own object copies so
# this module does not depend on how the CLI's objects are laid out.
KERNEL_SRC   := $(wildcard kernel/*.c)
KERNEL_LIB   := $(BUILD)/kernel/libshmkernel.a
KERNEL_TOOL  := $(BUILD)/kernel/kernsup
KERNEL_OBJS  := $(patsubst %.c,$(BUILD)/kernel/%.o,$(KERNEL_SRC) common/calls.c)
KERNSUP_OBJS := $(patsubst %.c,$(BUILD)/kernel/%.o,$(wildcard kernel/tool/*.c) common/errnos.c common/pshm_errnos.c)

$(BUILD)/kernel/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAN) -Ikernel -MMD -MP -c $< -o $@

$(KERNEL_LIB): $(KERNEL_OBJS)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $(filter %.o,$^)

$(KERNEL_TOOL): $(KERNSUP_OBJS) $(KERNEL_LIB)
	$(call say,LD,$@)$(CC) $(SAN) -o $@ $(filter %.o %.a,$^) $(LDFLAGS)

# kfcheck: the filter and decoder on made-up i386/x32 data (tests/kernel/t0070).
KFCHECK := $(BUILD)/kernel/kfcheck
$(KFCHECK): $(BUILD)/kernel/kernel/check/kfcheck.o $(KERNEL_LIB)
	$(call say,LD,$@)$(CC) $(SAN) -o $@ $(filter %.o %.a,$^) $(LDFLAGS)

$(KERNEL_OBJS) $(KERNSUP_OBJS) $(BUILD)/kernel/kernel/check/kfcheck.o: $(FLAGS_STAMP)
CHECK_DEPS += $(KERNEL_LIB) $(KERNEL_TOOL) $(KFCHECK)
-include $(wildcard $(BUILD)/kernel/*/*.d $(BUILD)/kernel/*/*/*.d)

# make bench-kernel: bench/kernel.sh (per-call costs of the kernel backend
# against native and strace; not part of make check).
.PHONY: bench-kernel
bench-kernel: $(KERNEL_TOOL) $(LIB) $(BUILD)/bench/kloop $(BUILD)/bench/floop
	sh bench/kernel.sh $(BENCH_ARGS)
$(BUILD)/bench/kloop: bench/kloop.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS)
# floop: the seccomp filter's own cost per system call (no filter, a
# pass-all filter, ours), in alternating children; docs/performance.md.
$(BUILD)/bench/floop: bench/floop.c kernel/filter.c kernel/filter.h common/shmmark.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -Ikernel -o $@ bench/floop.c kernel/filter.c $(LDFLAGS) -pthread

# tests/: helper programs for the TAP tests in tests/<suite>/*.t
# Every tests/*.c is a helper program built to build/tests/NAME.
TEST_PROGS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/*.c))
CHECK_DEPS += $(TEST_PROGS)

$(BUILD)/tests/%: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< -pthread $(LDFLAGS)

# A statically linked program: the CLI must refuse it (LD_PRELOAD cannot reach it).
$(BUILD)/tests/probe-static: tests/probe.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -static -o $@ $< $(LDFLAGS)
CHECK_DEPS += $(BUILD)/tests/probe-static

# Unit programs: a part of the product linked alone (tests/unit/NAME.c).
# plan-test: the sweep's plan (cli/sweep_plan.c), records in, cases out.
UNIT_PROGS := $(BUILD)/tests/unit/plan-test
CHECK_DEPS += $(UNIT_PROGS)
$(BUILD)/tests/unit/plan-test: tests/unit/plan-test.c $(BUILD)/cli/cli/sweep_plan.o $(call obj,cli,$(COMMON_SRC))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Icli -o $@ $< $(filter %.o,$^) -pthread $(LDFLAGS)

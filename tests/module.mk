# tests/: helper programs for the TAP tests in tests/<suite>/*.t
# Every tests/helpers/*.c is a helper program built to build/tests/NAME.
TEST_PROGS := $(patsubst tests/helpers/%.c,$(BUILD)/tests/%,$(wildcard tests/helpers/*.c))
CHECK_DEPS += $(TEST_PROGS)

$(BUILD)/tests/%: tests/helpers/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< -pthread $(LDFLAGS)

# A statically linked program: the CLI must refuse it (LD_PRELOAD cannot reach it).
$(BUILD)/tests/probe-static: tests/helpers/probe.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -static -o $@ $< $(LDFLAGS)
CHECK_DEPS += $(BUILD)/tests/probe-static

# The decision engine used as a library: engine/ and common/ linked
# directly, no interposer (tests/engine/).
$(BUILD)/tests/engine_probe: tests/helpers/engine_probe.c $(ENGINE_SRC) $(COMMON_SRC) $(wildcard engine/*.h engine/personality/*.h common/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(filter %.c,$^) -pthread $(LDFLAGS)

# Unit programs: a part of the product linked alone (tests/unit/NAME.c).
# plan-test: the sweep's plan (cli/sweep_plan.c), records in, cases out.
UNIT_PROGS := $(BUILD)/tests/unit/plan-test
CHECK_DEPS += $(UNIT_PROGS)
$(BUILD)/tests/unit/plan-test: tests/unit/plan-test.c $(BUILD)/cli/cli/sweep_plan.o $(call obj,cli,$(COMMON_SRC))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Icli -o $@ $< $(filter %.o,$^) -pthread $(LDFLAGS)

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

# The decision engine used as a library: engine/ and common/ linked
# directly, no interposer (tests/engine/).
$(BUILD)/tests/engine_probe: tests/engine_probe.c $(ENGINE_SRC) $(COMMON_SRC) $(wildcard engine/*.h engine/personality/*.h common/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(filter %.c,$^) -pthread $(LDFLAGS)

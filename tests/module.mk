# tests/: helper programs for the TAP tests in tests/<suite>/*.t
TEST_PROGS := $(BUILD)/tests/probe $(BUILD)/tests/threads
CHECK_DEPS += $(TEST_PROGS)

$(BUILD)/tests/%: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< -pthread $(LDFLAGS)

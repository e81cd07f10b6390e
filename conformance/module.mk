# conformance/: portable TAP programs checking shmget/shmat/shmdt/shmctl/ftok
# against expected/<platform>.tsv (see conformance/README.md).
# Built into build/conformance/<prog>; the standalone conformance/Makefile
# builds the same programs on any Unix without GNU make.

CONF_PROGS := shmget shmat shmctl rmid ftok lifecycle limits inject pshm_open pshm_map
CONF_BINS  := $(addprefix $(BUILD)/conformance/,$(CONF_PROGS))
CONF_DEFS  := -DCONF_EXPECTED_DIR='"$(CURDIR)/expected"' \
              -DCONF_LIBSHMFAULT='"$(CURDIR)/$(BUILD)/libshmfault.so"'

$(CONF_BINS): $(BUILD)/conformance/%: conformance/%.c conformance/conf.h conformance/pshm.h common/tap.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAN) $(CONF_DEFS) -o $@ $< $(LDFLAGS)

.PHONY: conformance conformance-coverage
conformance: $(CONF_BINS)
	prove conformance/t/

# docs/conformance.md from the COVER markers and expected/*.tsv
conformance-coverage:
	conformance/gen-coverage.sh >docs/conformance.md

CHECK_DEPS += $(CONF_BINS)

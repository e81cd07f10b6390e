# samples/deepbind/: a module opened with dlopen(RTLD_DEEPBIND) (as PHP opens
# its extensions) and its host; included by samples/module.mk.
#   build/samples/deepbind/libdeepmod.so      lazy PLT (the toolchain's default)
#   build/samples/deepbind/libdeepmod-now.so  the same, linked -z now
#   build/samples/deepbind/deephost           deephost [-l] [-d] [-m MODULE]
DEEPBIND_DIR   := $(BUILD)/samples/deepbind
DEEPBIND_PROGS := $(DEEPBIND_DIR)/libdeepmod.so $(DEEPBIND_DIR)/libdeepmod-now.so $(DEEPBIND_DIR)/deephost

$(DEEPBIND_DIR)/libdeepmod.so: samples/deepbind/deepmod.c samples/sweep/diag.h samples/deepbind/deepbind.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -fvisibility=hidden -shared -Wl,-z,lazy -o $@ $< $(LDFLAGS)
$(DEEPBIND_DIR)/libdeepmod-now.so: samples/deepbind/deepmod.c samples/sweep/diag.h samples/deepbind/deepbind.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -fvisibility=hidden -shared -Wl,-z,now -o $@ $< $(LDFLAGS)
$(DEEPBIND_DIR)/deephost: samples/deepbind/deephost.c samples/sweep/diag.h samples/deepbind/deepbind.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(SAMPLES_SAN) -o $@ $< -ldl $(LDFLAGS)

samples: $(DEEPBIND_PROGS)
CHECK_DEPS += $(DEEPBIND_PROGS)

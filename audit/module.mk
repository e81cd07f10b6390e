# audit/: build/libshmfault-audit.so, the rtld-audit(7) module the CLI puts
# in LD_AUDIT next to LD_PRELOAD, so RTLD_DEEPBIND modules bind the five shm
# calls to the interposer (docs/backends.md).
# No sanitizer: the module runs inside the loader's audit namespace, where a
# sanitizer runtime would be a second copy loaded before the program's; it
# calls no library function, so there is little for one to check.
AUDIT_SRC := $(wildcard audit/*.c)
AUDIT_LIB := $(BUILD)/libshmfault-audit.so

all: $(AUDIT_LIB)

$(BUILD)/audit/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -fvisibility=hidden -MMD -MP -c $< -o $@
$(AUDIT_LIB): $(call obj,audit,$(AUDIT_SRC)) audit/exports.map
	$(call say,LD,$@)$(CC) -shared -Wl,--version-script=audit/exports.map -Wl,-z,defs -Wl,-z,now \
	  -o $@ $(filter %.o,$^) $(LDFLAGS)
$(call obj,audit,$(AUDIT_SRC)): $(FLAGS_STAMP)
CHECK_DEPS += $(AUDIT_LIB)

# make install / uninstall: next to libshmfault.so, where the CLI looks.
.PHONY: install-audit uninstall-audit
install: install-audit
uninstall: uninstall-audit
install-audit: $(AUDIT_LIB)
	install -d "$(DESTDIR)$(LIBDIR)"
	install -m 0644 $(AUDIT_LIB) "$(DESTDIR)$(LIBDIR)/libshmfault-audit.so"
uninstall-audit:
	rm -f "$(DESTDIR)$(LIBDIR)/libshmfault-audit.so"

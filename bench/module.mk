# bench/: benchmarks (docs/performance.md).  Included by the top Makefile.
#   make bench         build what it needs, run bench/run.pl (about 8 minutes),
#                      write build/bench/results.md
#   make bench-quick   the same with few rounds and short loops (a smoke run)
# Not part of `make check`: nothing here is in CHECK_DEPS, and no test
# asserts a time.
BENCH_PROGS := $(BUILD)/bench/shmloop $(BUILD)/bench/spawn

$(BENCH_PROGS): $(BUILD)/bench/%: bench/%.c bench/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS)

.PHONY: bench-quick
bench: progs $(BENCH_PROGS)
	perl bench/run.pl $(BENCH_ARGS)

bench-quick: progs $(BENCH_PROGS)
	perl bench/run.pl --quick $(BENCH_ARGS)

# callpath: the path from a program to the `syscall` instruction (x86-64;
# docs/performance-history.md "The real call"): make build/bench/callpath
$(BUILD)/bench/libcallpath.so: bench/callpath_so.c common/shmmark.h bench/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -shared -o $@ $< $(LDFLAGS)
$(BUILD)/bench/callpath: bench/callpath.c $(BUILD)/bench/libcallpath.so common/shmmark.h
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -o $@ $< -L$(BUILD)/bench -lcallpath -Wl,-rpath,'$$ORIGIN' $(LDFLAGS)

# pagetouch: what a page touched after a system call costs (the TLB refill
# after PTI's flush; docs/performance.md "Where the time goes"):
# make build/bench/pagetouch
$(BUILD)/bench/pagetouch: bench/pagetouch.c bench/module.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS)

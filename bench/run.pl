#!/usr/bin/perl
# bench/run.pl: shmfault's benchmarks in one invocation (`make bench`).
#   perl bench/run.pl [--quick] [--only=percall,sweep,runall]
# Every figure is measured in rounds; each round runs every variant once, in
# an order rotated by one each round (A B C, B C A, C A B, ...), so slow
# drifts of the machine hit every variant alike. A variant's ratio is taken
# against native *in the same round*; the table gives the median, minimum and
# maximum of those ratios over the rounds. Results: stdout and
# build/bench/results.md.
#
# Environment (defaults in brackets):
#   BENCH_ROUNDS [11]        rounds of the per-call figures
#   BENCH_N_SHMAT [20000]    shmat+shmdt iterations per run (strace: BENCH_N_STRACE_SHMAT [1000])
#   BENCH_N_SHMGET [200000]  shmget+shmctl iterations per run (strace: BENCH_N_STRACE_SHMGET [4000])
#   BENCH_SWEEP_ROUNDS [7]   rounds of the sweep figures
#   BENCH_RUNALL_ROUNDS [3]  runs of run_all.sh (each killed after BENCH_RUNALL_TIMEOUT [300] s)
#   BENCH_CPU []             pin every command to this CPU list with taskset (default: not pinned)
#   BENCH_METRIC [min]       a run's figure: the fastest of its loop's 100 timed blocks
#                            (median: the median block; mean: the whole loop). The
#                            machine may be shared: a block during which another
#                            process had the CPU is slower, never faster.
#   BENCH_SWEEP_SAMPLE [build/samples/sweep/careful]
#   BENCH_VARIANTS []        only the per-call variants whose id matches this regex
#                            (e.g. '^(aix|run_aix)$'; native always runs)
# Each per-call run happens in a private IPC namespace (unshare -i).
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use POSIX qw(WIFEXITED WEXITSTATUS);
use Time::HiRes qw(time);

$| = 1;

my $root = abs_path(dirname(abs_path($0)) . '/..');
chdir $root or die "bench: cannot cd to $root: $!\n";

my %only;
my $quick = 0;
for (@ARGV) {
	if ($_ eq '--quick') { $quick = 1 }
	elsif (/^--only=(.*)$/) { $only{$_} = 1 for split /,/, $1 }
	elsif ($_ eq '-h' || $_ eq '--help') { system('sed', '-n', '2,21p', $0); exit 0 }
	else { die "bench: unknown argument '$_'\n" }
}
%only = (percall => 1, sweep => 1, runall => 1) unless %only;

sub envn { my ($k, $d) = @_; my $v = $ENV{$k}; return defined $v && $v ne '' ? $v : $d }
my $ROUNDS       = envn('BENCH_ROUNDS', $quick ? 3 : 11);
my $N_SHMAT      = envn('BENCH_N_SHMAT', $quick ? 10000 : 20000);
my $N_SHMGET     = envn('BENCH_N_SHMGET', $quick ? 60000 : 200000);
my $NS_SHMAT     = envn('BENCH_N_STRACE_SHMAT', $quick ? 200 : 1000);
my $NS_SHMGET    = envn('BENCH_N_STRACE_SHMGET', $quick ? 400 : 4000);
my $SWEEP_ROUNDS = envn('BENCH_SWEEP_ROUNDS', $quick ? 1 : 7);
my $RUNALL_ROUNDS = envn('BENCH_RUNALL_ROUNDS', $quick ? 1 : 3);
my $RUNALL_TIMEOUT = envn('BENCH_RUNALL_TIMEOUT', 300);
my $CPU          = envn('BENCH_CPU', '');
my $SAMPLE       = envn('BENCH_SWEEP_SAMPLE', 'build/samples/sweep/careful');
my $METRIC       = envn('BENCH_METRIC', 'min');
my $VARIANTS     = envn('BENCH_VARIANTS', '');    # a regex on the per-call variants' ids (native always runs)
die "bench: BENCH_METRIC must be median, min or mean\n" unless $METRIC =~ /^(median|min|mean)$/;
my $MDESC = { median => 'median of its 100 blocks', min => 'fastest of its 100 blocks', mean => 'whole-loop mean' }->{$METRIC};
my $NPROC        = `nproc` + 0 || 1;

my $B    = "$root/build";
my $LOOP = "$B/bench/shmloop";
my $LIB  = "$B/libshmfault.so";
my $CLI  = "$B/shmfault";
-x $LOOP or die "bench: $LOOP missing (make bench builds it)\n";
my $tmp = tempdir('shmfault-bench.XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $shm = -d '/dev/shm' ? tempdir('shmfault-bench.XXXXXX', DIR => '/dev/shm', CLEANUP => 1) : undef;
my @pin = $CPU ne '' ? ('taskset', '-c', $CPU) : ();
my $NA = 'n/a (not available)';

sub have { my $p = shift; return system("command -v $p >/dev/null 2>&1") == 0 }

# Run a command (array), return (exit status, stdout, stderr, seconds).
sub run_cmd {
	my ($cmd, %o) = @_;
	my $out = "$tmp/out"; my $err = "$tmp/err";
	my $t0 = time;
	my $pid = fork // die "bench: fork: $!\n";
	if (!$pid) {
		open STDIN, '<', '/dev/null';
		open STDOUT, '>', $out or die;
		open STDERR, '>', $err or die;
		$ENV{$_} = $o{env}{$_} for keys %{ $o{env} || {} };
		# A shell starts background jobs with SIGINT and SIGQUIT ignored, and
		# exec keeps that: the tests that interrupt a sweep need them back.
		$SIG{$_} = 'DEFAULT' for qw(INT QUIT);
		exec @pin, @$cmd or exit 127;
	}
	waitpid $pid, 0;
	my $st = $?;
	my $dt = time - $t0;
	local $/;
	open my $fo, '<', $out; my $so = <$fo> // ''; close $fo;
	open my $fe, '<', $err; my $se = <$fe> // ''; close $fe;
	my $rc = WIFEXITED($st) ? WEXITSTATUS($st) : 128 + ($st & 127);
	return ($rc, $so, $se, $dt);
}

sub median {
	my @s = sort { $a <=> $b } @_;
	return undef unless @s;
	return @s % 2 ? $s[$#s / 2] : ($s[@s / 2 - 1] + $s[@s / 2]) / 2;
}
sub mmm { my @v = grep { defined } @_; return @v ? (median(@v), (sort { $a <=> $b } @v)[0, -1]) : () }
sub fx { my ($v, $d) = @_; return defined $v ? sprintf("%.${d}f", $v) : '-' }
sub trio { my ($d, @v) = @_; my @m = mmm(@v); return @m ? join(' / ', map { fx($_, $d) } @m) : $NA }

my @md;    # the Markdown report
sub say_md { my $l = shift; print "$l\n"; push @md, $l }

# ---------------------------------------------------------------- machine
sub machine {
	my %l = map { /^([^:]+):\s*(.*?)\s*$/ ? ($1, $2) : () } `lscpu 2>/dev/null`;
	my $model = ($l{'Model name'} // 'unknown') . (defined $l{'CPU family'} ? " (family $l{'CPU family'} model $l{Model})" : '')
	    . ($l{'Hypervisor vendor'} ? ", $l{'Hypervisor vendor'} guest" : '');
	my $kernel = `uname -r`; chomp $kernel;
	my ($glibc) = `ldd --version 2>&1`; chomp $glibc if $glibc;
	my ($cc) = `cc --version 2>&1`; chomp $cc if $cc;
	my ($st) = `strace -V 2>&1`; chomp $st if $st;
	return ($model, $NPROC, $kernel, $glibc // '?', $cc // '?', $st // 'none');
}

# ---------------------------------------------------------------- per-call
# A variant: name, how it is run (env for shmloop, or a wrapper command),
# the iterations to ask for, how many failed iterations it must report, and
# its target (at most this many times native; undef: none).
sub fault_at { my ($mode, $n) = @_; my $w = int($n / 10) || 1; return ($mode eq 'shmget' ? 1 : 0) + $w + int($n / 2) }
sub iters { my $n = shift; return $n + (int($n / 10) || 1) }    # the warm-up runs too

# The personalities, from their table (common/personalities.c).
sub personalities {
	open my $f, '<', "$root/common/personalities.c" or return ();
	my @p = map { /^\s*P\("([a-z0-9-]+)"/ ? $1 : () } <$f>;
	return @p;
}

sub variants {
	my $mode = shift;
	my $N  = $mode eq 'shmat' ? $N_SHMAT : $N_SHMGET;
	my $NS = $mode eq 'shmat' ? $NS_SHMAT : $NS_SHMGET;
	my ($c1, $c2) = $mode eq 'shmat' ? ('shmat', 'shmdt') : ('shmget', 'shmctl');
	my $never = fault_at($mode, $N) + 10 * $N;  # past every call the run makes
	my @v = (
		{ id => 'native', label => 'native', n => $N },
		{ id => 'preload', label => 'libshmfault, no rules (LD_PRELOAD only)', n => $N, target => 1.03,
		  env => { LD_PRELOAD => $LIB } },
		{ id => 'never', label => "libshmfault, rule \`$c1:error=EACCES:when=$never\` (never fires)", n => $N,
		  env => { LD_PRELOAD => $LIB, SHMFAULT => "$c1:error=EACCES:when=$never" } },
		{ id => 'inject', label => "libshmfault injecting one fault (\`$c1:error=EACCES:when=K\`)", n => $N, fails => 1,
		  env => { LD_PRELOAD => $LIB, SHMFAULT => "$c1:error=EACCES:when=" . fault_at($mode, $N) } },
		{ id => 'aix', label => 'libshmfault alone, `SHMFAULT_PERSONALITY=aix` (no state file: asks the kernel)', n => $N,
		  env => { LD_PRELOAD => $LIB, SHMFAULT_PERSONALITY => 'aix' } },
		# The CLI with nothing to simulate: the reference of each personality's
		# own cost (the same preload, state file and bypass-detection filter).
		{ id => 'run_none', label => '`shmfault run`, no personality, no rules (the CLI alone: its filter, state file, library)',
		  n => $N, run => [] },
		(map { { id => "run_$_", label => "`shmfault run -p $_`", n => $N, run => ['-p', $_], target => 1.05, pers => 1 } }
		    personalities()),
		{ id => 'log', label => 'libshmfault, log on (`SHMFAULT_LOG`, file in $TMPDIR or /tmp)', n => $N, log => "$tmp/log.jsonl",
		  target => 1.5, env => { LD_PRELOAD => $LIB, SHMFAULT_LOG => "$tmp/log.jsonl" } },
		{ id => 'log_run', label => '`shmfault run --log` (the log through the CLI\'s spool; file in $TMPDIR or /tmp)', n => $N,
		  target => 1.5, log => "$tmp/log-run.jsonl", run => ['--log', "$tmp/log-run.jsonl"] },
		($shm ? { id => 'log_shm', label => 'libshmfault, log on, file on tmpfs (/dev/shm)', n => $N, log => "$shm/log.jsonl",
		  env => { LD_PRELOAD => $LIB, SHMFAULT_LOG => "$shm/log.jsonl" } } : ()),
		{ id => 'strace_inject', label => "strace -f -e inject=$c1:error=EACCES:when=K (same one fault)", n => $NS, fails => 1,
		  wrap => ['strace', '-f', '-o', '/dev/null', "-e", "inject=$c1:error=EACCES:when=" . fault_at($mode, $NS)] },
		{ id => 'strace_seccomp', label => "strace -f --seccomp-bpf -e trace=$c1,$c2", n => $NS,
		  wrap => ['strace', '-f', '--seccomp-bpf', '-o', '/dev/null', '-e', "trace=$c1,$c2"] },
	);
	# (an empty pattern would mean Perl's last successful match, not all)
	return grep { $_->{id} eq 'native' || $VARIANTS eq '' || $_->{id} =~ /$VARIANTS/ } @v;
}

sub loop_cmd {
	my ($v, $mode, $n, @inner) = @_;
	my @env = map { "$_=$v->{env}{$_}" } sort keys %{ $v->{env} || {} };
	return [$CLI, 'run', '-q', @{ $v->{run} }, '--', @inner, $LOOP, $mode, $n] if $v->{run};
	return ['unshare', '-i', @{ $v->{wrap} || [] }, @inner, (@env ? ('/usr/bin/env', @env) : ()), $LOOP, $mode, $n];
}

# One run: {ns => the metric, mean => whole-loop mean, wall, cpu => seconds
# of the whole process}, or (undef, reason).
sub loop_once {
	my ($v, $mode, $n) = @_;
	$n //= $v->{n};
	unlink $v->{log} if $v->{log};
	my ($rc, $so, $se, $dt) = run_cmd(loop_cmd($v, $mode, $n));
	return (undef, "exit $rc: " . ((split /\n/, $se)[0] // '')) if $rc != 0;
	my ($m, $nn, $mean, $failed, $med, $min, $cpu_us) = split ' ', $so;
	return (undef, "unexpected output '$so'") unless defined $cpu_us;
	my $want = $v->{fails} // 0;
	return (undef, "$failed iterations failed, expected $want") if $failed != $want && $n > 1;
	if ($v->{log}) {
		my $lines = 0;
		if (open my $f, '<', $v->{log}) { $lines++ while <$f>; close $f }
		unlink $v->{log};
		return (undef, "log has $lines records for $nn iterations") if $lines < 2 * $nn;
	}
	# CPU: the program's own getrusage (microseconds); times() counts in
	# clock ticks (10 ms), too coarse for a 0.1 s run.
	return { ns => $METRIC eq 'mean' ? $mean : $METRIC eq 'min' ? $min : $med, mean => $mean, wall => $dt, cpu => $cpu_us / 1e6 };
}

# System calls per iteration, counted: strace -c -f of N and 2N iterations,
# the difference over the iterations added (start-up and exit cancel out).
sub syscalls {
	my ($v, $mode) = @_;
	return undef if $v->{wrap} || !have('strace');
	my $n = $mode eq 'shmat' ? 500 : 2000;
	my @t;
	for my $k ($n, 2 * $n) {
		unlink $v->{log} if $v->{log};
		my ($rc) = run_cmd(loop_cmd($v, $mode, $k, 'strace', '-f', '-qq', '-c', '-o', "$tmp/sc.$k"));
		return undef if $rc;
		open my $f, '<', "$tmp/sc.$k" or return undef;
		my ($tot) = map { /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?total$/ ? $1 : () } <$f>;
		return undef unless defined $tot;
		push @t, $tot;
	}
	return ($t[1] - $t[0]) / (iters(2 * $n) - iters($n));
}

sub quart {
	my @s = sort { $a <=> $b } grep { defined } @_;
	return () unless @s;
	return (median(@s), $s[int(0.25 * $#s)], $s[int(0.75 * $#s + 0.999)]);
}
sub mq { my ($d, @v) = @_; my @q = quart(@v); return @q ? sprintf('%s [%s, %s]', map { fx($_, $d) } @q) : '-' }

# The verdict of a variant against its target, from pairs of runs: the
# in-process ratio (whole-loop means) and the whole process's wall and CPU
# ratios (start-up subtracted) must each spread (interquartile) by at most
# $NOISY and agree within their spread; then the larger median decides.
my $NOISY = 0.10;
sub verdict {
	my ($lim, $r) = @_;
	my %q = map { $_ => [quart(@{ $r->{$_} || [] })] } qw(mean wall cpu);
	return 'n/a' if grep { !@{ $q{$_} } } keys %q;
	my @noisy = grep { $q{$_}[2] - $q{$_}[1] > $NOISY } sort keys %q;
	return 'noisy: no verdict (' . join(', ', @noisy) . ' spread > ' . $NOISY . ')' if @noisy;
	my @m = map { $q{$_}[0] } qw(mean wall cpu);
	my ($lo, $hi) = (sort { $a <=> $b } @m)[0, -1];
	my $tol = 0.03;
	$tol = ($q{$_}[2] - $q{$_}[1]) / 2 + 0.02 > $tol ? ($q{$_}[2] - $q{$_}[1]) / 2 + 0.02 : $tol for keys %q;
	return sprintf('figures disagree (%.3f-%.3f): no verdict', $lo, $hi) if $hi - $lo > $tol;
	return $hi <= $lim ? 'yes' : 'NO';
}

sub percall {
	my (%r, %avail, %sc, %ns, %nat_ns);
	for my $mode (qw(shmat shmget)) {
		for my $v (variants($mode)) {
			my $why;
			if ($v->{env} && !-e $LIB) { $why = "$LIB missing" }
			elsif ($v->{run} && !-x $CLI) { $why = "$CLI missing" }
			elsif ($v->{wrap} && !have('strace')) { $why = 'strace not installed' }
			else {
				my ($x, $e) = loop_once($v, $mode, 1);
				$why = $e unless $x;
			}
			$avail{$mode}{ $v->{id} } = $why if $why;
			$sc{$mode}{ $v->{id} } = syscalls($v, $mode) unless $why;
			printf STDERR "bench: %-6s %-15s %s\n", $mode, $v->{id}, $why ? "not available: $why" : 'ok';
		}
	}
	for my $rd (1 .. $ROUNDS) {
		printf STDERR "bench: per-call round %d/%d\n", $rd, $ROUNDS;
		for my $mode (qw(shmat shmget)) {
			my ($nat) = grep { $_->{id} eq 'native' } variants($mode);
			my @v = grep { !$avail{$mode}{ $_->{id} } && $_->{id} ne 'native' } variants($mode);
			my ($ref) = grep { $_->{id} eq 'run_none' } @v;
			my $k = ($rd - 1) % @v;
			my $i = 0;
			for my $v (@v[$k .. $#v], @v[0 .. $k - 1]) {
				# A pair, in alternating order, and each one's start-up (1 iteration);
				# a personality's is a triple with the CLI alone, in a rotating order.
				my @who = ($rd + $i) % 2 ? ($nat, $v) : ($v, $nat);
				if ($v->{pers} && $ref) {
					my @t = ($nat, $ref, $v);
					my $o = ($rd + $i) % 3;
					@who = (@t[$o .. 2], @t[0 .. $o - 1]);
				}
				$i++;
				my %x;
				for my $w (@who) {
					my ($y, $e) = loop_once($w, $mode, $v->{n});
					my ($y1) = loop_once($w, $mode, 1);
					print STDERR "bench: $mode $w->{id}: $e\n" if !$y;
					$x{ $w->{id} } = $y && $y1 ? { %$y, wall1 => $y1->{wall}, cpu1 => $y1->{cpu} } : undef;
				}
				my ($a, $b) = ($x{ $v->{id} }, $x{native});
				next unless $a && $b;
				my $R = $r{$mode}{ $v->{id} } //= {};
				push @{ $R->{mean} }, $a->{mean} / $b->{mean};
				push @{ $R->{block} }, $a->{ns} / $b->{ns};
				for my $t (qw(wall cpu)) {
					my ($d, $dn) = ($a->{$t} - $a->{"${t}1"}, $b->{$t} - $b->{"${t}1"});
					push @{ $R->{$t} }, $dn > 0 ? $d / $dn : undef;
				}
				# The personality's own cost: against the CLI alone, same round.
				if ($v->{pers} && $ref && (my $c = $x{run_none})) {
					push @{ $R->{own}{mean} }, $a->{mean} / $c->{mean};
					for my $t (qw(wall cpu)) {
						my ($d, $dc) = ($a->{$t} - $a->{"${t}1"}, $c->{$t} - $c->{"${t}1"});
						push @{ $R->{own}{$t} }, $dc > 0 ? $d / $dc : undef;
					}
				}
				push @{ $ns{$mode}{ $v->{id} } }, $a->{mean};
				push @{ $nat_ns{$mode} }, $b->{mean} if $v->{n} == $nat->{n};
			}
		}
	}
	percall_tables(\%r, \%avail, \%sc, \%ns, \%nat_ns);
	return \%r, \%avail;
}

sub percall_tables {
	my ($r, $avail, $sc, $ns, $nat_ns) = @_;
	for my $mode (qw(shmat shmget)) {
		my ($desc, $N, $NS) = $mode eq 'shmat'
		    ? ('shmat+shmdt loop', $N_SHMAT, $NS_SHMAT)
		    : ('shmget+shmctl(IPC_STAT) loop', $N_SHMGET, $NS_SHMGET);
		say_md('');
		say_md("### Per call: $desc ($N iterations per run, strace rows $NS; $ROUNDS pairs with native per variant)");
		say_md('');
		say_md('Ratios to native, from each pair: median [interquartile range]. In-process: the loop\'s own clock, whole-loop mean '
		    . "($MDESC in its own column). Whole process: wall and CPU (user+system) of the same runs, each minus the same "
		    . 'variant\'s 1-iteration run (start-up); CPU is the program\'s own (getrusage), so a wrapper\'s (the CLI\'s, strace\'s) is not in it. '
		    . 'System calls per iteration: strace -c -f of N and 2N iterations, the difference, counted.');
		say_md('');
		say_md('A personality\'s **own cost** is its ratio to `shmfault run` with no personality in the same round (a triple: native, '
		    . 'the CLI alone, the personality), medians of in-process / wall / CPU: what simulating the platform adds to the CLI, '
		    . 'whose own cost (the bypass-detection filter above all: docs/performance.md) is the CLI-alone row\'s ratio to native.');
		say_md('');
		say_md("| variant | syscalls / iteration | ns/iteration (whole-loop mean, median) | in-process | $MDESC | whole process, wall | whole process, CPU | target: verdict | own cost (vs the CLI alone) | own cost <= 1.05x |");
		say_md('|---|---:|---:|---:|---:|---:|---:|---|---:|---|');
		for my $v (variants($mode)) {
			my $id = $v->{id};
			my $label = $v->{label} =~ s/when=K/when=@{[fault_at($mode, $v->{n})]}/r;
			if ($avail->{$mode}{$id}) { say_md("| $label | $NA | | | | | | | | |"); next }
			my $s = defined $sc->{$mode}{$id} ? fx($sc->{$mode}{$id}, 2) : '-';
			if ($id eq 'native') {
				say_md(sprintf '| native | %s | %s | 1 | 1 | 1 | 1 | | | |', $s, fx(median(@{ $nat_ns->{$mode} || [] }), 0));
				next;
			}
			my $R = $r->{$mode}{$id} || {};
			my $d = $id =~ /^strace/ ? 1 : 3;
			my $O = $R->{own};
			say_md(sprintf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', $label, $s, fx(median(@{ $ns->{$mode}{$id} || [] }), 0),
			    mq($d, @{ $R->{mean} || [] }), mq($d, @{ $R->{block} || [] }), mq($d, @{ $R->{wall} || [] }),
			    mq($d, @{ $R->{cpu} || [] }), $v->{target} ? "<= $v->{target}x: " . verdict($v->{target}, $R) : '',
			    $O ? join(' / ', map { fx(median(grep { defined } @{ $O->{$_} || [] }), 3) } qw(mean wall cpu)) : '',
			    $O ? verdict(1.05, $O) : '');
		}
		# strace injecting one fault against libshmfault injecting the same fault.
		my ($si, $li) = ($r->{$mode}{strace_inject}, $r->{$mode}{inject});
		if ($si && $li) {
			my %f = map { my $t = $_; $t => [quart(@{ $si->{$t} || [] })] } qw(mean block);
			my %g = map { my $t = $_; $t => [quart(@{ $li->{$t} || [] })] } qw(mean block);
			my ($fm, $fb) = map { $f{$_}[0] && $g{$_}[0] ? $f{$_}[0] / $g{$_}[0] : undef } qw(mean block);
			push @{ $r->{speedup} }, [$mode, $fb, $fm];
			say_md(sprintf '| **libshmfault faster than strace, same one fault** (strace / libshmfault, medians) | | | %s x | %s x | | | >= 20x: %s |',
			    fx($fm, 1), fx($fb, 1), !defined $fm ? 'n/a' : $fm >= 20 ? 'yes' : 'NO');
		}
	}
}

# ---------------------------------------------------------------- sweep
sub tap_cases {
	my $out = shift;
	return $1 if $out =~ /^1\.\.(\d+)/m;
	my $n = () = $out =~ /^(?:not )?ok\b/mg;
	return $n;
}

sub sweep {
	say_md('');
	say_md("### Sweep throughput: \`$SAMPLE\` ($SWEEP_ROUNDS rounds)");
	say_md('');
	my ($why, $ncases0);
	if (!-x $SAMPLE) { $why = "$SAMPLE not built" }
	elsif (!-x $CLI) { $why = "$CLI not built" }
	else {
		my ($rc, $so, $se) = run_cmd([$CLI, 'sweep', '-j1', '--', $SAMPLE]);
		$why = "shmfault sweep: exit $rc: " . ((split /\n/, $se)[0] // '') if !tap_cases($so);
		$ncases0 = tap_cases($so);
	}
	# Where the CLI makes its per-case directory and state file: $TMPDIR
	# as the caller has it (default /tmp), and a tmpfs.
	my $deftmp = $ENV{TMPDIR} && $ENV{TMPDIR} ne '' ? $ENV{TMPDIR} : '/tmp';
	my @tmps = (['default', "TMPDIR=$deftmp", {}], ($shm ? ['tmpfs', 'TMPDIR=/dev/shm', { TMPDIR => $shm }] : ()));
	# Native wall time of one run of the sample (fork, exec, wait): the ideal
	# case costs this much, and -jN runs min(N, CPUs) of them at once.
	my (@nat, %one, %cps, %speed, %speed2, %cases, %natpar, @natspeed, @natspeed2, %eff);
	# 1, nproc (the target), and 2 x nproc (a case waits on process start-up
	# and teardown as much as it computes: more slots than CPUs still gain).
	my @j = (1, $NPROC > 1 ? $NPROC : (), 2 * $NPROC);
	for my $r (1 .. $SWEEP_ROUNDS) {
		printf STDERR "bench: sweep round %d/%d\n", $r, $SWEEP_ROUNDS;
		my (undef, $sp) = run_cmd(['unshare', '-i', "$B/bench/spawn", 20, $SAMPLE]);
		my ($fast) = split ' ', $sp;
		push @nat, $fast ? $fast / 1e9 : undef; # the ideal case: the fastest of 20
		# The machine's own gain from running the sample j at a time: as
		# many native runs as the sweep has cases, from a small C parent.
		my $ncases = $ncases0 || 124;
		my %nt;
		for my $j ($r % 2 ? @j : reverse @j) {
			my (undef, $pp) = run_cmd(['unshare', '-i', "$B/bench/spawn", '-P', $j, $ncases, $SAMPLE]);
			$nt{$j} = $pp && $pp =~ /^(\d+)/ ? $1 / 1e9 : undef;
			push @{ $natpar{$j} }, $nt{$j} ? $ncases / $nt{$j} : undef;
		}
		push @natspeed, $NPROC > 1 && $nt{1} && $nt{$NPROC} ? $nt{1} / $nt{$NPROC} : undef;
		push @natspeed2, $nt{1} && $nt{ 2 * $NPROC } ? $nt{1} / $nt{ 2 * $NPROC } : undef;
		for my $tm ($r % 2 ? @tmps : reverse @tmps) {
			my ($tid, undef, $env) = @$tm;
			my ($rc1, $so1) = run_cmd(["$B/bench/spawn", 10, $CLI, 'run', '--quiet', '--', $SAMPLE], env => $env);
			my ($f1) = split ' ', $so1;
			push @{ $one{$tid} }, $rc1 == 0 && $f1 && $nat[-1] ? $f1 / 1e9 / $nat[-1] : undef;
			next if $why;
			my %t;
			for my $j ($r % 2 ? @j : reverse @j) {
				my ($rc, $so, $se, $dt) = run_cmd([$CLI, 'sweep', "-j$j", '--', $SAMPLE], env => $env);
				my $c = tap_cases($so);
				$cases{$j} = $c;
				$t{$j} = $c ? $dt : undef;
				push @{ $cps{$tid}{$j} }, $c ? $c / $dt : undef;
			}
			push @{ $speed{$tid} }, defined $t{1} && $NPROC > 1 && defined $t{$NPROC} ? $t{1} / $t{$NPROC} : undef;
			push @{ $eff{$tid} }, defined $speed{$tid}[-1] && $natspeed[-1] ? $speed{$tid}[-1] / $natspeed[-1] : undef;
			push @{ $speed2{$tid} }, defined $t{1} && defined $t{ 2 * $NPROC } ? $t{1} / $t{ 2 * $NPROC } : undef;
		}
	}
	my $nat = median(grep { defined } @nat) || 1;
	say_md('| figure | median | min / max |');
	say_md('|---|---:|---:|');
	say_md(sprintf '| one native run of the sample (ms, wall, fork to exit, `bench/spawn` in `unshare -i`; fastest of 20 per round) | %s | %s / %s |',
	    map { fx($_ * 1000, 2) } mmm(@nat));
	for my $j (@j) {
		say_md(sprintf '| native, %s runs of the sample %d at a time (`bench/spawn -P %d`, in `unshare -i`): runs/s | %s | %s / %s |',
		    $ncases0 || 124, $j, $j, map { fx($_, 1) } mmm(@{ $natpar{$j} || [] }));
	}
	if ($NPROC > 1) {
		say_md(sprintf '| **native speed-up, %d at a time over 1 at a time** (the machine\'s own ceiling for -j%d; same round) | %s x | %s / %s x |',
		    $NPROC, $NPROC, map { fx($_, 2) } mmm(@natspeed));
	}
	say_md(sprintf '| native speed-up, %d at a time over 1 at a time (same round) | %s x | %s / %s x |',
	    2 * $NPROC, map { fx($_, 2) } mmm(@natspeed2));
	for my $tm (@tmps) {
		my ($tid, $tdesc) = @$tm;
		my @om = mmm(@{ $one{$tid} || [] });
		say_md(@om ? sprintf('| `shmfault run -- sample` (one case, fastest of 10), %s: ratio to native | %s x | %s / %s x |', $tdesc, map { fx($_, 2) } @om)
		           : "| `shmfault run -- sample` (one case), $tdesc | $NA | |");
		for my $j (@j) {
			if ($why) {
				say_md("| sweep -j$j, $tdesc: cases/s, ratio to ideal | $NA | |");
				next;
			}
			my @c = @{ $cps{$tid}{$j} || [] };
			my $n = $j < $NPROC ? $j : $NPROC;
			my $ideal = $n / $nat;
			say_md(sprintf '| sweep -j%d, %s (%s cases): cases/s | %s | %s / %s |', $j, $tdesc, $cases{$j} // '?',
			    map { fx($_, 1) } mmm(@c));
			say_md(sprintf '| sweep -j%d, %s: ratio to the ideal (%.0f cases/s = %d / native run) | %s | %s / %s |', $j, $tdesc,
			    $ideal, $n, map { fx($_, 3) } mmm(map { defined $_ ? $_ / $ideal : undef } @c));
		}
		if ($NPROC > 1) {
			say_md($why ? "| sweep -j$NPROC speed-up over -j1, $tdesc | $NA | |"
			           : sprintf('| **sweep -j%d speed-up over -j1**, %s (same round) | %s x | %s / %s x |', $NPROC, $tdesc,
			                     map { fx($_, 2) } mmm(@{ $speed{$tid} })));
			say_md(sprintf('| sweep -j%d speed-up / native speed-up, %s (same round; 1.00 = scales as well as the machine) | %s | %s / %s |',
			                     $NPROC, $tdesc, map { fx($_, 2) } mmm(@{ $eff{$tid} }))) unless $why;
		}
		say_md($why ? sprintf('| sweep -j%d speed-up over -j1, %s | %s | |', 2 * $NPROC, $tdesc, $NA)
		           : sprintf('| sweep -j%d speed-up over -j1, %s (same round) | %s x | %s / %s x |', 2 * $NPROC, $tdesc,
		                     map { fx($_, 2) } mmm(@{ $speed2{$tid} })));
	}
	say_md("\nsweep: $NA ($why)") if $why;
	return { why => $why, speed => { map { $_->[0] => [mmm(@{ $speed{ $_->[0] } || [] })] } @tmps },
	         native => [mmm(@natspeed)], eff => { map { $_->[0] => [mmm(@{ $eff{ $_->[0] } || [] })] } @tmps },
	         effraw => { map { $_->[0] => [grep { defined } @{ $eff{ $_->[0] } || [] }] } @tmps },
	         desc => { map { $_->[0] => $_->[1] } @tmps } };
}

# ---------------------------------------------------------------- run_all.sh
sub runall {
	my @t;
	my $fail = 0;
	for my $r (1 .. $RUNALL_ROUNDS) {
		printf STDERR "bench: run_all.sh %d/%d\n", $r, $RUNALL_ROUNDS;
		my ($rc, $so, $se, $dt) = run_cmd(['timeout', '-s', 'KILL', $RUNALL_TIMEOUT, './run_all.sh']);
		$rc = 'timed out' if $rc == 137 || $rc eq '137';
		if (open my $lf, '>', "$B/bench/run_all.$r.log") { print $lf $so, $se; close $lf }
		if ($rc) { $fail++; print STDERR "bench: run_all.sh exited $rc (see build/bench/run_all.$r.log)\n" }
		push @t, $dt;
	}
	say_md('');
	say_md("### Test suite ($RUNALL_ROUNDS runs)");
	say_md('');
	say_md('| figure | median | min / max |');
	say_md('|---|---:|---:|');
	say_md(sprintf '| `./run_all.sh` wall time (s)%s | %s | %s / %s |', $fail ? " ($fail runs FAILED)" : '', map { fx($_, 1) } mmm(@t));
}

# ---------------------------------------------------------------- main
my @m = machine();
my $date = `date -u '+%Y-%m-%d %H:%M UTC'`; chomp $date;
say_md("## shmfault bench, $date");
say_md('');
say_md("Machine: $m[0], $m[1] CPUs; kernel $m[2]; $m[3]; $m[4]; $m[5].");
my $load0 = `cat /proc/loadavg`; $load0 =~ s/^(\S+ \S+ \S+).*\n?/$1/;
say_md("Load average at start (1, 5, 15 min): $load0 (other work on the machine shows here; strace's and the sweep's figures are the most sensitive to it).");
say_md('Pinned: ' . ($CPU ne '' ? "taskset -c $CPU" : 'no (taskset not used)') . '; each per-call run in `unshare -i`.');
my ($pc, $av) = $only{percall} ? percall() : ();
my $sw = $only{sweep} ? sweep() : undef;
runall() if $only{runall};

# Targets.
say_md('');
say_md('### Targets');
say_md('');
say_md('| target | measured (medians: in-process / wall / CPU) | holds? |');
say_md('|---|---:|---|');
if ($pc) {
	for my $mode (qw(shmat shmget)) {
		for my $v (grep { $_->{target} } variants($mode)) {
			my ($id, $lim) = ($v->{id}, $v->{target});
			if ($av->{$mode}{$id}) { say_md("| $v->{label}, $mode loop <= ${lim}x | $NA | n/a |"); next }
			my $R = $pc->{$mode}{$id} || {};
			say_md(sprintf '| %s, %s loop <= %sx | %s | %s |', $v->{label}, $mode, $lim,
			    join(' / ', map { fx(median(grep { defined } @{ $R->{$_} || [] }), 3) } qw(mean wall cpu)), verdict($lim, $R));
			next unless $R->{own};
			say_md(sprintf '| %s, %s loop, own cost (vs `shmfault run` alone) <= 1.05x | %s | %s |', $v->{label}, $mode,
			    join(' / ', map { fx(median(grep { defined } @{ $R->{own}{$_} || [] }), 3) } qw(mean wall cpu)), verdict(1.05, $R->{own}));
		}
	}
	for my $s (@{ $pc->{speedup} || [] }) {
		next unless $s->[0] eq 'shmat';
		# The whole-loop mean is the time a user waits; strace's cost is mostly
		# waking its tracer, which a lucky fastest block may escape.
		say_md(sprintf '| >= 20x faster than strace injecting the same fault, shmat loop (whole-loop means; fastest blocks: %s x) | %s x | %s |',
		    fx($s->[1], 1), fx($s->[2], 1), !defined $s->[2] ? 'n/a' : $s->[2] >= 20 ? 'yes' : 'NO');
	}
}
if ($sw) {
	# The sweep against the machine's own parallel gain in the same rounds
	# (bench/spawn -P): a fixed 1.7x sat at this machine's ceiling.
	for my $tid (sort keys %{ $sw->{speed} }) {
		my @q = quart(@{ $sw->{effraw}{$tid} || [] });
		my $v = !@q ? 'n/a' : $q[2] - $q[1] > 0.2 ? 'noisy: no verdict' : $q[0] >= 0.95 ? 'yes' : 'NO';
		say_md(sprintf '| sweep -j%d speed-up >= 0.95 of the machine\'s own (bench/spawn -P %d over -P 1, same round), %s | %s [%s, %s] (sweep %s x, machine %s x) | %s |',
		    $NPROC, $NPROC, $sw->{desc}{$tid}, @q ? map { fx($_, 2) } @q : ($NA, '-', '-'),
		    fx($sw->{speed}{$tid}[0], 2), fx($sw->{native}[0], 2), $v);
	}
}

my $load1 = `cat /proc/loadavg`; $load1 =~ s/^(\S+ \S+ \S+).*\n?/$1/;
say_md('');
say_md("Load average at the end: $load1.");
mkdir "$B/bench";
open my $f, '>', "$B/bench/results.md" or die "bench: $B/bench/results.md: $!\n";
print $f "$_\n" for @md;
close $f;
print STDERR "bench: wrote build/bench/results.md\n";

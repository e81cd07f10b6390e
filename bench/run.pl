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
my $N_SHMAT      = envn('BENCH_N_SHMAT', $quick ? 2000 : 20000);
my $N_SHMGET     = envn('BENCH_N_SHMGET', $quick ? 20000 : 200000);
my $NS_SHMAT     = envn('BENCH_N_STRACE_SHMAT', $quick ? 200 : 1000);
my $NS_SHMGET    = envn('BENCH_N_STRACE_SHMGET', $quick ? 400 : 4000);
my $SWEEP_ROUNDS = envn('BENCH_SWEEP_ROUNDS', $quick ? 1 : 7);
my $RUNALL_ROUNDS = envn('BENCH_RUNALL_ROUNDS', $quick ? 1 : 3);
my $RUNALL_TIMEOUT = envn('BENCH_RUNALL_TIMEOUT', 300);
my $CPU          = envn('BENCH_CPU', '');
my $SAMPLE       = envn('BENCH_SWEEP_SAMPLE', 'build/samples/sweep/careful');
my $METRIC       = envn('BENCH_METRIC', 'min');
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
# the iterations to ask for, and how many failed iterations it must report.
sub fault_at { my ($mode, $n) = @_; my $w = int($n / 10) || 1; return ($mode eq 'shmget' ? 1 : 0) + $w + int($n / 2) }

sub variants {
	my $mode = shift;
	my $N  = $mode eq 'shmat' ? $N_SHMAT : $N_SHMGET;
	my $NS = $mode eq 'shmat' ? $NS_SHMAT : $NS_SHMGET;
	my ($c1, $c2) = $mode eq 'shmat' ? ('shmat', 'shmdt') : ('shmget', 'shmctl');
	my $never = fault_at($mode, $N) + 10 * $N;  # past every call the run makes
	my @v = (
		{ id => 'native', label => 'native', n => $N },
		{ id => 'preload', label => 'libshmfault, no rules (LD_PRELOAD only)', n => $N,
		  env => { LD_PRELOAD => $LIB } },
		{ id => 'never', label => "libshmfault, rule \`$c1:error=EACCES:when=$never\` (never fires)", n => $N,
		  env => { LD_PRELOAD => $LIB, SHMFAULT => "$c1:error=EACCES:when=$never" } },
		{ id => 'inject', label => "libshmfault injecting one fault (\`$c1:error=EACCES:when=K\`)", n => $N, fails => 1,
		  env => { LD_PRELOAD => $LIB, SHMFAULT => "$c1:error=EACCES:when=" . fault_at($mode, $N) } },
		{ id => 'aix', label => 'libshmfault, `SHMFAULT_PERSONALITY=aix`', n => $N,
		  env => { LD_PRELOAD => $LIB, SHMFAULT_PERSONALITY => 'aix' } },
		{ id => 'aix_run', label => '`shmfault run -p aix` (personality aix with the state file of a run)', n => $N,
		  run => ['-p', 'aix'] },
		{ id => 'log', label => 'libshmfault, log on (`SHMFAULT_LOG`, file in $TMPDIR or /tmp)', n => $N, log => "$tmp/log.jsonl",
		  env => { LD_PRELOAD => $LIB, SHMFAULT_LOG => "$tmp/log.jsonl" } },
		{ id => 'log_run', label => '`shmfault run --log` (the log through the CLI\'s spool; file in $TMPDIR or /tmp)', n => $N,
		  log => "$tmp/log-run.jsonl", run => ['--log', "$tmp/log-run.jsonl"] },
		($shm ? { id => 'log_shm', label => 'libshmfault, log on, file on tmpfs (/dev/shm)', n => $N, log => "$shm/log.jsonl",
		  env => { LD_PRELOAD => $LIB, SHMFAULT_LOG => "$shm/log.jsonl" } } : ()),
		{ id => 'strace_inject', label => "strace -f -e inject=$c1:error=EACCES:when=K (same one fault)", n => $NS, fails => 1,
		  wrap => ['strace', '-f', '-o', '/dev/null', "-e", "inject=$c1:error=EACCES:when=" . fault_at($mode, $NS)] },
		{ id => 'strace_seccomp', label => "strace -f --seccomp-bpf -e trace=$c1,$c2", n => $NS,
		  wrap => ['strace', '-f', '--seccomp-bpf', '-o', '/dev/null', '-e', "trace=$c1,$c2"] },
	);
	return @v;
}

sub loop_cmd {
	my ($v, $mode, $n) = @_;
	my @env = map { "$_=$v->{env}{$_}" } sort keys %{ $v->{env} || {} };
	return [$CLI, 'run', '-q', @{ $v->{run} }, '--', $LOOP, $mode, $n] if $v->{run};
	return ['unshare', '-i', @{ $v->{wrap} || [] }, (@env ? ('/usr/bin/env', @env) : ()), $LOOP, $mode, $n];
}

# One run: ns/iteration, or undef with a reason.
sub loop_once {
	my ($v, $mode, $n) = @_;
	unlink $v->{log} if $v->{log};
	my ($rc, $so, $se) = run_cmd(loop_cmd($v, $mode, $n // $v->{n}));
	return (undef, "exit $rc: " . (split /\n/, $se)[0] // '') if $rc != 0;
	my ($m, $nn, $mean, $failed, $med, $min) = split ' ', $so;
	return (undef, "unexpected output '$so'") unless defined $min;
	my $ns = $METRIC eq 'mean' ? $mean : $METRIC eq 'min' ? $min : $med;
	my $want = $v->{fails} // 0;
	return (undef, "$failed iterations failed, expected $want") if $failed != $want && ($n // $v->{n}) > 1;
	if ($v->{log}) {
		my $lines = 0;
		if (open my $f, '<', $v->{log}) { $lines++ while <$f>; close $f }
		unlink $v->{log};
		return (undef, "log has $lines records for $nn iterations") if $lines < 2 * $nn;
	}
	return ($ns, '', $mean);
}

sub percall {
	my %res;    # mode -> id -> [ns per round] ($METRIC)
	my %mean;   # the same, whole-loop mean
	my %avail;  # mode -> id -> reason when not available
	for my $mode (qw(shmat shmget)) {
		for my $v (variants($mode)) {
			my $why;
			if ($v->{env} && !-e $LIB) { $why = "$LIB missing" }
			elsif ($v->{run} && !-x $CLI) { $why = "$CLI missing" }
			elsif ($v->{wrap} && !have('strace')) { $why = 'strace not installed' }
			else {
				# A short probe: is this variant there at all (aix may not be yet)?
				my ($ns, $e) = loop_once($v, $mode, 1);
				$why = $e unless defined $ns;
			}
			$avail{$mode}{ $v->{id} } = $why if $why;
			printf STDERR "bench: %-6s %-15s %s\n", $mode, $v->{id}, $why ? "not available: $why" : 'ok';
		}
	}
	for my $r (1 .. $ROUNDS) {
		printf STDERR "bench: per-call round %d/%d\n", $r, $ROUNDS;
		for my $mode (qw(shmat shmget)) {
			my @v = grep { !$avail{$mode}{ $_->{id} } } variants($mode);
			my $k = ($r - 1) % @v;
			for my $v (@v[$k .. $#v], @v[0 .. $k - 1]) {
				my ($ns, $e, $mean) = loop_once($v, $mode);
				print STDERR "bench: $mode $v->{id}: $e\n" if !defined $ns;
				$res{$mode}{ $v->{id} }[ $r - 1 ] = $ns;
				$mean{$mode}{ $v->{id} }[ $r - 1 ] = $mean;
			}
		}
	}
	for my $mode (qw(shmat shmget)) {
		my ($desc, $N, $NS) = $mode eq 'shmat'
		    ? ('shmat+shmdt loop', $N_SHMAT, $NS_SHMAT)
		    : ('shmget+shmctl(IPC_STAT) loop', $N_SHMGET, $NS_SHMGET);
		say_md('');
		say_md("### Per call: $desc ($N iterations per run, strace rows $NS; $ROUNDS rounds)");
		say_md('');
		say_md("| variant | ns/iteration ($MDESC; median of rounds) | ratio to native: median / min / max | ratio, whole-loop mean (median of rounds) |");
		say_md('|---|---:|---:|---:|');
		my $nat = $res{$mode}{native};
		for my $v (variants($mode)) {
			my $id = $v->{id};
			my $label = $v->{label} =~ s/when=K/when=@{[fault_at($mode, $v->{n})]}/r;
			if ($avail{$mode}{$id}) {
				say_md("| $label | $NA | $NA | $NA |");
				next;
			}
			my $x = $res{$mode}{$id};
			my @ratio = map { defined $x->[$_] && $nat->[$_] ? $x->[$_] / $nat->[$_] : undef } 0 .. $ROUNDS - 1;
			my ($xm, $nm) = ($mean{$mode}{$id}, $mean{$mode}{native});
			my @mr = map { defined $xm->[$_] && $nm->[$_] ? $xm->[$_] / $nm->[$_] : () } 0 .. $ROUNDS - 1;
			my $d = $id =~ /^strace/ ? 1 : 3;
			say_md(sprintf '| %s | %s | %s | %s |', $label, fx(median(grep { defined } @$x), 0), trio($d, @ratio), fx(median(@mr), $d));
		}
		# strace injecting one fault against libshmfault injecting the same fault.
		my ($si, $li) = ($res{$mode}{strace_inject}, $res{$mode}{inject});
		if ($si && $li) {
			my @f = map { defined $si->[$_] && $li->[$_] ? $si->[$_] / $li->[$_] : undef } 0 .. $ROUNDS - 1;
			my ($sm, $lm) = ($mean{$mode}{strace_inject}, $mean{$mode}{inject});
			my @fm = map { defined $sm->[$_] && $lm->[$_] ? $sm->[$_] / $lm->[$_] : () } 0 .. $ROUNDS - 1;
			push @{ $res{speedup} }, [$mode, [mmm(@f)], median(@fm)];
			say_md(sprintf '| **libshmfault faster than strace, same one fault** (strace / libshmfault, per iteration) | | %s x | %s x |',
			    trio(1, @f), fx(median(@fm), 1));
		}
	}
	return \%res, \%avail;
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
say_md('| target | measured (median) | holds? |');
say_md('|---|---:|---|');
if ($pc) {
	for my $mode (qw(shmat shmget)) {
		my $nat = $pc->{$mode}{native};
		for my $t (['preload', 1.03, 'no rules'], ['aix', 1.10, 'personality aix (library alone)'],
		    ['aix_run', 1.10, 'personality aix (`shmfault run -p aix`)'], ['log', 1.5, 'log on (library alone)'],
		    ['log_run', 1.5, 'log on (`shmfault run --log`)']) {
			my ($id, $lim, $what) = @$t;
			if ($av->{$mode}{$id}) { say_md("| $what, $mode loop <= ${lim}x | $NA | n/a |"); next }
			my $x = $pc->{$mode}{$id};
			my $med = median(map { defined $x->[$_] && $nat->[$_] ? $x->[$_] / $nat->[$_] : () } 0 .. $ROUNDS - 1);
			say_md(sprintf '| %s, %s loop <= %sx | %s x | %s |', $what, $mode, $lim, fx($med, 3),
			    !defined $med ? 'n/a' : $med <= $lim ? 'yes' : 'NO');
		}
	}
	for my $s (@{ $pc->{speedup} || [] }) {
		next unless $s->[0] eq 'shmat';
		# Both figures: a run's fastest block filters other processes' load,
		# but strace's own cost is mostly waking its tracer, which the whole
		# loop's mean (the wall time a user waits) counts and a lucky block may not.
		for my $m ([$MDESC, $s->[1][0]], ['whole-loop mean', $s->[2]]) {
			my $med = $m->[1];
			say_md(sprintf '| >= 20x faster than strace injecting the same fault, shmat loop (%s) | %s x | %s |', $m->[0],
			    fx($med, 1), !defined $med ? 'n/a' : $med >= 20 ? 'yes' : 'NO');
		}
	}
}
if ($sw) {
	for my $tid (sort keys %{ $sw->{speed} }) {
		my $med = $sw->{speed}{$tid}[0];
		my $nat = $sw->{native}[0];
		my $eff = $sw->{eff}{$tid}[0];
		say_md(sprintf '| sweep -j%d >= 1.7x faster than -j1, %s | %s (native: %s; sweep/native %s) | %s |', $NPROC, $sw->{desc}{$tid},
		    defined $med ? fx($med, 2) . ' x' : $NA, defined $nat ? fx($nat, 2) . ' x' : $NA, defined $eff ? fx($eff, 2) : $NA,
		    !defined $med ? 'n/a' : $med >= 1.7 ? 'yes' : 'NO');
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

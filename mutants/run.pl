#!/usr/bin/perl
# mutants/run.pl: the mutation suite (issue 17 item 5).  Each mutant of
# mutants/list is one small deliberate bug: an exact snippet of one file and
# its replacement.  In a scratch copy of the tree (tracked files plus
# uncommitted changes) it builds once, then for each mutant: applies it,
# rebuilds (make -j2 progs), runs only the tests the list names, records the
# test files that failed (they killed it), and reverts.
#   perl mutants/run.pl              every mutant; exit 1 if one survives
#   perl mutants/run.pl --check      only check that every snippet occurs
#                                    exactly once and every test exists (fast)
#   perl mutants/run.pl ID...        these mutants only
#   --keep (keep the scratch copy), --timeout S (per test file, 300),
#   --list FILE (another list), -j N (make jobs, 2)
# A snippet found 0 or 2+ times fails loudly with the mutant's id: code that
# moved needs the list retargeted, never a silent skip.  A mutant that does
# not compile is invalid and fails the run (fix the mutant).  A test that
# fails on the unmutated tree stops the run (its kills would mean nothing).
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use Getopt::Long qw(:config no_ignore_case bundling);
use Time::HiRes qw(time);

my $top = abs_path(dirname(abs_path($0)) . '/..');
my ($check, $keep, $timeout, $listfile, $jobs) = (0, 0, 300, "$top/mutants/list", 2);
GetOptions('check' => \$check, 'keep' => \$keep, 'timeout=i' => \$timeout,
	   'list=s' => \$listfile, 'j=i' => \$jobs, 'help|h' => sub { system('sed', '-n', '2,16p', $0); exit 0 })
	or exit 2;
my %only = map { $_ => 1 } @ARGV;

sub unescape { my $s = shift; $s =~ s/\\(.)/$1 eq 't' ? "\t" : $1 eq 'n' ? "\n" : $1/ge; return $s; }

# The list: blocks of "key: value" lines separated by blank lines; '#' comments.
sub read_list {
	my @m;
	my $cur;
	open my $fh, '<', $listfile or die "mutants: cannot read $listfile: $!\n";
	while (my $l = <$fh>) {
		chomp $l;
		next if $l =~ /^#/;
		if ($l =~ /^\s*$/) { push @m, $cur if $cur; undef $cur; next; }
		$l =~ /^(id|desc|file|from|to|kill):\s?(.*)$/ or die "mutants: $listfile:$.: expected KEY: VALUE, got '$l'\n";
		$cur //= {line => $.};
		die "mutants: $listfile:$.: '$1' given twice\n" if exists $cur->{$1};
		$cur->{$1} = $2;
	}
	push @m, $cur if $cur;
	my %seen;
	for my $m (@m) {
		for my $k (qw(id desc file from to kill)) {
			die "mutants: $listfile:$m->{line}: mutant '" . ($m->{id} // '?') . "' has no '$k:'\n"
				unless defined $m->{$k} && ($k eq 'to' || length $m->{$k});
		}
		die "mutants: mutant id '$m->{id}' used twice\n" if $seen{$m->{id}}++;
		$m->{from_s} = unescape($m->{from});
		$m->{to_s} = unescape($m->{to});
		$m->{tests} = [split ' ', $m->{kill}];
	}
	return @m;
}

sub slurp { my $f = shift; open my $fh, '<', $f or return undef; local $/; my $s = <$fh>; return $s; }
sub spew { my ($f, $s) = @_; open my $fh, '>', $f or die "mutants: cannot write $f: $!\n"; print $fh $s; close $fh or die; }

sub count_in { my ($hay, $needle) = @_; my ($n, $at) = (0, 0);
	while (($at = index($hay, $needle, $at)) >= 0) { $n++; $at += length $needle; } return $n; }

# A kill target is a test file or a directory of them (a suite).
sub test_files {
	my ($root, $t) = @_;
	return -d "$root/$t" ? map { s{^\Q$root/\E}{}r } sort glob("$root/$t/*.t") : ($t);
}

# Every problem with the list, relative to tree $root.
sub problems {
	my ($root, @m) = @_;
	my @p;
	for my $m (@m) {
		my $src = slurp("$root/$m->{file}");
		if (!defined $src) { push @p, "mutant $m->{id}: file $m->{file} does not exist"; next; }
		my $n = count_in($src, $m->{from_s});
		push @p, "mutant $m->{id}: its snippet occurs $n times in $m->{file} (must be exactly once): $m->{from}"
			if $n != 1;
		push @p, "mutant $m->{id}: replacement equals the snippet" if $m->{from_s} eq $m->{to_s};
		for my $t (@{$m->{tests}}) {
			push @p, "mutant $m->{id}: its test $t does not exist"
				unless -f "$root/$t" || (-d "$root/$t" && glob("$root/$t/*.t"));
		}
	}
	return @p;
}

my @all = read_list();
my @m = %only ? grep { $only{$_->{id}} } @all : @all;
if (%only) { my %have = map { $_->{id} => 1 } @all; for (keys %only) { die "mutants: no mutant '$_'\n" unless $have{$_} } }

my @p = problems($top, @m);
if ($check) {
	print "mutants: $_\n" for @p;
	printf "mutants: %d mutants, %s\n", scalar @m, @p ? scalar(@p) . " problems" : "every snippet applies exactly once";
	exit(@p ? 1 : 0);
}
if (@p) { print STDERR "mutants: $_\n" for @p; die "mutants: the list does not apply to this tree (fix mutants/list)\n"; }

# The scratch copy: tracked files and untracked ones not ignored, as they are now.
my $t0 = time;
my $scratch = tempdir('shmfault-mutants.XXXXXX', TMPDIR => 1, CLEANUP => !$keep);
{
	my @files = grep { -e "$top/$_" } split /\0/, `git -C '$top' ls-files -z --cached --others --exclude-standard`;
	die "mutants: git ls-files found nothing in $top\n" unless @files;
	open my $tar, '|-', "tar -C '$top' --null -T - -cf - | tar -C '$scratch' -xf -" or die;
	print $tar join("\0", @files), "\0";
	close $tar or die "mutants: copying the tree failed\n";
}
print "# scratch copy: $scratch\n";
delete @ENV{qw(MAKEFLAGS MFLAGS MAKELEVEL)}; # our own make, not the caller's jobserver
my $CC = $ENV{CC} // 'cc';
my @make = ('make', '-C', $scratch, '-s', "-j$jobs", "CC=$CC", 'SANITIZE=' . ($ENV{SANITIZE} // ''), 'progs');

sub run_log { my ($log, @cmd) = @_; my $pid = fork // die;
	if (!$pid) { open STDOUT, '>', $log or die; open STDERR, '>&', \*STDOUT; open STDIN, '<', '/dev/null'; exec @cmd; exit 127; }
	waitpid $pid, 0; return $?; }

my $logdir = "$scratch/build/mutants";
system('mkdir', '-p', $logdir);
run_log("$logdir/build.log", @make) == 0 or do { system('tail', '-20', "$logdir/build.log"); die "mutants: the unmutated tree does not build\n" };

# Each test file, alone, with a timeout; returns 'ok', 'fail' or 'timeout'.
sub run_test {
	my ($t, $log) = @_;
	my $st = run_log($log, 'timeout', '-k', '10', $timeout, 'sh', '-c', "cd '$scratch' && exec prove -Q '$t'");
	return $st == 0 ? 'ok' : ($st >> 8) == 124 || ($st >> 8) == 137 ? 'timeout' : 'fail';
}

my %uniq;
my @tests = grep { !$uniq{$_}++ } map { test_files($scratch, $_) } map { @{$_->{tests}} } @m;
my $tb = time;
for my $t (@tests) {
	(my $name = $t) =~ s{/}{_}g;
	my $r = run_test($t, "$logdir/base-$name.log");
	if ($r ne 'ok') {
		system('tail', '-30', "$logdir/base-$name.log");
		die "mutants: $t fails ($r) on the unmutated tree: fix it first (its kills would mean nothing)\n";
	}
}
printf "# baseline: %d test files pass unmutated (%.0f s)\n", scalar @tests, time - $tb;

my (@rows, $bad);
for my $m (@m) {
	my $tm = time;
	my $path = "$scratch/$m->{file}";
	my $orig = slurp($path);
	my $at = index($orig, $m->{from_s});
	spew($path, substr($orig, 0, $at) . $m->{to_s} . substr($orig, $at + length $m->{from_s}));
	my ($status, @killers);
	if (run_log("$logdir/$m->{id}.build.log", @make) != 0) {
		$status = 'INVALID (does not compile)';
		system('tail', '-5', "$logdir/$m->{id}.build.log");
	} else {
		for my $t (map { test_files($scratch, $_) } @{$m->{tests}}) {
			(my $name = $t) =~ s{/}{_}g;
			my $r = run_test($t, "$logdir/$m->{id}-$name.log");
			push @killers, $r eq 'timeout' ? "$t (timeout)" : $t if $r ne 'ok';
		}
		$status = @killers ? 'killed' : 'SURVIVED';
	}
	spew($path, $orig);
	$bad++ if $status ne 'killed';
	push @rows, [$m->{id}, $status, @killers ? join(', ', @killers) : '-', time - $tm];
	printf "%s %s: %s%s (%.0f s)\n", $status eq 'killed' ? 'ok  ' : 'FAIL', $m->{id}, $status,
		@killers ? " by " . join(', ', @killers) : '', time - $tm;
}

print "\n| mutant | result | killed by | s |\n|---|---|---|---|\n";
printf "| %s | %s | %s | %.0f |\n", @$_ for @rows;
printf "\nmutants: %d mutants, %d killed, %d not (%.0f s in all)%s\n", scalar @rows, @rows - ($bad // 0), $bad // 0,
	time - $t0, $keep ? ", scratch kept in $scratch" : '';
exit($bad ? 1 : 0);

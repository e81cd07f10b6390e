#!/bin/sh
# check-structure.sh: the limits of issue 12 on the product's C.
#   (a) no function over 100 lines (universal-ctags: end - line)
#   (b) no file over 600 lines
#   (c) no cycle of calls between the product's object files (nm: who
#       defines a symbol, who references it), under build/cli, build/lib, build/kernel
# Product C: cli/ common/ preload/ engine/ kernel/ audit/ (not tests, samples,
# conformance, fuzz, bench). Prints each violation; exits 1 if any.
#   scripts/check-structure.sh [DIR...]   only these directories (a, b, c)
#   STRUCTURE_CHECKS="size cycle"          which checks (default: both)
set -u
# STRUCTURE_TOP: the tree to check (default: this repository).
cd "${STRUCTURE_TOP:-$(dirname "$0")/..}" || exit 2
MAXFN=${MAXFN:-100}
MAXFILE=${MAXFILE:-600}
dirs=${*:-cli common preload engine kernel audit}
files=
for d in $dirs; do
	[ -d "$d" ] && files="$files $(find "$d" -name '*.[ch]' | sort)"
done
bad=0
checks=${STRUCTURE_CHECKS:-size cycle}
case " $checks " in *" size "*) size=1 ;; *) size= ;; esac
case " $checks " in *" cycle "*) cycle=1 ;; *) cycle= ;; esac
command -v ctags >/dev/null 2>&1 || { echo "check-structure: universal-ctags not installed" >&2; exit 2; }
ctags --version 2>/dev/null | grep -q 'Universal Ctags' || { echo "check-structure: ctags is not universal-ctags" >&2; exit 2; }
# (a)
out=
[ -n "$size" ] && out=$(ctags -x --kinds-C=f --fields=+ne --_xformat='%F %N %n %e' $files 2>/dev/null |
	awk -v max="$MAXFN" '$4 != "" && $4 - $3 > max { printf "function %s:%s %s: %d lines (max %d)\n", $1, $3, $2, $4 - $3, max }')
[ -n "$size" ] && [ -n "$out" ] && { echo "$out"; bad=1; }
# (b)
[ -n "$size" ] && for f in $files; do
	n=$(wc -l <"$f")
	[ "$n" -gt "$MAXFILE" ] && { echo "file $f: $n lines (max $MAXFILE)"; bad=1; }
done
# (c) the call graph between object files, per build tree
[ -n "$cycle" ] && for tree in build/cli build/lib build/kernel; do
	objs=
	for d in $dirs; do
		[ -d "$tree/$d" ] && objs="$objs $(find "$tree/$d" -name '*.o' | sort)"
	done
	# only objects of sources that still exist: a moved file leaves its
	# old object behind in build/, which is not the product any more
	live=
	for o in $objs; do
		src=${o#"$tree"/}
		[ -f "${src%.o}.c" ] && live="$live $o"
	done
	objs=$live
	[ -n "$objs" ] || continue
	cyc=$(for o in $objs; do nm "$o" | awk -v o="$o" '$1 == "U" { print "U", o, $2 } NF == 3 && $2 ~ /^[TDBRVW]$/ { print "D", o, $3 }'; done |
	awk '
	$1 == "D" { def[$3] = $2; next }
	$1 == "U" { nu++; uo[nu] = $2; us[nu] = $3 }
	END {
		for (i = 1; i <= nu; i++) {
			d = def[us[i]]
			if (d == "" || d == uo[i]) continue
			k = uo[i] SUBSEP d
			if (!(k in edge)) { edge[k] = us[i]; adj[uo[i]] = adj[uo[i]] " " d }
		}
		for (n in adj) if (!(n in color)) dfs(n)
	}
	function dfs(n,   i, m, parts, c, s, j) {
		color[n] = 1; depth++; stack[depth] = n
		c = split(adj[n], parts, " ")
		for (i = 1; i <= c; i++) {
			m = parts[i]
			if ((m in color) && color[m] == 1) {
				s = ""
				for (j = 1; j <= depth; j++) if (stack[j] == m) break
				for (; j <= depth; j++) s = s stack[j] " -> "
				print "cycle: " s m " (" edge[n SUBSEP m] ")"
			} else if (!(m in color)) dfs(m)
		}
		color[n] = 2; depth--
	}')
	[ -n "$cyc" ] && { echo "$cyc"; bad=1; }
done
exit $bad

# sharness-lint.awk: print FILE:LINE: WHAT for each offence inside the body
# of a test_expect_success/test_expect_failure (issue 17 item 4):
#   ";"        a command separator: it drops the status of what precedes it
#              (";;" of a case arm aside)
#   "|| :"     throws a failure away
#   "! a | b"  a negated pipeline: without pipefail it passes when a fails
# Quoted strings ("...", and '...' inside a double-quoted body) are blanked
# first (a string may span lines: q carries over), so a ';' inside an awk,
# sed or perl program is not an offence.
# A body starts on the line that opens it (its last character is ' or ")
# and ends on a line that is that quote alone. Allowed: the ";" before a
# keyword that closes or continues a compound (do, then, done, else, elif, fi,
# esac, "}"), and
# ";;", and anything in a here-document.
function blank(s,    out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q == "") {
			# in a double-quoted body, \" opens a string
			if (c == "\\" && bodyq == "\"" && substr(s, i + 1, 1) == "\"") { q = "\\\""; i++; continue }
			if (c == "\\") { out = out substr(s, i, 2); i++; continue }
			if ((c == "\"" || (c == "'" && bodyq == "\"")) ) { q = c; out = out c; continue }
			if (c == "#" && (i == 1 || substr(s, i - 1, 1) ~ /[ \t]/)) break
			out = out c
		} else {
			if (q == "\\\"") { if (c == "\\" && substr(s, i + 1, 1) == "\"") { q = ""; i++ } continue }
			if (c == "\\" && q == "\"") { i++; continue }
			if (c == q) { q = ""; out = out c }
		}
	}
	return out
}
function report(what) { printf "%s:%d: %s: %s\n", FILENAME, FNR, what, $0; bad++ }
FNR == 1 { inbody = 0 }
inbody && heredoc != "" { if ($0 ~ ("^[ \t]*" heredoc "[ \t]*$")) heredoc = ""; next }
inbody && $0 ~ ("^[ \t]*" bodyq "[ \t]*$") { inbody = 0; next }
inbody {
	s = blank($0)
	# a here-document's text is data (a C or Perl program), not the chain
	if (match($0, /<<-?[ \t]*\\?['"]?[A-Za-z_]+/)) {
		heredoc = substr($0, RSTART, RLENGTH); sub(/^<<-?[ \t]*\\?['"]?/, "", heredoc)
	}
	# the ';' of "for/while/if ...; do|then" and of a case arm is syntax
	t = s; gsub(/;;/, "", t); gsub(/;[ \t]*(do|then|done|else|elif|fi|esac|\})([ \t;)|&>]|$)/, " ", t)
	if (t ~ /;/) report("';' inside a test body")
	if (s ~ /\|\|[ \t]*:([ \t]|$)/) report("'|| :' inside a test body")
	if (s ~ /^[ \t]*![ \t]/ && s ~ /[^|]\|[^|]/) report("'! cmd | ...' (negated pipeline) inside a test body")
	next
}
/^[ \t]*test_expect_(success|failure)[ \t]/ {
	last = substr($0, length($0), 1)
	if (last == "'" || last == "\"") { inbody = 1; bodyq = last; q = ""; heredoc = "" }
}
END { exit bad ? 1 : 0 }

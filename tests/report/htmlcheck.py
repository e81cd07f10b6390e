#!/usr/bin/env python3
"""htmlcheck.py: check a shmfault report page against the JSON it came from.

  htmlcheck.py sweep PAGE.html DOC.json...   every case a cell with its class
  htmlcheck.py gate PAGE.html DOC.json...    every run a cell with its result
  htmlcheck.py png FILE.png RRGGBB...        a real image holding those colours

Structure is read with Python's html.parser: elements nest (every end tag
closes the element open), no script, no external reference, every in-page
link has its target, each cell links to a details section that holds the
case's `shmfault run` command. Prints one line per problem; exit 1 if any.
PAGE may be Chromium's --dump-dom of the page: the same checks then say
the browser's DOM holds the cells and the commands.
"""
import json
import struct
import sys
import zlib
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems = [], []
        self.ids, self.hrefs = set(), []
        self.cells = {}      # data-case or run anchor -> (attrs, text)
        self.sections = {}   # id -> {"repro": text, "text": text}
        self.cur_cell = self.cur_sec = None
        self.in_repro = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "noscript", "iframe", "object", "embed", "link"):
            self.problems.append("<%s> in the page" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append("event handler %s= on <%s>" % (k, tag))
            if v and ("http:" in v or "https:" in v or v.startswith("//")):
                self.problems.append("external reference %s=%r on <%s>" % (k, v, tag))
            if k in ("src", "srcset", "data"):
                self.problems.append("<%s %s=> loads something" % (tag, k))
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append("id %r twice" % a["id"])
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.hrefs.append(a["href"][1:])
        elif tag == "a" and "href" in a:
            self.problems.append("link out of the page: %r" % a["href"])
        if tag == "td" and ("data-case" in a or "data-result" in a):
            self.cur_cell = {"attrs": a, "text": "", "href": None}
        if tag == "a" and self.cur_cell is not None:
            self.cur_cell["href"] = a.get("href", "")[1:]
        if tag == "section" and "id" in a:
            self.cur_sec = {"id": a["id"], "class": a.get("class", ""), "repro": "", "text": ""}
        if tag == "pre" and "repro" in a.get("class", ""):
            self.in_repro = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "td" and self.cur_cell is not None:
            key = self.cur_cell["href"]
            self.cells[key] = self.cur_cell
            self.cur_cell = None
        if tag == "pre":
            self.in_repro = False
        if tag == "section" and self.cur_sec:
            self.sections[self.cur_sec["id"]] = self.cur_sec
            self.cur_sec = None

    def handle_data(self, data):
        if "http:" in data or "https:" in data:
            self.problems.append("a URL in the text: %r" % data[:80])
        if self.cur_cell is not None:
            self.cur_cell["text"] += data
        if self.cur_sec is not None:
            self.cur_sec["text"] += data
            if self.in_repro:
                self.cur_sec["repro"] += data


def read_page(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    for h in p.hrefs:
        if h not in p.ids:
            p.problems.append("link to #%s, which is nowhere" % h)
    unclosed = [t for t in p.stack if t not in ("html", "body", "head")]
    if unclosed:
        p.problems.append("never closed: %s" % unclosed)
    return p


def check_sweep(p, docs):
    n = 0
    for d in docs:
        for c in d.get("cases", []):
            n += 1
            num = d["first_case"] + c["n"] - 1
            key, what = "case-%d" % num, "case %d (%s#%d %s)" % (num, c["call"], c["occurrence"], c["errno"])
            cell = p.cells.get(key)
            if not cell:
                p.problems.append("%s: no cell in the matrix" % what)
                continue
            if cell["attrs"].get("data-class") != c["class"] or ("k-" + c["class"]) not in cell["attrs"]["class"].split():
                p.problems.append("%s: cell of class %r, JSON says %r" % (what, cell["attrs"].get("class"), c["class"]))
            sec = p.sections.get(key)
            if not sec:
                p.problems.append("%s: no details" % what)
            elif sec["repro"].strip() != c["reproduce"]:
                p.problems.append("%s: reproduce %r, JSON says %r" % (what, sec["repro"], c["reproduce"]))
            elif c["class"] not in sec["text"]:
                p.problems.append("%s: the details do not name the class" % what)
    if len(p.cells) != n:
        p.problems.append("%d cells for %d cases" % (len(p.cells), n))
    return n


def check_gate(p, docs):
    n = 0
    for g, d in enumerate(docs, 1):
        for r in d.get("personalities", []):
            n += 1
            key = "run-%d-%s" % (g, r["personality"])
            cell = p.cells.get(key)
            if not cell:
                p.problems.append("%s: no cell" % key)
                continue
            if cell["attrs"].get("data-result") != r["result"]:
                p.problems.append("%s: cell %r, JSON says %r" % (key, cell["attrs"].get("data-result"), r["result"]))
            for f in r["fired"]:
                if f["rule"] not in cell["text"].split():
                    p.problems.append("%s: rule %s fired but is not in the cell %r" % (key, f["rule"], cell["text"]))
            sec = p.sections.get(key)
            if not sec or sec["repro"].strip() != r["reproduce"]:
                p.problems.append("%s: no details with the reproduce command %r" % (key, r["reproduce"]))
    if len(p.cells) != n:
        p.problems.append("%d cells for %d runs" % (len(p.cells), n))
    return n


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes): PNG chunks, inflate, unfilter."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        ln, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + ln]
        if typ == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif typ == b"IDAT":
            idat += body
        pos += 12 + ln
    w, h, depth, ctype = hdr[0], hdr[1], hdr[2], hdr[3]
    if depth != 8 or ctype not in (2, 6):
        raise ValueError("PNG of depth %d, colour type %d: not read here" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def check_png(path, colours):
    w, h, bpp, rows = png_pixels(path)
    seen = set()
    for line in rows[::2]:
        for x in range(0, w * bpp, bpp * 2):
            seen.add(bytes(line[x:x + 3]))
    problems = []
    if len(seen) < 2:
        problems.append("%s: %dx%d, every pixel one colour" % (path, w, h))
    for hexc in colours:
        want = bytes.fromhex(hexc)
        if not any(all(abs(p[i] - want[i]) <= 3 for i in range(3)) for p in seen):
            problems.append("%s: no pixel of colour #%s" % (path, hexc))
    print("# %s: %dx%d, %d colours" % (path, w, h, len(seen)))
    return problems


def main(argv):
    mode = argv[1]
    if mode == "png":
        problems = check_png(argv[2], argv[3:])
    else:
        p = read_page(argv[2])
        docs = [json.load(open(f, encoding="utf-8", errors="surrogateescape")) for f in argv[3:]]
        n = (check_sweep if mode == "sweep" else check_gate)(p, docs)
        print("# %s: %d cells checked against %d JSON document(s)" % (argv[2], n, len(docs)))
        problems = p.problems
    for m in problems:
        print(m)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

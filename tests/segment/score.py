#!/usr/bin/env python3
"""score.py -- score `missive segment` on the benchmark sets in
tests/segment/bench/ (sources and licences: tests/segment/bench/README.md).

    python3 tests/segment/score.py                  # every set, a table
    python3 tests/segment/score.py --set ps-en --failures
    python3 tests/segment/score.py --floors tests/segment/bench/floors.txt --tap

Two figures per set:
  case accuracy  a case is right when every sentence of it is right (the
                 output is exactly the expected list of sentences);
  sentEM         the share of gold sentences found exactly.

English and Spanish cases compare strings after white space is collapsed
to one space on both sides.  The Korean sets (KSS, kiwipiepy) follow those
projects' own measure: the text of a paragraph is its gold lines joined as
they are, and a gold sentence is found exactly when a produced segment
covers the same characters (white space ignored).

Held-out part: case number i (0-based, in file order, per set) is held out
when i % 4 == 3.  Rules are tuned on the other cases; both parts are
reported.  --failures lists failures of the tuning part only, unless
--held-out is given too.  The Universal Dependencies sets (ud-*) are held
out whole: measured, never tuned on.  The sets named "...+clean" are the
Pragmatic Segmenter and pySBD sets run through `missive segment --clean`.

The cases of a set go to one `missive segment` process, separated by a
marker paragraph: `missive segment` treats a blank line as a paragraph
break, so cases cannot run into each other.
"""

import argparse
import ast
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.join(HERE, 'bench')
MARKER = '\u2403\u2403 case boundary \u2403\u2403'


# ------------------------------------------------------------ readers

class Case:
    def __init__(self, text, gold, name, skip=False, korean=False):
        self.text = text
        self.gold = gold
        self.name = name
        self.skip = skip          # marked "skip" by its authors
        self.korean = korean      # scored with the KSS/Kiwi measure


def ruby_string(src, i):
    """Parse the Ruby string literal at SRC[i]; return (value, end)."""
    q = src[i]
    out = []
    i += 1
    while True:
        c = src[i]
        if c == q:
            return ''.join(out), i + 1
        if c == '\\':
            d = src[i + 1]
            if q == "'":
                out.append(d if d in "'\\" else '\\' + d)
                i += 2
                continue
            simple = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\',
                      "'": "'", 'e': '\x1b', 's': ' ', '0': '\0', '#': '#'}
            if d in simple:
                out.append(simple[d])
                i += 2
            elif d == 'u':
                if src[i + 2] == '{':
                    j = src.index('}', i)
                    out.extend(chr(int(h, 16)) for h in src[i + 3:j].split())
                    i = j + 1
                else:
                    out.append(chr(int(src[i + 2:i + 6], 16)))
                    i += 6
            else:
                raise ValueError('unknown escape \\%s at %d' % (d, i))
            continue
        if q == '"' and c == '#' and src[i + 1] == '{':
            raise ValueError('string interpolation at %d' % i)
        out.append(c)
        i += 1


def ruby_heredoc(body_lines, tag):
    """Lines of a <<-TAG heredoc (indentation kept, as Ruby does)."""
    out = []
    for line in body_lines:
        if line.strip() == tag:
            return ''.join(out)
        out.append(line)
    raise ValueError('unterminated heredoc ' + tag)


def ruby_array(src, i):
    """Parse a Ruby array of string literals at SRC[i] ('[')."""
    assert src[i] == '['
    items = []
    i += 1
    while True:
        while src[i] in ' \t\r\n,':
            i += 1
        if src[i] == ']':
            return items, i + 1
        s, i = ruby_string(src, i)
        items.append(s)


def read_ps_spec(path, lang, context=None):
    """The cases of a Pragmatic Segmenter RSpec file: each `it` block that
    builds a Segmenter and expects ps.segment to eq an array.  CONTEXT
    limits them to one `context "..."` block."""
    src = open(path, encoding='utf-8').read()
    lines = src.splitlines(keepends=True)
    cases = []
    in_context = context is None
    block = None
    for n, line in enumerate(lines):
        m = re.match(r'\s*(context|describe)\s+(["\'])(.*?)\2', line)
        if m:
            in_context = context is None or m.group(3) == context
            continue
        m = re.match(r'\s*it\s+(["\'])(.*?)\1\s+do\s*$', line)
        if m:
            block = {'name': m.group(2), 'start': n, 'skip': False,
                     'text': None, 'gold': None, 'lang': None}
            continue
        if block is None or not in_context:
            continue
        if re.match(r'\s*skip\b', line):
            block['skip'] = True
        m = re.match(r'\s*text\s*=\s*<<-(\w+)\s*$', line)
        if m:
            block['text'] = ruby_heredoc(lines[n + 1:], m.group(1))
            continue
        m = re.match(r'\s*text\s*=\s*(["\'])', line)
        if m:
            block['text'], _ = ruby_string(line, m.start(1))
            continue
        m = re.search(r'Segmenter\.new\(text:\s*', line)
        if m:
            j = m.end()
            if line[j] in '"\'':
                block['text'], j = ruby_string(line, j)
            # no language (or nil): Pragmatic Segmenter's default, English
            lm = re.search(r'language:\s*(["\'])(\w+)\1', line[j:])
            block['lang'] = lm.group(2) if lm else 'en'
            continue
        m = re.search(r'expect\(ps\.segment\)\.to eq\(', line)
        if m:
            block['gold'], _ = ruby_array(line, m.end())
            if block['text'] is None or block['lang'] != lang:
                raise ValueError('%s:%d: case without text or language'
                                 % (path, block['start'] + 1))
            cases.append(Case(block['text'], block['gold'],
                              block['name'], block['skip']))
            block = None
    return cases


def read_pysbd_rules(path):
    """GOLDEN_EN_RULES = [(text, [sentences]), ...] from pySBD."""
    tree = ast.parse(open(path, encoding='utf-8').read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == 'GOLDEN_EN_RULES':
            rules = ast.literal_eval(node.value)
            return [Case(t, g, 'rule %d' % (k + 1)) for k, (t, g) in enumerate(rules)]
    raise ValueError('no GOLDEN_EN_RULES in ' + path)


def read_lines(path, joiner, korean):
    """One gold sentence a line, paragraphs separated by an empty line; the
    text of a paragraph is its lines joined with JOINER."""
    cases, buf = [], []
    with open(path, encoding='utf-8') as f:
        lines = [l.rstrip('\r\n') for l in f] + ['']
    for line in lines:
        if line:
            buf.append(line)
        elif buf:
            cases.append(Case(joiner.join(buf), buf, 'paragraph %d' % (len(cases) + 1),
                              korean=korean))
            buf = []
    return cases


def read_kss(path):
    """KSS/Kiwi format: the text of a paragraph is its lines joined as they
    are (most end with a space), as those projects' own scripts do."""
    return read_lines(path, '', True)


def read_ud(path, korean=False):
    """Sentences of a Universal Dependencies treebank (tests/segment/bench/ud/,
    made by ud2txt.py): the text of a paragraph is its sentences joined by a
    space (the treebanks keep no line structure).  KOREAN: scored with the
    KSS/Kiwi measure, as the other Korean sets."""
    return read_lines(path, ' ', korean)


def read_cases(path):
    """Our own format (as tests/segment/<lang>.txt): "> " input lines (joined
    with newlines), "= " expected segments, cases separated by blank lines,
    "#" comments; "# source: ..." names where the text comes from."""
    cases, text, gold, source = [], [], [], ''
    with open(path, encoding='utf-8') as f:
        lines = [l.rstrip('\n') for l in f] + ['']
    for line in lines:
        if not line.strip():
            if text:
                cases.append(Case('\n'.join(text), gold,
                                  '%s case %d' % (source, len(cases) + 1)))
            text, gold = [], []
        elif line.startswith('# source:'):
            source = line[9:].strip()
        elif line.startswith('#'):
            continue
        elif line.startswith('>'):
            text.append(line[2:] if line.startswith('> ') else line[1:])
        elif line.startswith('='):
            gold.append(line[2:] if line.startswith('= ') else line[1:])
    return cases


def bench(*p):
    return os.path.join(BENCH, *p)


KSS_SETS = ['blogs_ko', 'blogs_lee', 'nested', 'sample', 'tweets',
            'v_ending', 'wikipedia']

SETS = [
    # name, language, reader
    ('ps-golden-en', 'en', lambda: read_ps_spec(
        bench('pragmatic_segmenter', 'english_spec.rb'), 'en', 'Golden Rules')),
    ('ps-en', 'en', lambda: read_ps_spec(
        bench('pragmatic_segmenter', 'english_spec.rb'), 'en')),
    ('ps-es', 'es', lambda: read_ps_spec(
        bench('pragmatic_segmenter', 'spanish_spec.rb'), 'es')),
    ('pysbd-golden-en', 'en', lambda: read_pysbd_rules(
        bench('pysbd', 'english_golden_rules.py'))),
] + [('kss-' + k, 'ko', (lambda k=k: read_kss(bench('kss', k + '.txt'))))
     for k in KSS_SETS] + [
    ('kiwi-etn', 'ko', lambda: read_kss(bench('kiwipiepy', 'etn.txt'))),
    ('formal-en', 'en', lambda: read_cases(bench('formal', 'en.txt'))),
    ('formal-es', 'es', lambda: read_cases(bench('formal', 'es.txt'))),
    ('formal-ko', 'ko', lambda: read_cases(bench('formal', 'ko.txt'))),
    ('ud-en-ewt', 'en', lambda: read_ud(bench('ud', 'en_ewt-test.txt'))),
    ('ud-es-gsd', 'es', lambda: read_ud(bench('ud', 'es_gsd-test.txt'))),
    ('ud-ko-kaist', 'ko', lambda: read_ud(bench('ud', 'ko_kaist-test.txt'), True)),
]

# The same sets run through `missive segment --clean` (markup, rules, dot
# leaders removed first: doc/segmentation.md, "Cleaning").
SETS += [(name + '+clean', lang, reader) for name, lang, reader in SETS
         if name in ('ps-golden-en', 'ps-en', 'ps-es', 'pysbd-golden-en')]

# Sets held out whole: measured, never tuned on (--failures does not list
# their cases unless --held-out is given).
UNTUNED = {'ud-en-ewt', 'ud-es-gsd', 'ud-ko-kaist'}

# Pragmatic Segmenter cases that test its text cleaner, not segmentation:
# the expected sentences differ from the input by more than white space
# (HTML and XML tags, dot leaders and page numbers removed, letters set
# one a line joined, backticks made apostrophes, "\r\n" typed as text
# removed, a rule of underscores dropped).  missive's segments are spans
# of the text it is given, so it cannot pass them; the table shows each
# set with and without them.
CLEANING = {
    'ps-en': {'correctly segments text #%03d' % k
              for k in (8, 21, 31, 32, 33, 45, 49, 53, 68, 77, 81, 82)},
    'ps-es': {'correctly segments text #030'},
}

# Sums over several sets (sentEM over all their gold sentences).
GROUPS = [('kss (7 sets)', ['kss-' + k for k in KSS_SETS])]


# ------------------------------------------------------------ running

def run_missive(missive, lang, cases, clean=False):
    """Segment every case in one process; a list of segment lists."""
    parts = []
    for c in cases:
        parts.append(c.text.strip('\n'))
        parts.append(MARKER)
    data = '\n\n'.join(parts) + '\n'
    p = subprocess.run([missive, 'segment', '--lang', lang] + (['--clean'] if clean else []),
                       input=data.encode('utf-8'), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit('score.py: missive segment --lang %s failed (%d): %s'
                 % (lang, p.returncode, p.stderr.decode('utf-8', 'replace')))
    out, cur = [], []
    for line in p.stdout.decode('utf-8').split('\n')[:-1]:
        if line == MARKER:
            out.append(cur)
            cur = []
        else:
            cur.append(line)
    if len(out) != len(cases) or cur:
        sys.exit('score.py: %d cases in, %d out: a marker was not kept whole'
                 % (len(cases), len(out)))
    return out


def norm(s):
    return ' '.join(s.split())


def found_strings(gold, got):
    """Gold sentences produced exactly, matched in order."""
    found, j = 0, 0
    for g in got:
        for k in range(j, len(gold)):
            if g == gold[k]:
                found += 1
                j = k + 1
                break
    return found


def spans(sentences):
    """(start, end) of each sentence in the concatenation without spaces."""
    out, pos = [], 0
    for s in sentences:
        n = len(re.sub(r'\s+', '', s))
        out.append((pos, pos + n))
        pos += n
    return out


def score_case(c, got):
    """(right, gold sentences, found exactly)."""
    if c.korean:
        g = spans(c.gold)
        p = set(spans(got))
        found = sum(1 for s in g if s in p)
        return found == len(g) and len(got) == len(g), len(g), found
    gold = [norm(s) for s in c.gold]
    got = [norm(s) for s in got]
    return got == gold, len(gold), found_strings(gold, got)


class Tally:
    def __init__(self):
        self.cases = self.right = self.gold = self.found = 0

    def add(self, right, gold, found):
        self.cases += 1
        self.right += int(right)
        self.gold += gold
        self.found += found

    def __iadd__(self, o):
        self.cases += o.cases
        self.right += o.right
        self.gold += o.gold
        self.found += o.found
        return self

    def acc(self):
        return 100.0 * self.right / self.cases if self.cases else 0.0

    def em(self):
        return self.found / self.gold if self.gold else 0.0


def held_out(i, name=''):
    return name in UNTUNED or i % 4 == 3


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--missive', default=None,
                    help='the missive program (default: core/missive of this tree)')
    ap.add_argument('--set', action='append', default=[],
                    help='score only this set (repeatable; a prefix such as "kss" works)')
    ap.add_argument('--failures', action='store_true',
                    help='show the failed cases of the tuning part')
    ap.add_argument('--held-out', action='store_true',
                    help='with --failures: show held-out failures too')
    ap.add_argument('--floors', help='a file of "set cases-right sentences-found" floors')
    ap.add_argument('--tap', action='store_true', help='TAP output (with --floors)')
    ap.add_argument('--write-floors', help='write the current counts as floors')
    args = ap.parse_args()

    missive = args.missive or os.path.join(HERE, '..', '..', 'core', 'missive')
    floors = {}
    if args.floors:
        for line in open(args.floors, encoding='utf-8'):
            line = line.split('#')[0].split()
            if line:
                floors[line[0]] = (int(line[1]), int(line[2]))

    chosen = [s for s in SETS
              if not args.set or any(s[0].startswith(p) for p in args.set)]
    results = {}
    tap_n = 0
    out = sys.stdout
    if not args.tap:
        out.write('%-18s %5s %5s %7s %6s %6s %7s | %-15s | %-15s\n' % (
            'set', 'cases', 'right', 'acc', 'gold', 'found', 'sentEM',
            'tune acc/EM', 'held-out acc/EM'))
    for name, lang, reader in chosen:
        cases = reader()
        got = run_missive(missive, lang, cases, name.endswith('+clean'))
        total, tune, held, clean = Tally(), Tally(), Tally(), Tally()
        fails = []
        for i, (c, g) in enumerate(zip(cases, got)):
            r = score_case(c, g)
            total.add(*r)
            if c.name not in CLEANING.get(name.replace('+clean', ''), ()):
                clean.add(*r)
            (held if held_out(i, name) else tune).add(*r)
            if not r[0] and (not held_out(i, name) or args.held_out):
                fails.append((i, c, g))
        results[name] = total
        if args.tap:
            if name in floors:
                fr, ff = floors[name]
                tap_n += 1
                ok = total.right >= fr and total.found >= ff
                out.write('%s %d - %s: %d/%d cases right (floor %d), %d/%d sentences found (floor %d)\n'
                          % ('ok' if ok else 'not ok', tap_n, name, total.right,
                             total.cases, fr, total.found, total.gold, ff))
            continue
        out.write('%-18s %5d %5d %6.1f%% %6d %6d %7.3f | %5.1f%% / %5.3f | %5.1f%% / %5.3f\n' % (
            name, total.cases, total.right, total.acc(), total.gold, total.found,
            total.em(), tune.acc(), tune.em(), held.acc(), held.em()))
        if clean.cases < total.cases:
            out.write('%-18s %5d %5d %6.1f%% %6d %6d %7.3f   (without %d text-cleaning cases)\n' % (
                '  ' + name, clean.cases, clean.right, clean.acc(), clean.gold,
                clean.found, clean.em(), total.cases - clean.cases))
        if args.failures:
            for i, c, g in fails:
                out.write('  --- %s #%d %s%s%s\n' % (name, i, c.name,
                          ' (held out)' if held_out(i, name) else '',
                          ' (skipped by its authors)' if c.skip else ''))
                out.write('  in:   %r\n' % c.text)
                for s in c.gold:
                    out.write('  want: %s\n' % s)
                for s in g:
                    out.write('  got:  %s\n' % s)
    if not args.tap:
        for gname, members in GROUPS:
            t = Tally()
            have = [m for m in members if m in results]
            if len(have) != len(members):
                continue
            for m in have:
                t += results[m]
            out.write('%-18s %5d %5d %6.1f%% %6d %6d %7.3f\n' % (
                gname, t.cases, t.right, t.acc(), t.gold, t.found, t.em()))
    if args.tap:
        missing = [n for n in floors if n not in results and (not args.set)]
        for n in missing:
            tap_n += 1
            out.write('not ok %d - %s: a floor for a set that does not exist\n' % (tap_n, n))
        out.write('1..%d\n' % tap_n)
    if args.write_floors:
        with open(args.write_floors, 'w', encoding='utf-8') as f:
            f.write('# set  cases-right  sentences-found: floors that make check asserts\n'
                    '# (tests/test-segment-bench.sh); raise them when the segmenter improves.\n')
            for name, t in results.items():
                f.write('%-18s %4d %5d\n' % (name, t.right, t.found))


if __name__ == '__main__':
    main()

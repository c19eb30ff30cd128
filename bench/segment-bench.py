#!/usr/bin/env python3
"""segment-bench.py -- time `missive segment` per megabyte of input.

    python3 bench/segment-bench.py                         # this tree's missive
    python3 bench/segment-bench.py --missive OLD --missive NEW --mb 4

For each language (en, es, ko) the input is the text of the benchmark sets
in tests/segment/bench/ (Pragmatic Segmenter cases, our formal sets, the
KSS sets), paragraphs separated by blank lines, repeated until it reaches
--mb megabytes; a second input per language is one paragraph of --mb
megabytes without line breaks (the worst case for a single call).  Each
program runs --reps times on each input and the best time is kept, so
programs given together are measured on the same machine state, turn by
turn.  Timings are for this script's reader, never asserted by make check.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'segment'))
import score  # noqa: E402  (the readers of the benchmark sets)


def texts(lang):
    out = []
    for name, l, reader in score.SETS:
        if l == lang:
            out.extend(c.text.strip('\n') for c in reader())
    return out


def build(lang, mb, one_paragraph):
    paras = texts(lang)
    sep = ' ' if one_paragraph else '\n\n'
    if one_paragraph:
        paras = [' '.join(p.split()) for p in paras]
    chunk = sep.join(paras).encode('utf-8')
    want = int(mb * 1024 * 1024)
    reps = want // len(chunk) + 1
    data = (chunk + sep.encode()) * reps
    return data[:want].rsplit(b' ', 1)[0] + b'\n'


def run(missive, lang, path):
    with open(path, 'rb') as f:
        t0 = time.perf_counter()
        p = subprocess.run([missive, 'segment', '--lang', lang], stdin=f,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t1 = time.perf_counter()
    if p.returncode != 0:
        sys.exit('%s failed: %s' % (missive, p.stderr.decode('utf-8', 'replace')))
    return t1 - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--missive', action='append',
                    help='a missive program (repeatable; default: core/missive)')
    ap.add_argument('--mb', type=float, default=4.0, help='input size in MB')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--lang', action='append', help='en, es, ko (default: all)')
    args = ap.parse_args()
    progs = args.missive or [os.path.join(HERE, '..', 'core', 'missive')]
    langs = args.lang or ['en', 'es', 'ko']
    with tempfile.TemporaryDirectory() as tmp:
        print('%-6s %-10s %8s  %s' % ('lang', 'input', 'MB', '  '.join(
            's/MB(%d)' % (i + 1) for i in range(len(progs)))))
        for lang in langs:
            for kind, one in (('paragraphs', False), ('one-para', True)):
                path = os.path.join(tmp, '%s-%s.txt' % (lang, kind))
                data = build(lang, args.mb, one)
                with open(path, 'wb') as f:
                    f.write(data)
                mb = len(data) / (1024 * 1024)
                best = [float('inf')] * len(progs)
                for _ in range(args.reps):
                    for i, prog in enumerate(progs):
                        best[i] = min(best[i], run(prog, lang, path))
                print('%-6s %-10s %8.2f  %s' % (lang, kind, mb, '  '.join(
                    '%8.3f' % (b / mb) for b in best)))
        for i, prog in enumerate(progs):
            print('(%d) %s' % (i + 1, prog))


if __name__ == '__main__':
    main()

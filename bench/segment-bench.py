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
turn.  Two figures per program: wall-clock seconds per MB and CPU seconds
(user + system, of the child) per MB; the CPU figure moves less when the
machine is shared.  Timings are for this script's reader, never asserted
by make check.
"""

import argparse
import os
import resource
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
        # the same text as when the first figures were taken: not the
        # "+clean" runs of the same sets, nor the sets added later
        if l == lang and not name.endswith('+clean') and name not in score.UNTUNED:
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


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(missive, lang, path):
    """Wall-clock and CPU seconds of one `missive segment` run."""
    with open(path, 'rb') as f:
        c0 = cpu_children()
        t0 = time.perf_counter()
        p = subprocess.run([missive, 'segment', '--lang', lang], stdin=f,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t1 = time.perf_counter()
        c1 = cpu_children()
    if p.returncode != 0:
        sys.exit('%s failed: %s' % (missive, p.stderr.decode('utf-8', 'replace')))
    return t1 - t0, c1 - c0


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
        print('%-6s %-10s %8s  %s  %s' % ('lang', 'input', 'MB', '  '.join(
            's/MB(%d)' % (i + 1) for i in range(len(progs))), '  '.join(
            'cpu/MB(%d)' % (i + 1) for i in range(len(progs)))))
        for lang in langs:
            for kind, one in (('paragraphs', False), ('one-para', True)):
                path = os.path.join(tmp, '%s-%s.txt' % (lang, kind))
                data = build(lang, args.mb, one)
                with open(path, 'wb') as f:
                    f.write(data)
                mb = len(data) / (1024 * 1024)
                best = [float('inf')] * len(progs)
                cpu = [float('inf')] * len(progs)
                for _ in range(args.reps):
                    for i, prog in enumerate(progs):
                        wall, used = run(prog, lang, path)
                        best[i] = min(best[i], wall)
                        cpu[i] = min(cpu[i], used)
                print('%-6s %-10s %8.2f  %s  %s' % (lang, kind, mb, '  '.join(
                    '%8.3f' % (b / mb) for b in best), '  '.join(
                    '%10.3f' % (c / mb) for c in cpu)))
        for i, prog in enumerate(progs):
            print('(%d) %s' % (i + 1, prog))


if __name__ == '__main__':
    main()

# ud2txt.py -- the sentences of a CoNLL-U file, one a line, paragraphs
# (# newpar / # newdoc, or groups of N sentences when the file has no
# paragraph marks) separated by an empty line.  Usage: ud2txt.py FILE N
import sys
# Paragraphs: "# newpar" / "# newdoc" when the file has them, else groups of N.
path, group = sys.argv[1], int(sys.argv[2])
sents, pars = [], []
has_par = False
src = open(path, encoding='utf-8').read().splitlines()
has_par = any(l.startswith('# newpar') for l in src)
cur = []
for l in src:
    if l.startswith('# newpar') or l.startswith('# newdoc'):
        if has_par and cur:
            pars.append(cur); cur = []
    elif l.startswith('# text = '):
        cur.append(l[9:].strip())
        if not has_par and len(cur) == group:
            pars.append(cur); cur = []
if cur: pars.append(cur)
out = sys.stdout
out.write('\n\n'.join('\n'.join(p) for p in pars) + '\n')

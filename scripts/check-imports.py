#!/usr/bin/env python3
"""No module of src/ may import one that imports it back: scripts/check-imports.py [SRC_DIR]

Builds the file-level graph of `crate::` paths (in `use` lines and in code, outside comments and
test modules), resolves each to the file that defines it, and prints every cycle (strongly
connected component). Exits 1 when there is one. The error type, for one, depends only on the
plain data of the stages, never on the code that produces it (docs/architecture.md)."""
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            files[p] = open(p).read()
def resolve(parts):
    # longest prefix that is a file
    for n in range(len(parts), 0, -1):
        base = os.path.join(root, *parts[:n])
        for cand in (base + '.rs', os.path.join(base, 'mod.rs')):
            if cand in files:
                return cand
    return None
edges = {p: set() for p in files}
pat = re.compile(r'crate::((?:[a-z_][a-z0-9_]*::)*[a-z_][a-z0-9_]*)')
for p, text in files.items():
    # drop comments and test modules
    code = re.sub(r'//[^\n]*', '', text)
    code = code.split('#[cfg(test)]')[0]
    for m in pat.finditer(code):
        target = resolve(m.group(1).split('::'))
        if target and target != p:
            edges[p].add(target)
    # `use crate::a::{b, c::d}` groups
    for m in re.finditer(r'use crate::([a-z_:]*)\{([^}]*)\}', code):
        prefix = [x for x in m.group(1).split('::') if x]
        for item in m.group(2).split(','):
            item = item.strip().split(' ')[0]
            if not item or item == 'self':
                continue
            t = resolve(prefix + [x for x in item.split('::') if x and x[0].islower()])
            if t and t != p:
                edges[p].add(t)
# Tarjan
index = {}; low = {}; stack = []; on = set(); sccs = []; i = [0]
sys.setrecursionlimit(10000)
def strong(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(comp))
for v in files:
    if v not in index: strong(v)
for c in sccs:
    print('cycle:', ' '.join(c))
print(f'check-imports: {len(files)} files, {sum(len(e) for e in edges.values())} imports, {len(sccs)} cycles')
sys.exit(1 if sccs else 0)

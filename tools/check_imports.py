"""Imports flow forward only: no notebook cell, and no module of rnn_seq, imports from a later notebook's module.

Each notebook's number orders its module (`#| default_exp`). A code cell of notebook N may import `rnn_seq.M` only
when M's notebook comes before N (or is N). The one exception: a hidden `#| echo: false` cell that only displays a
demo from `rnn_seq.widgets` in the chapter it illustrates. The generated modules are checked the same way.
Usage: python tools/check_imports.py   (exit 1 and a list of the backward imports when there are any)
"""
import ast, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
EXPORT = re.compile(r'^\s*#\|\s*default_exp\s+(\S+)', re.M)

def notebooks():
    "(order, path, module) for every numbered notebook, plus index last."
    out = []
    for p in sorted((root/'nbs').glob('*.ipynb')):
        cells = json.loads(p.read_text())['cells']
        module = next((m.group(1) for c in cells if c['cell_type'] == 'code' for m in [EXPORT.search(''.join(c['source']))] if m), None)
        order = int(p.name[:2]) if p.name[:2].isdigit() else 99
        out.append((order, p, module))
    return out

def imported_modules(source):
    "The rnn_seq submodules a piece of Python source imports."
    try: tree = ast.parse(re.sub(r'^\s*[%!].*$', '', source, flags=re.M))
    except SyntaxError: return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith('rnn_seq.'): found.add(node.module.split('.')[1])
        if isinstance(node, ast.Import):
            found |= {a.name.split('.')[1] for a in node.names if a.name.startswith('rnn_seq.')}
    return found

def main():
    nbs = notebooks()
    rank = {m: o for o, _, m in nbs if m}
    problems = []
    for order, path, module in nbs:
        for i, cell in enumerate(json.loads(path.read_text())['cells']):
            if cell['cell_type'] != 'code': continue
            src = ''.join(cell['source'])
            demo_only = re.search(r'^\s*#\|\s*echo:\s*false', src, re.M)
            for m in imported_modules(src):
                if m not in rank: problems.append(f'{path.name} cell {i}: imports rnn_seq.{m}, which no notebook exports'); continue
                if rank[m] > order and not (demo_only and m == 'widgets'):
                    problems.append(f'{path.name} cell {i}: imports rnn_seq.{m} from a later notebook ({rank[m]:02d})')
    for m, o in rank.items():
        f = root/'rnn_seq'/f'{m}.py'
        if not f.exists(): continue
        for used in imported_modules(f.read_text()):
            if rank.get(used, -1) > o: problems.append(f'rnn_seq/{m}.py: imports rnn_seq.{used} from a later notebook ({rank[used]:02d})')
    for p in problems: print('FAIL', p)
    print(f'import direction: {len(problems)} backward import(s) in {len(nbs)} notebooks and their modules')
    sys.exit(1 if problems else 0)

if __name__ == '__main__': main()

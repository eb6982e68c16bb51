"""Imports flow one way: the chapters never import the engine, and no module imports from a later notebook.

The two layers: `rnn_seq.<chapter>` (notebooks 00-05 and 10 on: what the book teaches) and `rnn_seq.engine.<job>`
(notebooks 06-09: fast twins, big corpora, training, checkpoints, commands, widgets).
Rule 1 (layers): no chapter notebook or chapter module imports `rnn_seq.engine`. The one exception: a hidden
         `#| echo: false` cell of a chapter that only displays a demo from `rnn_seq.engine.widgets`.
Rule 2 (order): within a layer, a notebook or module imports only modules of notebooks numbered at or before its own;
         the engine may import any chapter.
The generated modules are checked the same way as the notebooks.
Usage: python tools/check_imports.py   (exit 1 and a list of the offending imports when there are any)
"""

import ast, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
EXPORT = re.compile(r"^\s*#\|\s*default_exp\s+(\S+)", re.M)
DEMO = "engine.widgets"


def notebooks():
    "(order, path, module) for every numbered notebook, plus index last."
    out = []
    for p in sorted((root / "nbs").glob("*.ipynb")):
        cells = json.loads(p.read_text())["cells"]
        module = next((m.group(1) for c in cells if c["cell_type"] == "code" for m in [EXPORT.search("".join(c["source"]))] if m), None)
        order = int(p.name[:2]) if p.name[:2].isdigit() else 99
        out.append((order, p, module))
    return out


def is_engine(module):
    return module.startswith("engine.")


def imported_modules(source, package=None):
    "The rnn_seq modules (dotted, without `rnn_seq.`) that a piece of Python source imports; `package` resolves relative imports."
    try:
        tree = ast.parse(re.sub(r"^\s*[%!].*$", "", source, flags=re.M))
    except SyntaxError:
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            name = node.module or ""
            if node.level and package is not None:
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level > 1 else package.split(".")
                name = ".".join([*base, name]) if name else ".".join(base)
            if name.startswith("rnn_seq."):
                found.add(name[len("rnn_seq.") :])
        if isinstance(node, ast.Import):
            found |= {a.name[len("rnn_seq.") :] for a in node.names if a.name.startswith("rnn_seq.")}
    return {m for m in found if m not in ("", "engine", "_modidx")}


def problem(who, order, importer_is_engine, used, rank, demo_only=False):
    "Why `who` may not import `used`, or None."
    if used not in rank:
        return f"{who}: imports rnn_seq.{used}, which no notebook exports"
    if is_engine(used) and not importer_is_engine and not (demo_only and used == DEMO):
        return f"{who}: a chapter imports rnn_seq.{used} (the chapters never import the engine)"
    if is_engine(used) == importer_is_engine and rank[used] > order:
        return f"{who}: imports rnn_seq.{used} from a later notebook ({rank[used]:02d})"


def main():
    nbs = notebooks()
    rank = {m: o for o, _, m in nbs if m}
    problems = []
    for order, path, module in nbs:
        engine = bool(module and is_engine(module)) or path.name == "index.ipynb"  # the index shows the whole package
        for i, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            demo_only = bool(re.search(r"^\s*#\|\s*echo:\s*false", src, re.M))
            problems += filter(None, (problem(f"{path.name} cell {i}", order, engine, m, rank, demo_only) for m in imported_modules(src)))
    for m, o in rank.items():
        f = root / "rnn_seq" / (m.replace(".", "/") + ".py")
        if not f.exists():
            continue
        pkg = "rnn_seq." + m.rsplit(".", 1)[0] if "." in m else "rnn_seq"
        problems += filter(None, (problem(f"rnn_seq/{m.replace('.', '/')}.py", o, is_engine(m), used, rank) for used in imported_modules(f.read_text(), pkg)))
    for p in problems:
        print("FAIL", p)
    print(f"imports: {len(problems)} offending import(s) in {len(nbs)} notebooks and their modules (chapters never import the engine; no import from a later notebook)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

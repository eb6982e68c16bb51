"""Exported cells stay small: at most 40 lines of code and at most one definition each.

An exported cell is a code cell whose directives (the `#|` lines at its top, before any other line: a plain comment
ends them, as for nbdev) hold `#| export`, `#| exports` or `#| exporti` (with or without a module name after it). For every exported cell of every notebook under nbs/:
- Size: at most 40 lines of code, counting every line of the cell except blank lines and the directive lines
  (`#| ...`); comments and docstrings count, since a reader reads them.
- One definition: at most one top-level `def` or `class` (an `@patch`ed method is a `def`, so it gets its own cell).
  Plain assignments may sit beside that one definition (a constant or a table the definition uses, e.g. `MAX_LOSS`
  beside the function that applies it): they are data, not a second thing to read. Imports are allowed too (the
  import cell holds nothing else).
A cell that does not parse as Python (after dropping `%` and `!` lines) is reported as well.
Usage: python tools/check_cells.py [NOTEBOOK ...]   (default: every notebook under nbs/; exit 1 and one line per
offending cell: notebook, cell number and id, its first line of code, what is wrong)
"""

import ast
import json
import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
MAX_LINES = 40
DIRECTIVE = re.compile(r"^\s*#\s*\|")
EXPORTED = re.compile(r"^\s*#\s*\|\s*export[si]?:?(\s|$)")


def directives(lines: list[str]) -> list[str]:
    "The directive lines at the top of a cell, as nbdev reads them: the first other line (a plain comment too) ends them."
    out = []
    for line in lines:
        if DIRECTIVE.match(line):
            out.append(line)
        elif line.strip() and not line.startswith("%%"):
            break
    return out


def code_lines(lines: list[str]) -> list[str]:
    "The lines that count towards a cell's size: all but blank lines and directives."
    return [line for line in lines if line.strip() and not DIRECTIVE.match(line)]


def definitions(source: str) -> list[str] | None:
    "Names of the top-level functions and classes in `source`, or None when it does not parse."
    try:
        tree = ast.parse(re.sub(r"^\s*[%!].*$", "", source, flags=re.M))
    except SyntaxError:
        return None
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return [node.name for node in tree.body if isinstance(node, kinds)]


def problems(path: Path) -> list[str]:
    "One line per exported cell of the notebook at `path` that breaks a rule."
    out = []
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        lines = source.splitlines()
        if not any(EXPORTED.match(d) for d in directives(lines)):
            continue
        code = code_lines(lines)
        where = f"{path.relative_to(root) if path.is_relative_to(root) else path}: cell {number} (id {cell.get('id', '?')}) '{code[0].strip()[:60] if code else ''}'"
        if len(code) > MAX_LINES:
            out.append(f"{where}: {len(code)} lines of code (at most {MAX_LINES}): split it, one definition per cell")
        names = definitions(source)
        if names is None:
            out.append(f"{where}: does not parse as Python")
        elif len(names) > 1:
            out.append(f"{where}: {len(names)} definitions ({', '.join(names)}): give each its own cell, its test after it")
    return out


def main(args: list[str]) -> int:
    paths = [Path(a).resolve() for a in args] or sorted(p for p in (root / "nbs").rglob("*.ipynb") if not {"_proc", ".ipynb_checkpoints"} & set(p.parts))
    found = [line for p in paths for line in problems(p)]
    for line in found:
        print(line)
    print(f"check_cells: {len(paths)} notebooks, {len(found)} exported cells over {MAX_LINES} lines or with more than one definition")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

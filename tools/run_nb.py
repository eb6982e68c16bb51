"""Execute notebooks in place so their saved outputs (figures, tables, widget state) are current.

Cells flagged `#| slow` or `#| bench` keep the outputs they have unless --slow is given (then every cell runs, as for the
committed results of the long experiments). Cells flagged `#| eval: false` are never run (as nbdev_test and the docs
skip them): they keep no output. Widget state is stored in the notebook, as the docs site needs.
Usage: python tools/run_nb.py [--slow | --slow=TEXT] nbs/04_training.ipynb [more notebooks]
(--slow=TEXT reruns only the slow cells whose source contains TEXT; the other slow cells keep their outputs.)
"""

import copy, os, re, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

SLOW = re.compile(r"^\s*#\|\s*(slow|bench)\b", re.M)
NO_EVAL = re.compile(r"^\s*#\|\s*eval:\s*false\b", re.M)


def run(path, slow=False):
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend saves figures; Agg (as CI sets it) would drop them
    nb = nbformat.read(path, as_version=4)
    rerun = (lambda src: True) if slow is True else (lambda src: slow in src) if slow else (lambda src: False)
    skipped = {i: copy.deepcopy(c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and SLOW.search(c.source) and not rerun(c.source)}
    for i in skipped:
        nb.cells[i].source = "pass"
    never = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and NO_EVAL.search(c.source)]
    sources = {i: nb.cells[i].source for i in never}
    for i in never:
        nb.cells[i].source, nb.cells[i].outputs = "pass", []
    NotebookClient(nb, timeout=None, kernel_name="python3", resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    for i, cell in skipped.items():
        nb.cells[i] = cell  # source and saved outputs as they were
    for i in never:
        nb.cells[i].source, nb.cells[i].outputs, nb.cells[i].execution_count = sources[i], [], None
    nbformat.write(nb, path)
    print(f"executed {path}" + (f" (kept the saved outputs of {len(skipped)} slow cells)" if skipped else ""))


if __name__ == "__main__":
    args = sys.argv[1:]
    slow = next((True if a == "--slow" else a.split("=", 1)[1] for a in args if a.startswith("--slow")), False)
    for p in [a for a in args if not a.startswith("--slow")]:
        run(p, slow=slow)

"""Run the chapter notebooks as a reader does after a plain install: the package, torch and a notebook runner, no nbdev.

Every code cell runs except those flagged `#| slow`, `#| bench` or `#| eval: false` (as `nbdev_test` skips them; the closing
`nbdev_export()` cell runs, and must do nothing without nbdev). The notebooks are copied to a scratch folder and run
there, so nothing is written back and the repository's `rnn_seq/` cannot be imported by accident: a first cell checks
that the kernel is this Python and imports the installed package, and that nbdev is absent.
Needs nbclient and ipykernel beside the package. Prints one line per notebook and `plain notebooks: N ran, N failed`.
Usage: python tools/run_plain.py [--jobs N] nbs/00_sequence_models.ipynb [more notebooks]
"""

import os, re, shutil, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
import nbformat
from nbclient import NotebookClient

SKIP = re.compile(r"^\s*#\|\s*(slow\b|bench\b|eval:\s*false\b)", re.M)


def first_cell():
    "Source of the check that runs before the notebook: this Python, the installed package, no nbdev."
    return (
        f"import sys, importlib.util, rnn_seq\n"
        f"assert sys.prefix == {sys.prefix!r}, f'the kernel runs {{sys.prefix}}, not the plain environment'\n"
        f"assert 'site-packages' in rnn_seq.__file__, f'rnn_seq imported from {{rnn_seq.__file__}}, not the installed package'\n"
        f"assert importlib.util.find_spec('nbdev') is None, 'nbdev is installed: this is not a plain install'"
    )


def run(
    path: Path,  # the notebook (in the scratch folder)
) -> tuple:
    "Execute the notebook's cells in memory; (ok, seconds, error)."
    nb = nbformat.read(path, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell(first_cell())] + [c for c in nb.cells if c.cell_type != "code" or not SKIP.search(c.source)]
    start = time.time()
    try:
        NotebookClient(
            nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}, extra_arguments=["--IPKernelApp.log_level=ERROR"]
        ).execute()  # (not its warning about local TCP)
        return True, time.time() - start, ""
    except Exception as e:
        return False, time.time() - start, f"{type(e).__name__}: {str(e)[-1500:]}"


def main(args):
    jobs = int(next((a.split("=", 1)[1] for a in args if a.startswith("--jobs=")), 1))
    paths = [Path(a).resolve() for a in args if not a.startswith("--")]
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}" + os.environ.get("PATH", "")  # the commands the notebooks call
    os.environ.setdefault("MPLBACKEND", "Agg")
    if jobs > 1:
        os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread per notebook when several run at once: more would wait on each other
    scratch = Path(tempfile.mkdtemp(prefix="rnn_seq_plain_"))
    try:
        for p in {p.parent for p in paths}:
            shutil.copytree(p, scratch / p.name, dirs_exist_ok=True)
        results = []
        with ThreadPoolExecutor(jobs) as pool:
            for f in as_completed([pool.submit(lambda p: (p, *run(scratch / p.parent.name / p.name)), p) for p in paths]):
                p, ok, secs, err = f.result()
                results.append((p, ok, secs, err))
                print(f"{'ok  ' if ok else 'FAIL'} {p.name} ({secs:.0f} s)" + (f"\n{err}" if err else ""), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    failed = sum(not ok for _, ok, _, _ in results)
    print(f"plain notebooks: {len(results) - failed} ran, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])

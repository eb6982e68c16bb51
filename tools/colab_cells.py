"""Make every chapter runnable where readers already work: an "Open in Colab" link and a first install cell.

For each numbered notebook (default: nbs/[0-9]*.ipynb) this script, idempotently:
- puts, right after the title cell, a markdown cell linking to the notebook on Colab (from settings.ini's git_url and
  branch) and a code cell `#| eval: false` (shown to readers, skipped by nbdev_test and the docs) that installs the
  package with `%pip`. pip keeps an installed torch that meets the package's bound (settings.ini), so a hosted runtime's
  PyTorch is not replaced. Packages the notebook's own test cells import beyond the package's requirements (e.g.
  hypothesis) are installed by the same line;
- makes the hidden nbdev cells safe without nbdev (a plain `pip install` has none): the `show_doc` import falls back to
  `help` where the notebook calls `show_doc`, and is dropped where it does not; the closing `nbdev_export()` cell runs
  only where nbdev is installed.
Rerun it after adding a notebook (the lead reruns it after merging). `--check` changes nothing and exits 1 when a
notebook is not up to date; `--extras` prints the packages the install cells add beyond the package (for CI's plain
environment, which installs what a reader's install cell does). Usage: python tools/colab_cells.py [--check | --extras] [notebooks...]
"""

import configparser, hashlib, json, re, shlex, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
LINK_MARK = "colab.research.google.com/github/"
INSTALL_MARK = "!pip install"  # not %pip: nbdev's docs drop lines that start with %, so the site would show no command
SHOWDOC_GUARDED = (
    "try: from nbdev.showdoc import show_doc   # the reference entries; without nbdev (a plain install) help() shows them\nexcept ImportError: from pydoc import help as show_doc"
)
EXPORT_GUARDED = "from importlib.util import find_spec\nif find_spec('nbdev'): import nbdev; nbdev.nbdev_export()   # for developers: a reader's install has no nbdev"
IMPORT_NAMES = {"sklearn": "scikit-learn", "PIL": "pillow", "yaml": "pyyaml"}  # import name -> distribution, where they differ


def settings():
    cfg = configparser.ConfigParser(delimiters=["="])
    cfg.read(root / "settings.ini", encoding="utf-8")
    return cfg["DEFAULT"]


def requirement_names(cfg):
    "Distribution names the package installs (lower case, without version bounds)."
    return {norm(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) for r in shlex.split(cfg.get("requirements", ""))}


def norm(name):
    return name.lower().replace("_", "-")


def torch_bound(cfg):
    return next((r for r in shlex.split(cfg.get("requirements", "")) if re.match(r"torch\b", r)), "torch")


def cell_id(name, role):
    return hashlib.sha1(f"{name}:{role}".encode()).hexdigest()[:8]


def lines(text):
    "A cell source as a list of lines, as the notebooks store it."
    return text.splitlines(keepends=True)


def extra_packages(nb, cfg):
    "Third-party packages the notebook's own cells import that the package does not install (e.g. hypothesis)."
    have = requirement_names(cfg) | {norm(cfg["lib_name"]), "nbdev", "ipython", "ipykernel"}  # the last two: any Jupyter has them
    found = set()
    for c in nb["cells"]:
        src = "".join(c["source"])
        if c["cell_type"] != "code" or re.search(r"^\s*#\|\s*(export|eval:\s*false)", src, re.M):
            continue
        for m in re.finditer(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w., ]+))", src, re.M):
            for name in (m.group(1) or m.group(2)).split(","):
                top = name.strip().split(" ")[0].split(".")[0]
                if top and top not in sys.stdlib_module_names:
                    found.add(IMPORT_NAMES.get(top, top))
    return sorted(p for p in found if norm(p) not in have)


def link_cell(name, cfg):
    url = f"https://colab.research.google.com/github/{cfg['git_url'].split('github.com/')[1].strip('/')}/blob/{cfg['branch']}/nbs/{name}"
    text = f"[Open in Colab]({url}) to run this chapter in a hosted notebook (Colab, SageMaker Studio Lab, or any Jupyter): run the install cell below first."
    return {"cell_type": "markdown", "id": cell_id(name, "colab-link"), "metadata": {}, "source": lines(text)}


def install_cell(name, nb, cfg):
    extras = extra_packages(nb, cfg)
    spec = f"{cfg['lib_name']} @ git+{cfg['git_url'].rstrip('/')}.git@{cfg['branch']}"
    text = (
        "#| eval: false\n"
        f"# Installs {cfg['lib_name']} from its repository (no release on PyPI yet); pip keeps a PyTorch already there ({torch_bound(cfg)}).\n"
        + (f"# Also {', '.join(extras)}, which this chapter's tests use.\n" if extras else "")
        + f'{INSTALL_MARK} -q "{spec}"'
        + "".join(f" {e}" for e in extras)
    )
    return {"cell_type": "code", "execution_count": None, "id": cell_id(name, "install"), "metadata": {}, "outputs": [], "source": lines(text)}


def is_ours(c):
    src = "".join(c["source"])
    return (c["cell_type"] == "markdown" and LINK_MARK in src) or (c["cell_type"] == "code" and ("%pip install" in src or INSTALL_MARK in src) and "#| eval: false" in src)


def guard_nbdev(nb):
    "The hidden cells' nbdev imports, made safe without nbdev."
    calls_show_doc = any(re.search(r"^\s*show_doc\(", "".join(c["source"]), re.M) for c in nb["cells"] if c["cell_type"] == "code")
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        text = re.sub(r"^from nbdev\.showdoc import show_doc[ \t]*(\n|$)", lambda m: SHOWDOC_GUARDED + m.group(1) if calls_show_doc else "", "".join(c["source"]), flags=re.M)
        new = re.sub(r"^import nbdev; nbdev\.nbdev_export\(\)[ \t]*$", lambda m: EXPORT_GUARDED, text, flags=re.M)
        if new != "".join(c["source"]):
            c["source"] = lines(new.rstrip("\n"))


def refresh(path, cfg):
    "The notebook with its Colab link and install cell (first, after the title) and guarded nbdev cells."
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if not is_ours(c)]
    nb["cells"] = cells
    if not cells or cells[0]["cell_type"] != "markdown" or not "".join(cells[0]["source"]).startswith("# "):
        raise SystemExit(f'{path}: the first cell must be the title (markdown "# Title"): add one, then rerun')
    guard_nbdev(nb)
    nb["cells"] = cells[:1] + [link_cell(path.name, cfg), install_cell(path.name, nb, cfg)] + cells[1:]
    return nb


def dump(nb):
    "The notebook as nbdev_clean writes it (one-space indent, a final newline)."
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main(args):
    check = "--check" in args
    paths = [Path(a) for a in args if not a.startswith("--")] or sorted((root / "nbs").glob("[0-9]*.ipynb"))
    cfg, stale = settings(), []
    if "--extras" in args:
        return print(" ".join(sorted({e for p in paths for e in extra_packages(json.loads(p.read_text(encoding="utf-8")), cfg)})))
    for p in paths:
        new = dump(refresh(p, cfg))
        if new == p.read_text(encoding="utf-8"):
            continue
        stale.append(p.name)
        if not check:
            p.write_text(new, encoding="utf-8")
    print(f"colab cells: {len(paths)} notebooks, {len(stale)} {'out of date' if check else 'updated'}" + (f": {', '.join(stale)}" if stale else ""))
    sys.exit(1 if check and stale else 0)


if __name__ == "__main__":
    main(sys.argv[1:])

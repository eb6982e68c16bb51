"""Check the documentation site that `nbdev_docs` builds with Quarto (`_docs/`), page by page, as a reader meets it.

Static checks, on the HTML files:
- every chapter page links to its notebook on Colab and shows the install cell first (tools/colab_cells.py);
- every local link, and every link to the site's own address (doc_host + doc_baseurl), names a page that exists
  and, with `#anchor`, an element with that id on it;
- every name in each module's `__all__` has an entry of its own (an element whose id is the name, lower-cased) on
  its chapter's page, and no two names share one;
- no raw markdown link inside code (`](http` in a <pre>), no stray `*emphasis*` markers in the text, no raw `$...$`.
Browser checks (tools/site_test.mjs, headless Chromium through playwright-core, over a local http server): every page
renders with no JavaScript error and no failed request; figures load; MathJax typesets every formula; each demo widget
(rnn_seq.engine.widgets.DEMOS: the generation widget and the chapters' demos) renders without a kernel and hides its static
picture, shows, for each of the settings of its controls that its `checks` lists, what its Python twin computes (and
something new where a setting must change what it shows), and fits a 400-pixel-wide screen. The demos of REQUIRED_DEMOS
(a gated cell's generation on gated_cells.html, a plain RNN's on widgets.html) must be on their pages. A widget of rnn_seq saved
without a kind that DEMOS knows is a problem (its notebook was executed with an older package: re-execute it). CDN scripts are served from local npm packages at the versions the pages name; integrity
(SRI) checks stay on where the local file is byte-identical, and every dropped integrity attribute and every refused
request is listed. Screenshots go to OUTDIR.

Usage: python tools/site_test.py [OUTDIR]   (NODE_MODULES: folder with tools/browser's packages; default tools/browser/node_modules)
"""

import configparser, functools, html, http.server, importlib, json, os, re, subprocess, sys, threading
from pathlib import Path

root = Path(__file__).resolve().parent.parent
site = root / "_docs"


def settings():
    cfg = configparser.ConfigParser()
    cfg.read(root / "settings.ini")
    c = cfg["DEFAULT"]
    return c["doc_host"].rstrip("/") + c["doc_baseurl"].rstrip("/") + "/", c["lib_name"]


def page_ids(text):
    return re.findall(r'\sid="([^"]+)"', text)


def text_outside_code(text):
    body = re.sub(r"<(script|style|pre|code|mjx-container|svg)\b.*?</\1>", " ", text, flags=re.S | re.I)
    body = re.sub(r'<span class="math (inline|display)">.*?</span>', " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def module_pages(lib):
    "module name -> html page, from the notebooks' default_exp (Quarto drops the number prefix of the notebook's name)."
    out = {}
    for nb in sorted((root / "nbs").glob("*.ipynb")):
        src = json.loads(nb.read_text())
        m = next(
            (
                re.search(r"#\|\s*default_exp\s+(\S+)", "".join(c["source"]))
                for c in src["cells"]
                if c["cell_type"] == "code" and re.search(r"#\|\s*default_exp", "".join(c["source"]))
            ),
            None,
        )
        if m:
            out[m.group(1)] = re.sub(r"^\d+_", "", nb.stem) + ".html"
    return out


def colab_problems(pages, lib):
    "Every chapter page links to its notebook on Colab and shows the install cell first (tools/colab_cells.py adds both)."
    problems = []
    for nb in sorted((root / "nbs").glob("[0-9]*.ipynb")):
        page = re.sub(r"^\d+_", "", nb.stem) + ".html"
        if page not in pages:
            problems.append(f"{page}: the page of {nb.name} was not built")
            continue
        text = pages[page]
        if not re.search(rf'<a\s[^>]*href="https://colab\.research\.google\.com/github/[^"]+/nbs/{re.escape(nb.name)}"', text):
            problems.append(f'{page}: no "Open in Colab" link to nbs/{nb.name}')
        codes = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<pre[^>]*>(.*?)</pre>", text, re.S)]
        if not codes or not re.search(rf'!pip install -q "{lib} @ ', codes[0]):
            problems.append(f"{page}: the first code shown is not the install cell")
    print(f"colab: {len(list((root / 'nbs').glob('[0-9]*.ipynb')))} chapter pages checked for the link and the install cell, {len(problems)} problem(s)")
    return problems


def static_checks(host, lib):
    problems, pages = [], {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*.html") if "site_libs" not in p.parts}
    ids = {name: set(page_ids(text)) for name, text in pages.items()}
    for name, text in pages.items():
        for href in re.findall(r'<a\s[^>]*href="([^"]+)"', text):
            href = html.unescape(href)
            if href.startswith(host):
                target = href[len(host) :]
            elif re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            else:
                target = (Path(name).parent / href).as_posix() if not href.startswith("#") else name + href
            path, _, anchor = target.partition("#")
            path = os.path.normpath(path or name)
            if path.endswith("/") or path == ".":
                path = path.rstrip("/") + "/index.html"
            if path not in pages:
                if not (site / path).exists():
                    problems.append(f"{name}: link {href} goes to a page that does not exist")
                continue
            if anchor and anchor not in ids[path]:
                problems.append(f"{name}: link {href} goes to #{anchor}, which {path} does not have")
        for code in re.findall(r"<pre[^>]*>(.*?)</pre>", text, re.S):
            plain = html.unescape(re.sub(r"<[^>]+>", "", code))
            if re.search(r"\]\(https?://", plain):
                problems.append(f"{name}: a raw markdown link inside code: {plain.strip()[:120]!r}")
        prose = text_outside_code(text)
        for m in re.finditer(r"(?<![\w*])\*[A-Za-z][^*\n]{0,60}\*(?![\w*])", prose):
            problems.append(f"{name}: stray emphasis markers in {m.group(0)!r}")
        for m in re.finditer(r"\$[^$\s][^$]{0,80}\$", prose):
            problems.append(f"{name}: raw TeX {m.group(0)!r} (not typeset)")
    sys.path.insert(0, str(root))
    for mod, page in module_pages(lib).items():
        names = getattr(importlib.import_module(f"{lib}.{mod}"), "__all__", [])
        if page not in pages:
            problems.append(f"{mod}: its page {page} was not built")
            continue
        lower = {}
        for n in names:
            lower.setdefault(n.lower(), []).append(n)
        for low, same in lower.items():
            if len(same) > 1:
                problems.append(f"{page}: {same} would share the anchor #{low}")
        missing = [n for n in names if n.lower() not in ids[page]]
        if missing:
            problems.append(f"{page}: no entry for {missing}")
        print(f"{page}: {len(names) - len(missing)} of {len(names)} exported names have an entry of their own")
    problems += colab_problems(pages, lib)
    return problems, sorted(pages)


def saved_states(text):
    "The states of the widgets displayed on a page (a notebook also saves widgets it made but never showed)."
    m = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', text, re.S)
    shown = set(re.findall(r'"model_id":\s*"(\w+)"', " ".join(re.findall(r'widget-view\+json">(.*?)</script>', text, re.S))))
    return {k: v for k, v in json.loads(html.unescape(m.group(1)))["state"].items() if k in shown} if m else {}


def demo_expectations(text):
    "For every demo widget saved on a page: its uid, control settings to try, and what the Python twin says the page must show."
    from rnn_seq.engine.widgets import DEMOS

    return [
        {"kind": s["state"]["kind"], "uid": s["state"]["uid"], "checks": DEMOS[s["state"]["kind"]].checks(s["state"])}
        for s in saved_states(text).values()
        if s["state"].get("kind") in DEMOS
    ]


def unknown_demos(name, text):
    "Widgets of rnn_seq saved on a page without a kind that DEMOS knows (the site test would not check them)."
    from rnn_seq.engine.widgets import DEMOS

    return [
        f"{name}: a widget of rnn_seq saved without a known kind ({s['state'].get('kind')!r}): re-execute its notebook"
        for s in saved_states(text).values()
        if "rnn-seq" in s["state"].get("_esm", "") and s["state"].get("kind") not in DEMOS
    ]


# Demos that must be on the built site (page, kind, what it is, a test of its saved state): the site test then runs their checks.
REQUIRED_DEMOS = [
    ("gated_cells.html", "GenerationWidget", "generation demo of a gated cell (GRU or LSTM)", lambda s: s.get("sizes", {}).get("cell") in ("gru", "lstm")),
    ("widgets.html", "GenerationWidget", "generation demo of a plain RNN", lambda s: s.get("sizes", {}).get("cell", "rnn") == "rnn"),
]


def required_demos(pages):
    "A problem for each demo of REQUIRED_DEMOS that its page does not carry (its notebook's demo cell was not executed and saved)."
    from rnn_seq.engine.widgets import DEMOS

    problems = []
    for page, kind, what, wanted in REQUIRED_DEMOS:
        states = [s["state"] for s in saved_states((site / page).read_text()).values()] if page in pages else []
        for s in (s for s in states if s.get("kind") == kind and wanted(s)):
            sizes = {"cell": "rnn", "layers": 1, **s["sizes"]}
            print(f"{page}: carries the {what}: {sizes['cell']}, {sizes['layers']} layer(s) of {sizes['H']} units, {len(DEMOS[kind].checks(s))} checks")
            break
        else:
            problems.append(f"{page}: no {what} ({kind}) is saved on the page: execute the notebook's demo cell (tools/run_nb.py --slow=TEXT) and rebuild")
    return problems


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(outdir):
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    if not (site / "index.html").exists():
        sys.exit(f"FAIL: {site} holds no site: run nbdev_docs first")
    host, lib = settings()
    problems, pages = static_checks(host, lib)
    for p in problems:
        print("FAIL", p)
    print(f"static checks: {len(pages)} pages, {len(problems)} problem(s)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    plan = [{"page": p, "demos": demo_expectations((site / p).read_text())} for p in pages]
    unknown = [u for p in pages for u in unknown_demos(p, (site / p).read_text())]
    for u in unknown:
        print("FAIL", u)
    problems += unknown
    missing = required_demos(pages)
    for m in missing:
        print("FAIL", m)
    problems += missing
    (outdir / "plan.json").write_text(json.dumps({"base": base, "host": host, "outdir": str(outdir), "pages": plan}))
    r = subprocess.run(["node", str(root / "tools" / "site_test.mjs"), str(outdir / "plan.json")], env=os.environ)
    server.shutdown()
    sys.exit(1 if problems or r.returncode else 0)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else root / ".ci-out" / "site")

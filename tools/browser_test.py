"""Check the generation widget of the docs in a real browser, without Quarto.

Builds the docs pages the way the site does up to Quarto (`nbdev_proc_nbs`, without its Quarto installer), renders the processed notebooks to HTML
with nbconvert (widget state included), then opens them in headless Chromium (Debian's `chromium`, driven by
`playwright-core` from npm; the CDN scripts are served from local npm packages). It asserts that the widget renders,
that its text starts with the prefix, that changing temperature or prefix changes it, and that the text equals the
Python reference sampler's. A screenshot of each page goes to OUTDIR.

Usage: python tools/browser_test.py OUTDIR     (NODE_MODULES=folder with tools/browser's packages; default tools/browser/node_modules)
"""
import json, os, subprocess, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
PAGES = ('09_widgets', 'index')

def main(outdir):
    outdir = Path(outdir).resolve(); outdir.mkdir(parents=True, exist_ok=True)
    # nbdev_proc_nbs, less its attempt to download and install Quarto (which needs sudo and the network)
    proc = subprocess.run([sys.executable, '-c', 'import nbdev.quarto as q; q._ensure_quarto = lambda: None; q.nbdev_proc_nbs.__wrapped__()'],
                          cwd=root, capture_output=True, text=True)
    if proc.returncode: sys.exit(f'FAIL: nbdev_proc_nbs could not process the notebooks:\n{proc.stderr[-5000:]}')
    from rnn_seq.widgets import weights_from_base64, reference_generate
    failed = 0
    for page in PAGES:
        nb = json.loads((root/'_proc'/f'{page}.ipynb').read_text())
        states = nb.get('metadata', {}).get('widgets', {}).get('application/vnd.jupyter.widget-state+json', {}).get('state', {})
        gen = [s['state'] for s in states.values() if s.get('model_name') == 'AnyModel' and 'rnn-seq-output' in s['state'].get('_esm', '')]
        if not gen: print(f'FAIL {page}: no saved generation-widget state (execute the notebook before committing)'); failed += 1; continue
        st = gen[0]
        w, tokens = weights_from_base64(st['weights'], st['sizes']['V'], st['sizes']['H']), st['tokens']
        subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'html', str(root/'_proc'/f'{page}.ipynb'),
                        '--output-dir', str(outdir)], check=True, capture_output=True)
        cold, new_prefix = 0.3, 'the machine'
        expect = {'prefix': st['prefix'], 'temperature': st['temperature'], 'cold_temperature': cold, 'new_prefix': new_prefix,
                  'initial': reference_generate(w, tokens, st['prefix'], st['length'], st['temperature'], st['seed']),
                  'cold': reference_generate(w, tokens, st['prefix'], st['length'], cold, st['seed']),
                  'new_prefix_text': reference_generate(w, tokens, new_prefix, st['length'], cold, st['seed'])}
        (outdir/f'{page}.expect.json').write_text(json.dumps(expect))
        print(f'== {page}.html')
        r = subprocess.run(['node', str(root/'tools'/'browser_test.mjs'), str(outdir/f'{page}.html'), str(outdir/f'{page}.expect.json'),
                            str(outdir/f'{page}.png')], env=os.environ)
        failed += r.returncode != 0
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main(sys.argv[1] if len(sys.argv) > 1 else root/'.ci-out'/'browser')

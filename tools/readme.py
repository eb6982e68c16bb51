"""Write README.md from nbs/index.ipynb (nbdev_readme needs quarto, which this project cannot assume).

Usage: python tools/readme.py          # rewrite README.md
       python tools/readme.py --check  # exit 1 if README.md differs from what index.ipynb gives
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def _directives(src):
    return [l.strip() for l in src.splitlines() if l.strip().startswith('#|')]

def cell_markdown(cell):
    "Markdown for one notebook cell: prose as it is, visible code fenced, with its text output."
    src = ''.join(cell['source'])
    if cell['cell_type'] == 'markdown': return src
    if cell['cell_type'] != 'code' or any(d.startswith(('#| hide', '#|hide')) for d in _directives(src)): return None
    code = '\n'.join(l for l in src.splitlines() if not l.strip().startswith('#|')).strip()
    parts = [f'```python\n{code}\n```']
    for out in cell.get('outputs', []):
        text = out.get('text') or out.get('data', {}).get('text/plain')
        if text and not {'image/png', 'application/vnd.jupyter.widget-view+json'} & set(out.get('data', {})): parts.append('    ' + ''.join(text).rstrip().replace('\n', '\n    '))
    return '\n\n'.join(parts)

def readme():
    nb = json.loads((root/'nbs'/'index.ipynb').read_text())
    body = [m for c in nb['cells'] if (m := cell_markdown(c))]
    return '\n\n'.join(body).replace('](0', '](nbs/0') + '\n'

if __name__ == '__main__':
    text, path = readme(), root/'README.md'
    if '--check' in sys.argv:
        if not path.exists() or path.read_text() != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run python tools/readme.py and commit it')
    else: path.write_text(text)

"""Throughput of the streaming, memory-mapped corpus build (`build_corpus_memmap`), in MB/s, and its peak memory.

Makes a corpus of about SIZE MB (default 200) from The Time Machine and random words, builds it at char and word
level in a fresh process each, and prints MB/s (SHA-1 of the sources, the numbering pass, the renumbering pass) and the growth of the
resident memory during the build (sampled every 5 ms), next to the corpus size.
Run: RNN_SEQ_DATA=../shared/data python benchmarks/memmap_build.py [SIZE_MB]
"""
import json, subprocess, sys, tempfile
from pathlib import Path
import numpy as np
from rnn_seq.text import time_machine_path

def main(size_mb=200):
    book, rng = time_machine_path().read_text(), np.random.default_rng(0)
    pool = np.array([''.join(w) for w in rng.choice(list('abcdefghijklmnopqrstuvwxyz'), (5000, 7))])
    blocks = [' '.join(pool[rng.integers(0, len(pool), 20000)]) + '\n' for _ in range(20)]
    with tempfile.TemporaryDirectory() as d:
        src = Path(d)/'big.txt'
        with open(src, 'w') as f:
            i = 0
            while f.tell() < size_mb * 2**20: f.write(book); f.write(blocks[i % len(blocks)]); i += 1
        mb = src.stat().st_size / 2**20
        for token in ('char', 'word'):
            script = f"""
import json, os, threading, time
from rnn_seq.scale import build_corpus_memmap
rss = lambda: int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20   # resident MB now
before, samples, done = rss(), [], threading.Event()
def watch():
    while not done.wait(0.005): samples.append(rss())
threading.Thread(target=watch, daemon=True).start()
t = time.perf_counter(); ids, vocab = build_corpus_memmap({str(src)!r}, out_dir={str(Path(d)/'out')!r}, token={token!r})
secs = time.perf_counter() - t; done.set()
t = time.perf_counter(); build_corpus_memmap({str(src)!r}, out_dir={str(Path(d)/'out')!r}, token={token!r}); again = time.perf_counter() - t
print(json.dumps(dict(grow=max(samples + [rss()]) - before, secs=secs, again=again, n=len(ids), V=len(vocab), dtype=str(ids.dtype))))
"""
            r = json.loads(subprocess.run([sys.executable, '-c', script], capture_output=True, text=True, check=True).stdout)
            print(f"{token:>4}: {mb:.0f} MB -> {r['n']:,} tokens ({r['V']:,} in the vocabulary, {r['dtype']}) in {r['secs']:.1f}s = "
                  f"{mb / r['secs']:.1f} MB/s; resident memory grew at most {r['grow']:.0f} MB (sampled every 5 ms); reuse of the unchanged corpus: {r['again']:.1f}s")

if __name__ == '__main__': main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

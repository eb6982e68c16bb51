"""The memory-mapped corpus build (`build_corpus_memmap`) against the in-memory engine (`load_corpus_fast`): memory and speed.

Two corpora: about SIZE MB (default 200) of The Time Machine and random words from a pool of 5,000 (a vocabulary of
thousands), and WORDS million distinct random 9-letter words, each twice (default 3: a vocabulary of millions).
Memory: each build runs in a fresh process whose resident memory is sampled every 5 ms; the growth during the build is
printed, and the memory-mapped build's growth as a fraction of the in-memory path's.
Speed: both builds side by side with `rnn_seq.engine.timing.compare` (interleaved rounds in rotated order, per-round ratios,
the load before and after); the memory-mapped build writes into an empty folder each time, so nothing is reused.
Run: RNN_SEQ_DATA=../shared/data python benchmarks/memmap_build.py [--size 200] [--words 3] [--rounds 3]
"""

import argparse, json, shutil, subprocess, sys, tempfile
from pathlib import Path
import numpy as np
from rnn_seq.text import time_machine_path
from rnn_seq.engine.bytetext import load_corpus_fast
from rnn_seq.engine.corpora import build_corpus_memmap
from rnn_seq.engine.timing import compare


def mixed_corpus(path, size_mb, rng):
    "The book and random words from a pool of 5,000, to about size_mb."
    book = time_machine_path().read_text()
    pool = np.array(["".join(w) for w in rng.choice(list("abcdefghijklmnopqrstuvwxyz"), (5000, 7))])
    blocks = [" ".join(pool[rng.integers(0, len(pool), 20000)]) + "\n" for _ in range(20)]
    with open(path, "w") as f:
        i = 0
        while f.tell() < size_mb * 2**20:
            f.write(book)
            f.write(blocks[i % len(blocks)])
            i += 1


def distinct_words(path, millions, rng):
    "`millions` million random 9-letter words, each twice."
    letters = rng.integers(ord("a"), ord("z") + 1, (int(millions * 1e6), 10), dtype=np.uint8)
    letters[:, -1] = ord(" ")
    path.write_bytes(np.concatenate([letters.ravel(), letters[rng.permutation(len(letters))].ravel()]).tobytes())


def measured(call):
    "Run `call` (source giving `ids, vocab`) in a fresh process: seconds, resident memory growth in MB, tokens, vocabulary size."
    script = f"""
import json, os, threading, time
from rnn_seq.engine.bytetext import load_corpus_fast
from rnn_seq.engine.corpora import build_corpus_memmap
rss = lambda: int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
before, samples, done = rss(), [], threading.Event()
def watch():
    while not done.wait(0.005): samples.append(rss())
threading.Thread(target=watch, daemon=True).start()
t = time.perf_counter(); ids, vocab = {call}; secs = time.perf_counter() - t; done.set()
print(json.dumps(dict(grow=max(samples + [rss()]) - before, secs=secs, n=len(ids), V=len(vocab))))
"""
    return json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--size", type=float, default=200)
    p.add_argument("--words", type=float, default=3)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        mixed_corpus(d / "mixed.txt", a.size, rng)
        distinct_words(d / "distinct.txt", a.words, rng)
        for src, tokens in ((d / "mixed.txt", ("char", "word")), (d / "distinct.txt", ("word",))):
            mb = src.stat().st_size / 2**20
            for token in tokens:
                mem = measured(f"load_corpus_fast({str(src)!r}, token={token!r})")
                mm = measured(f"build_corpus_memmap({str(src)!r}, out_dir={str(d / 'once')!r}, token={token!r})")
                shutil.rmtree(d / "once")
                print(f"\n{src.name}, {token}: {mb:.0f} MB, {mm['n']:,} tokens, vocabulary {mm['V']:,}")
                print(f"  resident memory growth: in memory {mem['grow']:.0f} MB, memory-mapped {mm['grow']:.0f} MB ({mm['grow'] / mem['grow']:.2f} of the in-memory path's)")

                def fresh_build():
                    build_corpus_memmap(src, out_dir=d / "fresh", token=token)
                    shutil.rmtree(d / "fresh")

                t = compare({"load_corpus_fast": lambda: load_corpus_fast(src, token), "build_corpus_memmap": fresh_build}, rounds=a.rounds, min_time=0)
                print(t.report("MB", mb))


if __name__ == "__main__":
    main()

"""Throughput of the text pipeline (read + preprocess + tokenize + Vocab + numericalize), in MB/s.

Builds corpora of about 10 MB and 50 MB by repeating The Time Machine, times the teaching `load_corpus` (01) and the
engine's `load_corpus_fast` (06) on each (word and char tokens, best of 3), and prints MB/s and the time ratio
50 MB / 10 MB (5.0 means linear).
Run: RNN_SEQ_DATA=../shared/data python benchmarks/text_pipeline.py
"""
import tempfile, time
from pathlib import Path
from rnn_seq.text import load_corpus, time_machine_path
from rnn_seq.fast import load_corpus_fast

def best_time(f, repeats=3):
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times)

def main():
    book = time_machine_path().read_text()
    with tempfile.TemporaryDirectory() as d:
        sizes = {}
        for mb in (10, 50):
            path = Path(d)/f'corpus{mb}.txt'
            path.write_text(book * max(1, round(mb * 2**20 / len(book))))
            sizes[mb] = path
        for (name, fn), token in [(f, t) for f in (('teaching', load_corpus), ('engine', load_corpus_fast)) for t in ('word', 'char')]:
            t = {mb: best_time(lambda: fn(p, token=token)) for mb, p in sizes.items()}
            mbs = {mb: sizes[mb].stat().st_size / 2**20 for mb in sizes}
            print(f"{name:>8} {token:>4}: " + ', '.join(f"{mbs[mb]:.0f} MB in {t[mb]:.2f}s = {mbs[mb]/t[mb]:.1f} MB/s" for mb in sizes)
                  + f"; time ratio 50/10 MB = {t[50]/t[10]:.2f} (size ratio {mbs[50]/mbs[10]:.2f})")

if __name__ == '__main__': main()

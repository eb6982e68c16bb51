"""Throughput of the text pipeline (read + clean + tokenize + vocabulary + numericalize), side by side in one run, in MB/s.

Pipelines on the same file (The Time Machine repeated to SIZE MB, default 50), word and char tokens:
- engine:   `rnn_seq.engine.bytetext.load_corpus_fast` (byte-level cleaning, array counting; 06_bytetext), with its second thread
- engine, one thread: the same with `background=False`, everything in turn on one thread
- engine, dict per chunk (word only): the simpler word numbering that issue #25 asked to measure against `WordIndex`:
  the same byte pipeline and `WordsSeen`, but each chunk's words split into Python bytes, a dict over the chunk's
  distinct words (`dict.fromkeys`), and one lookup per word. Kept only if it met the goals; it did not (see 06_wordindex)
- teaching: `rnn_seq.text.load_corpus` (01_text_preprocessing): the baseline of every ratio
- baseline: ten lines of plain Python (`re.sub` on the whole text, `split`, `Counter`, `np.fromiter`); word only
- book 0.17: the book's own functions (read_time_machine, tokenize, count_corpus, Vocab, load_corpus_time_machine),
  re-implemented here from the published code (line by line, per-token Python lookups)
Timed with `rnn_seq.engine.timing.compare`: interleaved rounds in rotated order, one ratio per round (median, range, every
round), the load average before and after. Only the engine's own pipeline uses a second thread, and it is shown both ways.
With --letters all: the teaching path and the engine under text as written (01's letters='all'), tested equal first.
Run: RNN_SEQ_DATA=../shared/data python benchmarks/text_pipeline.py [SIZE_MB] [--rounds 5] [--letters all]
"""

import argparse, collections, re, tempfile
from pathlib import Path
import numpy as np
import torch
from rnn_seq.text import load_corpus, text_files, time_machine_path
from rnn_seq.engine.bytetext import WordsSeen, load_corpus_fast, numbered_pieces
from rnn_seq.engine.timing import compare


def baseline(path, token):
    "re.sub on the whole text, split, Counter, np.fromiter: what a competent Python programmer writes in ten lines."
    words = re.sub("[^A-Za-z]+", " ", Path(path).read_text(encoding="utf-8", errors="replace")).lower().split()
    counts = collections.Counter(words)
    index = {w: i + 1 for i, (w, _) in enumerate(sorted(counts.items(), key=lambda kv: kv[1], reverse=True))}
    return np.fromiter(map(index.get, words), dtype=np.int64, count=len(words))


class ChunkDict:
    "The simpler twin of WordIndex measured here: per chunk, the words as Python bytes and a dict over the chunk's distinct words."

    def __init__(self):
        self.number = {}

    def __len__(self):
        return len(self.number)

    def words(self):
        return [w.decode("ascii") for w in self.number]

    def close(self):
        pass

    def prepare(self, cleaned):
        return cleaned.tobytes().split()  # on the second thread

    def add(self, words):
        local = dict.fromkeys(words)  # the chunk's distinct words, first seen first
        for w in local:
            local[w] = self.number.setdefault(w, len(self.number))
        return np.fromiter(map(local.__getitem__, words), np.int32, len(words))


def load_words_dict_per_chunk(path):
    "load_corpus_fast at word level with ChunkDict in place of WordIndex (the same indices and vocabulary)."
    seen = WordsSeen(ChunkDict())
    chunks = list(numbered_pieces(text_files(path), seen))
    vocab = seen.vocab()
    return torch.from_numpy(seen.table(vocab)[np.concatenate(chunks)]), vocab


# --- the book's 0.17 edition, from its published functions (d2l.read_time_machine etc.) -----------------------------
def book_read_time_machine(path):
    with open(path, "r") as f:  # noqa: UP015 (the book's code as published)
        lines = f.readlines()
    return [re.sub("[^A-Za-z]+", " ", line).strip().lower() for line in lines]


def book_tokenize(lines, token="word"):
    if token == "word":
        return [line.split() for line in lines]
    elif token == "char":
        return [list(line) for line in lines]


def book_count_corpus(tokens):
    if len(tokens) == 0 or isinstance(tokens[0], list):
        tokens = [token for line in tokens for token in line]
    return collections.Counter(tokens)


class BookVocab:
    def __init__(self, tokens=None, min_freq=0, reserved_tokens=None):
        tokens, reserved_tokens = tokens or [], reserved_tokens or []
        counter = book_count_corpus(tokens)
        self._token_freqs = sorted(counter.items(), key=lambda x: x[1], reverse=True)
        self.idx_to_token = ["<unk>"] + reserved_tokens
        self.token_to_idx = {token: idx for idx, token in enumerate(self.idx_to_token)}
        for token, freq in self._token_freqs:
            if freq < min_freq:
                break
            if token not in self.token_to_idx:
                self.idx_to_token.append(token)
                self.token_to_idx[token] = len(self.idx_to_token) - 1

    def __len__(self):
        return len(self.idx_to_token)

    def __getitem__(self, tokens):
        if not isinstance(tokens, (list, tuple)):
            return self.token_to_idx.get(tokens, 0)
        return [self.__getitem__(token) for token in tokens]


def book_load_corpus_time_machine(path, token):
    lines = book_read_time_machine(path)
    tokens = book_tokenize(lines, token)
    vocab = BookVocab(tokens)
    return [vocab[tok] for line in tokens for tok in line], vocab


def pipelines(path, token, letters):
    "The pipelines to compare: every one under the book's rule; the teaching path and the engine under text as written (letters='all')."
    if letters == "all":
        ids, vocab = load_corpus_fast(path, token, preprocessor="all")
        ref_ids, ref_vocab = load_corpus(path, token, preprocessor="all")
        assert torch.equal(ids.long(), ref_ids) and vocab.idx_to_token == ref_vocab.idx_to_token  # the same result, or no comparison
        return {
            "teaching": lambda: load_corpus(path, token, preprocessor="all"),
            "engine": lambda: load_corpus_fast(path, token, preprocessor="all"),
            "engine, one thread": lambda: load_corpus_fast(path, token, background=False, preprocessor="all"),
        }
    pipes = {
        "teaching": lambda: load_corpus(path, token),
        "engine": lambda: load_corpus_fast(path, token),
        "engine, one thread": lambda: load_corpus_fast(path, token, background=False),
        "book 0.17": lambda: book_load_corpus_time_machine(path, token),
    }
    if token == "word":
        pipes["baseline"] = lambda: baseline(path, token)
        pipes["engine, dict per chunk"] = lambda: load_words_dict_per_chunk(path)
        ids, vocab = load_words_dict_per_chunk(path)
        ref_ids, ref_vocab = load_corpus_fast(path, token)
        assert torch.equal(ids, ref_ids) and vocab.idx_to_token == ref_vocab.idx_to_token  # the same result, or no comparison
    return pipes


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("size", type=float, nargs="?", default=50)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--letters", choices=("ascii", "all"), default="ascii", help="the rule: ascii (the book's) or all (text as written)")
    a = p.parse_args()
    book = time_machine_path().read_text()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "corpus.txt"
        path.write_text(book * max(1, round(a.size * 2**20 / len(book))))
        mb = path.stat().st_size / 2**20
        print(f"{mb:.0f} MB corpus (The Time Machine repeated), letters={a.letters!r}, {a.rounds} interleaved rounds; ratios to the teaching load_corpus")
        for token in ("word", "char"):
            t = compare(pipelines(path, token, a.letters), rounds=a.rounds, min_time=0)
            print(f"\n{token}:")
            print(t.report("MB", mb))
            if a.letters == "all":
                print(f"engine {token}, text as written: {mb / t.time('engine'):.1f} MB/s, x{t.ratio('engine', to='teaching'):.1f} the teaching path")
            elif token == "word":
                print(f"engine word: {mb / t.time('engine'):.1f} MB/s (goal >= 20), x{t.ratio('engine', to='baseline'):.1f} the baseline (goal >= 4)")
                print(
                    f"dict per chunk: {mb / t.time('engine, dict per chunk'):.1f} MB/s (goal >= 20), "
                    f"x{t.ratio('engine, dict per chunk', to='baseline'):.1f} the baseline (goal >= 4)"
                )
            else:
                print(f"engine char: {mb / t.time('engine'):.1f} MB/s (goal >= 100)")


if __name__ == "__main__":
    main()

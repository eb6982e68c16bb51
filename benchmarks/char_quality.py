"""Validation nats per character of rnn_seq's cells and of a plain PyTorch LSTM script, each trained for the same wall-clock time.

Corpus: about 1 MB of raw text available offline on every machine (built, not downloaded): The Time Machine as written
($RNN_SEQ_DATA/timemachine.txt or rnn_seq's cache), Python's own documentation topics (`pydoc_data.topics`, in the
order of their names), then the docstrings of the standard library's top-level modules (files in name order,
docstrings in source order), cut at --chars characters; its size and SHA-1 are printed (both depend on the Python
version, which brings the last two parts). --corpus FILE uses your own text instead. Every character is a token (the
text as written, `letters='all'`); the last --valid_frac of the characters is held out.

Contenders, with the same hidden size, layers, dropout, batch, sequence length, optimiser (Adam), learning rate,
clipping and split, each for --budget seconds of training (checked after every minibatch) on --threads threads
(default 1: `torch.set_num_threads(1)`):
- rnn_seq's `lstm`, `gru` (each with an embedding as wide as its hidden state, as `rnn_seq_train` builds them) and
  `fused` (plain RNN) cells: `build_model` of `engine.checkpoints` and `train_lm` of
  `engine.trainer` on a sequential `CorpusLoader` (state carried), the loop that `rnn_seq_train` runs. Called as
  functions rather than through the command so that the harness scores the trained model in this process, and so
  that no per-epoch validation or checkpoint writing takes time from the budget (the plain script has neither).
- `plain`: `plain_lstm.py` beside this file, the forty-line script people write (nn.Embedding + nn.LSTM + nn.Linear).
Every contender's final weights are scored by one function of this file (`valid_nats`: the held-out text cut into
8 streams, the state carried along each, every held-out character scored once; checked first against rnn_seq's
`evaluate`). The table gives tokens/s
of training, minibatches done, validation nats and bits per character, and the load average before and after each
contender. --rounds N repeats the race with the order rotated each round, and ends with each contender's median.

Run: RNN_SEQ_DATA=../shared/data python benchmarks/char_quality.py [--budget 120] [--rounds 1] [--only lstm,plain]
     [--hidden 256] [--layers 1] [--dropout 0] [--batch_size 32] [--steps 35] [--lr 0.002] [--clip 1] [--corpus FILE]
"""

import argparse, ast, hashlib, math, statistics, sys, sysconfig, tempfile, time
from dataclasses import dataclass
from pathlib import Path
import torch
import torch.nn.functional as F
from pydoc_data.topics import topics
from rnn_seq.text import read_text
from rnn_seq.language_models import split_corpus
from rnn_seq.training import HeldOut, evaluate
from rnn_seq.engine.checkpoints import build_model
from rnn_seq.engine.corpora import CorpusLoader
from rnn_seq.engine.distributed import training_corpus
from rnn_seq.engine.trainer import train_lm
from rnn_seq.engine.timing import load_average

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plain_lstm  # noqa: E402  (beside this file)

CONTENDERS = ("lstm", "gru", "fused", "plain")  # rnn_seq's cells by their CELLS names, and the plain script


def docstrings(path: Path) -> list[str]:
    "The docstrings of a Python file (module, classes, functions), in source order, read without importing it."
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    nodes = sorted((n for n in ast.walk(tree) if isinstance(n, kinds)), key=lambda n: getattr(n, "lineno", 0))
    return [d for d in map(ast.get_docstring, nodes) if d]


def build_corpus(chars: int = 1_000_000) -> str:
    "The benchmark's corpus: The Time Machine as written, Python's documentation topics, the standard library's docstrings; cut at `chars`."
    parts = [read_text(), *(topics[k] for k in sorted(topics))]
    stdlib = sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))
    text = "\n\n".join(parts)
    for f in stdlib:
        if len(text) >= chars:
            break
        text += "".join("\n\n" + d for d in docstrings(f))
    return text[:chars]


def valid_nats(model: torch.nn.Module, ids: torch.Tensor, streams: int = 8, steps: int = 256) -> float:
    "Mean nats per held-out character of `model(X, state) -> (logits, state)`: `ids` cut into `streams` rows, the state carried along each, every target once."
    n = len(ids) - 1  # targets: every character but the first
    length = -(-n // streams)  # targets per stream (rounded up): the last stream is padded
    rows = -(-n // length)
    X, Y = torch.zeros(rows * length, dtype=torch.long), torch.full((rows * length,), -100, dtype=torch.long)
    X[:n], Y[:n] = ids[:-1], ids[1:]
    X, Y = X.view(rows, length), Y.view(rows, length)
    was_training, total, state = model.training, 0.0, None
    model.eval()
    with torch.no_grad():
        for i in range(0, length, steps):
            logits, state = model(X[:, i : i + steps], state)
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y[:, i : i + steps].reshape(-1), ignore_index=-100, reduction="sum").item()
    model.train(was_training)
    return total / n


def check_scorer(ids: torch.Tensor, vocab_size: int):
    "`valid_nats` agrees with rnn_seq's own scoring (`evaluate` on a `HeldOut`, in perplexity) on an untrained LSTM."
    torch.manual_seed(0)
    model, held = build_model({"cell": "lstm", "vocab_size": vocab_size, "num_hiddens": 16}), ids[:5000]
    ours, theirs = valid_nats(model, held, 4, 50), math.log(evaluate(model, HeldOut(held, 4, 50)))
    assert abs(ours - theirs) < 1e-4, f"valid_nats gives {ours:.6f}, rnn_seq's evaluate {theirs:.6f}"


class Counted:
    "A training loader that counts the minibatches it yields; everything else is the loader's."

    def __init__(self, loader):
        self.loader, self.count = loader, 0

    def __getattr__(self, name):
        return getattr(self.loader, name)

    def __len__(self):
        return len(self.loader)

    def __iter__(self):
        for batch in self.loader:
            self.count += 1
            yield batch


@dataclass
class Settings:
    "What every contender shares."

    hidden: int = 256
    layers: int = 1
    dropout: float = 0.0
    batch_size: int = 32
    steps: int = 35
    lr: float = 2e-3
    clip: float = 1.0
    budget: float = 120.0  # seconds of training per contender
    seed: int = 0


def train_rnn_seq(cell: str, train_ids: torch.Tensor, vocab_size: int, s: Settings) -> tuple[torch.nn.Module, int]:
    "rnn_seq's cell `cell` trained by the engine's loop for `s.budget` seconds: (model, minibatches done)."
    torch.manual_seed(s.seed)
    # gated cells as rnn_seq_train builds them: layers, dropout, and tokens read through an embedding as wide as the hidden state
    layers = {"num_layers": s.layers, "dropout": s.dropout, "embed_size": s.hidden} if cell in ("lstm", "gru") else {}
    model = build_model({"cell": cell, "vocab_size": vocab_size, "num_hiddens": s.hidden, **layers})
    data = Counted(CorpusLoader(train_ids, s.batch_size, s.steps, sequential=True, seed=s.seed))
    train_lm(model, data, epochs=10**6, lr=s.lr, optimizer="adam", clip=s.clip, seed=s.seed, progress=False, max_seconds=s.budget)
    return model, data.count


def train_plain(train_ids: torch.Tensor, vocab_size: int, s: Settings) -> tuple[torch.nn.Module, int]:
    "The plain script's LSTM trained for `s.budget` seconds: (model, minibatches done)."
    torch.manual_seed(s.seed)
    model = plain_lstm.CharLSTM(vocab_size, s.hidden, s.layers, s.dropout)
    done = plain_lstm.train(model, train_ids, s.batch_size, s.steps, s.lr, s.clip, s.budget)
    return model, done


@dataclass
class Result:
    "One contender's run."

    name: str
    tokens_per_s: float
    minibatches: int
    nats: float  # validation nats per character
    load_before: float
    load_after: float

    def row(self) -> str:
        return (
            f"{self.name:>14} {self.tokens_per_s:>10,.0f} {self.minibatches:>11,} {self.nats:>10.4f} {self.nats / math.log(2):>9.4f} "
            f"{self.load_before:>11.2f} {self.load_after:>6.2f}"
        )


HEADER = f"{'contender':>14} {'tokens/s':>10} {'minibatches':>11} {'nats/char':>10} {'bits/char':>9} {'load before':>11} {'after':>6}"
NAMES = {"lstm": "rnn_seq lstm", "gru": "rnn_seq gru", "fused": "rnn_seq fused", "plain": "plain LSTM"}


def run_one(name: str, train_ids: torch.Tensor, valid_ids: torch.Tensor, vocab_size: int, s: Settings) -> Result:
    "Train one contender for the budget, then score its final weights on the held-out text."
    before, start = load_average(), time.perf_counter()
    model, done = train_plain(train_ids, vocab_size, s) if name == "plain" else train_rnn_seq(name, train_ids, vocab_size, s)
    seconds, after = time.perf_counter() - start, load_average()
    return Result(NAMES[name], done * s.batch_size * s.steps / seconds, done, valid_nats(model, valid_ids), before, after)


def corpus_ids(path: str | None = None, chars: int = 1_000_000) -> tuple[torch.Tensor, int, str]:
    "Character ids of `path` (default: `build_corpus(chars)`), read as `rnn_seq_train --letters all` reads it: (ids, vocabulary size, a line saying what it is)."
    with tempfile.TemporaryDirectory() as tmp:
        if path is None:
            path = str(Path(tmp) / "char_quality.txt")
            Path(path).write_text(build_corpus(chars), encoding="utf-8")
        raw = Path(path).read_bytes()
        ids, vocab = training_corpus(path, "char", letters="all")
    about = f"{Path(path).name}: {len(raw):,} bytes, {len(ids):,} characters, SHA-1 {hashlib.sha1(raw).hexdigest()}, vocabulary {len(vocab)}"
    return torch.as_tensor(ids, dtype=torch.long), len(vocab), about


def race(
    s: Settings, contenders=CONTENDERS, rounds: int = 1, corpus: str | None = None, chars: int = 1_000_000, valid_frac: float = 0.1, threads: int = 1, say=print
) -> list[list[Result]]:
    "Train every contender for `s.budget` seconds on the same split, `rounds` times in rotated order; `say` each table row as it comes."
    torch.set_num_threads(threads)
    ids, V, about = corpus_ids(corpus, chars)
    train_ids, valid_ids = split_corpus(ids, valid_frac)
    check_scorer(valid_ids, V)
    say(f"corpus {about}; training {len(train_ids):,}, validation {len(valid_ids):,} (the last {valid_frac:g})")
    say(
        f"each contender: hidden {s.hidden}, {s.layers} layer(s), dropout {s.dropout:g}, batch {s.batch_size} x {s.steps}, "
        f"Adam lr {s.lr:g}, clip {s.clip:g}, {s.budget:g} s of training, {threads} thread(s)"
    )
    results = []
    for r in range(rounds):
        order = list(contenders[r % len(contenders) :]) + list(contenders[: r % len(contenders)])
        say((f"round {r + 1} of {rounds}:\n" if rounds > 1 else "") + HEADER)
        results.append([])
        for name in order:
            results[-1].append(run_one(name, train_ids, valid_ids, V, s))
            say(results[-1][-1].row())
    if rounds > 1:
        say("median over the rounds:\n" + "\n".join([HEADER, *(median(results, n).row() for n in contenders)]))
    return results


def median(results: list[list[Result]], contender: str) -> Result:
    "One contender's median figures over the rounds (loads: the lowest before, the highest after)."
    runs = [x for rnd in results for x in rnd if x.name == NAMES[contender]]
    mid = statistics.median
    return Result(
        NAMES[contender],
        mid(x.tokens_per_s for x in runs),
        int(mid(x.minibatches for x in runs)),
        mid(x.nats for x in runs),
        min(x.load_before for x in runs),
        max(x.load_after for x in runs),
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    d = Settings()
    p.add_argument("--budget", type=float, default=d.budget, help="seconds of training per contender (default %(default)s)")
    p.add_argument("--rounds", type=int, default=1, help="races, the order rotated each round (default %(default)s)")
    p.add_argument("--only", default=",".join(CONTENDERS), help="contenders, comma-separated (default %(default)s)")
    for name in ("hidden", "layers", "batch_size", "steps"):
        p.add_argument(f"--{name}", type=int, default=getattr(d, name), help="default %(default)s")
    for name in ("dropout", "lr", "clip"):
        p.add_argument(f"--{name}", type=float, default=getattr(d, name), help="default %(default)s")
    p.add_argument("--corpus", help="a UTF-8 text file to use instead of the built corpus")
    p.add_argument("--chars", type=int, default=1_000_000, help="size of the built corpus in characters (default %(default)s)")
    p.add_argument("--valid_frac", type=float, default=0.1, help="share of the characters (the end) held out (default %(default)s)")
    p.add_argument("--threads", type=int, default=1, help="torch threads (default %(default)s)")
    a = p.parse_args()
    only = a.only.split(",")
    if bad := [c for c in only if c not in CONTENDERS]:
        p.error(f"--only {a.only}: unknown contender(s) {bad}; use some of {','.join(CONTENDERS)}")
    s = Settings(a.hidden, a.layers, a.dropout, a.batch_size, a.steps, a.lr, a.clip, a.budget)
    race(s, only, a.rounds, a.corpus, a.chars, a.valid_frac, a.threads)


if __name__ == "__main__":
    main()

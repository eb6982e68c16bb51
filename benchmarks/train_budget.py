"""Validation perplexity reached by the fused and concise cells in the same CPU budget, side by side.

Whole Time Machine (char level), last 10% held out, same settings for both cells; each trains for BUDGET seconds
(default 120, one thread unless --threads says otherwise) and the best validation perplexity and the number of epochs
are printed. The two runs are one after the other, not interleaved: this is a quality-for-time check, not a speed
ratio (for those, see rnn_speed.py); the load average (`rnn_seq.engine.timing.load_average`) is printed before and after each.
Run: RNN_SEQ_DATA=../shared/data python benchmarks/train_budget.py [BUDGET] [--hiddens 256] [--optimizer adam --lr 0.003] [--threads 1]
"""

import argparse, torch
from rnn_seq.text import load_corpus
from rnn_seq.language_models import SeqDataLoader, split_corpus
from rnn_seq.rnn import RNNLM, RNNConcise
from rnn_seq.training import HeldOut
from rnn_seq.engine.trainer import train_lm
from rnn_seq.engine.fused import FusedRNN
from rnn_seq.engine.timing import load_average


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("budget", type=float, nargs="?", default=120)
    p.add_argument("--hiddens", type=int, default=256)
    p.add_argument("--optimizer", default="sgd")
    p.add_argument("--lr", type=float, default=1.0)
    p.add_argument("--batch_size", type=int, default=32)
    p.add_argument("--steps", type=int, default=35)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    corpus, vocab = load_corpus()
    print(f"budget {a.budget:.0f}s each, hidden {a.hiddens}, batch {a.batch_size} x {a.steps}, {a.optimizer} lr {a.lr}, sequential")
    res = {}
    train_ids, valid_ids = split_corpus(corpus, valid_frac=0.1)
    for name, cell in (("fused", FusedRNN), ("concise (nn.RNN)", RNNConcise)):
        torch.manual_seed(0)
        before = load_average()
        train, valid = SeqDataLoader(train_ids, a.batch_size, a.steps, sequential=True), HeldOut(valid_ids, a.batch_size, a.steps)
        model = RNNLM(cell(len(vocab), a.hiddens), len(vocab))
        h = train_lm(model, train, epochs=10**6, lr=a.lr, optimizer=a.optimizer, valid=valid, seed=0, progress=False, max_seconds=a.budget)
        res[name] = h
        print(
            f"  {name:>16}: best validation perplexity {h.best_valid:.2f} after {len(h)} epochs "
            f"({sum(h.tokens_per_s) / len(h):,.0f} tokens/s); load average {before:.2f} before, {load_average():.2f} after, {a.threads} thread(s)"
        )


if __name__ == "__main__":
    main()

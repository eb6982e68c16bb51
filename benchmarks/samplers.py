"""Minibatches per second of the two samplers on the whole Time Machine (char level), batch 32 x 35, side by side.

The teaching `SeqDataLoader` (02) and the engine's `CorpusLoader` (07), random and sequential, timed with
`rnn_seq.engine.timing.compare` (interleaved rounds in rotated order, per-round ratios, the load before and after; one call =
one epoch). For scale it also times one training step of a small RNN LM (FusedRNN, hidden 256) in the same rounds, and
prints how many minibatches each sampler yields in the time of one step.
Run: RNN_SEQ_DATA=../shared/data python benchmarks/samplers.py [--rounds 7] [--threads 1]
"""

import argparse, torch
from rnn_seq.text import load_corpus
from rnn_seq.language_models import SeqDataLoader
from rnn_seq.engine.corpora import CorpusLoader
from rnn_seq.rnn import RNNLM
from rnn_seq.engine.fused import FusedRNN
from rnn_seq.engine.timing import compare


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    corpus, vocab = load_corpus()
    loaders = {f"{cls.__name__} {'sequential' if seq else 'random'}": cls(corpus, 32, 35, sequential=seq, seed=0) for cls in (SeqDataLoader, CorpusLoader) for seq in (False, True)}
    fns = {name: (lambda loader=loader: sum(1 for _ in loader)) for name, loader in loaders.items()}
    model = RNNLM(FusedRNN(len(vocab), 256), len(vocab))
    opt = torch.optim.SGD(model.parameters(), lr=1)
    X, Y = next(iter(SeqDataLoader(corpus, 32, 35, seed=0)))

    def step():
        logits, _ = model(X)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), Y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()

    t = compare(fns | {"one training step": step}, rounds=a.rounds, min_time=0.2, threads=a.threads)
    print(t.report())
    for name, loader in loaders.items():
        print(
            f"{name:>24}: {len(loader) / t.time(name):10,.0f} minibatches/s ({len(loader)} per epoch); "
            f"{len(loader) * t.time('one training step') / t.time(name):,.0f} in the time of one training step"
        )


if __name__ == "__main__":
    main()

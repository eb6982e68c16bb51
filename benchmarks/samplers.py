"""Minibatches per second of the two samplers on the whole Time Machine (char level), batch 32 x 35.

The teaching `SeqDataLoader` (02) and the engine's `CorpusLoader` (07), side by side. For scale it also times one training step of a small RNN LM (hidden 256) on the same minibatch, and prints
how many minibatches the sampler yields in the time of one step.
Run: RNN_SEQ_DATA=../shared/data python benchmarks/samplers.py
"""
import time, torch
from rnn_seq.text import load_corpus
from rnn_seq.language_models import SeqDataLoader
from rnn_seq.scale import CorpusLoader
from rnn_seq.rnn import RNNLM
from rnn_seq.fast import FusedRNN

def batches_per_second(loader, epochs=20):
    n, t = 0, time.perf_counter()
    for _ in range(epochs):
        for X, Y in loader: n += 1
    return n / (time.perf_counter() - t)

def main():
    torch.set_num_threads(2)
    corpus, vocab = load_corpus()
    rates = {}
    for cls in (SeqDataLoader, CorpusLoader):
        for sequential in (False, True):
            loader = cls(corpus, 32, 35, sequential=sequential, seed=0)
            rates[cls.__name__, sequential] = batches_per_second(loader)
            print(f"{cls.__name__:>14} {'sequential' if sequential else 'random':>10}: {rates[cls.__name__, sequential]:,.0f} minibatches/s ({len(loader)} per epoch)")
    model = RNNLM(FusedRNN(len(vocab), 256), len(vocab))
    opt = torch.optim.SGD(model.parameters(), lr=1)
    X, Y = next(iter(SeqDataLoader(corpus, 32, 35, seed=0)))
    def step():
        logits, _ = model(X)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), Y.reshape(-1))
        opt.zero_grad(); loss.backward(); opt.step()
    for _ in range(3): step()
    t = time.perf_counter()
    for _ in range(20): step()
    step_s = (time.perf_counter() - t) / 20
    print(f"one training step (FusedRNN, hidden 256): {step_s*1e3:.1f} ms = the time to yield "
          f"{min(rates.values()) * step_s:,.0f} minibatches")

if __name__ == '__main__': main()

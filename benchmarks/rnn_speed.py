"""Training-step throughput of the RNN language models, side by side in one run, with `rnn_seq.engine.timing.compare`.

A step is forward + cross-entropy + backward + gradient clipping + SGD step on Time Machine minibatches (char level,
and word level with --levels word). Contenders (same sizes): `RNNConcise` (`nn.RNN` with one-hot inputs inside the
package's RNNLM: the baseline of every ratio), `FastConcise` (its engine twin, `CELLS['concise']`), `FusedRNN` (the
engine's cell, `CELLS['fused']`), `RNNScratch` (the teaching cell, the book's one-hot per-step form), plain PyTorch
`nn.RNN` + `nn.Linear`, and the floor.

The floor is a practical floor for eager PyTorch on this machine, not a hardware bound: the whole training step of this
model written as the fewest eager PyTorch calls we know, on preallocated buffers, without autograd. It does all the
work of a step: the input lookup, the recurrence (tanh and its T-1 products forward and backward), the output layer's
products, the softmax, the loss (a gather and a log of the target probabilities), the gradients of every parameter
(dW_xh by an index_add of the input gradients, dW_hh, db_h, dW_hq, db_q), clipping (the global norm, then one scaling
of every gradient) and the SGD step. It is still one kernel call per operation: its elementwise passes and the calls'
overheads are a large part of its time at small sizes, so a fused kernel could beat it. An implementation faster than
the floor does less work (or fuses more), and the floor/scratch ratio bounds what eager PyTorch can gain over the book's form.

Each configuration runs `--rounds` interleaved rounds in rotated order (`compare`), one thread unless --threads says
otherwise; every ratio is one round's, and the report gives each contender's median ratio, its range, every round's
ratio, and the load average before and after (with a warning when it exceeds the threads used).

Run: RNN_SEQ_DATA=../shared/data python benchmarks/rnn_speed.py [--device cuda] [--rounds 7] [--threads 1]
     [--configs 32x35x256,32x35x512,1024x32x32] [--levels char,word] [--only RNNConcise,FastConcise]
"""

import argparse, itertools
import torch, torch.nn.functional as F
from torch import nn
from rnn_seq.text import load_corpus
from rnn_seq.language_models import SeqDataLoader
from rnn_seq.rnn import RNNScratch, RNNConcise, RNNLM
from rnn_seq.engine.fused import FusedRNN, FastConcise
from rnn_seq.engine.timing import compare, training_step


class TorchRNNLM(nn.Module):
    "Plain PyTorch: one-hot inputs, nn.RNN, nn.Linear."

    def __init__(self, V, h, device):
        super().__init__()
        self.V, self.rnn, self.out = V, nn.RNN(V, h, batch_first=True, device=device), nn.Linear(h, V, device=device)

    def forward(self, X, state=None):
        H, last = self.rnn(F.one_hot(X, self.V).float(), state)
        return self.out(H), last


CELLS = {"RNNConcise": RNNConcise, "FastConcise": FastConcise, "FusedRNN": FusedRNN, "RNNScratch": RNNScratch}


def make_floor_step(batches, h, V, device, lr=1.0, theta=1.0):
    "The whole training step as the fewest eager calls on preallocated buffers, without autograd (see the module's doc)."
    (batch, steps), batch_it = batches[0][0].shape, itertools.cycle(batches)
    n, z = steps * batch, lambda *s: torch.zeros(*s, device=device)
    W_xh, W, b_h, W_hq, b_q = torch.randn(V, h, device=device) * 0.01, torch.randn(h, h, device=device) * 0.01, z(h), torch.randn(h, V, device=device) * 0.01, z(V)
    params = [W_xh, W, b_h, W_hq, b_q]
    grads = [torch.empty_like(p) for p in params]
    dW_xh, dW, db_h, dW_hq, db_q = grads
    A, G, D, one, H0 = z(steps, batch, h), z(steps, batch, h), z(steps, batch, h), torch.ones((), device=device), z(batch, h)
    P, rows, minus_one = z(n, V), torch.arange(n, device=device) * V, -torch.ones(n, device=device)

    def step():
        X, Y = next(batch_it)
        with torch.no_grad():
            x, y = X.t().reshape(-1), Y.t().reshape(-1)  # time-major token ids
            torch.index_select(W_xh, 0, x, out=A.view(n, h)).add_(b_h)  # input lookup: X_t W_xh + b_h
            A[0].addmm_(H0, W).tanh_()
            for t in range(1, steps):
                A[t].addmm_(A[t - 1], W).tanh_()  # recurrence
            H = A.view(n, h)
            torch.addmm(b_q, H, W_hq, out=P)
            torch.softmax(P, -1, out=P)  # output layer, softmax
            target = rows + y
            loss = -P.view(-1)[target].log().mean()  # the loss: a gather and a log
            P.view(-1).index_add_(0, target, minus_one)
            P.mul_(1 / n)  # dL/dO = (softmax - one-hot) / n
            torch.mm(H.t(), P, out=dW_hq)
            torch.sum(P, 0, out=db_q)  # output layer backward
            torch.mm(P, W_hq.t(), out=G.view(n, h))
            torch.addcmul(one, A, A, value=-1, out=D)  # tanh'(A_t) = 1 - H_t^2, all steps
            G[-1].mul_(D[-1])
            for t in range(steps - 1, 0, -1):
                G[t - 1].addmm_(G[t], W.t()).mul_(D[t - 1])  # BPTT: delta_{t-1} = (dH + delta_t W^T) tanh'
            torch.mm(A[:-1].reshape(-1, h).t(), G[1:].reshape(-1, h), out=dW)  # dW_hh (H_0 = 0 adds nothing)
            torch.sum(G.view(n, h), 0, out=db_h)  # db_h
            dW_xh.zero_().index_add_(0, x, G.view(n, h))  # dW_xh: the input lookup's backward
            norm = torch.linalg.vector_norm(torch.stack(torch._foreach_norm(grads)))  # clipping: the global norm ...
            scale = torch.clamp(theta / (norm + 1e-6), max=1.0)
            torch._foreach_mul_(grads, scale)  # ... one scaling of every gradient
            torch._foreach_add_(params, grads, alpha=-lr)  # SGD step
        return loss

    return step


def sync_for(device):
    return torch.cuda.synchronize if device.type == "cuda" else (lambda: None)


def bench(batch, steps, h, corpus, V, device, rounds, min_time, threads, only):
    torch.manual_seed(0)
    batches = list(SeqDataLoader(corpus, batch, steps, seed=0, device=device))[:8]
    fns = {name: training_step(RNNLM(cell(V, h, device=device), V), batches) for name, cell in CELLS.items()}
    fns |= {"nn.RNN + nn.Linear": training_step(TorchRNNLM(V, h, device), batches), "floor": make_floor_step(batches, h, V, device)}
    fns = {k: f for k, f in fns.items() if not only or k in only}
    return compare(fns, baseline="RNNConcise" if "RNNConcise" in fns else None, rounds=rounds, min_time=min_time, threads=threads, sync=sync_for(device))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--device", default="cpu")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--min_time", type=float, default=0.3)
    p.add_argument("--configs", default="32x35x256,32x35x512,1024x32x32")
    p.add_argument("--levels", default="char", help="char, word or char,word")
    p.add_argument("--only", default="", help=f"comma-separated contenders among {list(CELLS) + ['nn.RNN + nn.Linear', 'floor']}")
    a = p.parse_args()
    device, only = torch.device(a.device), set(filter(None, a.only.split(",")))
    print(f"torch {torch.__version__}, device {device}, {a.threads} thread(s), {a.rounds} rounds")
    for level in a.levels.split(","):
        corpus, vocab = load_corpus(token=level)
        for cfg in a.configs.split(","):
            b, s, h = map(int, cfg.split("x"))
            t = bench(b, s, h, corpus, len(vocab), device, a.rounds, a.min_time, a.threads, only)
            print(f"\n{level} level (|V| = {len(vocab):,}), batch {b} x {s} steps, hidden {h}:")
            print(t.report("tokens", b * s))
            if {"floor", "RNNScratch"} <= set(t.seconds):
                print(
                    f"  floor / RNNScratch: x{t.ratio('floor') / t.ratio('RNNScratch'):.2f} (medians of per-round ratios; "
                    "what eager PyTorch could gain over the book's one-hot form)"
                )


if __name__ == "__main__":
    main()

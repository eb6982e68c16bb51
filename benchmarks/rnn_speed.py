"""Training-step throughput of the RNN language models, side by side in one run.

A step is forward + cross-entropy + backward + gradient clipping + SGD step on char-level Time Machine minibatches.
Models (same sizes): `FusedRNN` (the engine's cell, `CELLS['fused']`), `RNNScratch` (the teaching cell: the book's
one-hot per-step form, `CELLS['scratch']`), `RNNConcise` (`nn.RNN` inside the package's RNNLM, `CELLS['concise']`), and
plain PyTorch `nn.RNN` + `nn.Linear`. A fifth line, the floor, times only the work no implementation of this
model can skip, on preallocated buffers and without autograd: the recurrence's tanh and its matrix products (T-1
forward and T-1 backward (batch x h) @ (h x h) products, one (h x T*batch) @ (T*batch x h) weight gradient), the
backward's tanh' factors (1 - H^2 for all steps at once, one multiply per step), and the output layer's three products
with the softmax between them. Floor / scratch is the most any
implementation could gain over the one-hot form on this machine. Timing rounds are interleaved (A B C D A B C D ...) so that noise on
the machine hits all models alike; each figure is the median over rounds. Ratios are to `nn.RNN`.

Run: RNN_SEQ_DATA=../shared/data python benchmarks/rnn_speed.py [--device cuda] [--rounds 7] [--threads 2]
"""
import argparse, statistics, time
import torch, torch.nn.functional as F
from torch import nn
from rnn_seq.text import load_corpus
from rnn_seq.language_models import SeqDataLoader
from rnn_seq.rnn import RNNScratch, RNNConcise, RNNLM
from rnn_seq.training import clip_gradients
from rnn_seq.fast import FusedRNN

class TorchRNNLM(nn.Module):
    "Plain PyTorch: one-hot inputs, nn.RNN, nn.Linear."
    def __init__(self, V, h, device):
        super().__init__()
        self.V, self.rnn, self.out = V, nn.RNN(V, h, batch_first=True, device=device), nn.Linear(h, V, device=device)
    def forward(self, X, state=None):
        H, last = self.rnn(F.one_hot(X, self.V).float(), state)
        return self.out(H), last

def make_models(V, h, device):
    return {'fused': RNNLM(FusedRNN(V, h, device=device), V),
            'scratch (one-hot, book)': RNNLM(RNNScratch(V, h, device=device), V),
            'concise': RNNLM(RNNConcise(V, h, device=device), V),
            'nn.RNN + nn.Linear': TorchRNNLM(V, h, device)}

def make_floor_step(batch, steps, h, V, device):
    "The part of a training step that no implementation can skip, without autograd; only the target indices are made per step."
    A, W = torch.randn(steps, batch, h, device=device) * 0.1, torch.randn(h, h, device=device) * 0.01
    W_hq, b_q = torch.randn(h, V, device=device) * 0.01, torch.zeros(V, device=device)
    G, dW, D, one = torch.empty_like(A), torch.empty(h, h, device=device), torch.empty_like(A), torch.ones((), device=device)
    O, P = torch.empty(steps * batch, V, device=device), torch.empty(steps * batch, V, device=device)
    dW_hq, rows = torch.empty(h, V, device=device), torch.arange(steps * batch, device=device) * V
    minus_one = -torch.ones(steps * batch, device=device)
    def step(X, Y):
        with torch.no_grad():
            for t in range(1, steps): torch.addmm(A[t], A[t - 1], W, out=A[t]).tanh_()      # recurrence
            H = A.view(-1, h)
            torch.addmm(b_q, H, W_hq, out=O)                                               # output layer
            torch.softmax(O, -1, out=P)                                                    # softmax ...
            P.view(-1).index_add_(0, rows + Y.t().reshape(-1), minus_one)                  # ... minus one-hot targets
            torch.mm(H.t(), P, out=dW_hq); torch.mm(P, W_hq.t(), out=G.view(-1, h))        # output layer backward
            torch.addcmul(one, A, A, value=-1, out=D)                                      # tanh'(A_t) = 1 - H_t^2, all steps
            G[-1].mul_(D[-1])
            for t in range(steps - 1, 0, -1):                                               # BPTT carry: delta_{t-1} =
                torch.addmm(G[t - 1], G[t], W.t(), out=G[t - 1]).mul_(D[t - 1])             #   (dH_{t-1} + delta_t W^T) * tanh'
            torch.mm(A[:-1].reshape(-1, h).t(), G[1:].reshape(-1, h), out=dW)               # recurrent weight gradient
    return step

def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def make_step(model, lr=1.0):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    def step(X, Y):
        logits, _ = model(X)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y.reshape(-1))
        opt.zero_grad(set_to_none=True); loss.backward()
        clip_gradients(model.parameters(), 1.0); opt.step()
    return step

def bench(batch, steps, h, corpus, V, device, rounds, min_time):
    models = make_models(V, h, device)
    batches = list(SeqDataLoader(corpus, batch, steps, seed=0, device=device))
    steps_fns = {k: make_step(m) for k, m in models.items()} | {'floor': make_floor_step(batch, steps, h, V, device)}
    per_round = {}
    for name, fn in steps_fns.items():             # warm up, and size a round to ~min_time seconds
        for X, Y in batches[:3]: fn(X, Y)
        sync(device); t = time.perf_counter(); fn(*batches[0]); sync(device)
        per_round[name] = max(1, int(min_time / max(time.perf_counter() - t, 1e-6)))
    rates = {k: [] for k in steps_fns}
    for r in range(rounds):
        for name, fn in steps_fns.items():
            n = per_round[name]; sync(device); t = time.perf_counter()
            for i in range(n): fn(*batches[i % len(batches)])
            sync(device); rates[name].append(n * batch * steps / (time.perf_counter() - t))
    med = {k: statistics.median(v) for k, v in rates.items()}
    base = med['nn.RNN + nn.Linear']
    print(f"\nbatch {batch} x {steps} steps, hidden {h} ({device}):")
    for k, v in med.items():
        print(f"  {k:>22}: {v:>12,.0f} tokens/s   x{v / base:5.2f} nn.RNN   (spread {min(rates[k]) / v:.2f}-{max(rates[k]) / v:.2f})")
    print(f"  fused / scratch: x{med['fused'] / med['scratch (one-hot, book)']:.2f};  "
          f"floor / scratch: x{med['floor'] / med['scratch (one-hot, book)']:.2f} (the most any implementation could gain over one-hot);  "
          f"fused reaches {med['fused'] / med['floor']:.0%} of the floor's rate")
    return med

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--device', default='cpu'); p.add_argument('--rounds', type=int, default=7)
    p.add_argument('--threads', type=int, default=2); p.add_argument('--min_time', type=float, default=0.5)
    p.add_argument('--configs', default='32x35x256,32x35x512,1024x32x32')
    a = p.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    device = torch.device(a.device)
    corpus, vocab = load_corpus()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, device {device}")
    for cfg in a.configs.split(','):
        b, s, h = map(int, cfg.split('x'))
        bench(b, s, h, corpus, len(vocab), device, a.rounds, a.min_time)

if __name__ == '__main__': main()

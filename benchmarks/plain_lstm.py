"""A character LSTM in plain PyTorch, written the way people write it (pytorch/examples' word_language_model, char-rnn):
nn.Embedding + nn.LSTM + nn.Linear, Adam, gradient clipping, truncated BPTT with the state carried along each row.

`char_quality.py` trains it beside rnn_seq's cells; on its own: `train(CharLSTM(V, 256), ids, seconds=60)`.
"""

import time
import torch
import torch.nn.functional as F
from torch import nn


class CharLSTM(nn.Module):
    def __init__(self, vocab_size, hidden, layers=1, dropout=0.0):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden)
        self.lstm = nn.LSTM(hidden, hidden, layers, dropout=dropout, batch_first=True)
        self.out = nn.Linear(hidden, vocab_size)

    def forward(self, x, state=None):  # x: (B, T) character ids
        h, state = self.lstm(self.embed(x), state)  # h: (B, T, hidden)
        return self.out(h), state  # logits (B, T, V)


def train(model, ids, batch_size=32, steps=35, lr=2e-3, clip=1.0, seconds=60.0):
    "Train on 1-D `ids` for `seconds` of wall-clock time (checked after every minibatch); returns the minibatches done."
    n = (len(ids) - 1) // batch_size
    xs, ys = ids[: n * batch_size].view(batch_size, n), ids[1 : n * batch_size + 1].view(batch_size, n)  # row r: r-th stretch
    opt, done, start = torch.optim.Adam(model.parameters(), lr=lr), 0, time.perf_counter()
    model.train()
    while True:
        state = None  # each epoch starts from zeros
        for i in range(0, n - steps + 1, steps):
            state = None if state is None else tuple(s.detach() for s in state)  # truncated BPTT: carry, don't backprop
            logits, state = model(xs[:, i : i + steps], state)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), ys[:, i : i + steps].reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), clip)
            opt.step()
            done += 1
            if time.perf_counter() - start > seconds:
                return done

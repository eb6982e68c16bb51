"""The engine of rnn_seq: fast twins of the chapters, big corpora, training, checkpoints, the commands and the widgets.

The chapters (rnn_seq.sequence ... rnn_seq.bptt, rnn_seq.gated) never import from here; the engine imports the chapters."""

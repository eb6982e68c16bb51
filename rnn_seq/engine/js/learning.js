// The learning demo: the text a model writes after 0, 1, 2, 5, ... epochs, beside its training curve.
import { decodeHalf, generate, make, controlRow, slider, lineChart, demoBox, demo } from './shared.js';

function render({ model, el }) {
  const box = demoBox(model), sizes = model.get('sizes'), snaps = model.get('snapshots'), hist = model.get('history');
  const models = snaps.map((s) => decodeHalf(s.weights, sizes.V, sizes.H));
  const pick = slider('rnn-seq-ctl-snapshot', 0, snaps.length - 1, 1, model.get('snapshot'));
  const label = make('span', { className: 'rnn-seq-label' }), text = make('pre', { className: 'rnn-seq-result rnn-seq-text' });
  const chart = make('div');
  const update = () => {
    const i = Number(pick.input.value), s = snaps[i];
    label.textContent = s.epoch === 0 ? 'before training' : `after epoch ${s.epoch}${s.best ? ' (the best)' : ''}`;
    const out = generate(models[i], model.get('tokens'), model.get('prefix'), model.get('length'), model.get('temperature'), model.get('seed'));
    text.textContent = out;
    chart.replaceChildren(lineChart([{ values: hist.train_ppl, label: 'training', color: '#1f77b4' },
                                     { values: hist.valid_ppl, label: 'validation', color: '#ff7f0e', dash: '5,3' }],
                                    { logY: false, xs: hist.train_ppl.map((_, k) => k + 1), xlabel: 'epoch', ylabel: 'perplexity', marker: Math.max(1, s.epoch) }));
    box.dataset.result = JSON.stringify({ epoch: s.epoch, text: out });
  };
  pick.input.addEventListener('input', update);
  box.append(controlRow('snapshot', pick.input, label), text, chart);
  el.appendChild(box); update();
}

export default demo(render);

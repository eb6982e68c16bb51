// The hidden-state demo: the reader's text, each character coloured by one unit's activation (the Python twin: hidden_states).
import { decodeWeights, rnnStep, make, controlRow, demoBox, demo } from './shared.js';

export function hiddenStates(w, tokens, text) {
  const index = new Map(tokens.map((t, i) => [t, i])), clean = text.replace(/[^A-Za-z]+/g, ' ').toLowerCase();
  let h = new Float64Array(w.H); const out = [];
  for (const c of clean) { h = rnnStep(w, h, index.get(c) ?? 0); out.push(h); }
  return { clean, states: out };
}

function render({ model, el }) {
  const box = demoBox(model), sizes = model.get('sizes'), w = decodeWeights(model.get('weights'), sizes.V, sizes.H);
  const input = make('textarea', { className: 'rnn-seq-ctl-text', value: model.get('text'), rows: 3 });
  const pick = make('select', { className: 'rnn-seq-ctl-unit' });
  for (const u of model.get('units')) pick.append(make('option', { value: u.unit, textContent: `unit ${u.unit}: ${u.feature} (r = ${u.corr})` }));
  for (let u = 0; u < sizes.H; u++) pick.append(make('option', { value: u, textContent: `unit ${u}` }));
  pick.value = String(model.get('unit'));
  const out = make('div', { className: 'rnn-seq-result rnn-seq-activations' });
  const update = () => {
    const unit = Number(pick.value), { clean, states } = hiddenStates(w, model.get('tokens'), input.value), acts = states.map((s) => s[unit]);
    out.replaceChildren(...[...clean].map((c, i) => {
      const a = acts[i], color = a >= 0 ? `rgba(214,39,40,${Math.abs(a).toFixed(3)})` : `rgba(31,119,180,${Math.abs(a).toFixed(3)})`;
      return make('span', { textContent: c === ' ' ? '\u00b7' : c, title: a.toFixed(3) }, `background:${color}`);
    }));
    box.dataset.result = JSON.stringify({ unit, activations: acts });
  };
  input.addEventListener('input', update); pick.addEventListener('change', update); pick.addEventListener('input', update);
  box.append(controlRow('unit', pick), input, out,
             make('div', { textContent: 'blue: activation near -1, white: near 0, red: near +1', className: 'rnn-seq-note' }));
  el.appendChild(box); update();
}

export default demo(render);

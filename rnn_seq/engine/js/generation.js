// The generation demo: a prefix, a temperature, a length and a seed; the page generates the text with shared.js's generate.
import { decodeWeights, generate, make, controlRow, demoBox, demo } from './shared.js';

function render({ model, el }) {
  const box = demoBox(model), sizes = model.get('sizes'), tokens = model.get('tokens');
  const w = decodeWeights(model.get('weights'), sizes.V, sizes.H, sizes.cell, sizes.layers);
  const input = (type, name, attrs) => make('input', { type, className: `rnn-seq-ctl-${name}`, ...attrs, value: model.get(name) });   // value last: a range clamps it to its min and max
  const prefix = input('text', 'prefix', {});
  const temperature = input('range', 'temperature', { min: 0, max: 2, step: 0.05 });
  const length = input('range', 'length', { min: 10, max: 500, step: 10 });
  const seed = input('number', 'seed', { min: 0, step: 1 });
  const shownT = make('span', { className: 'rnn-seq-shown' }), shownL = make('span', { className: 'rnn-seq-shown' });
  const out = make('pre', { className: 'rnn-seq-result rnn-seq-text' });
  const layers = sizes.layers || 1, about = make('div', { className: 'rnn-seq-note',   // which model runs here (a plain RNN saved before 'cell' existed)
    textContent: `${(sizes.cell || 'rnn').toUpperCase()}, ${layers} layer${layers > 1 ? 's' : ''} of ${sizes.H} hidden units, running in this page` });
  const read = () => ({ prefix: prefix.value, temperature: Number(temperature.value), length: Math.round(Number(length.value)), seed: Math.round(Number(seed.value)) });
  const update = () => {
    const s = read();
    shownT.textContent = s.temperature.toFixed(2); shownL.textContent = String(s.length);
    try { out.textContent = generate(w, tokens, s.prefix, s.length, s.temperature, s.seed, model.get('letters') || 'ascii'); }
    catch (e) { out.textContent = e.message; }             // a prefix the model cannot read: say why, as predict does
    box.dataset.result = JSON.stringify({ text: out.textContent });
  };
  const push = () => {
    const s = read();
    for (const k of Object.keys(s)) model.set(k, s[k]);
    try { model.save_changes(); } catch (e) { /* no kernel (static page): nothing to sync */ }
    update();
  };
  for (const i of [prefix, temperature, length, seed]) i.addEventListener('input', push);
  const pull = () => {
    prefix.value = model.get('prefix'); temperature.value = model.get('temperature');
    length.value = model.get('length'); seed.value = model.get('seed'); update();
  };
  for (const k of ['prefix', 'temperature', 'length', 'seed']) model.on('change:' + k, pull);
  box.append(about, controlRow('prefix', prefix), controlRow('temperature', temperature, shownT), controlRow('length', length, shownL),
             controlRow('seed', seed), out);
  el.appendChild(box); update();
}

export default demo(render);

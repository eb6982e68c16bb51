// The samplers demo: which minibatch and row reads each character, for both samplers (the Python twin: sampler_layout).
import { mulberry32, make, controlRow, slider, demoBox, demo } from './shared.js';

export function samplerLayout(n, batchSize, numSteps, offset, sequential, seed) {
  const out = new Array(n).fill(-1), need = batchSize * numSteps + 1;
  if (n < need) return out;
  const last = Math.min(numSteps - 1, n - need), nb = Math.floor((n - last - 1) / (batchSize * numSteps));
  offset = Math.min(offset, last);
  if (sequential) {
    const L = Math.floor((n - offset - 1) / batchSize);
    for (let r = 0; r < batchSize; r++) for (let i = 0; i < nb; i++) for (let j = 0; j < numSteps; j++) out[offset + r * L + i * numSteps + j] = i * batchSize + r;
  } else {
    const pieces = Math.floor((n - offset - 1) / numSteps), order = [...Array(pieces).keys()], rand = mulberry32(seed);
    for (let i = pieces - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    for (let i = 0; i < nb; i++) for (let r = 0; r < batchSize; r++) { const k = order[i * batchSize + r]; for (let j = 0; j < numSteps; j++) out[offset + k * numSteps + j] = i * batchSize + r; }
  }
  return out;
}

function strip(text, layout, batchSize) {
  const nb = Math.max(1, Math.max(...layout) / batchSize + 1 | 0), box = make('div', { className: 'rnn-seq-strip' });
  [...text].forEach((c, p) => {
    const a = layout[p], row = a % batchSize, mb = Math.floor(a / batchSize);
    const bg = a < 0 ? '#eee' : `hsl(${Math.round(row * 360 / batchSize)}, 70%, ${Math.round(88 - 40 * mb / Math.max(1, nb - 1))}%)`;
    box.append(make('span', { textContent: c === ' ' ? '\u00b7' : c, title: a < 0 ? 'not read' : `minibatch ${mb + 1}, row ${row + 1}` },
                    `background:${bg};color:${a < 0 ? '#999' : '#000'};padding:0 1px`));
  });
  return box;
}

function render({ model, el }) {
  const box = demoBox(model), text = model.get('text');
  const bs = slider('rnn-seq-ctl-batch', 1, 6, 1, model.get('batch_size')), ns = slider('rnn-seq-ctl-steps', 2, 12, 1, model.get('num_steps'));
  const off = slider('rnn-seq-ctl-offset', 0, 11, 1, model.get('offset')), sd = slider('rnn-seq-ctl-seed', 0, 99, 1, model.get('seed'));
  const out = make('div', { className: 'rnn-seq-result' });
  const update = () => {
    const b = Number(bs.input.value), s = Number(ns.input.value), o = Math.min(Number(off.input.value), s - 1), seed = Number(sd.input.value);
    off.shown.textContent = String(o);
    const random = samplerLayout(text.length, b, s, o, false, seed), sequential = samplerLayout(text.length, b, s, o, true, seed);
    out.replaceChildren(make('div', { textContent: 'random sampling', className: 'rnn-seq-heading' }), strip(text, random, b),
                        make('div', { textContent: 'sequential partitioning', className: 'rnn-seq-heading' }), strip(text, sequential, b),
                        make('div', { textContent: 'colour: the row (hue) and the minibatch (lighter first, darker later); grey: not read this epoch', className: 'rnn-seq-note' }));
    box.dataset.result = JSON.stringify({ random, sequential });
  };
  for (const c of [bs, ns, off, sd]) c.input.addEventListener('input', update);
  box.append(controlRow('batch size', bs.input, bs.shown), controlRow('steps', ns.input, ns.shown), controlRow("epoch's offset", off.input, off.shown),
             controlRow('seed (random order)', sd.input, sd.shown), out);
  el.appendChild(box); update();
}

export default demo(render);

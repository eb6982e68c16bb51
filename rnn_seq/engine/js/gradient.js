// The gradients demo: a gradient's norm k steps back, through tanh' and W and through W alone (the Python twin: gradient_curves).
import { mulberry32, gaussian, make, controlRow, slider, lineChart, demoBox, demo } from './shared.js';

export function gradientCurves(norm, hidden, steps, seed) {
  const rand = mulberry32(seed), H = hidden, W = [];
  for (let i = 0; i < H; i++) { const row = []; for (let j = 0; j < H; j++) row.push(gaussian(rand) / Math.sqrt(H)); W.push(row); }
  let v = new Array(H).fill(1 / Math.sqrt(H)), sigma = 0;
  for (let it = 0; it < 50; it++) {
    const u = [], z = [];
    for (let i = 0; i < H; i++) { let s = 0; for (let j = 0; j < H; j++) s += W[i][j] * v[j]; u.push(s); }
    for (let j = 0; j < H; j++) { let s = 0; for (let i = 0; i < H; i++) s += W[i][j] * u[i]; z.push(s); }
    let nz = 0; for (const x of z) nz += x * x; nz = Math.sqrt(nz); sigma = Math.sqrt(nz);
    v = z.map((x) => x / nz);
  }
  for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) W[i][j] = W[i][j] * (norm / sigma);
  const X = [];
  for (let t = 0; t < steps; t++) { const x = []; for (let j = 0; j < H; j++) x.push(gaussian(rand)); X.push(x); }
  let g0 = []; for (let j = 0; j < H; j++) g0.push(gaussian(rand));
  let ng = 0; for (const x of g0) ng += x * x; ng = Math.sqrt(ng); g0 = g0.map((x) => x / ng);
  const states = []; let h = new Array(H).fill(0);
  for (let t = 0; t < steps; t++) {
    const a = []; for (let j = 0; j < H; j++) { let s = 0; for (let i = 0; i < H; i++) s += h[i] * W[i][j]; a.push(Math.tanh(X[t][j] + s)); }
    h = a; states.push(h);
  }
  const curve = (tanh) => {
    let g = g0.slice(); const norm2 = (x) => { let s = 0; for (const y of x) s += y * y; return Math.sqrt(s); }, out = [norm2(g)];
    for (let t = steps - 1; t > 0; t--) {
      const d = tanh ? g.map((x, i) => x * (1 - states[t][i] ** 2)) : g, next = [];
      for (let i = 0; i < H; i++) { let s = 0; for (let j = 0; j < H; j++) s += d[j] * W[i][j]; next.push(s); }
      g = next; out.push(norm2(g));
    }
    return out;
  };
  return { with_tanh: curve(true), linear: curve(false) };
}

function render({ model, el }) {
  const box = demoBox(model);
  const nm = slider('rnn-seq-ctl-norm', 0.25, 3, 0.05, model.get('norm')), hd = slider('rnn-seq-ctl-hidden', 2, 48, 1, model.get('hidden'));
  const st = slider('rnn-seq-ctl-steps', 5, 60, 1, model.get('steps'));
  const chart = make('div', { className: 'rnn-seq-result' });
  const update = () => {
    const c = gradientCurves(Number(nm.input.value), Number(hd.input.value), Number(st.input.value), model.get('seed'));
    chart.replaceChildren(lineChart([{ values: c.with_tanh, label: "through tanh' and W", color: '#1f77b4' },
                                     { values: c.linear, label: 'through W alone', color: '#d62728', dash: '5,3' }],
                                    { logY: true, xlabel: 'k (steps back)', ylabel: 'gradient norm' }));
    box.dataset.result = JSON.stringify(c);
  };
  for (const c of [nm, hd, st]) c.input.addEventListener('input', update);
  box.append(controlRow('spectral norm of W', nm.input, nm.shown), controlRow('hidden size', hd.input, hd.shown), controlRow('sequence length', st.input, st.shown), chart);
  el.appendChild(box); update();
}

export default demo(render);

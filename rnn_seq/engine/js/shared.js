// What every page of rnn_seq's demos shares: the model's arithmetic (weights, the RNN step, sampling), a seeded random
// number generator (mulberry32), and the page's parts (controls, a line chart, the box a demo draws in; their look is in demos.css).
// Each widget's file imports what it needs from here; rnn_seq.engine.widgets inlines this file into each widget's module.

// -- random numbers
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand) {   // Box-Muller, from two uniforms of the seeded generator
  let u = rand(); if (u < 1e-300) u = 1e-300;
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// -- weights: all in one base64 string of little-endian float32 (or float16), in the order of weight_shapes (09_twins): a plain RNN's
// W_xh, W_hh, b_h; or, layer by layer, a GRU's or an LSTM's W_ih, W_hh, b_ih, b_hh (PyTorch's layout, transposed); then W_hq, b_q
export const GATES = { rnn: 1, gru: 3, lstm: 4 };   // blocks of H columns side by side in a cell's weights

export function splitWeights(f, V, H, cell = 'rnn', layers = 1) {   // all weights in one Float32Array -> named arrays, in export order
  if (!Object.hasOwn(GATES, cell) || (cell === 'rnn' && layers !== 1)) throw new Error(`the page runs a one-layer rnn, a gru or an lstm, not ${cell} with ${layers} layers`);
  let o = 0; const take = (n) => { const s = f.subarray(o, o + n); o += n; return s; };
  const w = { V, H, cell, layers }, G = GATES[cell] * H;
  if (cell === 'rnn') Object.assign(w, { Wxh: take(V * H), Whh: take(H * H), bh: take(H) });
  else w.L = Array.from({ length: layers }, (_, l) => ({ Wih: take((l ? H : V) * G), Whh: take(H * G), bih: take(G), bhh: take(G) }));
  Object.assign(w, { Whq: take(H * V), bq: take(V) });
  if (o !== f.length) throw new Error(`weights hold ${f.length} values, not those of V=${V}, H=${H}, cell=${cell}, layers=${layers}`);
  return w;
}

export function decodeWeights(b64, V, H, cell, layers) {
  const bin = atob(b64), bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return splitWeights(new Float32Array(bytes.buffer), V, H, cell, layers);
}

export function halfToFloat(bits) {   // IEEE 754 binary16 -> number, exactly
  const s = bits & 0x8000 ? -1 : 1, e = (bits >> 10) & 0x1f, f = bits & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

export function decodeHalf(b64, V, H, cell, layers) {
  const bin = atob(b64), u16 = new Uint16Array(bin.length / 2);
  for (let i = 0; i < u16.length; i++) u16[i] = bin.charCodeAt(2 * i) | (bin.charCodeAt(2 * i + 1) << 8);
  return splitWeights(Float32Array.from(u16, halfToFloat), V, H, cell, layers);
}

// -- the model: one step of each cell, of the whole model, and generation (the Python twins: rnn_step, gru_step, lstm_step,
//    model_step, reference_generate)
export function rnnStep(w, h, id) {   // one step of the recurrence: tanh(W_xh[id] + b_h + h W_hh), in float64
  const { H, Wxh, Whh, bh } = w, a = new Float64Array(H);
  for (let j = 0; j < H; j++) a[j] = Wxh[id * H + j] + bh[j];
  for (let k = 0; k < H; k++) {
    const hk = h[k];
    if (hk !== 0) for (let j = 0; j < H; j++) a[j] = a[j] + hk * Whh[k * H + j];
  }
  for (let j = 0; j < H; j++) a[j] = Math.tanh(a[j]);
  return a;
}

function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }   // the Python twin: _sigmoid

export function affine(W, b, G, x) {   // b + x W (G columns): a token's row plus the bias, or the bias plus x_k W[k] for k = 0, 1, ... (zeros skipped)
  const a = new Float64Array(G);
  if (typeof x === 'number') { for (let j = 0; j < G; j++) a[j] = W[x * G + j] + b[j]; return a; }
  for (let j = 0; j < G; j++) a[j] = b[j];
  for (let k = 0; k < x.length; k++) {
    const xk = x[k];
    if (xk !== 0) for (let j = 0; j < G; j++) a[j] = a[j] + xk * W[k * G + j];
  }
  return a;
}

export function gruStep(L, H, h, x) {   // PyTorch's GRU: gates r, z; candidate n = tanh(a_n + r * b_n); then (1 - z) * n + z * h
  const a = affine(L.Wih, L.bih, 3 * H, x), b = affine(L.Whh, L.bhh, 3 * H, h), out = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    const r = sigmoid(a[j] + b[j]), z = sigmoid(a[H + j] + b[H + j]), n = Math.tanh(a[2 * H + j] + r * b[2 * H + j]);
    out[j] = (1 - z) * n + z * h[j];
  }
  return out;
}

export function lstmStep(L, H, [h, c], x) {   // PyTorch's LSTM: gates i, f, g, o from the summed terms; c' = f c + i g, h' = o tanh(c')
  const a = affine(L.Wih, L.bih, 4 * H, x), b = affine(L.Whh, L.bhh, 4 * H, h), s = new Float64Array(4 * H);
  for (let j = 0; j < 4 * H; j++) s[j] = a[j] + b[j];
  const h2 = new Float64Array(H), c2 = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    const i = sigmoid(s[j]), f = sigmoid(s[H + j]), g = Math.tanh(s[2 * H + j]), o = sigmoid(s[3 * H + j]);
    c2[j] = f * c[j] + i * g; h2[j] = o * Math.tanh(c2[j]);
  }
  return [h2, c2];
}

export function zeroState(w) {   // per layer: a zero hidden state, or a pair [h, c] for an LSTM
  const zeros = () => new Float64Array(w.H);
  return Array.from({ length: w.layers }, () => (w.cell === 'lstm' ? [zeros(), zeros()] : zeros()));
}

export function modelStep(w, state, id) {   // layer 0 reads the token, each layer above the new hidden state of the one below
  if (w.cell === 'rnn') return [rnnStep(w, state[0], id)];
  const out = []; let x = id;
  for (let l = 0; l < w.layers; l++) {
    const s = w.cell === 'gru' ? gruStep(w.L[l], w.H, state[l], x) : lstmStep(w.L[l], w.H, state[l], x);
    out.push(s); x = w.cell === 'gru' ? s : s[0];
  }
  return out;
}

export function outputLogits(w, state) {   // b_q + h W_hq on the top layer's hidden state, adding h_k W_hq[k] for k = 0, 1, ...
  const { V, H, Whq, bq } = w, top = state[state.length - 1], h = w.cell === 'lstm' ? top[0] : top, o = new Float64Array(V);
  for (let v = 0; v < V; v++) o[v] = bq[v];
  for (let k = 0; k < H; k++) { const hk = h[k]; for (let v = 0; v < V; v++) o[v] = o[v] + hk * Whq[k * V + v]; }
  return o;
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;   // what Python's repr escapes (str.isprintable), but the space
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;   // Python's whitespace (str.isspace)

export function pyBlank(s) { return PY_SPACE.test(s); }   // Python's `not s.strip()` (JavaScript's trim also drops U+FEFF)

export function pyRepr(s) {   // Python's repr of a str, so that messages match the Python twin's word for word
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const hex = (c, n) => c.toString(16).padStart(n, '0');
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '\\' || ch === q) out += '\\' + ch;
    else if (ch === '\n') out += '\\n'; else if (ch === '\r') out += '\\r'; else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += c <= 0xff ? '\\x' + hex(c, 2) : c <= 0xffff ? '\\u' + hex(c, 4) : '\\U' + hex(c, 8);
    else out += ch;
  }
  return out + q;
}

export const CLEANING = {   // the corpus's cleaning rules that a page applies to a prefix (the Python twins: preprocess, as_written)
  ascii: (s) => s.replace(/[^A-Za-z]+/g, ' ').toLowerCase(),   // the book's: every run of other characters becomes one space
  all: (s) => s.replace(/\r\n?/g, '\n').replace(/\ufeff/g, ''),  // text as written: only line ends and byte-order marks change
};

export function generate(w, tokens, prefix, length, temperature, seed, letters = 'ascii') {
  const { V } = w;
  if (!Object.hasOwn(CLEANING, letters)) throw new Error(`letters=${pyRepr(String(letters))}: the page cleans prefixes by the rules ('ascii', 'all') only; use predict for others`);
  if (pyBlank(prefix)) throw new Error(`prefix=${pyRepr(prefix)} is empty: give some text to continue, e.g. 'time traveller'`);
  const index = new Map(tokens.map((t, i) => [t, i]));
  const clean = CLEANING[letters](prefix);
  const ids = Array.from(clean, (c) => index.get(c) ?? 0);
  if (pyBlank(clean) || ids.every((i) => i === 0))
    throw new Error(`prefix ${pyRepr(prefix)} has no token the vocabulary knows (after cleaning: ${pyRepr(clean)}): use words or letters from the training corpus`);
  const rand = mulberry32(seed);
  let state = zeroState(w);
  for (const id of ids) state = modelStep(w, state, id);
  let out = '';
  for (let n = 0; n < length; n++) {
    const o = outputLogits(w, state);
    let next = 1;
    if (temperature === 0) {
      for (let v = 2; v < V; v++) if (o[v] > o[next]) next = v;
    } else {
      let m = -Infinity;
      for (let v = 1; v < V; v++) if (o[v] > m) m = o[v];
      const p = new Float64Array(V); let s = 0;
      for (let v = 1; v < V; v++) { p[v] = Math.exp((o[v] - m) / temperature); s += p[v]; }
      let u = rand() * s; next = V - 1;
      for (let v = 1; v < V; v++) { u -= p[v]; if (u < 0) { next = v; break; } }
    }
    out += tokens[next];
    state = modelStep(w, state, next);
  }
  return prefix + out;
}

// -- the page's parts
export function make(tag, props = {}, css = '') { const e = Object.assign(document.createElement(tag), props); if (css) e.style.cssText = css; return e; }

export function controlRow(label, input, shown) {
  const row = make('label', { className: 'rnn-seq-row' });
  row.append(make('span', { textContent: label, className: 'rnn-seq-label' }), input);
  if (shown) row.append(shown);
  return row;
}

export function slider(cls, min, max, step, value) {
  const input = make('input', { type: 'range', className: cls, min, max, step, value });
  const shown = make('span', { textContent: String(value), className: 'rnn-seq-shown' });
  input.addEventListener('input', () => { shown.textContent = input.value; });
  return { input, shown };
}

export function lineChart(series, opts) {   // series: [{values, label, color, dash}]; opts: {logY, xlabel, ylabel, marker, xs}
  const W = 360, Hh = 210, L = 52, R = 10, T = 12, B = 36, ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${Hh}`); svg.setAttribute('class', 'rnn-seq-chart');
  const f = opts.logY ? (v) => Math.log10(Math.max(v, 1e-30)) : (v) => v;
  const all = series.flatMap((s) => s.values.map(f)).filter(Number.isFinite);
  let lo = Math.min(...all), hi = Math.max(...all); if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  if (opts.logY) { lo = Math.floor(lo); hi = Math.ceil(hi); }
  const n = Math.max(...series.map((s) => s.values.length)), xs = opts.xs || [...Array(n).keys()];
  const x0 = xs[0], x1 = xs[xs.length - 1] === x0 ? x0 + 1 : xs[xs.length - 1];
  const X = (x) => L + (W - L - R) * (x - x0) / (x1 - x0), Y = (v) => T + (Hh - T - B) * (1 - (f(v) - lo) / (hi - lo));
  const add = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); for (const k in attrs) e.setAttribute(k, attrs[k]); if (text !== undefined) e.textContent = text; svg.append(e); return e; };
  add('line', { x1: L, y1: Hh - B, x2: W - R, y2: Hh - B, stroke: '#888' }); add('line', { x1: L, y1: T, x2: L, y2: Hh - B, stroke: '#888' });
  const ticks = opts.logY ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((p, i, a) => a.length <= 8 || i % Math.ceil(a.length / 8) === 0)
                          : [lo, (lo + hi) / 2, hi];
  for (const t of ticks) {
    const y = T + (Hh - T - B) * (1 - (t - lo) / (hi - lo));
    add('line', { x1: L - 3, y1: y, x2: W - R, y2: y, stroke: '#eee' });
    add('text', { x: L - 5, y: y + 3, 'text-anchor': 'end' }, opts.logY ? `1e${t}` : t.toPrecision(3));
  }
  for (const t of [x0, Math.round((x0 + x1) / 2), x1]) add('text', { x: X(t), y: Hh - B + 13, 'text-anchor': 'middle' }, String(t));
  add('text', { x: (L + W - R) / 2, y: Hh - 4, 'text-anchor': 'middle' }, opts.xlabel || '');
  add('text', { x: 10, y: (T + Hh - B) / 2, transform: `rotate(-90 10 ${(T + Hh - B) / 2})`, 'text-anchor': 'middle' }, opts.ylabel || '');
  series.forEach((s, i) => {
    const pts = s.values.map((v, k) => `${X(xs[k]).toFixed(1)},${Y(v).toFixed(1)}`).join(' ');
    add('polyline', { points: pts, fill: 'none', stroke: s.color, 'stroke-width': 1.6, 'stroke-dasharray': s.dash || '' });
    add('text', { x: W - R - 4, y: T + 12 + 12 * i, 'text-anchor': 'end', fill: s.color }, s.label);
  });
  if (opts.marker !== undefined) add('line', { x1: X(opts.marker), y1: T, x2: X(opts.marker), y2: Hh - B, stroke: '#444', 'stroke-dasharray': '2,2', class: 'rnn-seq-marker' });
  return svg;
}

export function hideFallback(model) {   // the live demo replaces its static picture (the page's copy for readers without widgets)
  for (const f of document.querySelectorAll(`.rnn-seq-fallback[data-uid="${model.get('uid')}"]`)) f.style.display = 'none';
}

export function demoBox(model) { const b = make('div', { className: 'rnn-seq-demo' }); b.dataset.demo = model.get('kind'); return b; }

export function demo(render) {   // a widget's default export: render, then hide the demo's static picture
  return { render: (context) => { render(context); hideFallback(context.model); } };
}

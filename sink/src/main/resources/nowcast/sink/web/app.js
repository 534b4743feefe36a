'use strict';
// nowcast dashboard: plain JS and canvas, fed by the HTTP API and the /api/events SSE stream.
const state = {
  sources: [], selected: null, forecast: null, images: [], lead: 0, playing: true, scores: null,
  map: null, observedImage: null, layer: 'forecast', layerImages: {}, drawing: false, drag: null,
  rules: [], active: [], pointTimer: null, lastPoint: null,
};

function fmtTime(iso) { return iso ? iso.replace('T', ' ').replace(/:00Z$|Z$/, ' UTC') : '–'; }

async function getJson(url) {
  const r = await fetch(url, { credentials: 'same-origin' });
  if (!r.ok) { throw new Error(url + ': ' + r.status); }
  return r.json();
}

function renderSources() {
  const ul = document.getElementById('sources');
  ul.innerHTML = '';
  for (const s of state.sources) {
    const li = document.createElement('li');
    li.dataset.source = s.id;
    li.className = s.id === state.selected ? 'selected' : '';
    li.textContent = s.id;
    const b = document.createElement('span');
    b.className = 'badge ' + s.status;
    b.textContent = s.status;
    li.appendChild(b);
    li.title = (s.quantity || '') + ' ' + (s.unit || '') + ', last frame ' + fmtTime(s.lastFrameTime);
    li.onclick = () => select(s.id);
    ul.appendChild(li);
  }
}

async function loadSources() {
  const doc = await getJson('/api/sources');
  state.sources = doc.sources;
  renderSources();
  if (!state.selected && state.sources.length > 0) { select(state.sources[0].id); }
}

function select(id) {
  state.selected = id;
  state.map = null;
  state.observedImage = null;
  state.forecast = null;
  state.images = [];
  document.getElementById('source-title').textContent = id;
  renderSources();
  loadMap().then(() => { loadForecast(); loadObserved(); });
  loadScores();
  renderAlerts();
}

// ---- map: projected coordinates of the source (x right, y up) onto a canvas, aspect kept ----
function georeferenced() { return state.map && state.map.georeferenced; }

function transformFor(canvas) {
  const v = state.map.view;
  const s = Math.min(canvas.width / (v.xMax - v.xMin), canvas.height / (v.yMax - v.yMin));
  const ox = (canvas.width - s * (v.xMax - v.xMin)) / 2, oy = (canvas.height - s * (v.yMax - v.yMin)) / 2;
  return {
    s, toCanvas: (x, y) => [ox + (x - v.xMin) * s, oy + (v.yMax - y) * s],
    toMap: (cx, cy) => [v.xMin + (cx - ox) / s, v.yMax - (cy - oy) / s],
  };
}

// lon/lat of a projected point: bilinear in the lattice the sink computed over the view
function lonLatOf(x, y) {
  const m = state.map, v = m.view, n = m.lattice.size;
  const fi = (x - v.xMin) / (v.xMax - v.xMin) * (n - 1), fj = (v.yMax - y) / (v.yMax - v.yMin) * (n - 1);
  const i = Math.max(0, Math.min(n - 2, Math.floor(fi))), j = Math.max(0, Math.min(n - 2, Math.floor(fj)));
  const a = fi - i, b = fj - j;
  const at = (arr) => (1 - a) * (1 - b) * arr[j * n + i] + a * (1 - b) * arr[j * n + i + 1]
    + (1 - a) * b * arr[(j + 1) * n + i] + a * b * arr[(j + 1) * n + i + 1];
  return [at(m.lattice.lon), at(m.lattice.lat)];
}

// the projected point of a lon/lat: Newton steps on the lattice interpolation
function xyOf(lon, lat) {
  const v = state.map.view;
  let x = (v.xMin + v.xMax) / 2, y = (v.yMin + v.yMax) / 2;
  const h = (v.xMax - v.xMin) * 1e-4;
  for (let it = 0; it < 30; it++) {
    const [l0, p0] = lonLatOf(x, y), [lx, px] = lonLatOf(x + h, y), [ly, py] = lonLatOf(x, y + h);
    const a = (lx - l0) / h, b = (ly - l0) / h, c = (px - p0) / h, d = (py - p0) / h, det = a * d - b * c;
    if (!det) { break; }
    const dl = lon - l0, dp = lat - p0;
    x += (d * dl - b * dp) / det;
    y += (-c * dl + a * dp) / det;
  }
  return [x, y];
}

function haversineKm(lon1, lat1, lon2, lat2) {
  const r = Math.PI / 180, dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
  const q = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0 * Math.asin(Math.sqrt(q));
}

function drawPanel(canvas, img, extent) {
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = '#0b1015';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (!georeferenced()) {
    if (img) { ctx.drawImage(img, 0, 0, canvas.width, canvas.height); }
    canvas.dataset.map = 'plain';
    return;
  }
  const t = transformFor(canvas), m = state.map;
  if (img && extent) {
    const [x0, y0] = t.toCanvas(extent.xMin, extent.yMax), [x1, y1] = t.toCanvas(extent.xMax, extent.yMin);
    ctx.drawImage(img, x0, y0, x1 - x0, y1 - y0);
  }
  let segments = 0;
  for (const line of m.lines) {
    ctx.beginPath();
    ctx.strokeStyle = line.border ? '#8b949e' : '#d0d7de';
    ctx.setLineDash(line.border ? [4, 3] : []);
    ctx.lineWidth = 1;
    for (let k = 0; k < line.xy.length; k += 2) {
      const [cx, cy] = t.toCanvas(line.xy[k], line.xy[k + 1]);
      if (k === 0) { ctx.moveTo(cx, cy); } else { ctx.lineTo(cx, cy); segments++; }
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (m.forecast) {
    const [x0, y0] = t.toCanvas(m.forecast.xMin, m.forecast.yMax), [x1, y1] = t.toCanvas(m.forecast.xMax, m.forecast.yMin);
    ctx.strokeStyle = '#58a6ff';
    ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
  }
  for (const r of state.rules.filter(r => r.sourceId === state.selected && r.area.type === 'circle')) {
    drawCircle(ctx, t, r.area.lon, r.area.lat, r.area.radiusKm,
      state.active.some(a => a.ruleId === r.id) ? '#f85149' : '#f0b400');
  }
  if (state.drag && state.drag.radiusKm > 0) {
    drawCircle(ctx, t, state.drag.lon, state.drag.lat, state.drag.radiusKm, '#ffffff');
  }
  canvas.dataset.map = 'geo';
  canvas.dataset.segments = String(segments);
}

function drawCircle(ctx, t, lon, lat, radiusKm, colour) {
  const [x, y] = xyOf(lon, lat);
  const [xn, yn] = xyOf(lon, lat + radiusKm / 111.2);
  const [cx, cy] = t.toCanvas(x, y), [nx, ny] = t.toCanvas(xn, yn);
  ctx.beginPath();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.arc(cx, cy, Math.hypot(nx - cx, ny - cy), 0, 2 * Math.PI);
  ctx.stroke();
}

function redraw() {
  drawPanel(document.getElementById('observed'), state.observedImage, state.map && state.map.observed);
  showLead(state.lead);
}

async function loadMap() {
  if (!state.selected) { return; }
  try { state.map = await getJson('/api/sources/' + encodeURIComponent(state.selected) + '/map'); }
  catch (e) { state.map = null; }
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('image ' + url));
    img.src = url;
  });
}

async function loadForecast() {
  if (!state.selected) { return; }
  let f;
  try { f = await getJson('/api/sources/' + encodeURIComponent(state.selected) + '/forecasts/latest'); }
  catch (e) { return; }
  if (f.sourceId !== state.selected) { return; }
  const images = await Promise.all(f.leads.map(l => loadImage(l.imageUrl)));
  if (!state.map || (georeferenced() && !state.map.forecast)) { await loadMap(); }
  state.forecast = f;
  state.images = images;
  state.layerImages = {};
  fillLayers(f);
  const slider = document.getElementById('lead');
  slider.max = f.leads.length;
  if (state.lead >= f.leads.length) { state.lead = 0; }
  document.getElementById('base-time').textContent = fmtTime(f.baseTime);
  document.getElementById('forecast').dataset.baseTime = f.baseTime;
  showLead(state.lead);
}

function fillLayers(f) {
  const select = document.getElementById('layer');
  const options = [['forecast', 'forecast']];
  const p = f.products || {};
  for (const a of (p.accumulations || [])) { options.push(['acc' + a.minutes, 'rain next ' + a.minutes + ' min (mm)']); }
  if (p.exceedance) {
    p.exceedance.thresholds.forEach((t, i) => options.push(['p' + i, 'P(≥ ' + t.value + ' ' + p.exceedance.unit + ')']));
  }
  const keep = options.some(o => o[0] === state.layer) ? state.layer : 'forecast';
  select.innerHTML = '';
  for (const [value, label] of options) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }
  select.value = keep;
  state.layer = keep;
}

// the image the forecast panel shows at lead i for the chosen layer (loaded on first use)
function layerImage(i) {
  const f = state.forecast, p = f.products || {};
  if (state.layer === 'forecast') { return { img: state.images[i], scale: f.colourScale, unit: f.unit, name: 'Forecast' }; }
  let url, scale, unit, name;
  if (state.layer.startsWith('acc')) {
    const a = p.accumulations.find(x => 'acc' + x.minutes === state.layer);
    url = a.imageUrl; scale = p.accumulationScale; unit = 'mm'; name = 'Rain in the next ' + a.minutes + ' min';
  } else {
    const t = p.exceedance.thresholds[Number(state.layer.slice(1))];
    url = t.imageUrls[i]; scale = p.exceedance.colourScale; unit = 'probability';
    name = 'P(≥ ' + t.value + ' ' + p.exceedance.unit + ')';
  }
  const cached = state.layerImages[url];
  if (!cached) {
    state.layerImages[url] = 'loading';
    loadImage(url).then(img => { state.layerImages[url] = img; showLead(state.lead); }).catch(() => {});
  }
  return { img: cached instanceof Image ? cached : null, scale, unit, name };
}

function showLead(i) {
  const f = state.forecast;
  if (!f || !state.images[i]) {
    if (georeferenced()) { drawPanel(document.getElementById('forecast'), null, null); }
    return;
  }
  state.lead = i;
  const layer = layerImage(i);
  drawPanel(document.getElementById('forecast'), layer.img, state.map && state.map.forecast);
  renderLegend(layer.scale, layer.unit);
  document.getElementById('layer-name').textContent = layer.name;
  document.getElementById('lead').value = i + 1;
  document.getElementById('lead-label').textContent = Math.round(f.leads[i].leadSeconds / 60);
  document.getElementById('valid-time').textContent = fmtTime(f.leads[i].validTime);
  document.getElementById('forecast').dataset.drawnLead = String(i + 1);
}

function renderLegend(scale, unit) {
  const div = document.getElementById('legend');
  div.innerHTML = '';
  if (!scale || !scale.bands) { return; }
  for (const b of scale.bands) {
    const s = document.createElement('span');
    s.style.background = b.colour;
    s.textContent = '≥' + b.from;
    div.appendChild(s);
  }
  const u = document.createElement('span');
  u.style.color = '#e6edf3';
  u.textContent = scale.scale || unit;
  div.appendChild(u);
}

async function loadObserved() {
  if (!state.selected) { return; }
  let o;
  try { o = await getJson('/api/sources/' + encodeURIComponent(state.selected) + '/observed/latest'); }
  catch (e) { return; }
  const img = await loadImage(o.imageUrl);
  state.observedImage = img;
  drawPanel(document.getElementById('observed'), img, state.map && state.map.observed);
  document.getElementById('observed-time').textContent = fmtTime(o.time);
}

async function loadScores() {
  if (!state.selected) { return; }
  try { state.scores = await getJson('/api/sources/' + encodeURIComponent(state.selected) + '/scores'); }
  catch (e) { return; }
  drawCharts();
}

const COLOURS = { persistence: '#8b949e' };
function colourOf(method) { return COLOURS[method] || '#58a6ff'; }

function series(valueOf) {
  const byMethod = {};
  for (const l of (state.scores ? state.scores.leads : [])) {
    const v = valueOf(l);
    if (v === null || v === undefined) { continue; }
    (byMethod[l.method] = byMethod[l.method] || []).push([l.leadSeconds / 60, v]);
  }
  for (const m in byMethod) { byMethod[m].sort((a, b) => a[0] - b[0]); }
  return byMethod;
}

function drawChart(canvas, byMethod, fixedMax) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height, L = 50, B = 30, T = 10, R = 10;
  ctx.fillStyle = '#0b1015';
  ctx.fillRect(0, 0, W, H);
  const pts = Object.values(byMethod).flat();
  ctx.strokeStyle = '#2d3b48';
  ctx.strokeRect(L, T, W - L - R, H - T - B);
  ctx.fillStyle = '#8b949e';
  ctx.font = '11px sans-serif';
  if (pts.length === 0) { ctx.fillText('no scores yet', L + 10, T + 20); canvas.dataset.points = '0'; return; }
  const xMax = Math.max(...pts.map(p => p[0])), xMin = Math.min(...pts.map(p => p[0]));
  const yMax = fixedMax || Math.max(1e-9, ...pts.map(p => p[1])) * 1.1;
  const x = v => L + (xMax === xMin ? 0.5 : (v - xMin) / (xMax - xMin)) * (W - L - R);
  const y = v => H - B - (v / yMax) * (H - T - B);
  for (let i = 0; i <= 4; i++) {
    const v = yMax * i / 4;
    ctx.fillText(v < 0.01 ? v.toExponential(1) : v.toFixed(2), 2, y(v) + 4);
  }
  ctx.fillText('lead (min)', W / 2 - 20, H - 5);
  let legendY = T + 14;
  for (const [method, p] of Object.entries(byMethod)) {
    ctx.strokeStyle = ctx.fillStyle = colourOf(method);
    ctx.lineWidth = 2;
    ctx.beginPath();
    p.forEach((q, i) => (i === 0 ? ctx.moveTo(x(q[0]), y(q[1])) : ctx.lineTo(x(q[0]), y(q[1]))));
    ctx.stroke();
    p.forEach(q => { ctx.beginPath(); ctx.arc(x(q[0]), y(q[1]), 3, 0, 2 * Math.PI); ctx.fill(); });
    ctx.fillText(method, W - R - 90, legendY);
    legendY += 14;
  }
  ctx.fillStyle = '#8b949e';
  for (const q of pts) { ctx.fillText(String(Math.round(q[0])), x(q[0]) - 6, H - B + 14); }
  canvas.dataset.points = String(pts.length);
}

function drawCharts() {
  drawChart(document.getElementById('chart-mse'), series(l => l.mse));
  const first = state.scores && state.scores.leads.find(l => l.categories.length > 0);
  const thr = first ? first.categories[0].threshold : null;
  document.getElementById('csi-caption').textContent = thr === null ? 'CSI' : 'CSI at threshold ' + thr;
  drawChart(document.getElementById('chart-csi'),
    series(l => (l.categories.length > 0 ? l.categories[0].csi : null)), 1);
}

async function loadHealth() {
  try {
    const h = await getJson('/api/health');
    document.getElementById('h-lag').textContent = h.consumerLag === null ? '–' : h.consumerLag;
    document.getElementById('h-e2e').textContent = h.lastEndToEndMillis === null ? '–' : Math.round(h.lastEndToEndMillis) + ' ms';
    document.getElementById('h-fpm').textContent = h.forecastsPerMinute;
    document.getElementById('h-pending').textContent = h.pendingVerifications;
  } catch (e) { /* the next poll retries */ }
}

function connect() {
  const es = new EventSource('/api/events');
  const conn = document.getElementById('h-conn');
  es.onopen = () => { conn.textContent = 'live'; conn.className = 'conn ok'; };
  es.onerror = () => { conn.textContent = 'reconnecting…'; conn.className = 'conn'; };
  es.addEventListener('hello', () => loadSources());
  es.addEventListener('forecast', ev => {
    const f = JSON.parse(ev.data);
    loadSources();
    if (f.sourceId === state.selected) { loadForecast(); }
  });
  es.addEventListener('frame', ev => {
    const f = JSON.parse(ev.data);
    if (f.sourceId === state.selected) { loadObserved(); }
  });
  es.addEventListener('alert', () => loadAlerts());
  es.addEventListener('scores', ev => {
    const s = JSON.parse(ev.data);
    if (s.sourceId === state.selected) { state.scores = s; drawCharts(); }
  });
}

// ---- cursor read-out: lat/lon from the lattice, values from /point (one request in flight) ----
function canvasPoint(canvas, ev) {
  const r = canvas.getBoundingClientRect();
  return [(ev.clientX - r.left) * canvas.width / r.width, (ev.clientY - r.top) * canvas.height / r.height];
}

function pointQuery(canvas, ev) {
  if (!state.selected) { return null; }
  const [cx, cy] = canvasPoint(canvas, ev);
  if (georeferenced()) {
    const [x, y] = transformFor(canvas).toMap(cx, cy);
    const [lon, lat] = lonLatOf(x, y);
    return { lon, lat, query: 'lat=' + lat.toFixed(5) + '&lon=' + lon.toFixed(5) };
  }
  if (!state.forecast) { return null; }
  const row = Math.floor(cy / canvas.height * state.forecast.rows), col = Math.floor(cx / canvas.width * state.forecast.cols);
  return { row, col, query: 'row=' + row + '&col=' + col };
}

function fmtValue(v, unit) { return v === null || v === undefined ? 'no data' : (Math.round(v * 100) / 100) + ' ' + unit; }

async function showPoint(q) {
  const box = document.getElementById('cursor');
  const where = q.lat !== undefined ? q.lat.toFixed(3) + '° N, ' + q.lon.toFixed(3) + '° E' : 'row ' + q.row + ', col ' + q.col;
  box.dataset.lat = q.lat === undefined ? '' : q.lat.toFixed(4);
  box.dataset.lon = q.lon === undefined ? '' : q.lon.toFixed(4);
  let text = where;
  try {
    const p = await getJson('/api/sources/' + encodeURIComponent(state.selected) + '/point?' + q.query);
    if (p.observed && p.observed.inside) { text += '\nobserved: ' + fmtValue(p.observed.value, p.observed.unit); }
    const f = p.forecast;
    if (f && f.inside) {
      const lead = state.forecast ? state.forecast.leads[state.lead] : null;
      text += '\nforecast +' + (lead ? Math.round(lead.leadSeconds / 60) : '?') + ' min: ' + fmtValue(f.values[state.lead], f.unit);
      for (const a of (f.accumulations || [])) { text += '\nrain next ' + a.minutes + ' min: ' + fmtValue(a.mm, 'mm'); }
      for (const e of (f.exceedance || [])) {
        const v = e.probabilities[state.lead];
        text += '\nP(≥ ' + e.threshold + ' ' + f.unit + '): ' + (v === null ? 'no data' : Math.round(v * 100) + ' %');
      }
    } else if (f) { text += '\noutside the forecast grid'; }
  } catch (e) { /* the position alone is still useful */ }
  box.textContent = text;
}

function onMove(canvas, ev) {
  if (state.drawing && state.drag) {
    const q = pointQuery(canvas, ev);
    if (q && q.lat !== undefined) {
      state.drag.radiusKm = haversineKm(state.drag.lon, state.drag.lat, q.lon, q.lat);
      redraw();
    }
    return;
  }
  const q = pointQuery(canvas, ev);
  if (!q) { return; }
  state.lastPoint = q;
  if (state.pointTimer) { return; }
  state.pointTimer = setTimeout(() => { state.pointTimer = null; showPoint(state.lastPoint); }, 80);
}

for (const id of ['observed', 'forecast']) {
  const canvas = document.getElementById(id);
  canvas.addEventListener('mousemove', ev => onMove(canvas, ev));
  canvas.addEventListener('mousedown', ev => {
    if (!state.drawing) { return; }
    const q = pointQuery(canvas, ev);
    if (!q || q.lat === undefined) { return; }
    state.drag = { lat: q.lat, lon: q.lon, radiusKm: 0 };
    ev.preventDefault();
  });
  canvas.addEventListener('mouseup', () => {
    if (!state.drawing || !state.drag) { return; }
    if (state.drag.radiusKm < 0.5) { state.drag = null; redraw(); return; }
    state.drawing = false;
    document.querySelectorAll('canvas.map').forEach(c => c.classList.remove('drawing'));
    openRuleForm(state.drag);
  });
}

// ---- alert rules ----
document.getElementById('draw').addEventListener('click', () => {
  if (!georeferenced()) {
    showResult('This source has no geo-reference: its rules cover the whole domain.', false);
    openRuleForm(null);
    return;
  }
  state.drawing = true;
  state.drag = null;
  document.querySelectorAll('canvas.map').forEach(c => c.classList.add('drawing'));
  showResult('Press on the map at the centre and drag out the radius.', false);
});

function openRuleForm(circle) {
  const form = document.getElementById('rule-form');
  form.hidden = false;
  form.dataset.circle = circle ? JSON.stringify(circle) : '';
  document.getElementById('rule-area').textContent = circle
    ? 'circle ' + circle.lat.toFixed(3) + '° N, ' + circle.lon.toFixed(3) + '° E, radius ' + circle.radiusKm.toFixed(1) + ' km'
    : 'the whole domain of ' + state.selected;
  const f = state.forecast;
  document.getElementById('rule-unit').textContent = f ? f.unit : '';
  const thr = f && f.products && f.products.exceedance ? f.products.exceedance.thresholds[0].value : 1;
  const input = document.getElementById('rule-threshold');
  if (!input.value) { input.value = thr; }
}

function showResult(text, error) {
  const r = document.getElementById('rule-result');
  r.textContent = text;
  r.className = 'rule-result' + (error ? ' error' : '');
}

document.getElementById('rule-cancel').addEventListener('click', () => {
  document.getElementById('rule-form').hidden = true;
  state.drag = null;
  redraw();
});

document.getElementById('rule-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const form = document.getElementById('rule-form');
  const circle = form.dataset.circle ? JSON.parse(form.dataset.circle) : null;
  const body = {
    source: state.selected,
    area: circle ? { type: 'circle', lat: circle.lat, lon: circle.lon, radiusKm: circle.radiusKm } : { type: 'domain' },
    threshold: Number(document.getElementById('rule-threshold').value),
    withinMinutes: Number(document.getElementById('rule-within').value),
  };
  const p = document.getElementById('rule-probability').value;
  if (p) { body.probability = Number(p); }
  const acc = document.getElementById('rule-accumulation').value;
  if (acc) { body.accumulationMinutes = Number(acc); body.unit = 'mm'; }
  const hook = document.getElementById('rule-webhook').value;
  if (hook) { body.webhook = hook; }
  const r = await fetch('/api/alerts/rules', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const doc = await r.json();
  if (!r.ok) { showResult(doc.error || ('error ' + r.status), true); return; }
  form.hidden = true;
  state.drag = null;
  showResult('Rule ' + doc.id + ' created. Webhook secret (shown once): ' + doc.secret, false);
  document.getElementById('rule-result').dataset.ruleId = doc.id;
  loadAlerts();
});

async function loadAlerts() {
  try {
    const [rules, alerts] = await Promise.all([getJson('/api/alerts/rules'), getJson('/api/alerts')]);
    state.rules = rules.rules;
    state.active = alerts.active;
  } catch (e) { return; }
  renderAlerts();
  redraw();
}

function describe(r) {
  const what = r.accumulationMinutes ? 'rain in ' + r.accumulationMinutes + ' min ≥ ' + r.threshold + ' mm'
    : '≥ ' + r.threshold + ' ' + r.unit;
  const where = r.area.type === 'circle' ? r.area.radiusKm.toFixed(1) + ' km around ' + r.area.lat.toFixed(2) + ', ' + r.area.lon.toFixed(2)
    : r.area.type === 'polygon' ? 'a polygon' : 'the domain';
  return r.sourceId + ': ' + what + (r.probability ? ' (p ≥ ' + r.probability + ')' : '') + ' within '
    + r.withinMinutes + ' min, ' + where;
}

function renderAlerts() {
  const ul = document.getElementById('alerts');
  ul.innerHTML = '';
  for (const a of state.active) {
    const li = document.createElement('li');
    li.dataset.rule = a.ruleId;
    const rule = state.rules.find(r => r.id === a.ruleId);
    li.textContent = (rule ? describe(rule) : a.ruleId) + ' — since forecast ' + fmtTime(a.baseTime)
      + (a.firstLeadMinutes !== null ? ', from +' + a.firstLeadMinutes + ' min' : '');
    ul.appendChild(li);
  }
  if (state.active.length === 0) { ul.innerHTML = '<li class="none">none</li>'; ul.firstChild.style.color = '#8b949e'; }
  const rl = document.getElementById('rules');
  rl.innerHTML = '';
  for (const r of state.rules) {
    const li = document.createElement('li');
    li.dataset.rule = r.id;
    li.textContent = describe(r);
    const del = document.createElement('button');
    del.type = 'button';
    del.textContent = 'delete';
    del.onclick = async () => {
      await fetch('/api/alerts/rules/' + encodeURIComponent(r.id), { method: 'DELETE', credentials: 'same-origin' });
      loadAlerts();
    };
    li.appendChild(del);
    rl.appendChild(li);
  }
}

document.getElementById('lead').addEventListener('input', e => { showLead(Number(e.target.value) - 1); });
document.getElementById('layer').addEventListener('change', e => { state.layer = e.target.value; showLead(state.lead); });
function step(d) {
  if (!state.forecast) { return; }
  state.playing = false;
  document.getElementById('play').textContent = 'Play';
  const n = state.forecast.leads.length;
  showLead((state.lead + d + n) % n);
}
document.getElementById('prev').addEventListener('click', () => step(-1));
document.getElementById('next').addEventListener('click', () => step(1));
document.addEventListener('keydown', e => {
  if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') { return; }
  if (e.key === 'ArrowLeft') { step(-1); } else if (e.key === 'ArrowRight') { step(1); }
});
document.getElementById('play').addEventListener('click', () => {
  state.playing = !state.playing;
  document.getElementById('play').textContent = state.playing ? 'Pause' : 'Play';
});
setInterval(() => {
  if (state.playing && state.images.length > 0) { showLead((state.lead + 1) % state.images.length); }
}, 700);
setInterval(loadHealth, 5000);
loadHealth();
loadSources();
loadAlerts();
connect();

'use strict';
// nowcast dashboard: plain JS and canvas, fed by the HTTP API and the /api/events SSE stream.
const state = { sources: [], selected: null, forecast: null, images: [], lead: 0, playing: true, scores: null };

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
  document.getElementById('source-title').textContent = id;
  renderSources();
  loadForecast();
  loadObserved();
  loadScores();
}

function drawImage(canvas, img) {
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = '#0b1015';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
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
  state.forecast = f;
  state.images = images;
  const slider = document.getElementById('lead');
  slider.max = f.leads.length;
  if (state.lead >= f.leads.length) { state.lead = 0; }
  document.getElementById('base-time').textContent = fmtTime(f.baseTime);
  document.getElementById('forecast').dataset.baseTime = f.baseTime;
  renderLegend(f.colourScale, f.unit);
  showLead(state.lead);
}

function showLead(i) {
  const f = state.forecast;
  if (!f || !state.images[i]) { return; }
  state.lead = i;
  drawImage(document.getElementById('forecast'), state.images[i]);
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
  drawImage(document.getElementById('observed'), img);
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
  es.addEventListener('scores', ev => {
    const s = JSON.parse(ev.data);
    if (s.sourceId === state.selected) { state.scores = s; drawCharts(); }
  });
}

document.getElementById('lead').addEventListener('input', e => { showLead(Number(e.target.value) - 1); });
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
connect();

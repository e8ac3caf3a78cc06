// The live dashboard: polls the service's /dashboard/api JSON and draws it with Chart.js.
// window.dashboard tells tests (and the curious) how many updates ran and how many data points each chart holds.
'use strict';

const KEY_STORAGE = 'restaurant-status.api-key';
const ERROR_QUEUE_REFRESH_MS = 10000;
const COLORS = ['#2b6cb0', '#c53030', '#1a7f4b', '#b7791f', '#6b46c1', '#0f766e', '#d53f8c', '#4a5568'];
const state = { updates: 0, points: {}, errorQueueLoads: 0, commandsLoads: 0 };
window.dashboard = state;

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

async function call(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  const key = apiKey();
  if (key) {
    headers.Authorization = 'Bearer ' + key;
  }
  const response = await fetch(path, { ...options, headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(response.status === 401 ? 'API key needed (or wrong): enter it above'
      : (body.detail || body.title || ('HTTP ' + response.status)));
  }
  return body;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function timeLabel(iso) {
  return new Date(iso).toLocaleTimeString([], { hour12: false });
}

function lineChart(id, yTitle, extra = {}) {
  const canvas = document.querySelector('#' + id + ' canvas');
  return new Chart(canvas, {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, spanGaps: false,
      interaction: { mode: 'index', intersect: false },
      elements: { point: { radius: 2, hitRadius: 6 }, line: { borderWidth: 2, tension: 0 } },
      scales: { x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } },
                y: { beginAtZero: true, title: { display: true, text: yTitle } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      ...extra
    }
  });
}

const charts = {};

function setSeries(id, labels, series) {
  const chart = charts[id];
  chart.data.labels = labels;
  chart.data.datasets = series.map((s, i) => ({
    label: s.label, data: s.data, borderColor: s.color || COLORS[i % COLORS.length],
    backgroundColor: s.color || COLORS[i % COLORS.length], borderDash: s.dash || [], stepped: s.stepped || false
  }));
  chart.update('none');
  const points = series.reduce((n, s) => n + s.data.filter(v => v !== null && v !== undefined).length, 0);
  state.points[id] = points;
  document.getElementById(id).dataset.points = String(points);
}

function setAvailable(id, available) {
  document.getElementById(id).classList.toggle('unavailable', !available);
}

function series(samples, label, pick, options = {}) {
  return { label, data: samples.map(s => { const v = pick(s); return v === undefined ? null : v; }), ...options };
}

function drawSummary(summary) {
  const samples = summary.samples;
  const labels = samples.map(s => timeLabel(s.time));
  const roles = summary.roles;
  for (const [role, on] of Object.entries({ api: roles.api, worker: roles.worker })) {
    const badge = document.getElementById('role-' + role);
    badge.classList.toggle('on', on);
    badge.classList.toggle('off', !on);
  }

  setAvailable('chart-latency', roles.api);
  if (roles.api) {
    setSeries('chart-latency', labels, [
      series(samples, '202 p50', s => s.latencyMillis.accepted?.p50, { color: COLORS[0] }),
      series(samples, '202 p99', s => s.latencyMillis.accepted?.p99, { color: COLORS[0], dash: [6, 4] }),
      series(samples, 'legacy 200 p50', s => s.latencyMillis.legacy?.p50, { color: COLORS[1] }),
      series(samples, 'legacy 200 p99', s => s.latencyMillis.legacy?.p99, { color: COLORS[1], dash: [6, 4] })
    ]);
  }

  const rateStates = [['accepted', 'accepted (Queued)', '#718096'], ['succeeded', 'Succeeded', '#1a7f4b'],
    ['retried', 'retried', '#b7791f'], ['failed', 'Failed', '#c53030']];
  const rates = rateStates.filter(([key]) => samples.some(s => key in s.commandsPerSecond));
  setAvailable('chart-rates', rates.length > 0);
  setSeries('chart-rates', labels,
    rates.map(([key, label, color]) => series(samples, label, s => s.commandsPerSecond[key], { color })));

  const queueKeys = [...new Set(samples.flatMap(s => Object.keys(s.queueDepth)))].sort();
  const queueSeries = queueKeys.map((key, i) => series(samples, key, s => s.queueDepth[key],
    { color: COLORS[i % COLORS.length], dash: key.startsWith('errors') ? [6, 4] : [] }));
  setAvailable('chart-queues', queueSeries.some(s => s.data.some(v => v !== null)));
  setSeries('chart-queues', labels, queueSeries);

  setAvailable('chart-stages', roles.worker);
  if (roles.worker) {
    setSeries('chart-stages', labels, ['state', 'sql', 'sms', 'event']
      .map((stage, i) => series(samples, stage, s => s.stageMillis[stage], { color: COLORS[i + 2] })));
  }

  setAvailable('chart-concurrency', roles.worker);
  if (roles.worker) {
    setSeries('chart-concurrency', labels, [
      series(samples, 'in flight', s => s.workerConcurrency.inFlight, { color: COLORS[0] }),
      series(samples, 'limit', s => s.workerConcurrency.limit, { color: COLORS[1], dash: [6, 4], stepped: true })
    ]);
  }

  const regions = [...new Set(samples.flatMap(s => Object.keys(s.healthyRegions)))].sort();
  const regionChart = charts['chart-region'];
  regionChart.options.scales.y = { type: 'category', labels: ['(none)', ...regions.slice().reverse()],
    reverse: false, title: { display: true, text: 'region' } };
  setAvailable('chart-region', regions.length > 0);
  setSeries('chart-region', labels, [series(samples, 'active region', s => s.activeRegion ?? '(none)',
    { color: COLORS[4], stepped: true })]);
  const last = samples[samples.length - 1];
  const unhealthy = last ? Object.entries(last.healthyRegions).filter(([, ok]) => !ok).map(([r]) => r) : [];
  document.getElementById('active-region').textContent = 'active region: ' + (last?.activeRegion ?? 'n/a')
    + (unhealthy.length ? ' · unhealthy: ' + unhealthy.join(', ') : '');
  document.getElementById('updated').textContent = last ? 'updated ' + timeLabel(last.time) : 'waiting for the first sample…';
}

function drawCommands(view) {
  document.getElementById('commands').classList.toggle('unavailable', !view.available);
  const rows = document.getElementById('commands-rows');
  rows.replaceChildren(...view.commands.map(c => {
    const row = document.createElement('tr');
    row.dataset.commandId = c.commandId;
    row.dataset.state = c.state;
    const stateCell = element('td');
    stateCell.append(element('span', c.state, 'state ' + c.state));
    row.append(element('td', c.commandId.substring(0, 8), 'mono'), stateCell, element('td', c.status),
      element('td', c.restaurantIds.join(', ')), element('td', c.attempts), element('td', timeLabel(c.createdAt)),
      element('td', timeLabel(c.updatedAt)), element('td', c.errorDetail || ''));
    row.firstChild.title = c.commandId;
    return row;
  }));
  state.commandsLoads++;
}

function drawErrorQueue(view) {
  document.getElementById('error-queue-name').textContent = view.queue;
  const blocks = view.regions.map(region => {
    const block = element('div', null, 'region-block');
    block.dataset.region = region.region;
    const title = element('h3', region.region + ' — ' + (region.problem ? 'n/a' : region.messages.length + ' message(s)'));
    if (region.messages.length > 0) {
      const all = element('button', 'Redrive all', 'redrive redrive-all');
      all.type = 'button';
      all.addEventListener('click', () => redrive(region.region, null));
      title.append(all);
    }
    block.append(title);
    if (region.problem) {
      block.append(element('p', region.problem, 'message error'));
      return block;
    }
    if (region.messages.length === 0) {
      block.append(element('p', 'empty', 'message'));
      return block;
    }
    const table = element('table');
    const head = element('tr');
    ['message id', 'receives', 'reason', 'message', ''].forEach(h => head.append(element('th', h)));
    table.append(head);
    region.messages.forEach(m => {
      const row = element('tr');
      row.dataset.messageId = m.id;
      const button = element('button', 'Redrive', 'redrive');
      button.type = 'button';
      button.dataset.messageId = m.id;
      button.addEventListener('click', () => redrive(region.region, m.id));
      const action = element('td');
      action.append(button);
      row.append(element('td', m.id, 'mono'), element('td', m.receiveCount), element('td', m.errorReason || '(none)'),
        element('td', m.message, 'mono message-body'), action);
      table.append(row);
    });
    block.append(table);
    return block;
  });
  document.getElementById('error-queue-regions').replaceChildren(...blocks);
  state.errorQueueLoads++;
}

function showMessage(id, text, isError) {
  const node = document.getElementById(id);
  node.textContent = text;
  node.classList.toggle('error', Boolean(isError));
}

async function redrive(region, messageId) {
  try {
    const result = await call('/dashboard/api/error-queue/redrive', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(messageId ? { region, messageId } : { region })
    });
    showMessage('error-queue-message', 'moved ' + result.moved + ' message(s) back to the commands queue in ' + region
      + (result.notFound.length ? '; not found: ' + result.notFound.join(', ') : ''));
    state.lastRedrive = result;
  } catch (e) {
    showMessage('error-queue-message', 'redrive failed: ' + e.message, true);
  }
  await refreshErrorQueue();
}

async function refreshSummary() {
  try {
    drawSummary(await call('/dashboard/api/summary'));
    state.updates++;
  } catch (e) {
    document.getElementById('updated').textContent = 'summary unavailable: ' + e.message;
  }
}

async function refreshCommands() {
  try {
    drawCommands(await call('/dashboard/api/commands'));
    showMessage('commands-message', '');
  } catch (e) {
    showMessage('commands-message', e.message, true);
  }
}

async function refreshErrorQueue() {
  try {
    drawErrorQueue(await call('/dashboard/api/error-queue'));
  } catch (e) {
    showMessage('error-queue-message', e.message, true);
  }
}

function start() {
  charts['chart-latency'] = lineChart('chart-latency', 'ms');
  charts['chart-rates'] = lineChart('chart-rates', 'commands/s');
  charts['chart-queues'] = lineChart('chart-queues', 'messages');
  charts['chart-stages'] = lineChart('chart-stages', 'ms');
  charts['chart-concurrency'] = lineChart('chart-concurrency', 'commands');
  charts['chart-region'] = lineChart('chart-region', 'region');
  state.charts = charts;

  document.getElementById('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const input = document.getElementById('api-key');
    if (input.value) {
      sessionStorage.setItem(KEY_STORAGE, input.value);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }
    input.value = '';
    input.placeholder = apiKey() ? 'key set for this tab' : 'Bearer key for redrive';
    refreshCommands();
    refreshErrorQueue();
  });
  document.getElementById('refresh-error-queue').addEventListener('click', refreshErrorQueue);

  call('/dashboard/api/summary').then(summary => {
    const every = summary.sampleIntervalMillis || 2000;
    drawSummary(summary);
    state.updates++;
    setInterval(refreshSummary, every);
    setInterval(refreshCommands, every);
  }).catch(e => { document.getElementById('updated').textContent = 'summary unavailable: ' + e.message; });
  refreshCommands();
  refreshErrorQueue();
  setInterval(refreshErrorQueue, ERROR_QUEUE_REFRESH_MS);
}

document.addEventListener('DOMContentLoaded', start);

// The ContactCost dashboard: reads the tenant's figures from this server's API (GET /api/periods,
// /api/report, /api/wallets) and draws them the way the HTML report does. No library, no network
// beyond this server. Every figure is written with the JSON path it comes from (data-figure), a sum
// of a JSON array (data-sum) or a share of the total (data-share), and its raw value (data-value),
// so a test can check the page against the API.

const KeyItem = 'ccost.dashboard.key';
const Palette = ['#2f6fb3', '#e07b39', '#3c9d5d', '#b84a62', '#7d5ba6', '#c9a227', '#3aa6b9', '#8c6d46', '#5f6b7a'];
const SvgNs = 'http://www.w3.org/2000/svg';
const Width = 720;

const $ = id => document.getElementById(id);

// ---- figures, written as ContactCost.Formats.Reports.Figures writes them ----

// Rounds half away from zero, as .NET formats a decimal; the nudge absorbs binary noise (0.5525 * 1000 = 552.4999…).
function roundAway(value, digits) {
  const scale = 10 ** digits;
  return Math.sign(value) * Math.round(Math.abs(value) * scale + 1e-7) / scale;
}

function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

const Formats = {
  amount: (value, digits) => roundAway(value, digits).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  count: value => value.toLocaleString('en-US', { maximumFractionDigits: 0 }),
  percent: share => roundAway(share * 100, 1).toFixed(1) + '%',
  ratio: value => roundAway(value, 2).toFixed(2),
  duration: seconds => {
    const whole = Math.sign(seconds) * Math.round(Math.abs(seconds));
    const two = n => String(n).padStart(2, '0');
    return whole >= 3600
      ? `${Math.floor(whole / 3600)}h${two(Math.floor((whole % 3600) / 60))}m`
      : `${Math.floor(whole / 60)}m${two(whole % 60)}s`;
  },
};

// A figure: the text people read, and where it comes from for whoever checks it.
class Figure {
  constructor(value, format, digits, source) {
    this.value = value;
    this.format = format;
    this.digits = digits;
    this.source = source; // { figure: 'channels/voice/cost' } or { sum: 'channels/usage' } or { share: 'breakdown/…/amount' }
  }

  get text() {
    return this.format === 'amount' ? Formats.amount(this.value, this.digits) : Formats[this.format](this.value);
  }

  mark(element) {
    const [kind, path] = Object.entries(this.source)[0];
    element.dataset[kind] = path;
    element.dataset.value = String(this.value);
    element.dataset.format = this.format;
    element.textContent = this.text;
    return element;
  }
}

// Builds figures of one document: paths are JSON property names; an array element is named by its
// channel, key, path, wallet or name (URI-encoded).
function figures(digits, prefix = '') {
  const at = path => prefix + path;
  return {
    amount: (path, value) => new Figure(value, 'amount', digits, { figure: at(path) }),
    count: (path, value) => new Figure(value, 'count', digits, { figure: at(path) }),
    percent: (path, value) => new Figure(value, 'percent', digits, { figure: at(path) }),
    ratio: (path, value) => new Figure(value, 'ratio', digits, { figure: at(path) }),
    duration: (path, value) => new Figure(value, 'duration', digits, { figure: at(path) }),
    sum: (path, format, values) => new Figure(sumExactly(values, format === 'amount' ? digits : 0), format, digits, { sum: at(path) }),
    share: (path, value, whole) => new Figure(whole === 0 ? 0 : value / whole, 'percent', digits, { share: at(path) }),
  };
}

const key = name => encodeURIComponent(name);

// Sums amounts in whole minor units, so 0.1 + 0.2 is 0.30.
function sumExactly(values, digits) {
  const scale = 10 ** digits;
  return values.reduce((total, v) => total + Math.round(v * scale), 0) / scale;
}

// ---- elements ----

function element(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes))
    e.setAttribute(name, value);
  for (const child of children)
    e.append(child instanceof Figure ? child.mark(document.createElement('span')) : child);
  return e;
}

// Figures (and the dash of a figure that is not set) are numbers, right-aligned; anything else is text.
const numeric = content => content instanceof Figure || content === '–';

function cell(content) {
  const td = element('td', numeric(content) ? { class: 'num' } : {});
  if (content instanceof Figure)
    content.mark(td);
  else if (content instanceof Node)
    td.append(content);
  else
    td.textContent = content ?? '';
  return td;
}

// A table of rows (and a total row); a column is numeric when its first row's cell is.
function table(target, headings, rows, total) {
  const t = $(target);
  t.replaceChildren();
  const sample = rows[0] ?? total ?? [];
  const head = element('tr');
  headings.forEach((h, i) => head.append(element('th', numeric(sample[i]) ? { class: 'num' } : {}, h)));
  const body = element('tbody');
  for (const row of rows)
    body.append(element('tr', {}, ...row.map(cell)));
  if (total)
    body.append(element('tr', { class: 'total' }, ...total.map(cell)));
  t.append(element('thead', {}, head), body);
}

function kpi(container, id, name, figure) {
  container.append(element('div', { class: 'kpi', 'data-kpi': id },
    element('div', { class: 'name' }, name),
    figure.mark(element('div', { class: 'figure' }))));
}

// ---- charts, drawn like ContactCost.Formats.Reports.SvgChart ----

function svg(tag, attributes = {}, text) {
  const e = document.createElementNS(SvgNs, tag);
  for (const [name, value] of Object.entries(attributes))
    e.setAttribute(name, String(value));
  if (text !== undefined)
    e.textContent = text;
  return e;
}

function chart(id, title, height) {
  const root = svg('svg', { id, class: 'chart', role: 'img', 'aria-label': title, viewBox: `0 0 ${Width} ${height}`, width: Width, height });
  root.append(svg('title', {}, title));
  return root;
}

const fixed = n => Math.round(n * 10) / 10;

// Vertical bars, labelled underneath; values on top when they fit.
function columns(id, title, points, { values = true } = {}) {
  const height = 260, top = 24, bottom = 40, plot = height - top - bottom;
  const max = Math.max(0, ...points.map(p => p.value));
  const slot = points.length === 0 ? 0 : (Width - 20) / points.length;
  const every = Math.max(1, Math.ceil(points.length / 10));
  const root = chart(id, title, height);
  points.forEach((p, i) => {
    const h = max === 0 ? 0 : (p.value / max) * plot;
    const x = 10 + i * slot + slot * 0.15, w = slot * 0.7, y = top + plot - h;
    const bar = svg('rect', { class: 'bar', x: fixed(x), y: fixed(y), width: fixed(w), height: fixed(h), fill: values ? Palette[i % Palette.length] : Palette[0] });
    bar.append(svg('title', {}, `${p.label}: ${p.text}`));
    root.append(bar);
    if (values)
      root.append(svg('text', { x: fixed(x + w / 2), y: fixed(y - 6), 'text-anchor': 'middle', class: 'value' }, p.text));
    if (i % every === 0 || i === points.length - 1)
      root.append(svg('text', { x: fixed(x + w / 2), y: height - bottom + 18, 'text-anchor': 'middle', class: 'label' }, p.label));
  });
  root.append(svg('line', { x1: 10, x2: Width - 10, y1: top + plot, y2: top + plot, class: 'axis' }));
  if (!values && points.length > 0) {
    const highest = points.reduce((a, b) => (b.value > a.value ? b : a));
    root.append(svg('text', { x: 20, y: top - 8, class: 'value' }, `highest ${highest.text} (${highest.label})`));
  }
  return root;
}

// Horizontal bars, one row per point.
function rows(id, title, points) {
  const row = 26, label = 210, right = 190;
  const height = Math.max(1, points.length) * row + 10;
  const max = Math.max(0, ...points.map(p => Math.abs(p.value)));
  const scale = max === 0 ? 0 : (Width - label - right) / max;
  const root = chart(id, title, height);
  points.forEach((p, i) => {
    const y = 5 + i * row, w = Math.abs(p.value) * scale;
    root.append(svg('text', { x: label - 8, y: y + 17, 'text-anchor': 'end', class: 'label' }, p.label));
    const bar = svg('rect', { class: 'bar', x: label, y: y + 4, width: fixed(w), height: row - 8, fill: Palette[i % Palette.length] });
    bar.append(svg('title', {}, `${p.label}: ${p.text}`));
    root.append(bar);
    root.append(svg('text', { x: fixed(label + w + 6), y: y + 17, class: 'value' }, p.text));
  });
  return root;
}

// A line through the points in order, each marked; labels thinned to fit.
function line(id, title, points) {
  const height = 240, top = 24, bottom = 40, left = 20, plot = height - top - bottom;
  const max = Math.max(0, ...points.map(p => p.value));
  const min = Math.min(0, ...points.map(p => p.value));
  const step = points.length <= 1 ? 0 : (Width - 2 * left) / (points.length - 1);
  const X = i => (points.length === 1 ? Width / 2 : left + i * step);
  const Y = v => (max === min ? top + plot : top + plot - ((v - min) / (max - min)) * plot);
  const root = chart(id, title, height);
  root.append(svg('line', { x1: left, x2: Width - left, y1: top + plot, y2: top + plot, class: 'axis' }));
  if (points.length > 0) {
    const highest = points.reduce((a, b) => (b.value > a.value ? b : a));
    root.append(svg('text', { x: left, y: top - 8, class: 'value' }, `highest ${highest.text} (${highest.label})`));
    root.append(svg('text', { x: Width - left, y: top + plot - 6, 'text-anchor': 'end', class: 'value' }, String(roundAway(min, 2))));
  }
  root.append(svg('polyline', { class: 'trend', fill: 'none', stroke: '#2f6fb3', 'stroke-width': 2, points: points.map((p, i) => `${fixed(X(i))},${fixed(Y(p.value))}`).join(' ') }));
  const every = Math.max(1, Math.ceil(points.length / 10));
  points.forEach((p, i) => {
    const dot = svg('circle', { class: 'point', cx: fixed(X(i)), cy: fixed(Y(p.value)), r: 3.5, fill: '#2f6fb3' });
    dot.append(svg('title', {}, `${p.label}: ${p.text}`));
    root.append(dot);
    if (i % every === 0 || i === points.length - 1)
      root.append(svg('text', { x: fixed(X(i)), y: height - bottom + 18, 'text-anchor': 'middle', class: 'label' }, p.label));
  });
  return root;
}

const place = (box, drawn) => $(box).replaceChildren(drawn);

// ---- the API ----

class ApiProblem extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

async function api(path, apiKey) {
  const headers = { Accept: 'application/json' };
  if (apiKey)
    headers.Authorization = `Bearer ${apiKey}`;
  let response;
  try {
    response = await fetch(path, { headers, cache: 'no-store' });
  } catch (e) {
    throw new ApiProblem(0, 'The server does not answer.', `${e.message}. Is ccost serve still running?`);
  }
  if (response.ok)
    return response.json();
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // Not a problem document: say the status.
  }
  throw new ApiProblem(response.status, problem.title || `${response.status} ${response.statusText}`, problem.detail || '');
}

// ---- the page ----

function renderReport(d) {
  const digits = minorDigits(d.currency);
  const f = figures(digits);
  const money = v => Formats.amount(v, digits);
  const from = d.from.slice(0, 16).replace('T', ' '), to = d.to.slice(0, 16).replace('T', ' ');
  $('title').textContent = `Cost per contact, ${d.period}`;
  document.title = `Cost per contact, ${d.period} · ContactCost`;
  $('meta').textContent = `${from} to ${to} UTC · days in ${d.timeZone} · amounts in ${d.currency}`;

  const kpis = $('kpis');
  kpis.replaceChildren();
  kpi(kpis, 'total-cost', 'Total cost', f.amount('totalCost', d.totalCost));
  kpi(kpis, 'contacts', 'Contacts', f.count('contacts', d.contacts));
  kpi(kpis, 'cost-per-contact', 'Cost per contact', f.amount('costPerContact', d.costPerContact));
  kpi(kpis, 'cost-per-minute', 'Cost per handle minute', f.amount('kpis/costPerHandleMinute', d.kpis.costPerHandleMinute));
  kpi(kpis, 'aht', 'Average handle time', f.duration('kpis/averageHandleSeconds', d.kpis.averageHandleSeconds));
  kpi(kpis, 'asa', 'Average speed of answer', f.duration('kpis/averageSpeedOfAnswerSeconds', d.kpis.averageSpeedOfAnswerSeconds));
  kpi(kpis, 'abandonment', 'Abandonment', f.percent('kpis/abandonmentRate', d.kpis.abandonmentRate));
  if (d.kpis.occupancy !== undefined && d.kpis.occupancy !== null)
    kpi(kpis, 'occupancy', 'Occupancy', f.percent('kpis/occupancy', d.kpis.occupancy));
  kpi(kpis, 'cost-per-episode', 'Cost per episode', f.amount('episodes/costPerEpisode', d.episodes.costPerEpisode));
  kpi(kpis, 'cost-per-resolution', 'Cost per resolution', f.amount('episodes/costPerResolution', d.episodes.costPerResolution));

  // Cost per contact by channel.
  place('chart-channels-box', columns('chart-channels', 'Cost per contact by channel',
    d.channels.map(c => ({ label: c.channel, value: c.costPerContact, text: money(c.costPerContact) }))));
  const ch = c => `channels/${key(c.channel)}/`;
  table('channel-table',
    ['Channel', 'Contacts', 'Handled', 'Abandoned', 'AHT', 'Usage', 'Labour', 'Shared', 'Cost', 'Per contact'],
    d.channels.map(c => [c.channel, f.count(ch(c) + 'contacts', c.contacts), f.count(ch(c) + 'handled', c.handled), f.count(ch(c) + 'abandoned', c.abandoned),
      f.duration(ch(c) + 'averageHandleSeconds', c.averageHandleSeconds), f.amount(ch(c) + 'usage', c.usage), f.amount(ch(c) + 'labour', c.labour),
      f.amount(ch(c) + 'fixed', c.fixed), f.amount(ch(c) + 'cost', c.cost), f.amount(ch(c) + 'costPerContact', c.costPerContact)]),
    ['total', f.count('contacts', d.contacts), f.count('handled', d.handled), f.count('abandoned', d.abandoned),
      f.duration('kpis/averageHandleSeconds', d.kpis.averageHandleSeconds), f.sum('channels/usage', 'amount', d.channels.map(c => c.usage)),
      f.sum('channels/labour', 'amount', d.channels.map(c => c.labour)), f.sum('channels/fixed', 'amount', d.channels.map(c => c.fixed)),
      f.amount('totalCost', d.totalCost), f.amount('costPerContact', d.costPerContact)]);

  // The trend, day by day.
  const day = g => g.key.slice(5);
  place('chart-day-cost-box', columns('chart-day-cost', 'Cost by day', d.byDay.map(g => ({ label: day(g), value: g.cost, text: money(g.cost) })), { values: false }));
  place('chart-trend-box', line('chart-trend', 'Cost per contact by day', d.byDay.map(g => ({ label: day(g), value: g.costPerContact, text: money(g.costPerContact) }))));
  const dy = g => `byDay/${key(g.key)}/`;
  table('day-table', ['Day', 'Contacts', 'Handled', 'Usage', 'Labour', 'Shared', 'Cost', 'Per contact'],
    d.byDay.map(g => [g.key, f.count(dy(g) + 'contacts', g.contacts), f.count(dy(g) + 'handled', g.handled), f.amount(dy(g) + 'usage', g.usage),
      f.amount(dy(g) + 'labour', g.labour), f.amount(dy(g) + 'shared', g.shared), f.amount(dy(g) + 'cost', g.cost), f.amount(dy(g) + 'costPerContact', g.costPerContact)]),
    ['total', f.sum('byDay/contacts', 'count', d.byDay.map(g => g.contacts)), f.sum('byDay/handled', 'count', d.byDay.map(g => g.handled)),
      f.sum('byDay/usage', 'amount', d.byDay.map(g => g.usage)), f.sum('byDay/labour', 'amount', d.byDay.map(g => g.labour)),
      f.sum('byDay/shared', 'amount', d.byDay.map(g => g.shared)), f.sum('byDay/cost', 'amount', d.byDay.map(g => g.cost)), f.amount('costPerContact', d.costPerContact)]);

  // What the total is made of: by kind in the chart, every pool in the table.
  const kinds = new Map();
  for (const l of d.breakdown)
    kinds.set(l.category, sumExactly([kinds.get(l.category) ?? 0, l.amount], digits));
  const share = v => (d.totalCost === 0 ? '0.0%' : Formats.percent(v / d.totalCost));
  place('chart-breakdown-box', rows('chart-breakdown', 'Cost breakdown',
    [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, amount]) => ({ label: kind, value: amount, text: `${money(amount)} · ${share(amount)}` }))));
  $('breakdown-caption').textContent = `${money(d.totalCost)} ${d.currency} in all.`;
  const pool = l => `breakdown/${key(l.name)}/amount`;
  table('breakdown-table', ['Kind', 'Item', 'Amount', 'Share'],
    d.breakdown.map(l => [l.category, l.name, f.amount(pool(l), l.amount), f.share(pool(l), l.amount, d.totalCost)]),
    ['total', '', f.amount('totalCost', d.totalCost), f.share('totalCost', d.totalCost, d.totalCost)]);

  // Episodes: what a need costs, and the channel paths customers take.
  const e = d.episodes;
  const ek = $('episode-kpis');
  ek.replaceChildren();
  kpi(ek, 'episodes', 'Episodes', f.count('episodes/episodes', e.episodes));
  kpi(ek, 'episode-cost-per-episode', 'Cost per episode', f.amount('episodes/costPerEpisode', e.costPerEpisode));
  kpi(ek, 'episode-cost-per-resolution', 'Cost per resolution', f.amount('episodes/costPerResolution', e.costPerResolution));
  kpi(ek, 'resolved', 'Resolved', f.count('episodes/resolved', e.resolved));
  kpi(ek, 'contacts-per-episode', 'Contacts per episode', f.ratio('episodes/contactsPerEpisode', e.contactsPerEpisode));
  kpi(ek, 'first-contact-resolution', 'First-contact resolution', f.percent('episodes/firstContactResolution', e.firstContactResolution));
  kpi(ek, 'containment', 'Self-service containment', f.percent('episodes/selfServiceContainment', e.selfServiceContainment));
  kpi(ek, 'extra-cost-per-switch', 'Extra cost of a channel switch', f.amount('episodes/extraCostPerSwitch', e.extraCostPerSwitch));
  place('chart-paths-box', rows('chart-paths', 'Episode channel paths',
    e.paths.map(p => ({ label: p.path, value: p.episodes, text: `${Formats.count(p.episodes)} episodes · ${money(p.averageCost)} each` }))));
  $('paths-caption').textContent =
    `The ${e.paths.length} most common paths of ${Formats.count(e.episodes)} episodes: the channels a customer used for one need, in order.`;
  const path = p => `episodes/paths/${key(p.path)}/`;
  table('path-table', ['Path', 'Episodes', 'Average cost'],
    e.paths.map(p => [p.path, f.count(path(p) + 'episodes', p.episodes), f.amount(path(p) + 'averageCost', p.averageCost)]),
    ['all episodes', f.count('episodes/episodes', e.episodes), f.amount('episodes/costPerEpisode', e.costPerEpisode)]);
}

function renderWallets(list) {
  const headings = ['Wallet', 'Currency', 'Available', 'Reserved', 'Balance', 'Credit limit', 'Low below', 'State'];
  if (list.wallets.length === 0) {
    table('wallet-table', headings, []);
    $('wallets-note').textContent = 'This tenant has no wallets (POST /api/wallets creates one).';
    return;
  }

  $('wallets-note').textContent = 'Prepaid credit now, expiries settled. Available = balance − reserved.';
  table('wallet-table', headings, list.wallets.map(w => {
    const f = figures(minorDigits(w.currency), `wallets/${key(w.wallet)}/`);
    const state = element('span', w.low ? { class: 'low' } : {}, w.low ? 'low' : 'ok');
    return [w.wallet, w.currency, f.amount('available', w.available), f.amount('reserved', w.reserved), f.amount('balance', w.balance),
      f.amount('creditLimit', w.creditLimit), w.lowBalance === null ? '–' : f.amount('lowBalance', w.lowBalance), state];
  }));
}

// ---- state: the key, the period, what is shown ----

let apiKey = '';
let loaded = 0; // the latest load wins when two overlap

function showProblem(problem) {
  $('error-title').textContent = problem.title ?? 'Something went wrong.';
  $('error-detail').textContent = problem.detail ?? problem.message ?? '';
  $('error').hidden = false;
  $('content').hidden = true;
  $('status').textContent = '';
  document.body.dataset.state = 'error';
}

function clearProblem() {
  $('error').hidden = true;
}

async function loadPeriods() {
  const periods = await api('/api/periods', apiKey);
  const select = $('period');
  const chosen = select.value;
  select.replaceChildren(...periods.months.map(m => element('option', { value: m }, m)));
  select.disabled = periods.months.length === 0;
  if (periods.months.includes(chosen))
    select.value = chosen;
  $('key-help').textContent = `Tenant ${periods.tenant}, days in ${periods.timeZone}. The key stays in this tab only.`;
  return periods;
}

async function load({ periodsToo }) {
  const ticket = ++loaded;
  clearProblem();
  document.body.dataset.state = 'loading';
  $('status').textContent = 'Loading…';
  try {
    if (periodsToo) {
      const periods = await loadPeriods();
      if (periods.months.length === 0) {
        // The report says why there is nothing to show (404 with its detail).
        await api('/api/report', apiKey);
      }
    }
    const period = $('period').value;
    const [report, wallets] = await Promise.all([
      api('/api/report' + (period ? `?period=${encodeURIComponent(period)}` : ''), apiKey),
      api('/api/wallets', apiKey),
    ]);
    if (ticket !== loaded)
      return;
    renderReport(report);
    renderWallets(wallets);
    $('content').hidden = false;
    $('status').textContent = report.unrated > 0 ? `${Formats.count(report.unrated)} interactions are not rated yet; their usage is missing from these figures.` : '';
    document.body.dataset.period = report.period;
    document.body.dataset.state = 'ready';
  } catch (problem) {
    if (ticket === loaded)
      showProblem(problem);
  }
}

function start() {
  // A key in the address (#key=…) is taken, kept for this tab, and removed from the address bar.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('key')) {
    sessionStorage.setItem(KeyItem, fragment.get('key'));
    history.replaceState(null, '', location.pathname + location.search);
  }

  apiKey = sessionStorage.getItem(KeyItem) ?? '';
  $('key').value = apiKey;
  $('controls').addEventListener('submit', event => {
    event.preventDefault();
    const typed = $('key').value.trim();
    const changed = typed !== apiKey;
    apiKey = typed;
    if (apiKey)
      sessionStorage.setItem(KeyItem, apiKey);
    else
      sessionStorage.removeItem(KeyItem);
    load({ periodsToo: changed || $('period').options.length === 0 });
  });
  $('period').addEventListener('change', () => load({ periodsToo: false }));
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(KeyItem);
    apiKey = '';
    $('key').value = '';
    $('period').replaceChildren();
    $('content').hidden = true;
    clearProblem();
    document.body.dataset.state = 'needs-key';
  });

  if (apiKey)
    load({ periodsToo: true });
  else
    document.body.dataset.state = 'needs-key';
}

start();

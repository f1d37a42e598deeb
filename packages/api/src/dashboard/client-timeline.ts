/**
 * Browser-side offline timeline: one lane per printer and one for the internet, a red bar for every
 * outage of the last 24 hours or 7 days, so a manager sees when the kitchen was cut off and for
 * how long, and what it cost (orders received meanwhile, tickets buffered).
 */
export const clientTimeline = String.raw`
const ranges = { day: 24 * 3600 * 1000, week: 7 * 24 * 3600 * 1000 };
let range = 'day';
let lastPeriods = [];
let timelineTimer;

function componentLabel(component) {
  if (component === 'webhook-path') return say('dashboard.webhookComponent');
  return component === 'internet' ? say('dashboard.internet') : say('dashboard.printer', { name: component.replace(/^printer:/, '') });
}

// A printer or the internet records the status it fell to; the webhook path records why, in English.
function causeWords(period) {
  if (period.component === 'webhook-path') return say(period.cause === 'hub unreachable' ? 'dashboard.webhookPath.hubCause' : 'dashboard.webhookPath.cause');
  return period.cause ? word('dashboard.status', period.cause) : say('dashboard.down');
}

function periodTitle(period) {
  const lines = [componentLabel(period.component) + ': ' + causeWords(period),
    dayAndTime(period.start) + ' – ' + (period.end ? dayAndTime(period.end) : say('dashboard.now')) + ' (' + duration(period.durationMs) + ')'];
  if ((period.ordersReceived || []).length) lines.push(say('dashboard.ordersMeanwhile', { count: period.ordersReceived.length }));
  if (period.jobsBuffered) lines.push(say('dashboard.ticketsBuffered', { count: period.jobsBuffered }));
  if (period.fallback) lines.push(say('dashboard.fallbackMoved', { count: period.fallback.ticketsMoved, printer: period.fallback.printer }));
  if (period.backlogPrintedAfterMs !== undefined) lines.push(say('dashboard.backlogPrinted', { duration: duration(period.backlogPrintedAfterMs) }));
  return lines.join('\n');
}

function drawTimeline() {
  const to = Date.now();
  const from = to - ranges[range];
  const lanes = ['internet', ...Array.from(knownPrinters, (name) => 'printer:' + name)];
  for (const period of lastPeriods) if (!lanes.includes(period.component)) lanes.push(period.component);
  // Drawn at the box's own width so the labels stay readable on a phone.
  const width = Math.max(300, Math.round($('timeline-chart').clientWidth || 800));
  const narrow = width < 560;
  const left = narrow ? 80 : 110, right = 10, laneHeight = 24, gap = 8, axis = 22;
  const height = lanes.length * (laneHeight + gap) + axis;
  const x = (time) => left + ((Math.min(Math.max(time, from), to) - from) / (to - from)) * (width - left - right);
  const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': say('dashboard.timelineTitle') });
  const bottom = lanes.length * (laneHeight + gap);
  const step = (range === 'day' ? 3 : 24) * (narrow ? 2 : 1) * 3600 * 1000;
  const first = new Date(from);
  if (range === 'day') first.setMinutes(0, 0, 0); else first.setHours(0, 0, 0, 0);
  for (let tick = first.getTime() + step; tick < to; tick += step) {
    const iso = new Date(tick).toISOString();
    chart.append(svg('line', { class: 'tick', x1: x(tick), x2: x(tick), y1: 0, y2: bottom }));
    // A mark just before now would be centred past the chart's edge: it ends at its tick instead.
    const anchor = x(tick) + 20 > width ? 'end' : 'middle';
    chart.append(svg('text', { x: x(tick), y: bottom + 15, 'text-anchor': anchor },
      range === 'day' ? clockTime(iso) : shortDay(new Date(tick))));
  }
  lanes.forEach((lane, index) => {
    const y = index * (laneHeight + gap);
    chart.append(svg('rect', { class: 'lane', x: left, y, width: width - left - right, height: laneHeight }));
    chart.append(svg('text', { x: 0, y: y + laneHeight / 2 + 4 }, narrow && lane !== 'internet' ? lane.replace(/^printer:/, '') : componentLabel(lane)));
    for (const period of lastPeriods.filter((candidate) => candidate.component === lane)) {
      const start = Date.parse(period.start);
      const end = period.end ? Date.parse(period.end) : to;
      if (end < from || start > to) continue;
      const bar = svg('rect', { class: period.end ? 'bar' : 'bar open', x: x(start), y: y + 3, height: laneHeight - 6,
        width: Math.max(2, x(end) - x(start)), 'data-component': period.component });
      bar.append(svg('title', {}, periodTitle(period)));
      chart.append(bar);
    }
  });
  chart.append(svg('line', { class: 'now', x1: x(to), x2: x(to), y1: 0, y2: bottom }));
  const inRange = lastPeriods.filter((period) => (period.end ? Date.parse(period.end) : to) >= from);
  const downMs = inRange.reduce((sum, period) => {
    const end = period.end ? Date.parse(period.end) : to;
    return sum + Math.max(0, end - Math.max(Date.parse(period.start), from));
  }, 0);
  const orders = new Set(inRange.flatMap((period) => period.ordersReceived || []));
  $('timeline-summary').textContent = inRange.length === 0
    ? say('dashboard.noOutages')
    : say('dashboard.outages', { count: inRange.length, duration: duration(downMs), orders: orders.size });
  $('timeline-chart').replaceChildren(chart);
}

async function loadTimeline() {
  const to = new Date();
  const from = new Date(to.getTime() - ranges[range]);
  const data = await api('GET', '/api/offline-periods?limit=500&from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString()));
  lastPeriods = data.offlinePeriods || [];
  drawTimeline();
}

/** Connectivity changes open and close periods: reload once they settle, not on every event. */
function timelineChanged() {
  clearTimeout(timelineTimer);
  timelineTimer = setTimeout(() => loadTimeline().catch((error) => notice(say('dashboard.timelineFailed', { error: error.message }))), 500);
}

function chooseRange(next) {
  range = next;
  for (const button of document.querySelectorAll('[data-range]')) {
    button.setAttribute('aria-pressed', button.getAttribute('data-range') === next ? 'true' : 'false');
  }
  loadTimeline().catch((error) => notice(say('dashboard.timelineFailed', { error: error.message })));
}
`;

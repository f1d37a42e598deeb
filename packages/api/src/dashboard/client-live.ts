/**
 * Browser-side wiring: one snapshot per connection, then the SSE stream keeps every panel current,
 * so a tablet left on the pass shows the truth without polling. EventSource cannot send headers,
 * hence the token in the query.
 */
export const clientLive = `
let stream;
let reconnectTimer;

function setLive(state, text) {
  const live = $('live');
  live.setAttribute('data-live', state);
  live.textContent = text;
}

function parsed(event) {
  try { return JSON.parse(event.data); } catch (error) { return undefined; }
}

async function loadSnapshot() {
  const [connectivity, queue, orders, unreadable] = await Promise.all([
    api('GET', '/connectivity/status'),
    api('GET', '/offline/queue/status'),
    api('GET', '/api/orders?limit=20'),
    api('GET', '/api/unreadable-orders?limit=50'),
  ]);
  renderConnectivity(connectivity);
  renderQueue(queue);
  renderOrders(orders.orders);
  renderUnreadable(unreadable.unreadableOrders);
  await loadTimeline();
}

// A site linked to a group hub says how far the hub's copy of its log has come.
function renderHub(hub) {
  const line = $('hub-line');
  const upTo = hub.replicatedUpTo === null ? 'nothing yet' : String(hub.replicatedUpTo);
  const state = hub.state === 'caught-up' ? 'caught up' : hub.state === 'replicating' ? 'catching up' : hub.state;
  line.textContent = 'hub: replicated up to ' + upTo + ' of ' + hub.logPosition + ' (' + state + ')' + (hub.lastError ? ': ' + hub.lastError : '');
  line.setAttribute('data-state', hub.state);
  line.hidden = false;
}

function connect() {
  if (stream) stream.close();
  clearTimeout(reconnectTimer);
  setLive('connecting', 'connecting');
  stream = new EventSource(withToken('/events/stream'));
  stream.addEventListener('open', () => {
    setLive('open', 'live');
    loadSnapshot().catch((error) => notice('Could not load: ' + error.message));
  });
  stream.addEventListener('queue', (event) => {
    const queue = parsed(event);
    if (queue) renderQueue(queue);
  });
  stream.addEventListener('connectivity', (event) => {
    const view = parsed(event);
    if (!view) return;
    renderConnectivity(view);
    timelineChanged();
  });
  stream.addEventListener('orders', (event) => {
    const orders = parsed(event);
    if (orders) renderOrders(Array.isArray(orders) ? orders : orders.orders);
  });
  stream.addEventListener('unreadable', (event) => {
    const list = parsed(event);
    if (list) renderUnreadable(list);
  });
  stream.addEventListener('hub', (event) => {
    const hub = parsed(event);
    if (hub) renderHub(hub);
  });
  stream.addEventListener('error', () => {
    if (stream.readyState !== EventSource.CLOSED) {
      setLive('connecting', 'reconnecting');
      return;
    }
    // The browser gave up (e.g. the token was refused): check access the ordinary way, then retry.
    setLive('closed', 'disconnected');
    reconnectTimer = setTimeout(() => {
      api('GET', '/connectivity/status').then(connect, (error) => {
        notice('Disconnected: ' + error.message);
        connect();
      });
    }, 5000);
  });
}

function boot() {
  $('token-dialog').querySelector('form').addEventListener('submit', tokenAnswered);
  $('token-dialog').addEventListener('cancel', tokenAnswered);
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => chooseRange(button.getAttribute('data-range')));
  }
  const check = $('check-connectivity');
  check.addEventListener('click', () => command(check, 'POST', '/connectivity/check', undefined, (result) => {
    const printers = (result.printers || []).map((printer) => printer.printer + ': ' + (printer.status || (printer.ok ? 'ok' : 'down')));
    const internet = result.internet && (result.internet.status || (result.internet.ok ? 'ok' : 'down'));
    return 'Checked. ' + printers.concat(internet ? ['internet: ' + internet] : []).join(', ');
  }));
  const test = $('print-test');
  test.addEventListener('click', () => command(test, 'POST', '/print-jobs/test', undefined, () => 'Test ticket queued'));
  setInterval(refreshAges, 5000);
  setInterval(drawTimeline, 60000);
  let resizing = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(drawTimeline);
  });
  // One plain call first, so a needed token is asked for before the stream is opened.
  api('GET', '/connectivity/status')
    .then((view) => {
      renderConnectivity(view);
      connect();
    })
    .catch((error) => {
      setLive('closed', 'no access');
      notice(error.message);
    });
}

boot();
`;

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
  await loadHeld();
  await loadTimeline();
}

// A site linked to a group hub, or keeping a server database, says how far each copy of its log has come.
function renderCopy(lineId, messageKey, copy) {
  const line = $(lineId);
  const upTo = copy.replicatedUpTo === null ? say('dashboard.hub.nothingYet') : String(copy.replicatedUpTo);
  line.textContent = say(messageKey, { upTo, of: copy.logPosition, state: word('dashboard.hub.state', copy.state) }) +
    (copy.lastError ? ': ' + copy.lastError : '');
  line.setAttribute('data-state', copy.state);
  line.hidden = false;
}

function connect() {
  if (stream) stream.close();
  clearTimeout(reconnectTimer);
  setLive('connecting', say('dashboard.live.connecting'));
  stream = new EventSource(withToken('/events/stream'));
  stream.addEventListener('open', () => {
    setLive('open', say('dashboard.live.open'));
    loadSnapshot().catch((error) => notice(say('dashboard.couldNotLoad', { error: error.message })));
  });
  stream.addEventListener('queue', (event) => {
    const queue = parsed(event);
    if (queue) renderQueue(queue);
    if (queue) heldMayHaveChanged(queue);
  });
  stream.addEventListener('connectivity', (event) => {
    const view = parsed(event);
    if (!view) return;
    renderConnectivity(view);
    timelineChanged();
  });
  stream.addEventListener('wix-health', (event) => {
    const health = parsed(event);
    if (!health) return;
    renderWixHealth(health);
    timelineChanged();
  });
  stream.addEventListener('orders', (event) => {
    const orders = parsed(event);
    if (orders) renderOrders(Array.isArray(orders) ? orders : orders.orders);
  });
  stream.addEventListener('alarm', (event) => {
    const update = parsed(event);
    if (update) renderAlarm(update);
  });
  stream.addEventListener('fallback', (event) => {
    const update = parsed(event);
    if (update) renderFallbacks(update);
  });
  stream.addEventListener('unreadable', (event) => {
    const list = parsed(event);
    if (list) renderUnreadable(list);
  });
  stream.addEventListener('hub', (event) => {
    const hub = parsed(event);
    if (hub) renderCopy('hub-line', 'dashboard.hub.replicated', hub);
  });
  stream.addEventListener('database', (event) => {
    const copy = parsed(event);
    if (copy) renderCopy('database-line', 'dashboard.database.copied', copy);
  });
  stream.addEventListener('error', () => {
    if (stream.readyState !== EventSource.CLOSED) {
      setLive('connecting', say('dashboard.live.reconnecting'));
      return;
    }
    // The browser gave up (e.g. the token was refused): check access the ordinary way, then retry.
    setLive('closed', say('dashboard.live.closed'));
    reconnectTimer = setTimeout(() => {
      api('GET', '/connectivity/status').then(connect, (error) => {
        notice(say('dashboard.disconnected', { error: error.message }));
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
    const outcome = (check) => (check.status ? word('dashboard.status', check.status) : say(check.ok ? 'dashboard.check.ok' : 'dashboard.check.down'));
    const printers = (result.printers || []).map((printer) => printer.printer + ': ' + outcome(printer));
    const internet = result.internet && outcome(result.internet);
    const results = printers.concat(internet ? [say('dashboard.checkedInternet', { status: internet })] : []).join(', ');
    return say('dashboard.checked', { results });
  }));
  const test = $('print-test');
  test.addEventListener('click', () => command(test, 'POST', '/print-jobs/test', undefined, () => say('dashboard.testQueued')));
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
      setLive('closed', say('dashboard.live.noAccess'));
      notice(error.message);
    });
}

boot();
`;

/**
 * Browser-side recent orders: one line per order with each ticket's state, and on a tap the
 * receipt previews with the manager's two repairs, reprint a ticket and retry one that gave up.
 */
export const clientOrders = `
const reprintable = ['kitchen', 'customer', 'driver'];
const expanded = new Set();
let lastOrders = [];

function customerName(order) {
  const customer = (order.order && order.order.customer) || {};
  return [customer.firstName, customer.lastName].filter(Boolean).join(' ');
}

// An order that arrived already cancelled has only Wix's status, never a cancellation of its own.
function isCancelled(view) {
  return Boolean(view.canceled) || view.status === 'CANCELED';
}

function ticketCard(view, ticket) {
  const actions = [];
  const kind = word('dashboard.ticketKind', ticket.ticket);
  if (reprintable.includes(ticket.ticket)) {
    const reprint = el('button', { type: 'button', 'data-action': 'reprint', text: say('dashboard.reprint') });
    reprint.addEventListener('click', () =>
      command(reprint, 'POST', '/orders/' + encodeURIComponent(view.orderId) + '/reprint', { tickets: [ticket.ticket] },
        () => say('dashboard.reprintQueued', { ticket: kind })),
    );
    actions.push(reprint);
  }
  if (ticket.state === 'scheduled') {
    const now = el('button', { type: 'button', 'data-action': 'print-now', text: say('dashboard.printNow') });
    now.addEventListener('click', () =>
      command(now, 'POST', '/print-jobs/' + encodeURIComponent(ticket.jobId) + '/print-now', undefined,
        () => say('dashboard.printNowQueued', { ticket: kind })),
    );
    actions.push(now);
  }
  if (ticket.state === 'gave-up') {
    const retry = el('button', { type: 'button', 'data-action': 'retry', text: say('dashboard.retry') });
    retry.addEventListener('click', () =>
      command(retry, 'POST', '/print-jobs/' + encodeURIComponent(ticket.jobId) + '/retry', undefined,
        () => say('dashboard.retryQueued', { ticket: kind })),
    );
    actions.push(retry);
  }
  const held = ticket.state === 'scheduled' && ticket.notBefore
    ? say('dashboard.heldFor', { at: heldWhen(ticket.notBefore), slot: heldWhen(ticket.slotStartsAt || ticket.notBefore) }) : '';
  const facts = [ticket.printer, held, ticket.attempts ? say('dashboard.attempts', { count: ticket.attempts }) : '', ticket.reprint ? say('dashboard.isReprint') : '',
    ticket.possibleDuplicate ? say('dashboard.mayBeTwice') : '', ticket.lastFailure ? say('dashboard.lastFailure', { failure: ticket.lastFailure.kind || ticket.lastFailure }) : '']
    .filter(Boolean).join(' · ');
  return el('div', { className: 'ticket', 'data-job': ticket.jobId }, [
    el('div', {}, [el('b', { text: kind + ' ' }), el('span', { className: 'chip ' + ticket.state, text: word('dashboard.ticketState', ticket.state) })]),
    el('div', { className: 'muted', text: facts }),
    el('img', { src: withToken('/api/print-jobs/' + encodeURIComponent(ticket.jobId) + '/preview.svg'), alt: say('dashboard.preview', { ticket: kind }), loading: 'lazy' }),
    el('div', { className: 'actions' }, actions),
  ]);
}

function orderDetail(view) {
  const items = ((view.order && view.order.lineItems) || []).map((item) =>
    el('li', { text: item.quantity + ' × ' + item.name + (item.options || []).map((option) => ', ' + option.name + (option.value ? ': ' + option.value : '')).join('') }),
  );
  const note = view.order && view.order.note ? el('div', { text: say('dashboard.note', { note: view.order.note }) }) : null;
  const tickets = Object.values(view.tickets || {}).map((ticket) => ticketCard(view, ticket));
  return el('div', { className: 'order-detail' }, [
    el('ul', {}, items),
    note,
    view.cancelReason ? el('div', { className: 'muted', text: say('dashboard.cancelledBecause', { reason: view.cancelReason }) }) : null,
    el('div', { className: 'tickets' }, tickets.length ? tickets : [el('div', { className: 'muted', text: say('dashboard.noTickets') })]),
  ]);
}

function orderRow(view) {
  const tickets = Object.values(view.tickets || {});
  const open = expanded.has(view.orderId);
  const cancelled = isCancelled(view);
  const fulfilment = view.order && view.order.fulfilment && view.order.fulfilment.kind;
  const summary = el('button', { type: 'button', 'aria-expanded': open ? 'true' : 'false' }, [
    el('span', { className: 'order-number', text: '#' + view.ticketNumber }),
    el('span', { text: clockTime(view.receivedAt) }),
    el('span', { className: 'grow', text: [fulfilment && word('dashboard.fulfilment', fulfilment), customerName(view), view.source === 'wix' ? '' : view.source].filter(Boolean).join(' · ') }),
    cancelled ? el('span', { className: 'order-state cancelled', text: say('dashboard.cancelled') }) : null,
    el('span', { className: 'chips' }, tickets.map((ticket) =>
      el('span', { className: 'chip ' + ticket.state, text: word('dashboard.ticketKind', ticket.ticket) + ': ' + word('dashboard.ticketState', ticket.state) }))),
  ]);
  summary.addEventListener('click', () => {
    if (expanded.has(view.orderId)) expanded.delete(view.orderId);
    else expanded.add(view.orderId);
    renderOrders(lastOrders);
  });
  return el('li', {
    className: 'order',
    'data-testid': 'order-' + view.orderId,
    'data-tickets': tickets.map((ticket) => ticket.state).join(' '),
    'data-canceled': cancelled ? 'true' : undefined,
  }, [summary, open ? orderDetail(view) : null]);
}

function renderOrders(orders) {
  lastOrders = Array.isArray(orders) ? orders : [];
  const list = $('orders');
  if (lastOrders.length === 0) {
    list.replaceChildren(el('li', { className: 'muted', text: say('dashboard.noOrders') }));
    return;
  }
  list.replaceChildren(...lastOrders.map(orderRow));
}
`;

/**
 * Browser-side list of pre-order tickets held until prep time ("prints 19:00 for 19:30"), soonest
 * first, each with "Print now" for the evening the guest turns up early.
 */
export const clientHeld = `
const heldPath = '/api/print-jobs?state=scheduled&limit=100';
let heldCount = -1;

function heldWhen(iso) {
  const day = new Date(iso).toDateString() === new Date().toDateString();
  return day ? clockTime(iso) : dayAndTime(iso);
}

function heldItem(job) {
  const order = lastOrders.find((view) => view.orderId === job.orderId);
  const kind = word('dashboard.ticketKind', job.ticket);
  const button = el('button', { type: 'button', 'data-action': 'print-now', text: say('dashboard.printNow') });
  button.addEventListener('click', () =>
    command(button, 'POST', '/print-jobs/' + encodeURIComponent(job.jobId) + '/print-now', undefined, () => {
      loadHeld();
      return say('dashboard.printNowQueued', { ticket: kind });
    }),
  );
  return el('li', { className: 'held-ticket', 'data-testid': 'held-' + job.jobId }, [
    el('b', { text: (order ? '#' + order.ticketNumber + ' ' : '') + kind }),
    el('span', { className: 'grow', text: say('dashboard.heldFor', { at: heldWhen(job.notBefore), slot: heldWhen(job.slotStartsAt || job.notBefore) }) }),
    button,
  ]);
}

function renderHeld(jobs) {
  const held = (Array.isArray(jobs) ? jobs : []).filter((job) => job.state === 'scheduled' && job.notBefore);
  held.sort((a, b) => (a.notBefore < b.notBefore ? -1 : a.notBefore > b.notBefore ? 1 : 0));
  heldCount = held.length;
  $('held').hidden = held.length === 0;
  $('held-list').replaceChildren(...held.map(heldItem));
}

function loadHeld() {
  return api('GET', heldPath).then((page) => renderHeld(page.printJobs), () => {});
}

/** The queue moved: the held list is asked again only when it may have changed. */
function heldMayHaveChanged(queue) {
  const scheduled = (queue.byState || {}).scheduled || 0;
  if (scheduled !== heldCount || scheduled > 0) loadHeld();
}
`;

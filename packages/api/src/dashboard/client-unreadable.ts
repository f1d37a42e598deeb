/**
 * Browser-side notice of orders Wix sent that bonrelay could neither read nor fetch: they never
 * reach a printer, so the page says so above everything else, with the Wix order id to open.
 */
export const clientUnreadable = `
function unreadableItem(open) {
  const id = open.orderId || open.webhookId;
  const headline = say(open.orderId ? 'dashboard.unreadableOrder' : 'dashboard.unreadableDelivery');
  return el('li', { 'data-testid': 'unreadable-' + id }, [
    el('div', {}, [el('b', { text: headline }), el('code', { className: 'order-id', text: id })]),
    el('div', { className: 'muted' }, [
      since(open.since, 'dashboard.arrived'),
      el('span', { text: ' · ' + [open.reason, open.fetchError].filter(Boolean).join(' · ') }),
    ]),
  ]);
}

function renderUnreadable(list) {
  const needing = (Array.isArray(list) ? list : []).filter((open) => open.state === 'needs-attention');
  $('unreadable').hidden = needing.length === 0;
  $('unreadable-list').replaceChildren(...needing.map(unreadableItem));
}
`;

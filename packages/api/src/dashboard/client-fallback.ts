/**
 * Browser-side notice of printers failed over: while the kitchen printer is down its tickets come
 * out of another printer, and whoever stands there must know to carry them over.
 */
export const clientFallback = `
function renderFallbacks(update) {
  const active = ((update && update.fallbacks) || []).filter((state) => state.failedOver);
  $('fallbacks').replaceChildren(...active.map((state) =>
    el('li', { 'data-testid': 'fallback-' + state.printer }, [
      el('b', { text: say('dashboard.fallbackActive', { printer: state.printer, fallback: state.fallback }) }),
      state.since ? since(state.since, 'dashboard.fallbackFor') : null,
    ]),
  ));
}
`;

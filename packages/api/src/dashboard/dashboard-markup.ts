import type { MessageKey } from '@bonrelay/locale';

/**
 * The page's fixed skeleton with the `data-testid`s tests and monitoring rely on; the script fills
 * it. Only `version` and the catalog's words are interpolated, and they arrive escaped.
 */
export function dashboardMarkup(escapedVersion: string, say: (key: MessageKey) => string): string {
  return `<header>
  <h1>bonrelay <small>${escapedVersion}</small></h1>
  <span id="live" class="live" data-live="connecting">${say('dashboard.live.connecting')}</span>
  <button type="button" id="check-connectivity">${say('dashboard.checkNow')}</button>
  <button type="button" id="print-test">${say('dashboard.printTest')}</button>
</header>
<div id="alarm" class="alarm" data-testid="alarm" data-sounding="false" role="alert" hidden>
  <ul id="alarm-reasons"></ul>
  <span id="alarm-state"></span>
  <button type="button" id="alarm-silence">${say('dashboard.alarm.silence')}</button>
</div>
<main>
  <div id="mode" class="mode" data-testid="mode" data-mode="unknown" role="status" aria-live="polite">${say('dashboard.mode.unknown')}<small>${say('dashboard.loading')}</small></div>
  <section id="webhook-path-banner" class="wide webhook-path" data-testid="webhook-path-banner" role="alert" hidden>
    <h2>${say('dashboard.webhookPath.banner')}</h2>
    <div id="webhook-path-details" class="muted"></div>
  </section>
  <div id="clock-skew" class="wide notice-bar" data-testid="clock-skew" role="alert" hidden></div>
  <section id="unreadable" class="wide unreadable" data-testid="unreadable-orders" aria-labelledby="unreadable-title" role="alert" hidden>
    <h2 id="unreadable-title">${say('dashboard.unreadableTitle')}</h2>
    <ul id="unreadable-list"></ul>
  </section>
  <section aria-labelledby="status-title">
    <h2 id="status-title">${say('dashboard.statusTitle')}</h2>
    <ul id="status-list" class="status-list"><li data-testid="internet" data-status="unknown">${say('dashboard.internetLoading')}</li></ul>
    <ul id="public-path" class="status-list"></ul>
    <ul id="warnings" class="muted"></ul>
    <ul id="fallbacks" class="fallbacks" data-testid="fallbacks"></ul>
    <p id="hub-line" data-testid="hub" class="muted" hidden></p>
    <p id="database-line" data-testid="database-copy" class="muted" hidden></p>
  </section>
  <section aria-labelledby="queue-title">
    <h2 id="queue-title">${say('dashboard.queueTitle')}</h2>
    <div class="counts">
      <div class="count" data-testid="queue-waiting"><b>0</b>${say('dashboard.count.waiting')}</div>
      <div class="count" data-testid="queue-printing"><b>0</b>${say('dashboard.count.printing')}</div>
      <div class="count" data-testid="queue-retrying"><b>0</b>${say('dashboard.count.retrying')}</div>
      <div class="count" data-testid="queue-gave-up"><b>0</b>${say('dashboard.count.gaveUp')}</div>
    </div>
    <div id="queue-facts"></div>
    <div class="scroll"><table id="queue-printers"></table></div>
  </section>
  <section id="held" class="wide held" data-testid="held-tickets" aria-labelledby="held-title" hidden>
    <h2 id="held-title">${say('dashboard.heldTitle')}</h2>
    <ul id="held-list" class="orders"></ul>
  </section>
  <section class="wide" aria-labelledby="orders-title">
    <h2 id="orders-title">${say('dashboard.ordersTitle')}</h2>
    <ul id="orders" class="orders" data-testid="orders"><li class="muted">${say('dashboard.loading')}</li></ul>
  </section>
  <section class="wide" aria-labelledby="timeline-title" data-testid="timeline">
    <h2 id="timeline-title">${say('dashboard.timelineTitle')}</h2>
    <div class="timeline-head">
      <span id="timeline-summary" class="grow"></span>
      <button type="button" data-range="day" aria-pressed="true">${say('dashboard.range.day')}</button>
      <button type="button" data-range="week" aria-pressed="false">${say('dashboard.range.week')}</button>
    </div>
    <div id="timeline-chart"></div>
  </section>
</main>
<div id="notice" role="status" aria-live="polite" hidden></div>
<dialog id="token-dialog" aria-labelledby="token-title">
  <form>
    <b id="token-title">${say('dashboard.tokenTitle')}</b>
    <span class="muted">${say('dashboard.tokenHint')}</span>
    <input id="token-input" type="password" autocomplete="current-password" aria-label="${say('dashboard.tokenTitle')}" required>
    <button type="submit">${say('dashboard.tokenContinue')}</button>
  </form>
</dialog>`;
}

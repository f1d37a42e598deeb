/**
 * The page's fixed skeleton with the `data-testid`s tests and monitoring rely on; the script fills
 * it. Only `version` is interpolated, and it arrives escaped.
 */
export function dashboardMarkup(escapedVersion: string): string {
  return `<header>
  <h1>bonrelay <small>${escapedVersion}</small></h1>
  <span id="live" class="live" data-live="connecting">connecting</span>
  <button type="button" id="check-connectivity">Check now</button>
  <button type="button" id="print-test">Print test ticket</button>
</header>
<main>
  <div id="mode" class="mode" data-testid="mode" data-mode="unknown" role="status" aria-live="polite">Unknown<small>Loading...</small></div>
  <section id="unreadable" class="wide unreadable" data-testid="unreadable-orders" aria-labelledby="unreadable-title" role="alert" hidden>
    <h2 id="unreadable-title">Orders that could not be read</h2>
    <ul id="unreadable-list"></ul>
  </section>
  <section aria-labelledby="status-title">
    <h2 id="status-title">Printers and internet</h2>
    <ul id="status-list" class="status-list"><li data-testid="internet" data-status="unknown">Internet: loading...</li></ul>
    <ul id="warnings" class="muted"></ul>
    <p id="hub-line" data-testid="hub" class="muted" hidden></p>
  </section>
  <section aria-labelledby="queue-title">
    <h2 id="queue-title">Print queue</h2>
    <div class="counts">
      <div class="count" data-testid="queue-waiting"><b>0</b>waiting</div>
      <div class="count" data-testid="queue-printing"><b>0</b>printing</div>
      <div class="count" data-testid="queue-retrying"><b>0</b>retrying</div>
      <div class="count" data-testid="queue-gave-up"><b>0</b>gave up</div>
    </div>
    <div id="queue-facts"></div>
    <div class="scroll"><table id="queue-printers"></table></div>
  </section>
  <section class="wide" aria-labelledby="orders-title">
    <h2 id="orders-title">Recent orders</h2>
    <ul id="orders" class="orders" data-testid="orders"><li class="muted">Loading...</li></ul>
  </section>
  <section class="wide" aria-labelledby="timeline-title" data-testid="timeline">
    <h2 id="timeline-title">Offline periods</h2>
    <div class="timeline-head">
      <span id="timeline-summary" class="grow"></span>
      <button type="button" data-range="day" aria-pressed="true">24 h</button>
      <button type="button" data-range="week" aria-pressed="false">7 days</button>
    </div>
    <div id="timeline-chart"></div>
  </section>
</main>
<div id="notice" role="status" aria-live="polite" hidden></div>
<dialog id="token-dialog" aria-labelledby="token-title">
  <form>
    <b id="token-title">API token</b>
    <span class="muted">This bonrelay needs its API token (BONRELAY_API_TOKEN). It is kept for this browser tab only.</span>
    <input id="token-input" type="password" autocomplete="current-password" aria-label="API token" required>
    <button type="submit">Continue</button>
  </form>
</dialog>`;
}

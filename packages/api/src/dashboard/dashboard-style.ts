/**
 * The page's look, inline so the dashboard needs nothing but this service: big status colours a
 * manager reads from across the kitchen, one column on a phone, two cards side by side from a tablet up.
 */
export const dashboardStyle = `
:root {
  --online: #1e8e3e; --degraded: #d98c00; --offline: #d93025; --full-offline: #7a0c0c;
  --unknown: #80868b; --ink: #202124; --muted: #5f6368; --line: #dadce0; --card: #fff; --page: #f1f3f4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); font-size: 16px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .75rem 1rem;
  background: var(--ink); color: #fff; }
header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
header small { color: #bdc1c6; }
main { display: grid; gap: 1rem; padding: 1rem; grid-template-columns: minmax(0, 1fr); max-width: 80rem; margin: 0 auto; }
@media (min-width: 52rem) { main { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
section { background: var(--card); border-radius: .75rem; padding: 1rem; box-shadow: 0 1px 2px rgba(0,0,0,.15);
  min-width: 0; }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 1rem; margin: 0 0 .75rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: .5rem; padding: .45rem .8rem;
  min-height: 2.5rem; cursor: pointer; }
button:hover { background: #f8f9fa; }
button:disabled { opacity: .5; cursor: default; }
.mode { border-radius: .75rem; padding: 1rem; color: #fff; font-size: 1.6rem; font-weight: 700; text-align: center;
  grid-column: 1 / -1; background: var(--unknown); }
.mode small { display: block; font-size: .9rem; font-weight: 400; opacity: .9; }
.mode[data-mode="online"] { background: var(--online); }
.mode[data-mode="degraded"] { background: var(--degraded); }
.mode[data-mode="offline"] { background: var(--offline); }
.mode[data-mode="full-offline"] { background: var(--full-offline); }
.status-list { list-style: none; margin: 0; padding: 0; }
.status-list li { display: flex; align-items: center; gap: .6rem; padding: .5rem 0; border-bottom: 1px solid var(--line); }
.status-list li:last-child { border-bottom: 0; }
.dot { width: .9rem; height: .9rem; border-radius: 50%; flex: none; background: var(--unknown); }
.dot.good { background: var(--online); } .dot.warn { background: var(--degraded); } .dot.bad { background: var(--offline); }
.grow { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.muted { color: var(--muted); font-size: .85rem; }
.counts { display: grid; grid-template-columns: repeat(4, 1fr); gap: .5rem; text-align: center; }
.count { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .25rem; }
.count b { display: block; font-size: 1.8rem; }
.count.alert b { color: var(--offline); }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; margin-top: .75rem; font-variant-numeric: tabular-nums; }
th, td { text-align: right; padding: .3rem .2rem; border-bottom: 1px solid var(--line); }
th { font-size: .8rem; font-weight: 600; }
th:first-child, td:first-child { text-align: left; padding-right: .5rem; }
td:first-child { overflow-wrap: anywhere; }
.orders { list-style: none; margin: 0; padding: 0; }
.order { border-bottom: 1px solid var(--line); }
.order > button { width: 100%; display: flex; flex-wrap: wrap; gap: .4rem .75rem; align-items: center; border: 0;
  border-radius: 0; text-align: left; padding: .6rem .25rem; background: none; }
.order-number { font-weight: 700; min-width: 3rem; }
.chips { display: flex; flex-wrap: wrap; gap: .3rem; }
.chip { font-size: .8rem; border-radius: 1rem; padding: .1rem .55rem; background: #e8eaed; white-space: nowrap; }
.chip.printed { background: #ceead6; } .chip.printing, .chip.queued { background: #d2e3fc; }
.chip.waiting, .chip.retry-wait { background: #feefc3; } .chip.gave-up { background: #fad2cf; }
.chip.cancelled { background: #e8eaed; text-decoration: line-through; }
.order-state { font-size: .8rem; font-weight: 700; border: 1px solid currentColor; border-radius: 1rem; padding: 0 .5rem; }
.order-state.cancelled { color: var(--offline); }
.order-detail { padding: .5rem .25rem 1rem; display: grid; gap: .75rem; }
.tickets { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); }
.ticket { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem; display: grid; gap: .4rem; }
.ticket img { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
.unreadable { border-left: .5rem solid var(--offline); }
.unreadable[hidden] { display: none; }
.webhook-path { background: var(--offline); color: #fff; }
.webhook-path h2, .webhook-path .muted { color: #fff; }
.webhook-path h2 { text-transform: none; letter-spacing: 0; font-size: 1.1rem; }
.webhook-path[hidden] { display: none; }
.notice-bar { grid-column: 1 / -1; border-left: .5rem solid var(--offline); padding: .5rem 1rem; }
.notice-bar[hidden] { display: none; }
.held[hidden] { display: none; }
.alarm { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .75rem 1rem;
  background: var(--offline); color: #fff; font-size: 1.1rem; font-weight: 600; position: sticky; top: 0; z-index: 2; }
.alarm[hidden] { display: none; }
.alarm ul { margin: 0; padding-left: 1.2rem; flex: 1; }
.alarm.flashing { animation: alarm-flash 1s steps(1) infinite; }
@keyframes alarm-flash { 50% { background: var(--full-offline); } }
.fallbacks { margin: .5rem 0 0; padding-left: 1.2rem; color: var(--offline); }
.held-ticket { display: flex; flex-wrap: wrap; gap: .4rem .75rem; align-items: center; padding: .5rem 0; border-bottom: 1px solid var(--line); }
.unreadable ul { margin: 0; padding-left: 1.2rem; display: grid; gap: .5rem; }
.unreadable .order-id { font-size: 1.05rem; user-select: all; overflow-wrap: anywhere; }
.timeline-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: .5rem; }
.timeline-head .grow { font-size: .9rem; }
button[aria-pressed="true"] { background: var(--ink); color: #fff; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-size: 11px; fill: var(--muted); }
svg.chart .lane { fill: #f8f9fa; } svg.chart .tick { stroke: var(--line); }
svg.chart .bar { fill: var(--offline); } svg.chart .bar.open { fill: var(--full-offline); }
svg.chart .now { stroke: var(--ink); stroke-dasharray: 3 3; }
#notice { position: fixed; left: 50%; bottom: 1rem; transform: translateX(-50%); background: var(--ink); color: #fff;
  border-radius: .5rem; padding: .6rem 1rem; max-width: 90vw; }
#notice[hidden] { display: none; }
dialog { border: 0; border-radius: .75rem; padding: 1.25rem; max-width: 90vw; }
dialog form { display: grid; gap: .75rem; }
dialog input { font: inherit; padding: .5rem; border: 1px solid var(--line); border-radius: .5rem; }
.live { font-size: .85rem; }
.live::before { content: "\\25CF "; color: var(--unknown); }
.live[data-live="open"]::before { color: var(--online); }
.live[data-live="closed"]::before { color: var(--offline); }
@media (max-width: 30rem) {
  main { padding: .5rem; gap: .5rem; }
  .count b { font-size: 1.4rem; }
  .mode { font-size: 1.3rem; }
  table { font-size: .8rem; }
  th, td { padding: .3rem .15rem; }
  th { font-size: .7rem; }
}
`;

/**
 * Browser-side Wix health: a red banner while Wix cannot reach this box (orders then come only from
 * the minute-by-minute fetch), and a warning while our clock is far from Wix's, since tickets would
 * print wrong times.
 */
export const clientWixHealth = `
function renderWixHealth(health) {
  if (!health) return;
  const path = health.webhookPath || { status: 'ok' };
  const banner = $('webhook-path-banner');
  banner.hidden = path.status !== 'gap';
  const details = [];
  const hubDown = path.gap && path.gap.cause === 'hub-unreachable';
  banner.querySelector('h2').textContent = say(hubDown ? 'dashboard.webhookPath.hubBanner' : 'dashboard.webhookPath.banner');
  if (hubDown) details.push(say('dashboard.webhookPath.hubDown', { time: clockTime(path.gap.hubDownSince || path.gap.detectedAt) }));
  if (path.gap && path.gap.orders > 0) {
    details.push(say('dashboard.webhookPath.gap', { orders: path.gap.orders, time: clockTime(path.gap.detectedAt) }));
  }
  if (path.gap && path.gap.lastWebhookAt) details.push(say('dashboard.webhookPath.lastWebhook', { time: clockTime(path.gap.lastWebhookAt) }));
  $('webhook-path-details').textContent = details.join(' ');
  const publicPath = health.publicPath;
  const reachable = { reachable: 'online', unreachable: 'offline' };
  $('public-path').replaceChildren(...(publicPath ? [statusRow('webhook-path', say('dashboard.publicPath'), {
    status: reachable[publicPath.status] || 'unknown',
    since: publicPath.since,
    detail: publicPath.status === 'unreachable' ? publicPath.url + ': ' + (publicPath.detail || say('dashboard.publicPath.noAnswer')) : '',
  })] : []));
  const clock = health.clock || { skewed: false };
  const skew = $('clock-skew');
  skew.hidden = !clock.skewed;
  if (clock.skewed && typeof clock.offsetMs === 'number') {
    const minutes = Math.round(Math.abs(clock.offsetMs) / 60000);
    skew.textContent = say('dashboard.clockSkew', { minutes, direction: clock.offsetMs > 0 ? 'behind' : 'ahead' });
  }
}
`;

import { existsSync, statfsSync } from 'node:fs';
import { printableStatuses } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { translatorFor } from '@bonrelay/locale';
import { parsePrinterUrl } from '@bonrelay/printing';
import { createWixClient } from '@bonrelay/wix';
import { mailDoctorFindings } from '../../alerts/email-doctor.ts';
import { cloudprntFindings } from '../../cloudprnt/cloudprnt-reachability.ts';
import { resolveWixPublicKey } from '../../config/index.ts';
import { databaseFile } from '../../database-file.ts';
import { hubFindings } from '../../hub/hub-doctor.ts';
import { checkInternetNow } from '../../monitors/internet-monitor.ts';
import { probePrinter } from '../../monitors/printer-monitor.ts';
import { clockFinding, recordedPathFindings } from '../../webhook-path/doctor-findings.ts';
import type { CliContext } from '../cli-context.ts';
import { postgresLogFinding } from './doctor-database.ts';
import { usbPrinterFindings } from './usb-printer-findings.ts';

type Verdict = 'ok' | 'warn' | 'FAIL';
interface Finding {
  readonly verdict: Verdict;
  readonly check: string;
  readonly detail: string;
}

async function wixFindings(context: CliContext): Promise<Finding[]> {
  const { config } = context;
  const findings: Finding[] = [];
  try {
    const key = resolveWixPublicKey(config);
    findings.push(
      key
        ? { verdict: 'ok', check: 'Wix webhook key', detail: 'PEM public key loaded' }
        : {
            verdict: 'warn',
            check: 'Wix webhook key',
            detail: 'not set (BONRELAY_WIX_PUBLIC_KEY_FILE): webhooks answer 503',
          },
    );
  } catch (error) {
    findings.push({ verdict: 'FAIL', check: 'Wix webhook key', detail: (error as Error).message });
  }
  if (!config.wix.apiKey || !config.wix.siteId) {
    findings.push({
      verdict: 'warn',
      check: 'Wix API',
      detail: 'no API key / site id: missed orders cannot be fetched after an outage',
    });
    return findings;
  }
  let wixDate: Date | undefined;
  const client = createWixClient({
    onServerDate: (date) => {
      wixDate = date;
    },
    baseUrl: config.wix.apiBase,
    apiKey: config.wix.apiKey,
    siteId: config.wix.siteId,
    timeoutMs: config.wix.timeoutMs,
    retries: 0,
    retryDelayMs: config.wix.retryDelayMs,
  });
  const answer = await client.getOrder('bonrelay-doctor-probe');
  const reached = answer.ok || (answer.kind === 'http' && answer.status === 404);
  const denied = !answer.ok && answer.kind === 'http' && (answer.status === 401 || answer.status === 403);
  findings.push({
    verdict: reached ? 'ok' : denied ? 'FAIL' : 'warn',
    check: 'Wix API',
    detail: reached
      ? `${config.wix.apiBase} answers, key accepted`
      : answer.ok
        ? 'ok'
        : `${answer.kind} ${answer.status ?? ''} ${answer.detail}`,
  });
  if (reached) findings.push(clockFinding(wixDate, new Date(), config.wix.clockSkewAlertMs));
  return findings;
}

/**
 * `doctor`: everything that can stop tickets from printing tonight, checked now and reported in
 * plain words — config, log, disk, printers, internet, Wix, e-mail (`--send-test-mail` sends one).
 * Exit 1 when something is broken.
 */
export async function doctorCommand(context: CliContext): Promise<number> {
  const { config } = context;
  const findings: Finding[] = [{ verdict: 'ok', check: 'config', detail: 'valid' }];
  const file = databaseFile(config);
  if (existsSync(file)) {
    const store = openEventStore({ file, readonly: true });
    const check = store.connection.pragma('quick_check', { simple: true });
    findings.push({
      verdict: check === 'ok' ? 'ok' : 'FAIL',
      check: 'order log',
      detail: `${file}: ${store.lastPosition()} events, quick_check ${String(check)}`,
    });
    findings.push(...recordedPathFindings(store, config.wix.clockSkewAlertMs));
    store.close();
  } else {
    findings.push({
      verdict: 'warn',
      check: 'order log',
      detail: `${file} does not exist yet (created at first start)`,
    });
  }
  // A hub's own log lives in its database; a site's database holds a copy, judged by hubFindings.
  if (config.role === 'hub' && config.database.url !== undefined)
    findings.push(await postgresLogFinding(config.database.url));
  const disk = statfsSync(existsSync(config.dataDir) ? config.dataDir : '.');
  const free = disk.bavail * disk.bsize;
  findings.push({
    verdict: free < config.database.lowDiskWarningBytes ? 'warn' : 'ok',
    check: 'disk',
    detail: `${(free / 1024 / 1024).toFixed(0)} MiB free`,
  });
  if (config.printers.length === 0) {
    findings.push({
      verdict: 'warn',
      check: 'printers',
      detail: 'none configured: the built-in virtual printer is used',
    });
  }
  for (const finding of cloudprntFindings(config)) findings.push({ ...finding, check: 'CloudPRNT' });
  for (const printer of config.printers) {
    // A CloudPRNT printer cannot be probed: it polls the service, which reports its status.
    if (printer.url.startsWith('cloudprnt:')) continue;
    const result = await probePrinter(parsePrinterUrl(printer.url), config);
    findings.push({
      verdict: printableStatuses.includes(result.status) ? 'ok' : 'FAIL',
      check: `printer ${printer.name}`,
      detail: `${printer.url}: ${result.status} (${result.reason ?? 'probe'}, ${result.latencyMs} ms)`,
    });
  }
  findings.push(...(await usbPrinterFindings(config)));
  const internet = await checkInternetNow(config);
  findings.push({
    verdict: internet.status === 'online' ? 'ok' : 'warn',
    check: 'internet',
    detail: `${internet.status}${internet.failedTargets.length ? `; failed: ${internet.failedTargets.join(', ')}` : ''}`,
  });
  findings.push(...(await wixFindings(context)));
  const sendTestMail = context.args.options['send-test-mail'] === true;
  findings.push(...(await mailDoctorFindings(config, { sendTestMail, now: new Date() })));
  findings.push(...(await hubFindings(config)));
  context.out('bonrelay doctor\n\n');
  for (const finding of findings)
    context.out(`  [${finding.verdict.padEnd(4)}] ${finding.check.padEnd(18)} ${finding.detail}\n`);
  const failed = findings.filter((finding) => finding.verdict === 'FAIL').length;
  context.out(`\n${translatorFor(config.locale).say('cli.doctor.verdict', { problems: failed })}\n`);
  return failed === 0 ? 0 : 1;
}

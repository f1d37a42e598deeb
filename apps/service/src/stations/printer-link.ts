import type { PrinterProbeResult } from '@bonrelay/connectivity';
import type { PaperSettings, PrintOutcome } from '@bonrelay/printing';
import type { Observable } from 'rxjs';

/**
 * How a print station reaches its printer — over the network, or the built-in virtual printer —
 * so the saga, the monitor and the dashboard treat both alike.
 */
export interface PrinterLink {
  /** Prints a rendered ticket (a receiptline document); never throws. */
  print(document: string, paper: PaperSettings, jobId: string): Promise<PrintOutcome>;
  /** One status probe, in the monitor's terms; never throws. */
  probe(): Promise<PrinterProbeResult>;
  /** What the printer said of itself unasked (a CloudPRNT poll, or its silence): counts like a probe. */
  readonly observations$?: Observable<PrinterProbeResult>;
  /** A USB printer: whether its device node is there (cheap, checked often); never throws. */
  present?(): Promise<boolean>;
}

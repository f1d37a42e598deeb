import type { ConnectOptions, Opened } from './printer-connection.ts';
import type { PrinterEndpoint } from './printer-url.ts';
import { connectTcp } from './tcp-connection.ts';
import { openUsbDevice } from './usb-device-connection.ts';

/** Opens a connection over the endpoint's transport, turning every way it can fail into a typed answer. */
export function connectToPrinter(endpoint: PrinterEndpoint, options: ConnectOptions): Promise<Opened> {
  return endpoint.kind === 'tcp'
    ? connectTcp(endpoint, options.connectTimeoutMs)
    : openUsbDevice(endpoint, options.connectTimeoutMs, options.devicePollMs ?? 5);
}

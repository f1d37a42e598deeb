/** A USB printer named by its device node, e.g. `/dev/usb/lp0` or a udev symlink. */
export interface UsbDeviceAddress {
  readonly kind: 'usb-device';
  readonly path: string;
}

/**
 * A USB printer named by what it is (vendor and product id, optionally its serial number), found
 * again through sysfs whichever `lpN` the kernel gave it this time.
 */
export interface UsbIdAddress {
  readonly kind: 'usb-id';
  /** Four lower-case hex digits, as sysfs writes `idVendor`. */
  readonly vendorId: string;
  readonly productId: string;
  readonly serial?: string;
}

const hexId = /^[0-9a-f]{4}$/i;

/**
 * Parses `usb:///dev/usb/lp0` (any absolute device path) and `usb://04b8:0e32[:serial]`. By hand,
 * because WHATWG `URL` refuses the second form; `problem` builds the error naming the URL.
 */
export function parseUsbUrl(
  url: string,
  problem: (reason: string) => Error,
): UsbDeviceAddress | UsbIdAddress {
  const rest = url.slice('usb://'.length);
  if (/[\s?#]/.test(rest)) throw problem('a usb printer URL has no spaces, query or fragment');
  if (rest.startsWith('/')) {
    if (rest.length === 1 || rest.endsWith('/'))
      throw problem('the device path must name a device, e.g. /dev/usb/lp0');
    if (
      rest
        .split('/')
        .some((segment, index) => index > 0 && (segment === '' || segment === '.' || segment === '..'))
    ) {
      throw problem('the device path must be a plain absolute path, e.g. /dev/usb/lp0');
    }
    return { kind: 'usb-device', path: rest };
  }
  if (rest === '') throw problem('expected usb:///dev/usb/lp0 or usb://vendor:product[:serial]');
  if (rest.includes('/')) {
    throw problem('a device path needs three slashes (usb:///dev/usb/lp0); an id has none (usb://04b8:0e32)');
  }
  const [vendorId = '', productId, serial, ...extra] = rest.split(':');
  if (!hexId.test(vendorId)) throw problem(`vendor id "${vendorId}" must be 4 hex digits, e.g. 04b8`);
  if (productId === undefined || !hexId.test(productId)) {
    throw problem(`product id "${productId ?? ''}" must be 4 hex digits, e.g. usb://04b8:0e32`);
  }
  if (extra.length > 0 || serial === '')
    throw problem('expected usb://vendor:product or usb://vendor:product:serial');
  return {
    kind: 'usb-id',
    vendorId: vendorId.toLowerCase(),
    productId: productId.toLowerCase(),
    ...(serial === undefined ? {} : { serial }),
  };
}

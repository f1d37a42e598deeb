import { normaliseMac } from '@bonrelay/printing';

/** What one poll of a CloudPRNT printer says, read from its JSON body. */
export interface CloudprntPoll {
  readonly mac: string;
  /** As sent (`200%20OK`); decoded where it is used. */
  readonly statusCode: string | undefined;
  /** The printer's own dot width, from a `PageInfo` client action it answered. */
  readonly dotWidth: number | undefined;
}

/** The JSON a poll is answered with. */
export interface CloudprntPollAnswer {
  readonly jobReady: boolean;
  readonly mediaTypes?: readonly string[];
  readonly jobToken?: string;
  readonly clientAction?: readonly { readonly request: string; readonly options: string }[];
}

type Json = Record<string, unknown>;

function dotWidthFrom(actions: unknown): number | undefined {
  if (!Array.isArray(actions)) return undefined;
  const pageInfo = actions.find((action) => (action as Json | null)?.request === 'PageInfo') as
    | Json
    | undefined;
  const result = pageInfo?.result as Json | undefined;
  const width = Number(result?.printWidth) * Number(result?.horizontalResolution);
  return Number.isFinite(width) && width >= 100 && width <= 4000 ? Math.round(width) : undefined;
}

/**
 * Reads a poll body; undefined when it is not a CloudPRNT poll (no JSON object, no valid
 * `printerMAC`), which the endpoint refuses without looking further.
 */
export function readCloudprntPoll(body: unknown): CloudprntPoll | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const json = body as Json;
  const mac = typeof json.printerMAC === 'string' ? normaliseMac(json.printerMAC) : undefined;
  if (!mac) return undefined;
  return {
    mac,
    statusCode: typeof json.statusCode === 'string' ? json.statusCode : undefined,
    dotWidth: dotWidthFrom(json.clientAction),
  };
}

export type { CloudprntMediaType } from './cloudprnt-media.ts';
export {
  canDrawTicketText,
  cloudprntMediaTypes,
  dotWidthForPaper,
  isCloudprntMediaType,
  renderCloudprntJob,
  toPng,
} from './cloudprnt-media.ts';
export { normaliseMac, parseCloudprntUrl } from './cloudprnt-url.ts';
export type { CloudprntConfirmation, CloudprntStatus } from './status-code.ts';
export { decodeCloudprntStatus, readConfirmation } from './status-code.ts';

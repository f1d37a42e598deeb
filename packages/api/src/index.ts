export type { AccessOptions } from './access.ts';
export type { ApiOptions } from './app.ts';
export { createApi } from './app.ts';
export { type DashboardOptions, dashboardHtml } from './dashboard/dashboard-html.ts';
export { openApiDocument, operations } from './openapi.ts';
export type { Answer, BonrelayPorts, ListQuery, LiveUpdate, Page } from './ports.ts';

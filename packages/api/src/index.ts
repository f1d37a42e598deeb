export type { AccessOptions } from './access.ts';
export { requireAccess } from './access.ts';
export type { ApiOptions } from './app.ts';
export { createApi } from './app.ts';
export { type DashboardOptions, dashboardHtml } from './dashboard/dashboard-html.ts';
export type { Answer, BonrelayPorts, LiveUpdate, Page, Refusal } from './ports.ts';
export { documentedResponse, documentedRoutes } from './routes/documented-routes.ts';
export * from './schemas/index.ts';

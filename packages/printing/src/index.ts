export * from './cloudprnt/index.ts';
export * from './tickets/index.ts';
export * from './transport/index.ts';

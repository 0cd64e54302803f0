export * from './common.ts';
export * from './payments.ts';
export * from './guest.ts';
export * from './sessions.ts';
export * from './host.ts';
export * from './self-service.ts';

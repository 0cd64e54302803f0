export * from './api.ts';
export * from './client.ts';
export * from './errors.ts';
export { operations, type OperationName, type OperationRequest, type OperationResponse } from './operations.ts';

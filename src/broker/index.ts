export { createBroker, type Broker } from './app.ts';
export { brokerOptionsFromEnv, DEFAULT_RATE_LIMITS, type BrokerOptions, type RateLimits } from './options.ts';
export { createLogger } from './logger.ts';
export { startBroker } from './server.ts';

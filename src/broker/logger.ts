import pino, { type Logger } from 'pino';

/**
 * Structured logs. Routes log request metadata, never bodies; the redaction
 * list is the second line of defence should a payment field ever reach a log.
 */
export const REDACT_PATHS = [
  '*.number',
  '*.securityCode',
  '*.method',
  '*.password',
  '*.token',
  '*.lookupToken',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export function createLogger(options: pino.LoggerOptions = {}, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service: 'ic-broker' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      ...options,
    },
    destination,
  );
}

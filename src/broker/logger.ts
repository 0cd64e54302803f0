import pino, { type Logger } from 'pino';
import { luhnValid } from '../shared/validators.ts';

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

/**
 * A request path as it may be logged: a run of 12 to 19 digits that passes
 * the Luhn check (a card number someone typed into a URL) becomes "[card]".
 * Account numbers, keys and ids are left as they are.
 */
export function loggablePath(path: string): string {
  return path.replace(/\d{12,19}/g, (digits) => (luhnValid(digits) ? '[card]' : digits));
}

import * as z from 'zod/mini';
import { BrokerError } from './errors.ts';

/**
 * Parses a request value (a body, a query, a header) with a contract schema. A
 * failure names each bad field and what is wrong with it, never echoing the
 * value (it may be a card number).
 */
export function check<S extends z.ZodMiniType>(schema: S, value: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.infer<S>;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.') || '(body)';
    fields[path] ??= describe(issue);
  }
  throw new BrokerError('validation_failed', 400, message, { fields });
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Required.' : `Expected ${issue.expected}.`;
    case 'too_small':
      return 'Too small or too short.';
    case 'too_big':
      return 'Too large or too long.';
    case 'invalid_format':
      return 'Not in the expected format.';
    case 'unrecognized_keys':
      return 'Unknown field.';
    case 'invalid_value':
    case 'invalid_union':
      return 'Not an accepted value.';
    default:
      // Our own refinements carry safe, value-free messages.
      return issue.message;
  }
}

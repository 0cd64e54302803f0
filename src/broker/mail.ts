import { createTransport } from 'nodemailer';
import type { Store } from './store.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where the broker's mail goes. */
export interface Mailer {
  send(message: MailMessage & { from: string }): Promise<void>;
}

/** The display name of a sender (`Springfield Water & Power <no-reply@…>` → `Springfield Water & Power`): who the mail speaks for. */
export function senderName(from: string): string {
  return /^\s*"?([^"<]+?)"?\s*</.exec(from)?.[1] ?? from;
}

/** SMTP through nodemailer, e.g. `smtp://user:pass@mail.example.com:587`. */
export function smtpMailer(url: string): Mailer {
  const transport = createTransport(url);
  return {
    async send(message) {
      await transport.sendMail(message);
    },
  };
}

export interface OutboxEntry extends MailMessage {
  from: string;
  sentAt: string;
}

/**
 * Mail kept in the broker's database instead of sent: the default when no
 * SMTP server is configured, so the demo and tests can read what was "sent".
 */
export function outboxMailer(store: Store) {
  return {
    async send(message: MailMessage & { from: string }) {
      await store.db
        .insertInto('outbox')
        .values({ sent_at: Date.now(), message: JSON.stringify(message) })
        .execute();
    },
    /** Newest first. */
    async list(limit = 50): Promise<OutboxEntry[]> {
      const rows = await store.db.selectFrom('outbox').select(['sent_at', 'message']).orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({ ...(JSON.parse(r.message) as MailMessage & { from: string }), sentAt: new Date(r.sent_at).toISOString() }));
    },
  } satisfies Mailer & { list(limit?: number): Promise<OutboxEntry[]> };
}

/**
 * Money and dates for display (Intl, per language) and the parser for an
 * amount a payer types. Pure functions; the contract speaks integer cents.
 */
import type { Lang } from './localize.ts';

/** US dollars in every language; each as written in the United States (a host's own language too). */
const locale = (lang: Lang) => `${lang}-US`;

const moneyFormats = new Map<Lang, Intl.NumberFormat>();

/** 8420 → "$84.20". */
export function formatCents(cents: number, lang: Lang = 'en'): string {
  let f = moneyFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'USD' });
    moneyFormats.set(lang, f);
  }
  return f.format(cents / 100);
}

/** 8420 → "84.20": the value an amount field starts with (no symbol, no grouping). */
export function centsToInput(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * A typed amount → integer cents, or null when it is not a plain amount.
 * Accepts "84.20", "$84.2", "1,234.50", "1234", ".5"; rejects anything
 * else, including a comma used as the decimal mark ("84,20"), so an amount
 * is never silently misread — the review step shows the result anyway.
 */
export function parseAmount(text: string): number | null {
  const m = /^\s*(?:US)?\$?\s*((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d{0,2}))?\s*$/i.exec(text);
  if (!m || (m[1] === undefined && !m[2])) return null;
  const whole = (m[1] ?? '0').replace(/,/g, '');
  if (whole.length > 12) return null;
  const cents = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** "2026-12-15" → "December 15, 2026": a calendar date, never shifted by the time zone. */
export function formatDate(isoDate: string, lang: Lang = 'en'): string {
  const [y, mo, d] = isoDate.split('-').map(Number);
  if (!y || !mo || !d) return isoDate;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, mo - 1, d));
}

/** An instant in the payer's own time zone. */
export function formatDateTime(iso: string, lang: Lang = 'en'): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short' }).format(at);
}

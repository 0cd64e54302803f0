/**
 * The one localization layer: typed term tables (English in parts, plain data
 * in src/i18n/terms/, each imported by the modules that show it; Spanish
 * whole in i18n-es.ts, loaded on demand), the language resolution every
 * element uses, and a controller that renders an element's terms in its
 * language and re-renders it when the document's language changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
// Types only: the whole table is bundled only where the package entry imports it.
import type { englishTerms } from './english-terms.ts';
import { formatCents, formatDate, formatDateTime } from './money.ts';

/** The shipped languages, or one a host added with `registerTerms` (a primary subtag such as `fr`). */
export type Lang = 'en' | 'es' | (string & {});
export const LANGS: readonly Lang[] = ['en', 'es'];

/** Every term, with its type. Spanish (i18n-es.ts) must have exactly these keys (checked by tsc and by a test). */
export type Terms = typeof englishTerms;
export type TermKey = keyof Terms;

/** A term table: some of the terms (a part, or the parts one element shows), key → text or a function making it. */
export type TermTable = Partial<Terms>;

/** The tables of other languages loaded so far (Spanish whole, once loaded); English is each element's own. */
const tables: Record<string, TermTable | undefined> = {};
/** What hosts set at run time (`registerTerms`), per language; wins over the shipped tables. */
const overrides: Record<string, TermTable | undefined> = {};
let spanish: Promise<void> | undefined;

/**
 * Makes a language's terms ready. Spanish is a separate chunk (~2 KB gzip
 * that English pages never download), fetched the first time something asks
 * for it; returns undefined when the terms are already here. If the chunk
 * cannot load, the promise still resolves and the text stays English.
 */
export function loadTerms(lang: Lang): Promise<void> | undefined {
  if (lang !== 'es' || tables.es) return undefined;
  return (spanish ??= import('./i18n-es.ts').then(
    (m) => void (tables.es = m.es),
    () => undefined,
  ));
}

/** The arguments a term function takes (none for a plain string). */
export type TermArgs<K extends TermKey> = Terms[K] extends (...args: infer A) => string ? A : [];

/** Keys of `T`'s plain-string terms (no arguments). */
export type PlainTermKey<T extends TermTable> = { [K in keyof T & TermKey]: Terms[K] extends string ? K : never }[keyof T & TermKey];

type AnyPhrase = { [K in TermKey]: [K, ...TermArgs<K>] }[TermKey];

/**
 * A term of `T` with its arguments: a message decided now (a validation rule,
 * an error's wording), rendered later in the element's language. (An
 * intersection rather than a mapped type over `T`, so that a base class
 * generic in its table can take phrases of the tables every element has.)
 */
export type Phrase<T extends TermTable> = AnyPhrase & [keyof T, ...unknown[]];

/**
 * One term in one language: what a host registered for it, else that
 * language's table once loaded (see `loadTerms`), else the English of
 * `english`, the caller's own table. Functions take their arguments
 * (amounts, dates…) already formatted.
 */
export function term<T extends TermTable, K extends keyof T & TermKey>(lang: Lang, english: T, key: K, ...args: TermArgs<K>): string {
  const value = (overrides[lang]?.[key] ?? tables[lang]?.[key] ?? english[key]) as string | ((...a: unknown[]) => string);
  return typeof value === 'function' ? value(...args) : value;
}

/** `es-MX` → `es`; anything we do not ship → undefined. */
export function normalizeLang(value: string | null | undefined): Lang | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && (LANGS.includes(primary) || overrides[primary]) ? primary : undefined;
}

/**
 * Changes the elements' words at run time, no rebuild: any term of a shipped
 * language (`registerTerms('en', { findBill: 'Look up my bill' })`), or a
 * whole new language (`registerTerms('fr', { … })`; a term it lacks reads in
 * English). Elements on the page re-render at once. Later calls add to earlier ones.
 */
export function registerTerms(lang: string, terms: TermTable): void {
  const code = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(code)) throw new TypeError(`Not a language code: "${lang}"`);
  overrides[code] = { ...overrides[code], ...terms };
  hosts.forEach((h) => h.requestUpdate());
}

/**
 * The element's own `lang`, else the one its `<ic-provider>` provides, else
 * the nearest ancestor's (crossing shadow roots), else the document's, else
 * English. The first `lang` found wins even when we do not ship it (then
 * English): a French page gets English, not the Spanish of some outer wrapper.
 */
export function resolveLang(el: Element, provided?: string): Lang {
  // The element's own property first: Lit reflects it to the attribute only after render.
  const own = (el as HTMLElement).lang || el.getAttribute('lang') || provided;
  if (own) return normalizeLang(own) ?? 'en';
  for (let node = up(el); node; node = up(node)) {
    const lang = node instanceof Element && node.getAttribute('lang');
    if (lang) return normalizeLang(lang) ?? 'en';
  }
  return normalizeLang(document.documentElement.lang) ?? 'en';
}

const up = (node: Node): Node | null => node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);

const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

/**
 * Localization for one element: its terms (`english`, the tables it shows,
 * and the same keys in the element's language), money and dates in the
 * resolved language. Re-renders the host when `<html lang>` changes.
 */
export class Localize<T extends TermTable> implements ReactiveController {
  /** `provided`: the language an `<ic-provider>` gives the host, if any. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly english: T,
    private readonly provided: () => string | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  /** The language this element renders in now. */
  get lang(): Lang {
    return resolveLang(this.host, this.provided());
  }

  term<K extends keyof T & TermKey>(key: K, ...args: TermArgs<K>): string {
    return term(this.lang, this.english, key, ...args);
  }

  /** A phrase decided elsewhere (e.g. a validation rule), in this language. */
  phrase([key, ...args]: Phrase<T>): string {
    return (term as (lang: Lang, english: T, k: keyof T & TermKey, ...a: unknown[]) => string)(this.lang, this.english, key, ...args);
  }

  money(cents: number): string {
    return formatCents(cents, this.lang);
  }

  /** A calendar date (YYYY-MM-DD), as written in this language. */
  date(isoDate: string): string {
    return formatDate(isoDate, this.lang);
  }

  /** An instant, in the payer's time zone. */
  dateTime(iso: string): string {
    return formatDateTime(iso, this.lang);
  }

  /** "in 30 seconds" / "dentro de 30 segundos". */
  inSeconds(seconds: number): string {
    const rtf = new Intl.RelativeTimeFormat(this.lang, { numeric: 'always' });
    return seconds >= 90 ? rtf.format(Math.ceil(seconds / 60), 'minute') : rtf.format(Math.max(1, seconds), 'second');
  }

  hostConnected(): void {
    hosts.add(this.host);
    observer ??= new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
    if (hosts.size === 1) observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size === 0) observer?.disconnect();
  }
}

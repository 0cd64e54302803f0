/** Hearing what an element tells the host. */

/** Records every `name` event that reaches the document (they bubble and are composed). */
export function record<T = Record<string, unknown>>(...names: string[]) {
  const seen: { type: string; detail: T }[] = [];
  const on = (e: Event) => seen.push({ type: e.type, detail: (e as CustomEvent<T>).detail });
  names.forEach((n) => document.addEventListener(n, on));
  return { seen, stop: () => names.forEach((n) => document.removeEventListener(n, on)) };
}

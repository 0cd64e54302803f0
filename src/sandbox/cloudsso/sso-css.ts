/**
 * /cloudsso/assets/sso.css (a string for the same reason as sso-js.ts).
 * Colours meet WCAG 2.2 AA in light and dark schemes (body text ≥ 12:1,
 * secondary text and buttons ≥ 4.5:1); forced-colors keeps borders and focus
 * visible; logical properties; works at 320 px.
 */
export const SSO_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #1a1a1a;
  --muted: #4d4d4d;
  --card: #f5f7fa;
  --border: #8a8f98;
  --accent: #0b5cad;
  --on-accent: #ffffff;
  --error: #b00020;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121417;
    --fg: #f2f2f2;
    --muted: #c4c7cc;
    --card: #1e2228;
    --border: #7d848f;
    --accent: #8cc4ff;
    --on-accent: #0a1a2b;
    --error: #ff9e9e;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; padding: 0; }
.banner, .footer, main { padding-inline: 1rem; }
.banner { border-block-end: 1px solid var(--border); }
.biller { margin: 0; padding-block: 0.75rem; font-weight: 600; }
main { padding-block: 1rem; max-inline-size: 40rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin-block: 0 0.5rem; }
h2 { font-size: 1.125rem; margin-block: 0 0.5rem; }
.lede, .hint, .footer { color: var(--muted); }
.lede { margin-block: 0 1rem; }
.footer { font-size: 0.875rem; border-block-start: 1px solid var(--border); }
.card {
  background: var(--card);
  border: 1px solid var(--border);
  border-radius: 0.5rem;
  padding: 1rem;
  margin-block: 0 1rem;
}
.facts { margin: 0; display: grid; gap: 0.25rem; }
.facts div { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.status { font-weight: 600; }
.error { color: var(--error); font-weight: 600; margin-block: 0 1rem; }
.error:empty { margin: 0; }
.field { display: grid; gap: 0.25rem; margin-block-end: 1rem; }
label { font-weight: 600; }
.hint { margin: 0; font-size: 0.875rem; }
input {
  font: inherit;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 0.25rem;
  padding: 0.5rem;
  inline-size: 100%;
  max-inline-size: 20rem;
  min-block-size: 2.75rem;
}
input[aria-invalid="true"] { border-color: var(--error); border-width: 2px; }
button {
  font: inherit;
  font-weight: 600;
  color: var(--on-accent);
  background: var(--accent);
  border: 1px solid transparent;
  border-radius: 0.25rem;
  padding: 0.5rem 1.25rem;
  min-block-size: 2.75rem;
  cursor: pointer;
}
button:disabled { opacity: 0.6; cursor: progress; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media (forced-colors: active) {
  button, input, .card { border: 1px solid CanvasText; }
  :focus-visible { outline-color: Highlight; }
}
@media (prefers-reduced-motion: reduce) {
  * { transition: none !important; animation: none !important; }
}
`;

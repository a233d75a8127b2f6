/** The published site's one style sheet (system fonts, nothing from the internet), screen and print. */
export const SITE_CSS = `:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d4da; --accent: #1d4f91; --mine: #fff4c2; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
header, main { max-width: 56rem; margin: 0 auto; padding: 0.75rem 1rem; }
header nav { display: flex; flex-wrap: wrap; gap: 1rem; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, .scroll:focus-visible, main:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
.skip:focus { left: 0.5rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; }
.subtitle, .muted, .meta { color: var(--muted); }
.provisional { border-left: 4px solid #b35c00; padding-left: 0.75rem; }
.facts { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: 0.25rem 1rem; }
.hashes { grid-template-columns: minmax(0, 1fr); }
.hashes dd { font-family: ui-monospace, monospace; word-break: break-all; margin-bottom: 0.5rem; }
.facts div { display: contents; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; }
.scroll { overflow-x: auto; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
caption { text-align: start; font-weight: 600; }
.questions { padding-left: 0; list-style: none; }
.question { border-top: 1px solid var(--line); padding: 0.5rem 0.25rem; }
.question p { margin: 0.2rem 0; }
.q-text { font-weight: 600; white-space: pre-line; overflow-wrap: anywhere; }
.reply { white-space: pre-line; }
.written { white-space: pre-line; border-left: 3px solid var(--accent); padding-left: 0.6rem; }
.comments p { margin: 0.1rem 0; white-space: pre-line; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
.question.mine { background: var(--mine); border-left: 6px solid #b38600; padding-left: 0.75rem; }
.mine-label { display: inline-block; font-weight: 700; margin-right: 0.5rem; }
img { max-width: 100%; height: auto; }
figure { margin: 0.5rem 0; }
#verify-result { font-size: 1.2rem; font-weight: 700; }
#verify-result.intact { color: #17602c; }
#verify-result.altered { color: #a01010; }
@media print {
  header, .skip, #verify input { display: none; }
  .scroll { overflow: visible; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .question { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .question.mine { background: none; }
}
`;

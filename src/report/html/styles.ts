/** The report's only stylesheet, inline so the file opens anywhere without a network. */
export const STYLES = `
:root { --fg: #1d1f23; --muted: #626872; --line: #dde1e6; --bg-soft: #f5f7f9; --ok: #1f7a3a; --bad: #b3261e; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: var(--fg); margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
header.report-header { border-bottom: 1px solid var(--line); margin-bottom: 16px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 18px; margin: 28px 0 6px; }
h4 { font-size: 16px; margin: 22px 0 6px; }
h5 { font-size: 13px; margin: 12px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--bg-soft); border: 1px solid var(--line); padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
a { color: #1a5fb4; }
.muted { color: var(--muted); font-size: 13px; }
.banner { padding: 12px 16px; margin: 12px 0; border-radius: 6px; font-weight: 600; }
.banner-partial { background: #fff3cd; border: 2px solid #d39e00; color: #5c4400; }
.banner-unexpected { background: #fdecea; border: 1px solid #e0a19c; color: var(--bad); }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 12px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 92px; background: var(--bg-soft); }
.count-value { display: block; font-size: 22px; font-weight: 700; }
.count-label { font-size: 12px; color: var(--muted); }
.count-fails .count-value, .count-unexpected .count-value { color: var(--bad); }
.count-holds .count-value { color: var(--ok); }
.count-zero .count-value { color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.summary { width: 100%; }
tr.row-unexpected { background: #fff6f5; }
caption { text-align: left; font-size: 12px; color: var(--muted); padding: 2px 0; }
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12.5px; font-weight: 700; color: #fff; }
.verdict-holds { background: var(--ok); }
.verdict-fails { background: var(--bad); }
.verdict-inconclusive { background: #6b7280; }
.as-expected { color: var(--ok); font-size: 12.5px; white-space: nowrap; }
.unexpected { color: var(--bad); font-weight: 700; font-size: 12.5px; white-space: nowrap; }
.tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; border: 1px solid var(--line); background: var(--bg-soft); }
.tag-warn { border-color: #d39e00; background: #fff3cd; color: #5c4400; }
.provenance { padding: 8px 12px; border-left: 4px solid var(--line); background: var(--bg-soft); margin: 8px 0; }
.provenance p { margin: 4px 0 0; }
.provenance-reconstructed { border-left-color: #d97706; background: #fff7ed; }
.provenance-reconstructed .tag-provenance { background: #d97706; color: #fff; border-color: #d97706; font-weight: 700; }
.provenance-quoted { border-left-color: var(--ok); }
.statement { margin: 8px 0; padding: 8px 14px; border-left: 4px solid #9aa4b1; font-size: 15.5px; }
section.claim { border-top: 2px solid var(--line); margin-top: 28px; }
article.regime { border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 12px; margin: 14px 0; }
article.regime[data-verdict="fails"] { border-left: 4px solid var(--bad); }
article.regime[data-verdict="holds"] { border-left: 4px solid var(--ok); }
.finding { background: #fff3cd; padding: 6px 10px; border-radius: 4px; }
.why { color: var(--muted); font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; font-size: 13.5px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; }
.counterexample { border: 1px solid #e0a19c; background: #fffafa; border-radius: 6px; padding: 4px 12px; margin: 10px 0; }
.charts { display: flex; flex-wrap: wrap; gap: 18px; margin-top: 10px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; max-width: 100%; }
figure.chart figcaption { font-size: 13px; margin-bottom: 4px; max-width: 560px; }
.chart-svg svg { display: block; max-width: 100%; height: auto; }
.chart-error { color: var(--bad); font-size: 13px; }
.images { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 12px; }
figure.image { margin: 0; text-align: center; font-size: 12px; }
figure.image img { image-rendering: pixelated; border: 1px solid var(--line); display: block; }
ul.plain { margin: 0; padding-left: 18px; }
nav.toc ul { columns: 2; font-size: 13.5px; }
table.kv th { color: var(--muted); font-weight: 500; white-space: nowrap; }
@media print { .charts { display: block; } figure.chart { break-inside: avoid; } }
`;

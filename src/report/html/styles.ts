/** The report's only stylesheet, inline so the file opens anywhere without a network. */
export const STYLES = `
:root { --fg: #1d1f23; --muted: #5b616b; --line: #dde1e6; --bg-soft: #f5f7f9;
  --ok: #17663a; --ok-bg: #e6f4ea; --bad: #a3211b; --bad-bg: #fdecea; --warn: #7a4700; --warn-bg: #fff2d4; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: var(--fg); margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 28px 64px; overflow-wrap: anywhere; }
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
tr.tone-bad { background: var(--bad-bg); }
caption { text-align: left; font-size: 12px; color: var(--muted); padding: 2px 0; }
.verdict { display: inline-block; padding: 0 7px; border-radius: 4px; font-size: 12.5px; font-weight: 600; color: var(--fg); background: var(--bg-soft); border: 1px solid #b9c0c8; }
/* Outcome, not verdict, carries colour: green as expected, red not, amber inconclusive or a probe. */
.status { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 13px; font-weight: 700; border: 1px solid; white-space: nowrap; }
.status-ok { color: var(--ok); background: var(--ok-bg); border-color: #8cc79f; }
.status-bad { color: var(--bad); background: var(--bad-bg); border-color: #e3a29d; }
.status-warn { color: var(--warn); background: var(--warn-bg); border-color: #e0b45c; }
.legend { font-size: 13px; color: var(--muted); margin: 0 0 10px; line-height: 1.9; }
section.paper { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; padding: 6px 16px 12px; margin: 0 0 16px; }
section.paper.tone-ok { border-left-color: #3f9d62; }
section.paper.tone-warn { border-left-color: #d39e00; }
section.paper.tone-bad { border-left-color: #c8423a; }
section.paper h3 { margin: 6px 0 2px; }
.paper-ref { margin: 0 0 6px; font-size: 13.5px; color: var(--muted); }
.paper-summary { margin: 4px 0 10px; font-weight: 600; }
.score-row { border-top: 1px solid var(--line); padding: 6px 0 4px; }
.score-head { font-size: 15px; }
.score-title { font-weight: 600; }
.claim-id { color: var(--muted); font-size: 12px; }
ul.facts-list { list-style: none; margin: 2px 0 0; padding: 0 0 0 10px; font-size: 13.5px; }
ul.facts-list li { margin: 1px 0; padding-left: 8px; border-left: 3px solid transparent; }
ul.facts-list li.tone-ok { border-left-color: #8cc79f; }
ul.facts-list li.tone-warn { border-left-color: #e0b45c; }
ul.facts-list li.tone-bad { border-left-color: #e3a29d; background: var(--bad-bg); }
.fact-label { font-weight: 600; color: var(--muted); }
.headline-title { margin: 14px 0 4px; }
.headline-figures figure.chart { flex: 1 1 460px; }
.headline-figures figcaption strong { font-size: 14px; }
details > summary { cursor: pointer; }
details.claim, details.experiment { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; padding: 6px 12px; }
details.claim[open], details.experiment[open] { padding-bottom: 12px; }
details.claim > summary, details.experiment > summary { font-size: 15px; padding: 2px 0; }
.claim-title { font-weight: 600; }
details.more { margin: 8px 0; }
details.more > summary { color: #1a5fb4; font-size: 13.5px; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.paper-details-title { margin-top: 22px; }
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
article.regime.tone-ok { border-left: 4px solid #3f9d62; }
article.regime.tone-warn { border-left: 4px solid #d39e00; }
article.regime.tone-bad { border-left: 4px solid #c8423a; }
.finding { background: var(--warn-bg); padding: 6px 10px; border-radius: 4px; }
.why { color: var(--muted); font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; font-size: 13.5px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; }
.counterexample { border: 1px solid var(--line); background: var(--bg-soft); border-radius: 6px; padding: 4px 12px; margin: 10px 0; }
.regime.tone-bad .counterexample { border-color: #e3a29d; background: var(--bad-bg); }
.charts { display: flex; flex-wrap: wrap; gap: 18px; margin-top: 10px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; max-width: 100%; }
figure.chart figcaption { font-size: 13px; margin-bottom: 4px; max-width: 560px; }
.chart-svg svg { display: block; max-width: 100%; height: auto; }
.chart-svg svg text { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; }
.chart-error { color: var(--bad); font-size: 13px; }
.images { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 12px; }
figure.image { margin: 0; text-align: center; font-size: 12px; }
figure.image img { image-rendering: pixelated; border: 1px solid var(--line); display: block; }
ul.plain { margin: 0; padding-left: 18px; }
nav.toc ul { columns: 2; font-size: 13.5px; }
table.kv th { color: var(--muted); font-weight: 500; white-space: nowrap; }
@media (max-width: 640px) {
  main { padding: 12px 12px 48px; }
  h1 { font-size: 21px; }
  section.paper { padding: 4px 10px 10px; }
  ul.facts-list { padding-left: 0; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 4px; }
  .status { white-space: normal; }
  nav.toc ul { columns: 1; }
}
@media print { .charts { display: block; } figure.chart { break-inside: avoid; } details > * { display: block; } }
`;

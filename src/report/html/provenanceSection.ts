import type { RunProvenance } from '../provenance.ts';
import { html, type SafeHtml } from './escape.ts';
import { formatDuration } from './format.ts';

/** Everything needed to say what ran where: versions, backends (and why one fell back), seeds, machine. */
export function provenanceSection(p: RunProvenance): SafeHtml {
  const m = p.machine;
  const rows: [string, SafeHtml | string][] = [
    ['tool', `${p.tool} ${p.toolVersion}`],
    ['command', html`<code>${p.command}</code>`],
    [
      'commit',
      p.commit
        ? html`<code>${p.commit}</code>${p.commit.endsWith('+dirty') ? html` <span class="tag tag-warn">uncommitted changes</span>` : ''}`
        : 'not a git checkout',
    ],
    ['Node', p.node],
    ['packages', html`${Object.entries(p.packages).map(([name, version], i) => html`${i ? ', ' : ''}<code>${name}@${version}</code>`)}`],
    [
      'backends that ran',
      p.backends.length
        ? html`<ul class="plain">${p.backends.map((b) => html`<li><strong>${b.name}</strong> — ${b.device}${b.fallbackReason ? html` <span class="tag tag-warn">fallback</span> ${b.fallbackReason}` : ''}</li>`)}</ul>`
        : 'none recorded',
    ],
    ['profile', p.profile],
    ['base seed', html`<code>${p.seed}</code> <span class="muted">(each claim regime derives its own seed, shown with it)</span>`],
    ['machine', `${m.hostname}: ${m.platform}/${m.arch}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB`],
    ['started', p.startedAt],
    ['finished', p.finishedAt],
    ['duration', formatDuration(p.durationMs)],
    ['complete', p.partial ? html`<strong>no — partial run</strong>` : 'yes'],
  ];
  return html`<section id="provenance"><h2>Provenance of this run</h2>
<table class="kv provenance-table"><tbody>${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</tbody></table>
</section>`;
}

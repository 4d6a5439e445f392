/** A short hash, so that ids differing only in punctuation (`a/b`, `a-b`) get different anchors. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** Fragment ids for claims and regimes: only [a-z0-9-], so they are safe in href and id alike. */
export function slug(text: string): string {
  const readable = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${readable || 'x'}-${fnv1a(text)}`;
}

export function anchorFor(claimId: string, regime?: string): string {
  return regime === undefined ? `claim-${slug(claimId)}` : `claim-${slug(claimId)}--${slug(regime)}`;
}

/**
 * Minimum-cost perfect assignment of an n×n cost matrix (row i → column assignment[i]):
 * brute force over permutations for n ≤ 4 (exact and obviously right), the Hungarian algorithm
 * (potentials, O(n³)) otherwise.
 */
export function minimumAssignment(cost: number[][]): { assignment: number[]; total: number } {
  const n = cost.length;
  if (n === 0) return { assignment: [], total: 0 };
  return n <= 4 ? bruteForce(cost) : hungarian(cost);
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  return out;
}

export function bruteForce(cost: number[][]): { assignment: number[]; total: number } {
  let best = { assignment: [] as number[], total: Infinity };
  for (const p of permutations(cost.length)) {
    let total = 0;
    for (let i = 0; i < p.length; i++) total += cost[i][p[i]];
    if (total < best.total) best = { assignment: p, total };
  }
  return best;
}

export function hungarian(cost: number[][]): { assignment: number[]; total: number } {
  const n = cost.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const current = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (current < minv[j]) {
          minv[j] = current;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const assignment = new Array<number>(n).fill(0);
  for (let j = 1; j <= n; j++) if (p[j] > 0) assignment[p[j] - 1] = j - 1;
  let total = 0;
  for (let i = 0; i < n; i++) total += cost[i][assignment[i]];
  return { assignment, total };
}

/*
 * The step kernels, written once and instantiated for float and double (addon.c includes this
 * file twice with REAL / VL / SFX defined). Layout: unique patches X (Up × dp, packed in column
 * panels: for each run of PW columns, Up rows of PW values, so a gradient tile streams one
 * contiguous panel) and their
 * transpose XT packed in panels (for each run of PW = 4·VL patches, d rows of PW values, so a
 * forward tile streams one contiguous panel), filters W (Rp × dp), coefficients D (Rp × Up, a filter's
 * row contiguous, so the forward epilogue stores whole vectors), gradient G (Rp × dp);
 * dp, Rp, Up are padded with zeros so the kernels never need a tail, which is exact because zero
 * rows and columns add nothing.
 *
 * Determinism: every output element is owned by one thread and summed in a fixed order (k
 * ascending in the forward products, j ascending in a_u, u ascending in the gradient), so results
 * are bit-identical for any number of threads, in float as in double.
 */
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define VEC CAT(vec_, SFX)
#define FN(name) CAT(name, SFX)
#define PW (4 * VL)

typedef REAL VEC __attribute__((vector_size(64), aligned(64)));

/*
 * Keeps a loaded vector in a register: left alone, GCC folds the load into each of the four FMAs
 * that use it, and four loads per FMA group made the tiles load-bound (20 loads per 16 FMAs
 * instead of 8). An empty asm changes no value, so results stay bit-identical.
 */
#ifndef PIN
#if defined(__GNUC__) && defined(__AVX512F__) /* one zmm register per vector; narrower ISAs split it */
#define PIN(v) __asm__("" : "+v"(v))
#else
#define PIN(v) ((void)0)
#endif
#endif

#if defined(__AVX512F__) && VL == 16
/*
 * The epilogue's lane math for eight lanes in AVX-512 double, operation for operation the scalar
 * loops' below (same roundings, NaN the same way: an ordered z ≤ 0 is false for NaN), so the bits
 * are the same; *value and *slope get σ(z) and σ'(z). Returns 0 for an activation it does not have.
 */
static inline __attribute__((always_inline)) int epilogue_lanes_f64x8(const Trainer *t, __m512d z, __m512d *value, __m512d *slope) {
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
  if (t->act == ACT_HUBER && t->q_minus_one_int >= 1 && t->q_minus_one_int <= 3) {
    const __mmask8 nonpositive = _mm512_cmp_pd_mask(z, zero, _CMP_LE_OQ);
    const __m512d zz = _mm512_mask_mov_pd(z, nonpositive, zero);
    const __m512d r = _mm512_mul_pd(zz, _mm512_set1_pd(t->inv_kappa));
    __m512d p = r;
    if (t->q_minus_one_int >= 2) p = _mm512_mul_pd(r, r);
    if (t->q_minus_one_int == 3) p = _mm512_mul_pd(p, r);
    const __mmask8 linear = _mm512_cmp_pd_mask(zz, _mm512_set1_pd(t->kappa), _CMP_GT_OQ);
    const __m512d curve = _mm512_mul_pd(_mm512_mul_pd(p, r), _mm512_set1_pd(t->kappa_over_q));
    *value = _mm512_mask_blend_pd(linear, curve, _mm512_sub_pd(zz, _mm512_set1_pd(t->shift)));
    *slope = _mm512_mask_mov_pd(_mm512_mask_blend_pd(linear, p, one), nonpositive, zero);
    return 1;
  }
  if (t->act == ACT_RELU) {
    const __mmask8 positive = _mm512_cmp_pd_mask(z, zero, _CMP_GT_OQ);
    *value = _mm512_maskz_mov_pd(positive, z);
    *slope = _mm512_maskz_mov_pd(positive, one);
    return 1;
  }
  if (t->act == ACT_RELU_POW && t->q_minus_one_int == 1) {
    const __m512d zz = _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(z, zero, _CMP_GT_OQ), z);
    *value = _mm512_mul_pd(zz, zz);
    *slope = _mm512_mul_pd(_mm512_set1_pd(t->q), zz);
    return 1;
  }
  return 0;
}
#endif

/*
 * The epilogue of one forward tile, vectorized over patches: for filter j and lanes holding
 * z = ⟨x_u, w_j⟩ of consecutive patches, a_u += s_j σ(z) and D[j, u] = s_j σ'(z)/m, in double.
 * The common activations get branch-free lane loops (AVX-512 intrinsics in float, where they
 * took a third of the forward pass as compiled lane loops); the rest call activation() per lane.
 */
static inline __attribute__((always_inline)) void FN(epilogue_)(const Trainer *t, VEC zv, int j, int u0, double *a, REAL *D) {
  const double sign = j < t->m ? 1.0 : -1.0;
  const double scale = sign * t->inv_m;
  REAL *d_row = D + (size_t)j * t->Up + u0;
#if defined(__AVX512F__) && VL == 16
  {
    const __m512 zf = (__m512)zv;
    const __m512d half[2] = {_mm512_cvtps_pd(_mm512_castps512_ps256(zf)), _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(zf), 1)))};
    __m512d value[2], slope[2];
    if (epilogue_lanes_f64x8(t, half[0], &value[0], &slope[0]) && epilogue_lanes_f64x8(t, half[1], &value[1], &slope[1])) {
      const __m512d s = _mm512_set1_pd(sign), c = _mm512_set1_pd(scale);
      for (int h = 0; h < 2; h++) _mm512_storeu_pd(a + u0 + 8 * h, _mm512_add_pd(_mm512_loadu_pd(a + u0 + 8 * h), _mm512_mul_pd(s, value[h])));
      const __m256 lo = _mm512_cvtpd_ps(_mm512_mul_pd(c, slope[0])), hi = _mm512_cvtpd_ps(_mm512_mul_pd(c, slope[1]));
      _mm512_store_ps(d_row, _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(lo)), _mm256_castps_pd(hi), 1)));
      return;
    }
  }
#endif
  double z[VL], value[VL], slope[VL];
  for (int l = 0; l < VL; l++) z[l] = (double)zv[l];
  const double ik = t->inv_kappa, kq = t->kappa_over_q, kappa = t->kappa, shift = t->shift, q = t->q;
#define LANES(POW)                                                           \
  for (int l = 0; l < VL; l++) {                                             \
    const double zz = z[l] <= 0 ? 0 : z[l]; /* NaN stays NaN */             \
    const double r = zz * ik;                                                \
    const double p = POW;                                                    \
    const int linear = zz > kappa;                                           \
    value[l] = linear ? zz - shift : p * r * kq;                             \
    slope[l] = zz <= 0 ? 0.0 : (linear ? 1.0 : p);                           \
  }
  if (t->act == ACT_HUBER && t->q_minus_one_int == 2) { LANES(r * r) }
  else if (t->act == ACT_HUBER && t->q_minus_one_int == 1) { LANES(r) }
  else if (t->act == ACT_HUBER && t->q_minus_one_int == 3) { LANES(r * r * r) }
#undef LANES
  else if (t->act == ACT_RELU) {
    for (int l = 0; l < VL; l++) {
      value[l] = z[l] > 0 ? z[l] : 0;
      slope[l] = z[l] > 0 ? 1.0 : 0.0;
    }
  } else if (t->act == ACT_RELU_POW && t->q_minus_one_int == 1) {
    for (int l = 0; l < VL; l++) {
      const double zz = z[l] > 0 ? z[l] : 0;
      value[l] = zz * zz;
      slope[l] = q * zz;
    }
  } else {
    for (int l = 0; l < VL; l++) activation(t, z[l], &value[l], &slope[l]);
  }
  for (int l = 0; l < VL; l++) {
    a[u0 + l] += sign * value[l];
    d_row[l] = (REAL)(scale * slope[l]);
  }
}

/*
 * One forward tile: nb filters from j0 against nv vectors of patches from u0, over all of k.
 * Six filters by four vectors fill 24 of the 32 vector registers, with the four vectors of Xᵀ
 * and a broadcast: 10 loads per 24 FMAs, where four filters took 8 per 16.
 */
static inline __attribute__((always_inline)) void FN(forward_tile_)(Trainer *t, int j0, int nb, int u0, int nv) {
  const int d = t->d, dp = t->dp;
  const REAL *XT = (const REAL *)t->XT + (size_t)(u0 / PW) * d * PW, *W = (const REAL *)t->W;
  VEC acc[FB][4];
  for (int b = 0; b < nb; b++)
    for (int v = 0; v < nv; v++) acc[b][v] = (VEC){0};
  const REAL *w0 = W + (size_t)j0 * dp;
  for (int k = 0; k < d; k++) {
    const REAL *xr = XT + (size_t)k * PW;
    VEC xv[4];
    for (int v = 0; v < nv; v++) {
      xv[v] = *(const VEC *)(xr + (size_t)v * VL);
      PIN(xv[v]);
    }
    for (int b = 0; b < nb; b++) {
      const REAL wb = w0[(size_t)b * dp + k];
      for (int v = 0; v < nv; v++) acc[b][v] += wb * xv[v];
    }
  }
  for (int b = 0; b < nb; b++) {
    if (j0 + b >= t->R) break;
    for (int v = 0; v < nv; v++) FN(epilogue_)(t, acc[b][v], j0 + b, u0 + v * VL, t->a, (REAL *)t->D);
  }
}

/* The tile for nb ∈ {2, 4, FB} filters and nv ∈ 1..4 vectors, each with constant bounds. */
static inline void FN(forward_block_)(Trainer *t, int j0, int nb, int u0, int nv) {
#define NV(NB)                                                   \
  switch (nv) {                                                  \
    case 4: FN(forward_tile_)(t, j0, NB, u0, 4); break;          \
    case 3: FN(forward_tile_)(t, j0, NB, u0, 3); break;          \
    case 2: FN(forward_tile_)(t, j0, NB, u0, 2); break;          \
    default: FN(forward_tile_)(t, j0, NB, u0, 1); break;         \
  }
  if (nb == FB) { NV(FB) }
  else if (nb == 4) { NV(4) }
  else { NV(2) }
#undef NV
}

/*
 * Forward over unique patches, Zᵀ = W Xᵀ with patches along the vector lanes (no horizontal
 * sums), the activation fused into the epilogue. Threads take patch tiles as they come free (on
 * a shared machine a static split waits for the slower thread); a tile is computed the same
 * whichever thread takes it, and a_u is summed over j in ascending order whatever the split.
 */
static void FN(forward_)(Trainer *t) {
  const int Rp = t->Rp;
  const int nvec = t->Uv / VL;
  const int tiles = (nvec + 3) / 4;
  const int threads = t->threads_for_step;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads > 1)
  for (int tile = 0; tile < tiles; tile++) {
    const int v0 = 4 * tile;
    const int nv = nvec - v0 < 4 ? nvec - v0 : 4;
    const int u0 = v0 * VL;
    for (int l = 0; l < nv * VL; l++) t->a[u0 + l] = 0;
    /* Rp is a multiple of 4, so the last block holds 4 or 2 filters when FB = 6. */
    for (int j0 = 0; j0 < Rp; j0 += FB < Rp - j0 ? FB : Rp - j0) FN(forward_block_)(t, j0, FB < Rp - j0 ? FB : Rp - j0, u0, nv);
  }
}

/* One G tile: rows j0..j0+3, nv vectors of columns from v0, accumulated over u in [u0, u1). */
static inline __attribute__((always_inline)) void FN(gradient_tile_)(const Trainer *t, int j0, int v0, int nv, int u0, int u1, int first) {
  const int dp = t->dp;
  const size_t Up = (size_t)t->Up;
  const REAL *X = (const REAL *)t->X, *C = (const REAL *)t->D;
  REAL *G = (REAL *)t->G;
  VEC acc[4][4];
  for (int b = 0; b < 4; b++)
    for (int v = 0; v < nv; v++)
      acc[b][v] = first ? (VEC){0} : *(const VEC *)(G + (size_t)(j0 + b) * dp + (size_t)(v0 + v) * VL);
  for (int u = u0; u < u1; u++) {
    const REAL *xr = X + ((size_t)(v0 / 4) * t->Up + u) * PW;
    const REAL *cr = C + (size_t)j0 * Up + u;
    VEC xv[4];
    for (int v = 0; v < nv; v++) {
      xv[v] = *(const VEC *)(xr + (size_t)v * VL);
      PIN(xv[v]);
    }
    for (int b = 0; b < 4; b++) {
      const REAL cb = cr[(size_t)b * Up];
      for (int v = 0; v < nv; v++) acc[b][v] += cb * xv[v];
    }
  }
  for (int b = 0; b < 4; b++)
    for (int v = 0; v < nv; v++) *(VEC *)(G + (size_t)(j0 + b) * dp + (size_t)(v0 + v) * VL) = acc[b][v];
}

/*
 * G = Cᵀ X with C[j, u] = gsum[u] · D[j, u]. Threads own column tiles of G; u is blocked so a
 * tile's panel of X stays in L2 across the filter blocks.
 */
static void FN(gradient_)(Trainer *t) {
  const int Rp = t->Rp, Up = t->Up, dp = t->dp;
  REAL *C = (REAL *)t->D;
  const double *gsum = t->gsum;
  const int threads = t->threads_for_step;
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
  for (int j = 0; j < t->R; j++) /* rows R..Rp-1 stay zero */
    for (int u = 0; u < Up; u++) C[(size_t)j * Up + u] = (REAL)(gsum[u] * (double)C[(size_t)j * Up + u]);

  const int nvec = dp / VL;
  const int tiles = (nvec + 3) / 4;
  if (Up == 0) {
    memset(t->G, 0, (size_t)Rp * dp * sizeof(REAL));
    return;
  }
  /* u blocks outermost, so X streams from memory once per step, not once per column tile. The
     work items are (column tile, filter block) pairs, tile-major; each thread takes a contiguous
     run of them holding an equal share of the vectors (the last tile can be narrow: at d = 784,
     one vector of 49), so it keeps its tiles' panels of X in cache, and has the same items in
     every block, so no barrier is needed between blocks. Which thread computes an item changes
     no bit. */
  const int ublock = 256;
  const int jblocks = Rp / 4;
  const int items = tiles * jblocks;
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
#ifdef _OPENMP
    const int me = omp_get_thread_num(), team = omp_get_num_threads();
#else
    const int me = 0, team = 1;
#endif
    /* Item i covers vectors [cost(i), cost(i + 1)) of jblocks · nvec in all; a thread owns the items starting in its share. */
    const int64_t total = (int64_t)jblocks * nvec, from = total * me / team, to = total * (me + 1) / team;
    int first = items, last = items;
    for (int item = 0, cost = 0; item < items; item++) {
      const int tile = item / jblocks;
      if (first == items && cost >= from) first = item;
      if (cost >= to) { last = item; break; }
      cost += nvec - 4 * tile < 4 ? nvec - 4 * tile : 4;
    }
    for (int u0 = 0; u0 < Up; u0 += ublock) {
      const int u1 = u0 + ublock < Up ? u0 + ublock : Up;
      for (int item = first; item < last; item++) {
        const int tile = item / jblocks;
        const int j0 = 4 * (item - tile * jblocks);
        const int v0 = 4 * tile;
        const int nv = nvec - v0 < 4 ? nvec - v0 : 4;
        switch (nv) {
          case 4: FN(gradient_tile_)(t, j0, v0, 4, u0, u1, u0 == 0); break;
          case 3: FN(gradient_tile_)(t, j0, v0, 3, u0, u1, u0 == 0); break;
          case 2: FN(gradient_tile_)(t, j0, v0, 2, u0, u1, u0 == 0); break;
          default: FN(gradient_tile_)(t, j0, v0, 1, u0, u1, u0 == 0); break;
        }
      }
    }
  }
}

static void FN(load_weights_)(Trainer *t) {
  REAL *W = (REAL *)t->W;
  for (int j = 0; j < t->R; j++)
    for (int k = 0; k < t->d; k++) W[(size_t)j * t->dp + k] = (REAL)t->w64[(size_t)j * t->d + k];
}

static void FN(copy_patch_)(Trainer *t, int u, const double *src) {
  REAL *X = (REAL *)t->X;
  for (int k = 0; k < t->d; k++) X[((size_t)(k / PW) * t->Up + u) * PW + k % PW] = (REAL)src[k];
}

#if defined(__AVX512F__) && VL == 16
/*
 * A 16 × 16 block of floats transposed in registers: rows from src (row stride ss floats) to rows
 * of dst (stride ds). Pure data movement, so exact.
 */
static inline void transpose16_f32(const float *src, size_t ss, float *dst, size_t ds) {
  __m512 r[16], t[16];
  for (int i = 0; i < 16; i++) r[i] = _mm512_load_ps(src + (size_t)i * ss);
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44);
    r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44);
    r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
  }
  for (int i = 0; i < 4; i++) {
    t[i] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0x88);
    t[i + 4] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0xDD);
    t[i + 8] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0x88);
    t[i + 12] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0xDD);
  }
  for (int i = 0; i < 4; i++) {
    r[i] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88);
    r[i + 8] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0xDD);
    r[i + 4] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0x88);
    r[i + 12] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0xDD);
  }
  for (int i = 0; i < 16; i++) _mm512_store_ps(dst + (size_t)i * ds, r[i]); /* r[i]: column i of the block */
}
#endif

/* XT = Xᵀ, packed in panels, in 16 × 16 blocks, so neither side is walked with a cache-line stride; threads own rows of XT. */
static void FN(transpose_)(Trainer *t) {
  const REAL *X = (const REAL *)t->X;
  REAL *XT = (REAL *)t->XT;
#pragma omp parallel for schedule(static) num_threads(t->threads) if (t->threads > 1 && (int64_t)t->Up * t->d > 100000)
  for (int k0 = 0; k0 < t->d; k0 += 16)
    for (int u0 = 0; u0 < t->Up; u0 += 16) {
#if defined(__AVX512F__) && VL == 16
      /* Up is a multiple of 16; a block needs 16 rows of Xᵀ, so the last rows of a d that is not one go the scalar way. */
      if (k0 + 16 <= t->d) {
        transpose16_f32(X + ((size_t)(k0 / PW) * t->Up + u0) * PW + k0 % PW, PW, XT + ((size_t)(u0 / PW) * t->d + k0) * PW + u0 % PW, PW);
        continue;
      }
#endif
      for (int k = k0; k < k0 + 16 && k < t->d; k++)
        for (int u = u0; u < u0 + 16 && u < t->Up; u++) XT[((size_t)(u / PW) * t->d + k) * PW + u % PW] = X[((size_t)(k / PW) * t->Up + u) * PW + k % PW];
    }
}

static void FN(read_gradient_)(const Trainer *t, double *out) {
  const REAL *G = (const REAL *)t->G;
  for (int j = 0; j < t->R; j++)
    for (int k = 0; k < t->d; k++) out[(size_t)j * t->d + k] = (double)G[(size_t)j * t->dp + k];
}

static void FN(update_)(Trainer *t, double lr) {
  const REAL *G = (const REAL *)t->G;
  REAL *W = (REAL *)t->W;
  for (int j = 0; j < t->R; j++) {
    for (int k = 0; k < t->d; k++) {
      double *w = &t->w64[(size_t)j * t->d + k];
      *w -= lr * (double)G[(size_t)j * t->dp + k];
      W[(size_t)j * t->dp + k] = (REAL)*w;
    }
  }
}

#undef VEC
#undef FN
#undef PW

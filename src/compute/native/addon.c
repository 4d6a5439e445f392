/*
 * Native CPU path for the patch CNN: a Node-API addon with one trainer object that keeps the
 * (deduplicated) data and the filters resident. The step is two GEMM-shaped passes over the
 * unique non-zero patches — forward with the activation fused in, gradient as Cᵀ X — plus an
 * O(nP) pass in double for outputs, loss and ℓ'. Zero patches are dropped and identical patches
 * merged at load time; both are exact (σ(0) = σ'(0) = 0, and equal patches have equal z).
 */
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#endif
#if defined(__AVX512F__)
#include <immintrin.h>
#endif

enum { ACT_HUBER = 0, ACT_RELU = 1, ACT_RELU_POW = 2 };

typedef struct {
  int precision; /* 32 or 64 */
  int n, P, d, m, R, Rp, dp, U, Up, Uv; /* Uv: Up rounded to whole vectors (the patches the forward pass covers) */
  int threads, threads_for_step;
  int act;
  double q, kappa, shift, inv_kappa, kappa_over_q, inv_m; /* reciprocals: divisions dominated the epilogue */
  int q_minus_one_int; /* q − 1 when it is a small non-negative integer, else −1 */
  int32_t *uidx;       /* n·P, unique patch of (i, p) or −1 for a zero patch */
  double *y, *w64, *a, *gsum, *f;
  void *X, *XT, *W, *D, *G;
  size_t X_mapped, XT_mapped, D_mapped; /* mmap lengths of the big buffers, 0 when they came from malloc */
  int zero_patches;
} Trainer;

static inline double power_q_minus_one(const Trainer *t, double r) {
  if (t->q_minus_one_int >= 0) {
    double p = 1.0;
    for (int e = 0; e < t->q_minus_one_int; e++) p *= r;
    return p;
  }
  return pow(r, t->q - 1.0);
}

/*
 * σ(z) and σ'(z) in double, as in src/models/activation.ts, down to NaN: the Huberized ReLU
 * carries it (so divergence shows in the loss), ReLU and ReLU^q map it to 0 as the reference does.
 */
static inline void activation(const Trainer *t, double z, double *value, double *slope) {
  switch (t->act) {
    case ACT_HUBER:
      if (z <= 0) {
        *value = 0;
        *slope = 0;
      } else if (z > t->kappa) {
        *value = z - t->shift;
        *slope = 1;
      } else {
        const double r = z * t->inv_kappa;
        const double p = power_q_minus_one(t, r);
        *slope = p;
        *value = p * r * t->kappa_over_q;
      }
      return;
    case ACT_RELU:
      *value = z > 0 ? z : 0;
      *slope = z > 0 ? 1 : 0;
      return;
    default:
      if (z > 0) {
        const double p = power_q_minus_one(t, z);
        *value = p * z;
        *slope = t->q * p;
      } else {
        *value = 0;
        *slope = 0;
      }
      return;
  }
}

/* Filters per forward tile (see forward_tile_ in kernels.h). */
#ifndef FB
#define FB 6
#endif
#define REAL float
#define VL 16
#define SFX f32
#include "kernels.h"
#undef REAL
#undef VL
#undef SFX
#define REAL double
#define VL 8
#define SFX f64
#include "kernels.h"
#undef REAL
#undef VL
#undef SFX

/* Zeroed and 64-byte aligned; big buffers are zeroed by all threads, which shares the page faults. */
static void *aligned_zeros(size_t bytes, int threads) {
  size_t rounded = (bytes + 63) / 64 * 64;
  if (rounded == 0) rounded = 64;
  char *p = aligned_alloc(64, rounded);
  if (!p) return NULL;
  const size_t chunk = (size_t)1 << 20;
  const int64_t chunks = (int64_t)((rounded + chunk - 1) / chunk);
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1 && chunks > 4)
  for (int64_t c = 0; c < chunks; c++) {
    const size_t start = (size_t)c * chunk;
    memset(p + start, 0, rounded - start < chunk ? rounded - start : chunk);
  }
  return p;
}

/*
 * Big buffers (the patch matrix and its transpose, tens of MB at shape L) straight from mmap: the
 * kernel hands out zeroed pages, so there is no second zeroing pass, and with transparent huge
 * pages on request (madvise mode) a 2 MB page faults once instead of 512 times. Measured at L:
 * loading the problem went from 88 ms to about a third of that.
 */
static void *big_zeros(size_t bytes, int threads, size_t *mapped) {
  *mapped = 0;
#ifdef __linux__
  const size_t huge = (size_t)2 << 20;
  if (bytes >= 2 * huge) {
    const size_t length = (bytes + huge - 1) / huge * huge;
    void *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
#ifdef MADV_HUGEPAGE
      madvise(p, length, MADV_HUGEPAGE);
#endif
      *mapped = length;
      return p;
    }
  }
#endif
  return aligned_zeros(bytes, threads);
}

static void big_free(void *p, size_t mapped) {
  if (!p) return;
#ifdef __linux__
  if (mapped) { munmap(p, mapped); return; }
#endif
  (void)mapped;
  free(p);
}

static void trainer_free(Trainer *t) {
  if (!t) return;
  free(t->uidx); free(t->y); free(t->w64); free(t->a); free(t->gsum); free(t->f);
  big_free(t->X, t->X_mapped); big_free(t->XT, t->XT_mapped); free(t->W); big_free(t->D, t->D_mapped); free(t->G);
  free(t);
}

/* Below this many multiply-adds per pass, forking threads costs more than it saves. */
static int threads_for(const Trainer *t) {
  const double work = (double)t->Up * t->Rp * t->dp;
  return work < 2.0e5 ? 1 : t->threads;
}

/*
 * A word-wise multiply-xorshift hash of the patch's bits in four independent lanes (one chain
 * would wait on each multiply: it took a third of loading at shape L); collisions are resolved by
 * memcmp, and unique ids follow first occurrence, so the hash never shows in the results. The
 * same pass flags a non-finite value (all exponent bits set), so x is read once for both.
 */
static uint64_t hash_patch(const double *p, int d, int *nonfinite) {
  const uint64_t mix = 0xFF51AFD7ED558CCDULL, exponent = 0x7FF0000000000000ULL;
  uint64_t h[4] = {0x9E3779B97F4A7C15ULL ^ (uint64_t)d, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL, 0x27D4EB2F165667C5ULL};
  int bad = 0;
  int k = 0;
  for (; k + 4 <= d; k += 4) {
    for (int l = 0; l < 4; l++) {
      uint64_t v;
      memcpy(&v, p + k + l, sizeof v);
      bad |= (v & exponent) == exponent;
      h[l] = (h[l] ^ v) * mix;
      h[l] ^= h[l] >> 32;
    }
  }
  for (; k < d; k++) {
    uint64_t v;
    memcpy(&v, p + k, sizeof v);
    bad |= (v & exponent) == exponent;
    h[0] = (h[0] ^ v) * mix;
    h[0] ^= h[0] >> 32;
  }
  *nonfinite = bad;
  uint64_t out = h[0];
  for (int l = 1; l < 4; l++) {
    out = (out ^ h[l]) * mix;
    out ^= out >> 32;
  }
  return out;
}

/*
 * Merges identical patches and drops zero ones; fills uidx and returns the unique row starts.
 * Returns −2 with *nonfinite_at set to the flat index of the first non-finite value of x.
 */
static int dedup(Trainer *t, const double *x, int64_t **rows_out, int64_t *nonfinite_at) {
  const int64_t count = (int64_t)t->n * t->P;
  size_t cap = 16;
  while (cap < (size_t)count * 2) cap <<= 1;
  int64_t *table = malloc(cap * sizeof(int64_t));
  int64_t *rows = malloc((size_t)(count > 0 ? count : 1) * sizeof(int64_t));
  uint64_t *hashes = malloc((size_t)(count > 0 ? count : 1) * sizeof(uint64_t));
  if (!table || !rows || !hashes) { free(table); free(rows); free(hashes); return -1; }
  for (size_t i = 0; i < cap; i++) table[i] = -1;
  /* Hashes in parallel; the insertion below stays serial so that unique ids follow first occurrence. */
#pragma omp parallel for schedule(static) num_threads(t->threads) if (t->threads > 1 && count * t->d > 100000)
  for (int64_t s = 0; s < count; s++) {
    const double *p = x + s * t->d;
    int zero = 1, nonfinite = 0;
    for (int k = 0; k < t->d && zero; k++) zero = p[k] == 0.0;
    const uint64_t h = zero ? 0 : hash_patch(p, t->d, &nonfinite) | 1;
    hashes[s] = nonfinite ? 2 : h; /* hashes are odd: 0 marks a zero patch, 2 a non-finite value */
  }
  for (int64_t s = 0; s < count; s++) {
    if (hashes[s] != 2) continue;
    int k = 0;
    while (isfinite(x[s * t->d + k])) k++;
    *nonfinite_at = s * t->d + k;
    free(table); free(rows); free(hashes);
    return -2;
  }
  int U = 0;
  for (int64_t s = 0; s < count; s++) {
    const double *p = x + s * t->d;
    if (hashes[s] == 0) { t->uidx[s] = -1; t->zero_patches++; continue; }
    size_t slot = hashes[s] & (cap - 1);
    for (;;) {
      const int64_t u = table[slot];
      if (u < 0) {
        table[slot] = U;
        rows[U] = s;
        t->uidx[s] = U++;
        break;
      }
      if (hashes[rows[u]] == hashes[s] && memcmp(x + rows[u] * t->d, p, (size_t)t->d * sizeof(double)) == 0) {
        t->uidx[s] = (int32_t)u;
        break;
      }
      slot = (slot + 1) & (cap - 1);
    }
  }
  free(table);
  free(hashes);
  *rows_out = rows;
  return U;
}

/* NULL with *error set, or NULL with *nonfinite_at ≥ 0 when x has a non-finite value. */
static Trainer *trainer_create(const double *x, const double *y, int n, int P, int d, int m, const double *w0, int act, double q, double kappa,
                               int precision, int threads, const char **error, int64_t *nonfinite_at) {
  Trainer *t = calloc(1, sizeof(Trainer));
  if (!t) { *error = "out of memory"; return NULL; }
  t->precision = precision;
  t->n = n; t->P = P; t->d = d; t->m = m; t->R = 2 * m;
  t->Rp = (t->R + 3) / 4 * 4;
  const int vl = precision == 32 ? 16 : 8;
  t->dp = (d + vl - 1) / vl * vl;
#ifdef _OPENMP
  t->threads = threads < 1 ? 1 : threads;
#else
  t->threads = 1; /* built without OpenMP */
  (void)threads;
#endif
  t->act = act; t->q = q; t->kappa = kappa; t->shift = (1 - 1 / q) * kappa;
  t->inv_kappa = 1 / kappa; t->kappa_over_q = kappa / q; t->inv_m = 1.0 / m;
  const double qm1 = q - 1.0;
  t->q_minus_one_int = (qm1 >= 0 && qm1 <= 16 && qm1 == floor(qm1)) ? (int)qm1 : -1;
  t->uidx = malloc((size_t)n * P * sizeof(int32_t) + 1);
  t->y = malloc((size_t)n * sizeof(double));
  t->w64 = malloc((size_t)t->R * d * sizeof(double));
  t->f = malloc((size_t)n * sizeof(double));
  if (!t->uidx || !t->y || !t->w64 || !t->f) { *error = "out of memory"; trainer_free(t); return NULL; }
  memcpy(t->y, y, (size_t)n * sizeof(double));
  memcpy(t->w64, w0, (size_t)t->R * d * sizeof(double));
  int64_t *rows = NULL;
  const int U = dedup(t, x, &rows, nonfinite_at);
  if (U == -2) { trainer_free(t); return NULL; }
  if (U < 0) { *error = "out of memory"; trainer_free(t); return NULL; }
  t->U = U;
  t->Up = (U + 15) / 16 * 16;
  t->Uv = t->Up;
  const size_t es = precision == 32 ? sizeof(float) : sizeof(double);
  const size_t panel = precision == 32 ? 64 : 32; /* PW in kernels.h: 4 vectors */
  t->X = big_zeros(((size_t)t->dp + panel - 1) / panel * panel * t->Up * es, t->threads, &t->X_mapped);
  t->XT = big_zeros(((size_t)t->Uv + panel - 1) / panel * panel * t->d * es, t->threads, &t->XT_mapped);
  t->W = aligned_zeros((size_t)t->Rp * t->dp * es, t->threads);
  t->D = big_zeros((size_t)t->Up * t->Rp * es, t->threads, &t->D_mapped);
  t->G = aligned_zeros((size_t)t->Rp * t->dp * es, t->threads);
  t->a = calloc((size_t)t->Up + 1, sizeof(double));
  t->gsum = calloc((size_t)t->Up + 1, sizeof(double));
  if (!t->X || !t->XT || !t->W || !t->D || !t->G || !t->a || !t->gsum) { free(rows); *error = "out of memory"; trainer_free(t); return NULL; }
#pragma omp parallel for schedule(static) num_threads(t->threads) if (t->threads > 1 && (int64_t)U * d > 100000)
  for (int u = 0; u < U; u++) {
    if (precision == 32) copy_patch_f32(t, u, x + rows[u] * d);
    else copy_patch_f64(t, u, x + rows[u] * d);
  }
  free(rows);
  if (precision == 32) transpose_f32(t); else transpose_f64(t);
  if (precision == 32) load_weights_f32(t); else load_weights_f64(t);
  t->threads_for_step = threads_for(t);
  return t;
}

static inline double logistic_loss(double z) { return z > 0 ? log1p(exp(-z)) : -z + log1p(exp(z)); }
static inline double logistic_weight(double z) {
  if (z >= 0) { const double e = exp(-z); return e / (1 + e); }
  return 1 / (1 + exp(z));
}

static void forward(Trainer *t) {
  if (t->precision == 32) forward_f32(t); else forward_f64(t);
  for (int i = 0; i < t->n; i++) {
    double f = 0;
    for (int p = 0; p < t->P; p++) {
      const int32_t u = t->uidx[(size_t)i * t->P + p];
      if (u >= 0) f += t->a[u];
    }
    t->f[i] = f / t->m;
  }
}

/* Loss at the current weights; leaves the gradient in G. */
static double loss_and_gradient(Trainer *t) {
  forward(t);
  memset(t->gsum, 0, ((size_t)t->Up + 1) * sizeof(double));
  double loss = 0;
  for (int i = 0; i < t->n; i++) {
    const double margin = t->y[i] * t->f[i];
    loss += logistic_loss(margin);
    const double g = -logistic_weight(margin) * t->y[i] / t->n;
    for (int p = 0; p < t->P; p++) {
      const int32_t u = t->uidx[(size_t)i * t->P + p];
      if (u >= 0) t->gsum[u] += g;
    }
  }
  if (t->precision == 32) gradient_f32(t); else gradient_f64(t);
  return loss / t->n;
}

/* ---------- Node-API glue ---------- */

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "native backend: N-API call failed: " #call); return NULL; } } while (0)

static void finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  Trainer **slot = data;
  trainer_free(*slot);
  free(slot);
}

static Trainer *get_trainer(napi_env env, napi_value value) {
  void *data = NULL;
  if (napi_get_value_external(env, value, &data) != napi_ok || !data) { napi_throw_type_error(env, NULL, "native backend: expected a trainer handle"); return NULL; }
  Trainer *t = *(Trainer **)data;
  if (!t) napi_throw_error(env, NULL, "native backend: trainer already disposed");
  return t;
}

static double *get_f64(napi_env env, napi_value value, size_t expected, const char *name) {
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float64_array) {
    napi_throw_type_error(env, NULL, name);
    return NULL;
  }
  if (length != expected) { napi_throw_range_error(env, NULL, name); return NULL; }
  return data;
}

static napi_value js_create(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 12) { napi_throw_type_error(env, NULL, "native backend: create expects 12 arguments"); return NULL; }
  int32_t n, P, d, m, act, precision, threads;
  double q, kappa;
  CHECK(napi_get_value_int32(env, argv[2], &n));
  CHECK(napi_get_value_int32(env, argv[3], &P));
  CHECK(napi_get_value_int32(env, argv[4], &d));
  CHECK(napi_get_value_int32(env, argv[5], &m));
  CHECK(napi_get_value_int32(env, argv[7], &act));
  CHECK(napi_get_value_double(env, argv[8], &q));
  CHECK(napi_get_value_double(env, argv[9], &kappa));
  CHECK(napi_get_value_int32(env, argv[10], &precision));
  CHECK(napi_get_value_int32(env, argv[11], &threads));
  if (n < 1 || P < 1 || d < 1 || m < 1 || (precision != 32 && precision != 64)) { napi_throw_range_error(env, NULL, "native backend: bad dimensions"); return NULL; }
  const double *x = get_f64(env, argv[0], (size_t)n * P * d, "native backend: x must be a Float64Array of n·P·d values");
  if (!x) return NULL;
  const double *y = get_f64(env, argv[1], (size_t)n, "native backend: y must be a Float64Array of n values");
  if (!y) return NULL;
  const double *w0 = get_f64(env, argv[6], (size_t)2 * m * d, "native backend: W0 must be a Float64Array of 2m·d values");
  if (!w0) return NULL;
  const char *error = NULL;
  int64_t nonfinite_at = -1;
  Trainer *t = trainer_create(x, y, n, P, d, m, w0, act, q, kappa, precision, threads, &error, &nonfinite_at);
  if (!t && nonfinite_at >= 0) {
    napi_value index;
    CHECK(napi_create_double(env, (double)nonfinite_at, &index));
    return index;
  }
  if (!t) { napi_throw_error(env, NULL, error ? error : "native backend: create failed"); return NULL; }
  Trainer **slot = malloc(sizeof(Trainer *));
  *slot = t;
  napi_value handle;
  CHECK(napi_create_external(env, slot, finalize, NULL, &handle));
  return handle;
}

static napi_value js_loss_and_gradient(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  Trainer *t = get_trainer(env, argv[0]);
  if (!t) return NULL;
  double *out = get_f64(env, argv[1], (size_t)t->R * t->d, "native backend: gradient buffer must be a Float64Array of 2m·d values");
  if (!out) return NULL;
  const double loss = loss_and_gradient(t);
  if (t->precision == 32) read_gradient_f32(t, out); else read_gradient_f64(t, out);
  napi_value result;
  CHECK(napi_create_double(env, loss, &result));
  return result;
}

static napi_value js_step(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  Trainer *t = get_trainer(env, argv[0]);
  if (!t) return NULL;
  double lr;
  CHECK(napi_get_value_double(env, argv[1], &lr));
  const double loss = loss_and_gradient(t);
  if (t->precision == 32) update_f32(t, lr); else update_f64(t, lr);
  napi_value result;
  CHECK(napi_create_double(env, loss, &result));
  return result;
}

static napi_value js_weights(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  Trainer *t = get_trainer(env, argv[0]);
  if (!t) return NULL;
  double *out = get_f64(env, argv[1], (size_t)t->R * t->d, "native backend: weights buffer must be a Float64Array of 2m·d values");
  if (!out) return NULL;
  memcpy(out, t->w64, (size_t)t->R * t->d * sizeof(double));
  return NULL;
}

static napi_value js_outputs(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  Trainer *t = get_trainer(env, argv[0]);
  if (!t) return NULL;
  double *out = get_f64(env, argv[1], (size_t)t->n, "native backend: outputs buffer must be a Float64Array of n values");
  if (!out) return NULL;
  forward(t);
  memcpy(out, t->f, (size_t)t->n * sizeof(double));
  return NULL;
}

static napi_value js_stats(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result, value;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  Trainer *t = get_trainer(env, argv[0]);
  if (!t) return NULL;
  CHECK(napi_create_object(env, &result));
  CHECK(napi_create_int32(env, t->U, &value));
  CHECK(napi_set_named_property(env, result, "uniquePatches", value));
  CHECK(napi_create_int32(env, t->zero_patches, &value));
  CHECK(napi_set_named_property(env, result, "zeroPatches", value));
  CHECK(napi_create_int32(env, t->threads_for_step, &value));
  CHECK(napi_set_named_property(env, result, "threads", value));
  return result;
}

static napi_value js_dispose(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  void *data = NULL;
  if (napi_get_value_external(env, argv[0], &data) != napi_ok || !data) return NULL;
  Trainer **slot = data;
  trainer_free(*slot);
  *slot = NULL;
  return NULL;
}

static napi_value js_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result, value;
  CHECK(napi_create_object(env, &result));
#if defined(__AVX512F__)
  const char *simd = "avx512";
#elif defined(__AVX2__) && defined(__FMA__)
  const char *simd = "avx2+fma";
#elif defined(__AVX__)
  const char *simd = "avx";
#elif defined(__ARM_NEON)
  const char *simd = "neon";
#else
  const char *simd = "sse2/generic";
#endif
  CHECK(napi_create_string_utf8(env, simd, NAPI_AUTO_LENGTH, &value));
  CHECK(napi_set_named_property(env, result, "simd", value));
#ifdef _OPENMP
  CHECK(napi_get_boolean(env, 1, &value));
  CHECK(napi_set_named_property(env, result, "openmp", value));
  CHECK(napi_create_int32(env, omp_get_num_procs(), &value));
#else
  CHECK(napi_get_boolean(env, 0, &value));
  CHECK(napi_set_named_property(env, result, "openmp", value));
  CHECK(napi_create_int32(env, 1, &value));
#endif
  CHECK(napi_set_named_property(env, result, "processors", value));
  return result;
}

/*
 * The float32 FMA throughput this machine delivers: every thread runs 12 independent chains of
 * FMAs on the widest vectors the build targets, from registers (12 chains cover the FMA latency
 * times the issue width of current cores, and with the two constants fit the 16 registers of
 * AVX2 and SSE), for `seconds`. What the bench's peak fraction is read against, beside the
 * nominal figure.
 */
#if defined(__AVX512F__)
#define PEAK_LANES 16
#elif defined(__AVX__)
#define PEAK_LANES 8
#else
#define PEAK_LANES 4
#endif
typedef float peak_vec __attribute__((vector_size(4 * PEAK_LANES)));

static double fma_peak_gflops(int threads, double seconds) {
  double total = 0;
#pragma omp parallel num_threads(threads) reduction(+ : total)
  {
    const peak_vec b = (peak_vec){0} + 0.999999f, c = (peak_vec){0} + 1e-7f;
    /* Named accumulators: an array would live on the stack, one store per FMA. */
#define ACC(i) peak_vec a##i = (peak_vec){0} + (float)i;
    ACC(0) ACC(1) ACC(2) ACC(3) ACC(4) ACC(5) ACC(6) ACC(7) ACC(8) ACC(9) ACC(10) ACC(11)
#undef ACC
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int64_t rounds = 0;
    double elapsed;
    do {
      for (int r = 0; r < 4096; r++) {
#define FMA(i) a##i = a##i * b + c; __asm__("" : "+x"(a##i));
        FMA(0) FMA(1) FMA(2) FMA(3) FMA(4) FMA(5) FMA(6) FMA(7) FMA(8) FMA(9) FMA(10) FMA(11)
#undef FMA
      }
      rounds += 4096;
      clock_gettime(CLOCK_MONOTONIC, &t1);
      elapsed = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    } while (elapsed < seconds);
    const peak_vec sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    const float sink = sum[0];
    __asm__ volatile("" : : "g"(sink));
    total += (double)rounds * 12 * PEAK_LANES * 2 / elapsed;
  }
  return total / 1e9;
}

static napi_value js_fma_peak(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], result;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t threads;
  double seconds;
  CHECK(napi_get_value_int32(env, argv[0], &threads));
  CHECK(napi_get_value_double(env, argv[1], &seconds));
#ifndef _OPENMP
  threads = 1;
#endif
  if (threads < 1 || !(seconds > 0 && seconds <= 10)) { napi_throw_range_error(env, NULL, "native backend: fmaPeak needs threads ≥ 1 and 0 < seconds ≤ 10"); return NULL; }
  CHECK(napi_create_double(env, fma_peak_gflops(threads, seconds), &result));
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"create", NULL, js_create, NULL, NULL, NULL, napi_default, NULL},
      {"lossAndGradient", NULL, js_loss_and_gradient, NULL, NULL, NULL, napi_default, NULL},
      {"step", NULL, js_step, NULL, NULL, NULL, napi_default, NULL},
      {"weights", NULL, js_weights, NULL, NULL, NULL, napi_default, NULL},
      {"outputs", NULL, js_outputs, NULL, NULL, NULL, napi_default, NULL},
      {"stats", NULL, js_stats, NULL, NULL, NULL, napi_default, NULL},
      {"dispose", NULL, js_dispose, NULL, NULL, NULL, napi_default, NULL},
      {"info", NULL, js_info, NULL, NULL, NULL, napi_default, NULL},
      {"fmaPeak", NULL, js_fma_peak, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

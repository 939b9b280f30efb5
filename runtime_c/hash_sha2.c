/*
 * hash_sha2.c - SHA-224/256/384/512 (FIPS 180-4), and the generic hash layer:
 * pj_hash_* over an algorithm id, HMAC (RFC 2104) and PBKDF2-HMAC (RFC 8018).
 *
 * SHA-256 (and SHA-224, which differs only in H(0) and the truncated digest)
 * works on 64-byte blocks of big-endian 32-bit words, SHA-512 (and SHA-384)
 * on 128-byte blocks of 64-bit words. The round constants K are the first
 * 32/64 bits of the fractional parts of the cube roots of the first 64/80
 * primes, H(0) those of the square roots (sections 4.2.2, 4.2.3, 5.3).
 *
 * On x86-64 CPUs with the SHA extensions, SHA-256 blocks go through the
 * sha256rnds2/sha256msg1/sha256msg2 instructions (chosen once per process
 * by cpuid); everywhere else through the portable C rounds.
 *
 * The generic layer lives here (not in its own file) because hash_md5.c,
 * hash_sha1.c and this file are the hash service's files; it only dispatches.
 */
#include "pj_runtime.h"
#include "hash_block.h"

#include <errno.h>
#include <stdalign.h>
#include <string.h>

/* Fully unrolled rounds let the compiler keep the working variables in
 * registers and fold the message-word indices to constants. */
#if defined(__GNUC__) || defined(__clang__)
#define PJ_UNROLL(n) _Pragma(PJ_STR(GCC unroll n))
#define PJ_STR(x) #x
#else
#define PJ_UNROLL(n)
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define PJ_HAVE_SHANI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
    0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint64_t K512[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL,
    0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
    0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL,
    0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL,
    0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
    0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL,
    0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL,
    0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
    0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL,
    0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL,
    0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
    0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL,
    0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL,
    0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
    0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL,
    0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL,
    0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
    0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL,
    0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL,
    0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
    0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static inline uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static inline uint64_t rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static inline uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint64_t load_be64(const uint8_t *p)
{
    return (uint64_t)load_be32(p) << 32 | load_be32(p + 4);
}

static inline void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void store_be64(uint8_t *p, uint64_t v)
{
    store_be32(p, (uint32_t)(v >> 32));
    store_be32(p + 4, (uint32_t)v);
}

/* ---- SHA-256 block function ---------------------------------------------- */

#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* One round of section 6.2.2 step 3, with the variables renamed instead of
 * shifted: the caller rotates the argument order. */
#define R256(a, b, c, d, e, f, g, h, t) do { \
        uint32_t t1 = (h) + (rotr32((e), 6) ^ rotr32((e), 11) ^ rotr32((e), 25)) \
                      + CH((e), (f), (g)) + K256[(t)] + W[(t) & 15]; \
        uint32_t t2 = (rotr32((a), 2) ^ rotr32((a), 13) ^ rotr32((a), 22)) + MAJ((a), (b), (c)); \
        (d) += t1; \
        (h) = t1 + t2; \
    } while (0)

/* Message schedule as a rolling 16-word window: W[t & 15] becomes W[t]. */
#define S0_256(x) (rotr32((x), 7) ^ rotr32((x), 18) ^ ((x) >> 3))
#define S1_256(x) (rotr32((x), 17) ^ rotr32((x), 19) ^ ((x) >> 10))
#define SCHED256(t) (W[(t) & 15] += S1_256(W[((t) - 2) & 15]) + W[((t) - 7) & 15] \
                                    + S0_256(W[((t) - 15) & 15]))

static void sha256_blocks_c(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
    uint32_t W[16];
    while (nblocks-- > 0) {
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 16; t++)
            W[t] = load_be32(p + 4 * t);
        PJ_UNROLL(8)
        for (int t = 0; t < 64; t += 8) {
            if (t >= 16) {
                for (int i = 0; i < 8; i++)
                    SCHED256(t + i);
            }
            R256(a, b, c, d, e, f, g, h, t);
            R256(h, a, b, c, d, e, f, g, t + 1);
            R256(g, h, a, b, c, d, e, f, t + 2);
            R256(f, g, h, a, b, c, d, e, t + 3);
            R256(e, f, g, h, a, b, c, d, t + 4);
            R256(d, e, f, g, h, a, b, c, t + 5);
            R256(c, d, e, f, g, h, a, b, t + 6);
            R256(b, c, d, e, f, g, h, a, t + 7);
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
        p += 64;
    }
}

#ifdef PJ_HAVE_SHANI
/* SHA-256 with the x86 SHA extensions. The state lives in two registers in
 * the order the instructions want: abef = (A,B,E,F) and cdgh = (C,D,G,H),
 * highest lane first. sha256rnds2 does two rounds and returns the new ABEF;
 * the old ABEF is then the new CDGH. X[g] holds W[4g .. 4g+3]; for g >= 4,
 * msg1 adds W[t-16] + s0(W[t-15]), the alignr picks W[t-7], and msg2 adds
 * s1(W[t-2]) (FIPS 180-4 eq. 6.2.2 step 1, four words at a time). */
__attribute__((target("sha,sse4.1,ssse3")))
static void sha256_blocks_shani(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);               /* lanes B,A,D,C */
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);               /* lanes H,G,F,E */
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);               /* lanes F,E,B,A */
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);            /* lanes H,G,D,C */

    while (nblocks-- > 0) {
        __m128i abef_in = abef, cdgh_in = cdgh;
        __m128i X[4];
        PJ_UNROLL(16)
        for (int g = 0; g < 16; g++) {
            __m128i x;
            if (g < 4) {
                x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
            } else {
                __m128i prev = X[(g - 1) & 3], prev2 = X[(g - 2) & 3];
                x = _mm_sha256msg1_epu32(X[g & 3], X[(g - 3) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(prev, prev2, 4));
                x = _mm_sha256msg2_epu32(x, prev);
            }
            X[g & 3] = x;
            __m128i wk = _mm_add_epi32(x, _mm_loadu_si128((const __m128i *)&K256[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);            /* rounds 4g, 4g+1 */
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0e));
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
        p += 64;
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1b);                  /* lanes A,B,E,F */
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);                  /* lanes G,H,C,D */
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xf0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* 1 if this CPU has SHA, SSE4.1 and SSSE3 (cpuid leaves 1 and 7), else 0. */
static int cpu_has_shani(void)
{
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (!(c & (1u << 9)) || !(c & (1u << 19)))      /* SSSE3, SSE4.1 */
        return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return 0;
    return (b >> 29) & 1;                           /* SHA */
}

/* Cached cpuid answer: -1 unknown. Every thread computes the same value, so
 * an atomic store without a lock is enough (a race only repeats cpuid). */
static _Atomic int have_shani = -1;

static int shani_present(void)
{
    int has = have_shani;
    if (has < 0) {
        has = cpu_has_shani();
        have_shani = has;
    }
    return has;
}
#endif

/* 1 while instruction-set acceleration may be used (pj_hash_accel). */
static _Atomic int accel_allowed = 1;

static void sha256_blocks(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
#ifdef PJ_HAVE_SHANI
    if (accel_allowed && shani_present()) {
        sha256_blocks_shani(state, p, nblocks);
        return;
    }
#endif
    sha256_blocks_c(state, p, nblocks);
}

/* ---- SHA-512 block function ---------------------------------------------- */

#define R512(a, b, c, d, e, f, g, h, t) do { \
        uint64_t t1 = (h) + (rotr64((e), 14) ^ rotr64((e), 18) ^ rotr64((e), 41)) \
                      + CH((e), (f), (g)) + K512[(t)] + W[(t) & 15]; \
        uint64_t t2 = (rotr64((a), 28) ^ rotr64((a), 34) ^ rotr64((a), 39)) + MAJ((a), (b), (c)); \
        (d) += t1; \
        (h) = t1 + t2; \
    } while (0)

#define S0_512(x) (rotr64((x), 1) ^ rotr64((x), 8) ^ ((x) >> 7))
#define S1_512(x) (rotr64((x), 19) ^ rotr64((x), 61) ^ ((x) >> 6))
#define SCHED512(t) (W[(t) & 15] += S1_512(W[((t) - 2) & 15]) + W[((t) - 7) & 15] \
                                    + S0_512(W[((t) - 15) & 15]))

static void sha512_blocks(uint64_t state[8], const uint8_t *p, size_t nblocks)
{
    uint64_t W[16];
    while (nblocks-- > 0) {
        uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 16; t++)
            W[t] = load_be64(p + 8 * t);
        PJ_UNROLL(10)
        for (int t = 0; t < 80; t += 8) {
            if (t >= 16) {
                for (int i = 0; i < 8; i++)
                    SCHED512(t + i);
            }
            R512(a, b, c, d, e, f, g, h, t);
            R512(h, a, b, c, d, e, f, g, t + 1);
            R512(g, h, a, b, c, d, e, f, t + 2);
            R512(f, g, h, a, b, c, d, e, t + 3);
            R512(e, f, g, h, a, b, c, d, t + 4);
            R512(d, e, f, g, h, a, b, c, t + 5);
            R512(c, d, e, f, g, h, a, b, t + 6);
            R512(b, c, d, e, f, g, h, a, t + 7);
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
        p += 128;
    }
}

/* ---- SHA-224 / SHA-256 ---------------------------------------------------- */

/* Reset ctx to SHA-256's H(0) (section 5.3.3). Cannot fail. */
void pj_sha256_init(pj_sha256_ctx *ctx)
{
    static const uint32_t h0[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memcpy(ctx->state, h0, sizeof h0);
    ctx->nbytes = 0;
}

/* Reset ctx to SHA-224's H(0) (section 5.3.2). Cannot fail. */
void pj_sha224_init(pj_sha256_ctx *ctx)
{
    static const uint32_t h0[8] = {
        0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
        0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
    };
    memcpy(ctx->state, h0, sizeof h0);
    ctx->nbytes = 0;
}

/* Feed len bytes to a SHA-256 or SHA-224 context (data may be NULL when len
 * is 0). Whole blocks are hashed straight from data. */
void pj_sha256_update(pj_sha256_ctx *ctx, const uint8_t *data, size_t len)
{
    hash64_update(sha256_blocks, ctx->state, ctx->buf, &ctx->nbytes, data, len);
}

/* Padding of section 5.1.1: 0x80, zeros, 64-bit big-endian bit length. */
static void sha256_pad(pj_sha256_ctx *ctx)
{
    uint64_t bits = ctx->nbytes << 3;
    hash64_pad(sha256_blocks, ctx->state, ctx->buf, ctx->nbytes);
    store_be64(ctx->buf + 56, bits);
    sha256_blocks(ctx->state, ctx->buf, 1);
}

/* Write the 32-byte SHA-256 digest; ctx is finished afterwards. */
void pj_sha256_final(pj_sha256_ctx *ctx, uint8_t out[32])
{
    sha256_pad(ctx);
    for (int i = 0; i < 8; i++)
        store_be32(out + 4 * i, ctx->state[i]);
}

/* Write the 28-byte SHA-224 digest (the first seven words); ctx is finished. */
void pj_sha224_final(pj_sha256_ctx *ctx, uint8_t out[28])
{
    sha256_pad(ctx);
    for (int i = 0; i < 7; i++)
        store_be32(out + 4 * i, ctx->state[i]);
}

/* ---- SHA-384 / SHA-512 ---------------------------------------------------- */

/* Reset ctx to SHA-512's H(0) (section 5.3.5). Cannot fail. */
void pj_sha512_init(pj_sha512_ctx *ctx)
{
    static const uint64_t h0[8] = {
        0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
        0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
        0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
        0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
    };
    memcpy(ctx->state, h0, sizeof h0);
    ctx->nbytes_lo = ctx->nbytes_hi = 0;
}

/* Reset ctx to SHA-384's H(0) (section 5.3.4). Cannot fail. */
void pj_sha384_init(pj_sha512_ctx *ctx)
{
    static const uint64_t h0[8] = {
        0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL,
        0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
        0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
        0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
    };
    memcpy(ctx->state, h0, sizeof h0);
    ctx->nbytes_lo = ctx->nbytes_hi = 0;
}

/* Feed len bytes to a SHA-512 or SHA-384 context (data may be NULL when len
 * is 0). The byte count is 128-bit, as the 128-bit length field needs. */
void pj_sha512_update(pj_sha512_ctx *ctx, const uint8_t *data, size_t len)
{
    size_t used = (size_t)(ctx->nbytes_lo & 127);
    uint64_t lo = ctx->nbytes_lo + (uint64_t)len;
    if (lo < ctx->nbytes_lo)
        ctx->nbytes_hi++;
    ctx->nbytes_lo = lo;
    if (used > 0) {
        size_t take = 128 - used;
        if (len < take) {
            memcpy(ctx->buf + used, data, len);
            return;
        }
        memcpy(ctx->buf + used, data, take);
        sha512_blocks(ctx->state, ctx->buf, 1);
        data += take;
        len -= take;
    }
    if (len >= 128) {
        sha512_blocks(ctx->state, data, len / 128);
        data += len & ~(size_t)127;
        len &= 127;
    }
    if (len > 0)
        memcpy(ctx->buf, data, len);
}

/* Padding of section 5.1.2: 0x80, zeros, 128-bit big-endian bit length. */
static void sha512_pad(pj_sha512_ctx *ctx)
{
    uint64_t bits_hi = ctx->nbytes_hi << 3 | ctx->nbytes_lo >> 61;
    uint64_t bits_lo = ctx->nbytes_lo << 3;
    size_t used = (size_t)(ctx->nbytes_lo & 127);
    ctx->buf[used++] = 0x80;
    if (used > 112) {
        memset(ctx->buf + used, 0, 128 - used);
        sha512_blocks(ctx->state, ctx->buf, 1);
        used = 0;
    }
    memset(ctx->buf + used, 0, 112 - used);
    store_be64(ctx->buf + 112, bits_hi);
    store_be64(ctx->buf + 120, bits_lo);
    sha512_blocks(ctx->state, ctx->buf, 1);
}

/* Write the 64-byte SHA-512 digest; ctx is finished afterwards. */
void pj_sha512_final(pj_sha512_ctx *ctx, uint8_t out[64])
{
    sha512_pad(ctx);
    for (int i = 0; i < 8; i++)
        store_be64(out + 8 * i, ctx->state[i]);
}

/* Write the 48-byte SHA-384 digest (the first six words); ctx is finished. */
void pj_sha384_final(pj_sha512_ctx *ctx, uint8_t out[48])
{
    sha512_pad(ctx);
    for (int i = 0; i < 6; i++)
        store_be64(out + 8 * i, ctx->state[i]);
}

/* ---- generic layer -------------------------------------------------------- */

#define HASH_MAGIC 0x706a6873u  /* "pjhs": set by pj_hash_init */

/* What the caller's opaque buffer holds. */
typedef struct hash_ctx {
    uint32_t magic;
    int32_t alg;                /* PJ_HASH_* */
    union {
        pj_md5_ctx md5;
        pj_sha1_ctx sha1;
        pj_sha256_ctx sha256;   /* SHA-224, SHA-256 */
        pj_sha512_ctx sha512;   /* SHA-384, SHA-512 */
    } u;
} hash_ctx;

/* Digest and block sizes indexed by PJ_HASH_*; 0 marks an unused id. */
static const struct { uint8_t digest, block; } hash_sizes[] = {
    [PJ_HASH_MD5] = {16, 64},
    [PJ_HASH_SHA1] = {20, 64},
    [PJ_HASH_SHA224] = {28, 64},
    [PJ_HASH_SHA256] = {32, 64},
    [PJ_HASH_SHA384] = {48, 128},
    [PJ_HASH_SHA512] = {64, 128},
};

static int alg_valid(int alg)
{
    return alg > 0 && (size_t)alg < sizeof hash_sizes / sizeof hash_sizes[0]
           && hash_sizes[alg].digest != 0;
}

static void ctx_start(hash_ctx *c, int alg)
{
    c->magic = HASH_MAGIC;
    c->alg = alg;
    switch (alg) {
    case PJ_HASH_MD5: pj_md5_init(&c->u.md5); break;
    case PJ_HASH_SHA1: pj_sha1_init(&c->u.sha1); break;
    case PJ_HASH_SHA224: pj_sha224_init(&c->u.sha256); break;
    case PJ_HASH_SHA256: pj_sha256_init(&c->u.sha256); break;
    case PJ_HASH_SHA384: pj_sha384_init(&c->u.sha512); break;
    default: pj_sha512_init(&c->u.sha512); break;
    }
}

static void ctx_update(hash_ctx *c, const uint8_t *data, size_t len)
{
    switch (c->alg) {
    case PJ_HASH_MD5: pj_md5_update(&c->u.md5, data, len); break;
    case PJ_HASH_SHA1: pj_sha1_update(&c->u.sha1, data, len); break;
    case PJ_HASH_SHA224:
    case PJ_HASH_SHA256: pj_sha256_update(&c->u.sha256, data, len); break;
    default: pj_sha512_update(&c->u.sha512, data, len); break;
    }
}

/* Finishes c (destructive); out gets hash_sizes[alg].digest bytes. */
static void ctx_finish(hash_ctx *c, uint8_t *out)
{
    switch (c->alg) {
    case PJ_HASH_MD5: pj_md5_final(&c->u.md5, out); break;
    case PJ_HASH_SHA1: pj_sha1_final(&c->u.sha1, out); break;
    case PJ_HASH_SHA224: pj_sha224_final(&c->u.sha256, out); break;
    case PJ_HASH_SHA256: pj_sha256_final(&c->u.sha256, out); break;
    case PJ_HASH_SHA384: pj_sha384_final(&c->u.sha512, out); break;
    default: pj_sha512_final(&c->u.sha512, out); break;
    }
}

/* A started context from the caller's buffer, or NULL if it is not one. */
static const hash_ctx *ctx_check(const void *ctx)
{
    const hash_ctx *c = ctx;
    if (c == NULL || (uintptr_t)c % alignof(hash_ctx) != 0)
        return NULL;
    if (c->magic != HASH_MAGIC || !alg_valid(c->alg))
        return NULL;
    return c;
}

/* Sizes of alg; see pj_runtime.h. */
int pj_hash_info(int alg, size_t *out_digest_size, size_t *out_block_size)
{
    if (!alg_valid(alg))
        return -EINVAL;
    if (out_digest_size != NULL)
        *out_digest_size = hash_sizes[alg].digest;
    if (out_block_size != NULL)
        *out_block_size = hash_sizes[alg].block;
    return 0;
}

/* Bytes of a generic context; see pj_runtime.h. */
int pj_hash_ctx_size(int alg, size_t *out_size)
{
    if (!alg_valid(alg) || out_size == NULL)
        return -EINVAL;
    *out_size = sizeof(hash_ctx);
    return 0;
}

/* Start a hash in the caller's buffer; see pj_runtime.h. */
int pj_hash_init(int alg, void *ctx, size_t ctx_len)
{
    if (!alg_valid(alg) || ctx == NULL || (uintptr_t)ctx % alignof(hash_ctx) != 0)
        return -EINVAL;
    if (ctx_len < sizeof(hash_ctx))
        return -ENOBUFS;
    ctx_start(ctx, alg);
    return 0;
}

/* Feed bytes to a started context; see pj_runtime.h. */
int pj_hash_update(void *ctx, const void *data, size_t len)
{
    if (ctx_check(ctx) == NULL || (data == NULL && len > 0))
        return -EINVAL;
    if (len > 0)
        ctx_update(ctx, data, len);
    return 0;
}

/* Fork a started context into dst; see pj_runtime.h. */
int pj_hash_copy(const void *src, void *dst, size_t dst_len)
{
    const hash_ctx *c = ctx_check(src);
    if (c == NULL || dst == NULL || (uintptr_t)dst % alignof(hash_ctx) != 0)
        return -EINVAL;
    if (dst_len < sizeof(hash_ctx))
        return -ENOBUFS;
    if (dst != src)
        memcpy(dst, c, sizeof(hash_ctx));
    return 0;
}

/* Digest so far, without changing ctx; see pj_runtime.h. */
int pj_hash_final(const void *ctx, uint8_t *out, size_t out_len)
{
    const hash_ctx *c = ctx_check(ctx);
    if (c == NULL || out == NULL)
        return -EINVAL;
    if (out_len < hash_sizes[c->alg].digest)
        return -ENOBUFS;
    hash_ctx tmp = *c;
    ctx_finish(&tmp, out);
    return 0;
}

/* One-shot digest; see pj_runtime.h. */
int pj_hash_digest(int alg, const void *data, size_t len, uint8_t *out, size_t out_len)
{
    if (!alg_valid(alg) || out == NULL || (data == NULL && len > 0))
        return -EINVAL;
    if (out_len < hash_sizes[alg].digest)
        return -ENOBUFS;
    hash_ctx c;
    ctx_start(&c, alg);
    if (len > 0)
        ctx_update(&c, data, len);
    ctx_finish(&c, out);
    return 0;
}

/* Allow (1) or forbid (0) the CPU's hash instructions, or only ask (-1);
 * *out_active (may be NULL) = 1 if hashes now use them. See pj_runtime.h. */
int pj_hash_accel(int mode, int *out_active)
{
    if (mode < -1 || mode > 1)
        return -EINVAL;
    if (mode >= 0)
        accel_allowed = mode;
    if (out_active != NULL) {
#ifdef PJ_HAVE_SHANI
        *out_active = accel_allowed && shani_present();
#else
        *out_active = 0;
#endif
    }
    return 0;
}

/* ---- HMAC and PBKDF2 ------------------------------------------------------ */

/* HMAC with the key already absorbed: inner = H state after (K0 ^ ipad),
 * outer = after (K0 ^ opad) (RFC 2104 section 2). Copying these per message
 * saves two compressions per HMAC, which is what makes PBKDF2 affordable. */
typedef struct hmac_keyed {
    hash_ctx inner, outer;
    size_t digest_size;
} hmac_keyed;

static void hmac_setup(hmac_keyed *h, int alg, const uint8_t *key, size_t key_len)
{
    uint8_t k0[PJ_HASH_MAX_BLOCK], pad[PJ_HASH_MAX_BLOCK];
    size_t block = hash_sizes[alg].block;
    memset(k0, 0, sizeof k0);
    if (key_len > block) {
        hash_ctx c;
        ctx_start(&c, alg);
        ctx_update(&c, key, key_len);
        ctx_finish(&c, k0);                 /* K0 = H(K), zero-padded */
    } else if (key_len > 0) {
        memcpy(k0, key, key_len);
    }
    h->digest_size = hash_sizes[alg].digest;
    for (size_t i = 0; i < block; i++)
        pad[i] = k0[i] ^ 0x36;
    ctx_start(&h->inner, alg);
    ctx_update(&h->inner, pad, block);
    for (size_t i = 0; i < block; i++)
        pad[i] = k0[i] ^ 0x5c;
    ctx_start(&h->outer, alg);
    ctx_update(&h->outer, pad, block);
    memset(k0, 0, sizeof k0);
    memset(pad, 0, sizeof pad);
}

/* out = HMAC(K, m1 || m2); out has room for the digest and may alias m1/m2. */
static void hmac_run(const hmac_keyed *h, const uint8_t *m1, size_t n1,
                     const uint8_t *m2, size_t n2, uint8_t *out)
{
    uint8_t inner_digest[PJ_HASH_MAX_DIGEST];
    hash_ctx c = h->inner;
    if (n1 > 0)
        ctx_update(&c, m1, n1);
    if (n2 > 0)
        ctx_update(&c, m2, n2);
    ctx_finish(&c, inner_digest);
    c = h->outer;
    ctx_update(&c, inner_digest, h->digest_size);
    ctx_finish(&c, out);
}

/* HMAC-alg of msg under key; see pj_runtime.h. */
int pj_hmac(int alg, const void *key, size_t key_len, const void *msg, size_t msg_len,
            uint8_t *out, size_t out_len)
{
    if (!alg_valid(alg) || out == NULL || (key == NULL && key_len > 0)
            || (msg == NULL && msg_len > 0))
        return -EINVAL;
    if (out_len < hash_sizes[alg].digest)
        return -ENOBUFS;
    hmac_keyed h;
    hmac_setup(&h, alg, key, key_len);
    hmac_run(&h, msg, msg_len, NULL, 0, out);
    return 0;
}

/* PBKDF2-HMAC-alg; see pj_runtime.h. Block i of the output is
 * T_i = U_1 ^ ... ^ U_c with U_1 = PRF(P, S || INT32BE(i)) and
 * U_j = PRF(P, U_{j-1}) (RFC 8018 section 5.2 step 3). */
int pj_pbkdf2_hmac(int alg, const void *password, size_t plen, const void *salt, size_t slen,
                   uint64_t iterations, uint8_t *out, size_t dklen)
{
    if (!alg_valid(alg) || out == NULL || (password == NULL && plen > 0)
            || (salt == NULL && slen > 0) || iterations < 1 || dklen < 1)
        return -EINVAL;
    size_t hlen = hash_sizes[alg].digest;
    if ((uint64_t)dklen / hlen > 0xffffffffULL
            || ((uint64_t)dklen / hlen == 0xffffffffULL && dklen % hlen != 0))
        return -EOVERFLOW;

    hmac_keyed h;
    hmac_setup(&h, alg, password, plen);
    uint8_t u[PJ_HASH_MAX_DIGEST], t[PJ_HASH_MAX_DIGEST], index[4];
    uint32_t i = 1;
    for (size_t done = 0; done < dklen; done += hlen, i++) {
        store_be32(index, i);
        hmac_run(&h, salt, slen, index, 4, u);
        memcpy(t, u, hlen);
        for (uint64_t j = 1; j < iterations; j++) {
            hmac_run(&h, u, hlen, NULL, 0, u);
            for (size_t k = 0; k < hlen; k++)
                t[k] ^= u[k];
        }
        size_t n = dklen - done < hlen ? dklen - done : hlen;
        memcpy(out + done, t, n);
    }
    memset(&h, 0, sizeof h);
    memset(u, 0, sizeof u);
    memset(t, 0, sizeof t);
    return 0;
}

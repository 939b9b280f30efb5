/*
 * hash_sha1.c - SHA-1, written from FIPS 180-4 (sections 4.1.1, 5, 6.1).
 *
 * 64-byte blocks of sixteen big-endian 32-bit words, expanded to an
 * 80-word schedule W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]) that
 * is kept as a rolling 16-word window. The generic layer (pj_hash_*,
 * hash_sha2.c) dispatches here for PJ_HASH_SHA1.
 *
 * On x86-64 CPUs with the SHA extensions (and while pj_hash_accel allows
 * them) blocks go through sha1rnds4/sha1nexte/sha1msg1/sha1msg2 instead.
 */
#include "pj_runtime.h"
#include "hash_block.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define PJ_HAVE_SHANI 1
#include <immintrin.h>
#endif

/* Fully unrolled rounds let the compiler keep the working variables in
 * registers and fold the message-word indices to constants. */
#if defined(__GNUC__) || defined(__clang__)
#define PJ_UNROLL(n) _Pragma(PJ_STR(GCC unroll n))
#define PJ_STR(x) #x
#else
#define PJ_UNROLL(n)
#endif

static inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Process nblocks consecutive 64-byte blocks (FIPS 180-4 section 6.1.2). */
static void sha1_blocks(uint32_t state[5], const uint8_t *p, size_t nblocks)
{
    uint32_t W[16];
    while (nblocks-- > 0) {
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        PJ_UNROLL(80)
        for (int t = 0; t < 80; t++) {
            uint32_t w, f, k;
            if (t < 16) {
                w = W[t] = load_be32(p + 4 * t);
            } else {
                w = rotl32(W[(t - 3) & 15] ^ W[(t - 8) & 15] ^ W[(t - 14) & 15] ^ W[t & 15], 1);
                W[t & 15] = w;
            }
            if (t < 20) {
                f = d ^ (b & (c ^ d));              /* Ch */
                k = 0x5a827999;
            } else if (t < 40) {
                f = b ^ c ^ d;                      /* Parity */
                k = 0x6ed9eba1;
            } else if (t < 60) {
                f = (b & c) | (d & (b | c));        /* Maj */
                k = 0x8f1bbcdc;
            } else {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }
            uint32_t tmp = rotl32(a, 5) + f + e + k + w;
            e = d;
            d = c;
            c = rotl32(b, 30);
            b = a;
            a = tmp;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        p += 64;
    }
}

#ifdef PJ_HAVE_SHANI
/* Four rounds (t = 4g .. 4g+3) with the round function and constant of
 * group g / 5; sha1rnds4 needs that as an immediate, hence the switch. */
__attribute__((target("sha,sse4.1,ssse3")))
static inline __m128i sha1_rounds4(__m128i abcd, __m128i e_w, int g)
{
    switch (g / 5) {
    case 0: return _mm_sha1rnds4_epu32(abcd, e_w, 0);
    case 1: return _mm_sha1rnds4_epu32(abcd, e_w, 1);
    case 2: return _mm_sha1rnds4_epu32(abcd, e_w, 2);
    default: return _mm_sha1rnds4_epu32(abcd, e_w, 3);
    }
}

/* SHA-1 with the x86 SHA extensions. abcd holds A..D with A in the highest
 * lane; E rides in the highest lane of a second register. X[g & 3] holds
 * W[4g .. 4g+3] (W[4g] highest); for g >= 4 it is
 * msg2(msg1(X[g-4], X[g-3]) ^ X[g-2], X[g-1]), which is section 6.1.2
 * step 1 four words at a time. sha1nexte(prev_abcd, X) adds rotl30(A) of
 * four rounds ago (the E of this group) to the message words. */
__attribute__((target("sha,sse4.1,ssse3")))
static void sha1_blocks_shani(uint32_t state[5], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0x1b);
    __m128i e0 = _mm_set_epi32((int)state[4], 0, 0, 0);

    while (nblocks-- > 0) {
        __m128i abcd_in = abcd, e_in = e0, prev = abcd, X[4];
        PJ_UNROLL(20)
        for (int g = 0; g < 20; g++) {
            __m128i e_w;
            if (g < 4) {
                X[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
            } else {
                __m128i x = _mm_sha1msg1_epu32(X[g & 3], X[(g + 1) & 3]);
                X[g & 3] = _mm_sha1msg2_epu32(_mm_xor_si128(x, X[(g + 2) & 3]), X[(g + 3) & 3]);
            }
            if (g == 0)
                e_w = _mm_add_epi32(e0, X[0]);
            else
                e_w = _mm_sha1nexte_epu32(prev, X[g & 3]);
            prev = abcd;
            abcd = sha1_rounds4(abcd, e_w, g);
        }
        e0 = _mm_sha1nexte_epu32(prev, e_in);
        abcd = _mm_add_epi32(abcd, abcd_in);
        p += 64;
    }
    _mm_storeu_si128((__m128i *)state, _mm_shuffle_epi32(abcd, 0x1b));
    state[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}
#endif

/* The block function for this CPU and the pj_hash_accel setting. */
static void sha1_blocks_any(uint32_t state[5], const uint8_t *p, size_t nblocks)
{
#ifdef PJ_HAVE_SHANI
    int active = 0;
    if (pj_hash_accel(-1, &active) == 0 && active) {
        sha1_blocks_shani(state, p, nblocks);
        return;
    }
#endif
    sha1_blocks(state, p, nblocks);
}

/* Reset ctx to H(0) of section 5.3.1. Cannot fail. */
void pj_sha1_init(pj_sha1_ctx *ctx)
{
    ctx->state[0] = 0x67452301;
    ctx->state[1] = 0xefcdab89;
    ctx->state[2] = 0x98badcfe;
    ctx->state[3] = 0x10325476;
    ctx->state[4] = 0xc3d2e1f0;
    ctx->nbytes = 0;
}

/* Feed len bytes (data may be NULL when len is 0). Whole blocks are hashed
 * straight from data; only a trailing partial block is buffered. */
void pj_sha1_update(pj_sha1_ctx *ctx, const uint8_t *data, size_t len)
{
    hash64_update(sha1_blocks_any, ctx->state, ctx->buf, &ctx->nbytes, data, len);
}

/* Pad (0x80, zeros, 64-bit big-endian bit length: section 5.1.1) and write
 * the 20-byte digest. ctx is finished afterwards. */
void pj_sha1_final(pj_sha1_ctx *ctx, uint8_t out[20])
{
    uint64_t bits = ctx->nbytes << 3;
    hash64_pad(sha1_blocks_any, ctx->state, ctx->buf, ctx->nbytes);
    store_be32(ctx->buf + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->buf + 60, (uint32_t)bits);
    sha1_blocks_any(ctx->state, ctx->buf, 1);
    for (int i = 0; i < 5; i++)
        store_be32(out + 4 * i, ctx->state[i]);
}

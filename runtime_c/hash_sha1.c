/*
 * hash_sha1.c - SHA-1, written from FIPS 180-4 (sections 4.1.1, 5, 6.1).
 *
 * 64-byte blocks of sixteen big-endian 32-bit words, expanded to an
 * 80-word schedule W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]) that
 * is kept as a rolling 16-word window. The generic layer (pj_hash_*,
 * hash_sha2.c) dispatches here for PJ_HASH_SHA1.
 */
#include "pj_runtime.h"

#include <string.h>

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
    size_t used = (size_t)(ctx->nbytes & 63);
    ctx->nbytes += (uint64_t)len;   /* FIPS limit is 2^64 bits; see pj_sha1_final */
    if (used > 0) {
        size_t take = 64 - used;
        if (len < take) {
            memcpy(ctx->buf + used, data, len);
            return;
        }
        memcpy(ctx->buf + used, data, take);
        sha1_blocks(ctx->state, ctx->buf, 1);
        data += take;
        len -= take;
    }
    if (len >= 64) {
        sha1_blocks(ctx->state, data, len / 64);
        data += len & ~(size_t)63;
        len &= 63;
    }
    if (len > 0)
        memcpy(ctx->buf, data, len);
}

/* Pad (0x80, zeros, 64-bit big-endian bit length: section 5.1.1) and write
 * the 20-byte digest. ctx is finished afterwards. */
void pj_sha1_final(pj_sha1_ctx *ctx, uint8_t out[20])
{
    uint64_t bits = ctx->nbytes << 3;
    size_t used = (size_t)(ctx->nbytes & 63);
    ctx->buf[used++] = 0x80;
    if (used > 56) {
        memset(ctx->buf + used, 0, 64 - used);
        sha1_blocks(ctx->state, ctx->buf, 1);
        used = 0;
    }
    memset(ctx->buf + used, 0, 56 - used);
    store_be32(ctx->buf + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->buf + 60, (uint32_t)bits);
    sha1_blocks(ctx->state, ctx->buf, 1);
    for (int i = 0; i < 5; i++)
        store_be32(out + 4 * i, ctx->state[i]);
}

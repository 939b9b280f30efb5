/*
 * hash_md5.c - MD5 message digest, written from RFC 1321.
 *
 * The message is processed in 64-byte blocks of sixteen little-endian 32-bit
 * words; each block goes through four rounds of sixteen steps (RFC 1321
 * section 3.4). The constants T[i] = floor(2^32 * |sin(i + 1)|) and the
 * per-step rotation amounts come from the RFC. The generic layer
 * (pj_hash_*, hash_sha2.c) dispatches here for PJ_HASH_MD5.
 *
 * MD5 is broken for collision resistance; it is here because hashlib offers it.
 */
#include "pj_runtime.h"
#include "hash_block.h"

#include <string.h>

/* Fully unrolled rounds let the compiler keep the working variables in
 * registers and fold the message-word indices to constants. */
#if defined(__GNUC__) || defined(__clang__)
#define PJ_UNROLL(n) _Pragma(PJ_STR(GCC unroll n))
#define PJ_STR(x) #x
#else
#define PJ_UNROLL(n)
#endif

static const uint32_t md5_T[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
    0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
    0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
    0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
    0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
    0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
    0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
    0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static inline uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void store_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* One step: a = b + ((a + f(b,c,d) + X[k] + T[i]) <<< s). */
#define MD5_STEP(f, a, b, c, d, k, s, i) \
    ((a) = (b) + rotl32((a) + f((b), (c), (d)) + X[(k)] + md5_T[(i)], (s)))
#define MD5_F(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))   /* (x & y) | (~x & z) */
#define MD5_G(x, y, z) ((y) ^ ((z) & ((x) ^ (y))))   /* (x & z) | (y & ~z) */
#define MD5_H(x, y, z) ((x) ^ (y) ^ (z))
#define MD5_I(x, y, z) ((y) ^ ((x) | ~(z)))

/* Process nblocks consecutive 64-byte blocks. */
static void md5_blocks(uint32_t state[4], const uint8_t *p, size_t nblocks)
{
    uint32_t X[16];
    while (nblocks-- > 0) {
        for (int i = 0; i < 16; i++)
            X[i] = load_le32(p + 4 * i);
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];

        /* Round 1: X[i], rotations 7 12 17 22. */
        PJ_UNROLL(4)
        for (int i = 0; i < 16; i += 4) {
            MD5_STEP(MD5_F, a, b, c, d, i, 7, i);
            MD5_STEP(MD5_F, d, a, b, c, i + 1, 12, i + 1);
            MD5_STEP(MD5_F, c, d, a, b, i + 2, 17, i + 2);
            MD5_STEP(MD5_F, b, c, d, a, i + 3, 22, i + 3);
        }
        /* Round 2: X[(1 + 5i) mod 16], rotations 5 9 14 20. */
        PJ_UNROLL(4)
        for (int i = 16; i < 32; i += 4) {
            MD5_STEP(MD5_G, a, b, c, d, (1 + 5 * i) & 15, 5, i);
            MD5_STEP(MD5_G, d, a, b, c, (1 + 5 * (i + 1)) & 15, 9, i + 1);
            MD5_STEP(MD5_G, c, d, a, b, (1 + 5 * (i + 2)) & 15, 14, i + 2);
            MD5_STEP(MD5_G, b, c, d, a, (1 + 5 * (i + 3)) & 15, 20, i + 3);
        }
        /* Round 3: X[(5 + 3i) mod 16], rotations 4 11 16 23. */
        PJ_UNROLL(4)
        for (int i = 32; i < 48; i += 4) {
            MD5_STEP(MD5_H, a, b, c, d, (5 + 3 * i) & 15, 4, i);
            MD5_STEP(MD5_H, d, a, b, c, (5 + 3 * (i + 1)) & 15, 11, i + 1);
            MD5_STEP(MD5_H, c, d, a, b, (5 + 3 * (i + 2)) & 15, 16, i + 2);
            MD5_STEP(MD5_H, b, c, d, a, (5 + 3 * (i + 3)) & 15, 23, i + 3);
        }
        /* Round 4: X[7i mod 16], rotations 6 10 15 21. */
        PJ_UNROLL(4)
        for (int i = 48; i < 64; i += 4) {
            MD5_STEP(MD5_I, a, b, c, d, (7 * i) & 15, 6, i);
            MD5_STEP(MD5_I, d, a, b, c, (7 * (i + 1)) & 15, 10, i + 1);
            MD5_STEP(MD5_I, c, d, a, b, (7 * (i + 2)) & 15, 15, i + 2);
            MD5_STEP(MD5_I, b, c, d, a, (7 * (i + 3)) & 15, 21, i + 3);
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        p += 64;
    }
}

/* Reset ctx to the RFC's initial state (section 3.3). Cannot fail. */
void pj_md5_init(pj_md5_ctx *ctx)
{
    ctx->state[0] = 0x67452301;
    ctx->state[1] = 0xefcdab89;
    ctx->state[2] = 0x98badcfe;
    ctx->state[3] = 0x10325476;
    ctx->nbytes = 0;
}

/* Feed len bytes (data may be NULL when len is 0). Whole blocks are hashed
 * straight from data; only a trailing partial block is buffered. */
void pj_md5_update(pj_md5_ctx *ctx, const uint8_t *data, size_t len)
{
    hash64_update(md5_blocks, ctx->state, ctx->buf, &ctx->nbytes, data, len);
}

/* Pad (0x80, zeros, 64-bit little-endian bit length: section 3.1-3.2) and
 * write the 16-byte digest. ctx is finished afterwards. */
void pj_md5_final(pj_md5_ctx *ctx, uint8_t out[16])
{
    uint64_t bits = ctx->nbytes << 3;
    hash64_pad(md5_blocks, ctx->state, ctx->buf, ctx->nbytes);
    store_le32(ctx->buf + 56, (uint32_t)bits);
    store_le32(ctx->buf + 60, (uint32_t)(bits >> 32));
    md5_blocks(ctx->state, ctx->buf, 1);
    for (int i = 0; i < 4; i++)
        store_le32(out + 4 * i, ctx->state[i]);
}

/* hash_block.h: the block framing shared by MD5, SHA-1 and SHA-256 (internal to
 * hash_*.c, not part of the pj_ API).
 *
 * All three hash 64-byte blocks (Merkle-Damgard): update buffers a partial
 * block and hashes whole blocks straight from the input; the final block is
 * padded with 0x80, zeros and an 8-byte bit length whose byte order differs
 * per algorithm, so the caller writes the length and hashes that last block. */
#ifndef PJ_HASH_BLOCK_H
#define PJ_HASH_BLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Compress nblocks consecutive 64-byte blocks at p into state. */
typedef void (*hash_blocks_fn)(uint32_t *state, const uint8_t *p, size_t nblocks);

/* Feed len bytes (data may be NULL when len is 0); *nbytes counts every byte
 * fed (mod 2^64) and nbytes % 64 bytes of buf are in use. */
static inline void hash64_update(hash_blocks_fn blocks, uint32_t *state, uint8_t buf[64],
                                 uint64_t *nbytes, const uint8_t *data, size_t len)
{
    size_t used = (size_t)(*nbytes & 63);
    *nbytes += (uint64_t)len;
    if (used > 0) {
        size_t take = 64 - used;
        if (len < take) {
            memcpy(buf + used, data, len);
            return;
        }
        memcpy(buf + used, data, take);
        blocks(state, buf, 1);
        data += take;
        len -= take;
    }
    if (len >= 64) {
        blocks(state, data, len / 64);
        data += len & ~(size_t)63;
        len &= 63;
    }
    if (len > 0)
        memcpy(buf, data, len);
}

/* Pad after nbytes bytes: 0x80, then zeros up to byte 56 of the last block
 * (hashing one extra block when the 0x80 leaves no room for the length). The
 * caller stores the 8-byte bit length at buf + 56 and hashes buf. */
static inline void hash64_pad(hash_blocks_fn blocks, uint32_t *state, uint8_t buf[64],
                              uint64_t nbytes)
{
    size_t used = (size_t)(nbytes & 63);
    buf[used++] = 0x80;
    if (used > 56) {
        memset(buf + used, 0, 64 - used);
        blocks(state, buf, 1);
        used = 0;
    }
    memset(buf + used, 0, 56 - used);
}

#endif /* PJ_HASH_BLOCK_H */

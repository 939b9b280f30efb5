/*
 * arena.c - a small cache of freed blocks in front of a page allocator.
 *
 * Why: CPython 3.11 takes its frame-stack chunks (16 KiB) and pymalloc arenas
 * (1 MiB) from one "arena allocator" that maps and unmaps every block, and a
 * chunk is unmapped as soon as the frame at its base returns. One guest call
 * costs a few host frames, so guest recursion that goes back and forth across
 * a chunk boundary paid mmap + munmap + page faults on every call: fib(20)
 * started from a deep host stack made ~3,600 map/unmap pairs per run and ran
 * 2.5x slower than from a shallow one.
 *
 * The cache keeps up to PJ_ARENA_CACHE_SLOTS freed blocks (at most
 * PJ_ARENA_CACHE_BYTES together) and hands one back for a request of the
 * same size; everything else goes to the allocator underneath. The block
 * allocator shape {ctx, alloc, free} is CPython's PyObjectArenaAllocator;
 * protojit/native.py installs the cache over the host's allocator.
 *
 * All state is under one mutex (the host calls us with its GIL held, but the
 * runtime does not rely on that).
 */
#include "pj_runtime.h"
#include "pj_internal.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>

struct cached_block {
    void *ptr;
    size_t size;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static pj_block_allocator underlying;          /* valid once installed != 0 */
static int installed = 0;
static struct cached_block cache[PJ_ARENA_CACHE_SLOTS];
static size_t cached_count = 0;                /* cache[0 .. cached_count) are in use */
static size_t cached_bytes = 0;
static size_t hits = 0, misses = 0;

static void *cache_alloc(void *ctx, size_t size)
{
    (void)ctx;
    pj_mutex_lock(&cache_lock);
    /* Newest first: its pages are the most likely to still be in the CPU cache. */
    for (size_t i = cached_count; i > 0; i--) {
        if (cache[i - 1].size == size) {
            void *ptr = cache[i - 1].ptr;
            cache[i - 1] = cache[cached_count - 1];
            cached_count--;
            cached_bytes -= size;
            hits++;
            pj_mutex_unlock(&cache_lock);
            return ptr;
        }
    }
    misses++;
    pj_block_allocator under = underlying;
    pj_mutex_unlock(&cache_lock);
    return under.alloc(under.ctx, size);
}

static void cache_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    if (ptr == NULL)
        return;
    pj_mutex_lock(&cache_lock);
    if (cached_count < PJ_ARENA_CACHE_SLOTS && size <= PJ_ARENA_CACHE_BYTES - cached_bytes) {
        cache[cached_count].ptr = ptr;
        cache[cached_count].size = size;
        cached_count++;
        cached_bytes += size;
        pj_mutex_unlock(&cache_lock);
        return;
    }
    pj_block_allocator under = underlying;
    pj_mutex_unlock(&cache_lock);
    under.free(under.ctx, ptr, size);
}

int pj_arena_cache_wrap(const pj_block_allocator *under, pj_block_allocator *out)
{
    if (under == NULL || out == NULL || under->alloc == NULL || under->free == NULL)
        return -EINVAL;
    pj_mutex_lock(&cache_lock);
    int rc = 0;
    if (under->alloc == cache_alloc) {
        /* Already the cache (installed twice): hand the same allocator back. */
    } else if (installed && memcmp(&underlying, under, sizeof underlying) != 0) {
        rc = -EEXIST;          /* one cache per process, over one allocator */
    } else {
        underlying = *under;
        installed = 1;
    }
    pj_mutex_unlock(&cache_lock);
    if (rc == 0) {
        out->ctx = NULL;
        out->alloc = cache_alloc;
        out->free = cache_free;
    }
    return rc;
}

int pj_arena_cache_stats(size_t *out_hits, size_t *out_misses, size_t *out_cached_bytes)
{
    if (out_hits == NULL || out_misses == NULL || out_cached_bytes == NULL)
        return -EINVAL;
    pj_mutex_lock(&cache_lock);
    *out_hits = hits;
    *out_misses = misses;
    *out_cached_bytes = cached_bytes;
    pj_mutex_unlock(&cache_lock);
    return 0;
}

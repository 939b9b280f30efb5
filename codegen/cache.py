"""On-disk cache of machine code (MCJIT object files), so a second run skips LLVM.

Key: SHA-256 of the unoptimised LLVM IR text (which embeds the guest code, the
argument types and every compile-time constant: global constants, callees),
the llvmlite and LLVM versions, the host CPU name and features, the code model
and this module's FORMAT. An entry is `MAGIC + sha256(payload) + payload`; a
file that is truncated, corrupt or unreadable is ignored (and removed) and the
code is compiled again — a cache problem never crashes the program.

Location: $PROTOJIT_CACHE_DIR, else $XDG_CACHE_HOME/protojit/jit, else
~/.cache/protojit/jit. `--no-jit-cache` (tiering.settings.cache) turns it off.
"""
from __future__ import annotations

import hashlib
import os
import tempfile

FORMAT = b"pj-jit-obj-1"
MAGIC = b"PJOBJ1\n"


def cache_dir() -> str:
    d = os.environ.get("PROTOJIT_CACHE_DIR")
    if d:
        return d
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "protojit", "jit")


def key_for(ir_text: str, target_id: str) -> str:
    h = hashlib.sha256()
    h.update(FORMAT)
    h.update(target_id.encode())
    h.update(ir_text.encode())
    return h.hexdigest()


def load(key: str) -> bytes | None:
    path = os.path.join(cache_dir(), key[:2], key + ".o")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    n = len(MAGIC)
    if len(data) > n + 32 and data[:n] == MAGIC:
        digest, payload = data[n:n + 32], data[n + 32:]
        if hashlib.sha256(payload).digest() == digest:
            return payload
    try:   # corrupt or stale format: drop it, it will be rebuilt
        os.unlink(path)
    except OSError:
        pass
    return None


def store(key: str, payload: bytes) -> None:
    d = os.path.join(cache_dir(), key[:2])
    try:
        os.makedirs(d, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, os.path.join(d, key + ".o"))
    except OSError:
        pass   # a read-only or full disk only costs the next run a compile

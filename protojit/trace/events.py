"""The engine's event log: every tier decision is an event with a timestamp.

`record(kind, **data)` appends an event; with `--trace=FILE` the events are
written to FILE as JSON lines when the program ends. The rich viewer
(viewer.py) reads the same records. Kinds: `call` (first call of a function),
`hot`, `compile`, `recompile`, `reject`, `deopt`, `tier-down` (tiering.py),
`thread` (threadprims.py), and at exit `profile` (per function) and `run`
(totals; profile.py). Events are kept with --trace or --stats only.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time

_lock = threading.Lock()
_events: list[dict] = []
_destination: str | None = None
_enabled = False
_tracing = False
_written = [False]
_start = time.perf_counter()


def configure(trace, stats: bool = False) -> None:
    """`trace`: True, a file name, or None; `stats`: --stats (events kept in memory only)."""
    global _destination, _enabled, _tracing, _start
    _tracing = bool(trace)
    _enabled = _tracing or bool(stats)
    _destination = os.path.abspath(trace) if isinstance(trace, str) else None   # the guest may chdir
    _start = time.perf_counter()
    with _lock:
        _events.clear()


def enabled() -> bool:
    return _enabled


def tracing() -> bool:
    """--trace is on: compile events carry the typed IR and LLVM IR texts."""
    return _tracing


def record(kind: str, **data) -> None:
    if not _enabled:
        return
    event = {"t": round(time.perf_counter() - _start, 6), "event": kind, "thread": threading.get_ident()}
    event.update(data)
    with _lock:
        _events.append(event)


def events() -> list[dict]:
    with _lock:
        return list(_events)


def flush() -> None:
    if _destination is None:
        return
    try:
        with _lock, open(_destination, "w", encoding="utf-8") as fh:
            for e in _events:
                fh.write(json.dumps(e, default=repr) + "\n")
    except OSError as e:
        sys.stderr.write(f"protojit: cannot write the trace {_destination}: {e.strerror}\n")
        return
    _written[0] = True


def written() -> bool:
    """The last flush() wrote the trace file."""
    return _written[0]

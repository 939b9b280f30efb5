"""Several object-code compiles made into one LLVM module (the compile worker's batches).

In: the module texts of object-code units lowered one after another on one thread while
`collecting()` is active there (the --tier auto compile worker, protojit/tiering.py
_run_batch), each with its entry, its signal-poll limit and `finish`, which makes the
unit's spec from its machine code (compiler._lower_and_compile). Out: a `Deferred` per
unit, whose `finish()` returns the spec; the first one to finish compiles all of them:
their texts parsed and linked into one module, optimised and made into machine code once.

Why one module: every object-code module carries its own copies of the lowering's
per-module functions (set_line, attr_slot.get/set, num_box, global_slow: 17% of the
optimised LLVM instructions of pyperformance go's 45 level-1 modules), and LLVM's code
generator has a cost per module besides. In a batch, an internal function whose text is
another unit's (but for its own name, and with its branch weights spelt out) is linked
as that one (linkonce_odr, then internal again): compiled once, called directly by both
units, as each unit called its own copy. Go's modules compiled offline, LLVM CPU: 2.05 s
one by one, 1.65 s four to a module.

Failures stay each unit's own: if the batch's LLVM stages fail, every unit is compiled
alone (jit.compile_text) at its own finish, which raises that unit's error only.
"""
from __future__ import annotations

import contextlib
import re
import threading

from . import jit
from .errors import Unsupported

_collector = threading.local()   # .batch: the Batch that _lower_and_compile adds units to


@contextlib.contextmanager
def collecting():
    """On this thread, object-code units compiled at level 1 join one Batch (yielded)."""
    batch = Batch()
    _collector.batch = batch
    try:
        yield batch
    finally:
        _collector.batch = None


def current() -> "Batch | None":
    """The batch this thread's object-code units join (collecting), or None: compile now."""
    return getattr(_collector, "batch", None)


class Deferred:
    """A unit waiting for its batch's machine code; `finish()` gives its spec (or raises
    what compiling it raised)."""
    __slots__ = ("batch", "index", "make_spec")

    def __init__(self, batch, index, make_spec):
        self.batch = batch
        self.index = index
        self.make_spec = make_spec   # make_spec(jit.Compiled) -> the unit's spec

    def finish(self):
        return self.make_spec(self.batch.compiled(self.index))


class Batch:
    def __init__(self):
        self.units: list[tuple[str, str, str | None]] = []   # (text, entry, poll limit)
        self.results = None   # per unit: its jit.Compiled, or None (compile it alone)

    def add(self, text: str, entry: str, poll_limit: str | None, make_spec) -> Deferred:
        self.units.append((text, entry, poll_limit))
        return Deferred(self, len(self.units) - 1, make_spec)

    def compiled(self, index: int) -> "jit.Compiled":
        if self.results is None:
            self.results = _compile_together(self.units)
        compiled = self.results[index]
        if isinstance(compiled, Exception):
            raise Unsupported(f"internal: the batch's compile failed: {compiled}")
        if compiled is None:
            text, entry, poll_limit = self.units[index]
            compiled = jit.compile_text(text, [entry], 1, poll_limit)
        self.units[index] = None   # (its text goes)
        return compiled


def _compile_together(units) -> list:
    """Machine code for all `units` in one module: a jit.Compiled per unit (the batch's
    stage times shared out), or Nones (one unit: nothing to share; a failure: each alone)."""
    if len(units) < 2:
        return [None] * len(units)
    try:
        addresses, times = jit.compile_linked(_share_functions([u[0] for u in units]),
                                              [u[1] for u in units], [u[2] for u in units])
    except Exception as e:   # noqa: BLE001 - each unit is compiled alone, and fails alone
        # (unless the module reached the engine: its symbols are taken, every unit fails)
        return [e if getattr(e, "in_engine", False) else None] * len(units)
    share = {k: v / len(units) for k, v in times.items()}
    return [jit.Compiled({u[1]: addresses[u[1]]}, "", "", share) for u in units]


# an internal function of a unit's text: (the text before its name, its unit's prefix,
# the rest of its name, the rest of its header), its body. Not the unit's own functions
# (lower.py names them NAME.N), which no other unit has: their bodies are most of the text.
_DEFINE = re.compile(r'^define internal ([^\n]*?)@"(pj\d+)\.([^"]*[^"0-9])"([^\n]*)\n\{\n(.*?)\n\}\n',
                     re.M | re.S)
_METADATA = re.compile(r'^!(\d+) = (.*)$', re.M)
_METADATA_REF = re.compile(r'!(\d+)\b')


def _share_functions(texts: list[str]) -> list[str]:
    """`texts` with each internal function that has the same text as one of an earlier
    unit (its own name aside, branch weights by content) renamed to that one, and both
    made linkonce_odr: linking keeps one (jit.compile_linked makes it internal again)."""
    first: dict = {}     # a function's text (normalised) -> its first name
    shared: set = set()  # names of functions made linkonce_odr
    renames = []         # per text: {old name: first name}
    for text in texts:
        weights = dict(_METADATA.findall(text))
        mine = {}
        for m in _DEFINE.finditer(text):
            head, prefix, rest, tail, body = m.groups()
            name = f"{prefix}.{rest}"
            body = body.replace(f'@"{name}"', '@"SELF"')
            body = _METADATA_REF.sub(lambda r: weights.get(r.group(1), r.group(0)), body)
            key = (head, rest, tail, body)
            was = first.setdefault(key, name)
            if was != name:
                mine[name] = was
                shared.add(was)
        renames.append(mine)
    if not shared:
        return texts
    linked = re.compile(r'^define internal ([^\n]*?@"(?:' + "|".join(map(re.escape, shared))
                        + r')")', re.M)
    out = []
    for text, mine in zip(texts, renames):
        for old, new in mine.items():
            text = text.replace(f'@"{old}"', f'@"{new}"')
        out.append(linked.sub(r'define linkonce_odr \1', text))
    return out

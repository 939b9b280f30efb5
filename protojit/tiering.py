"""Tiering policy: when a guest function leaves tier 0 for native code.

`--tier interp` never compiles; `--tier jit` compiles every function it can
at its first call; `--tier auto` compiles once a function is hot (calls or
loop iterations over `--jit-threshold`). The native tier itself lives in
protojit.codegen; until it is wired in, every tier runs tier 0 and this
module only records the settings.
"""
from __future__ import annotations


class TierSettings:
    def __init__(self, tier: str = "auto", threshold: int = 1000, cache: bool = True):
        self.tier = tier
        self.threshold = threshold
        self.cache = cache


settings = TierSettings()


def configure(env, opts) -> None:
    settings.tier = opts.tier
    settings.threshold = opts.jit_threshold
    settings.cache = opts.jit_cache
    from protojit.trace import events
    events.configure(opts.trace)


def shutdown(env) -> None:
    from protojit.trace import events
    events.flush()

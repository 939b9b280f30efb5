# Recursion through builtins that call guest code back counts the builtin's level as
# CPython 3.11 does (hash, repr and sorted(key=) each one C level on top of the guest
# frame), also when the caller is native code (it missed that level at --tier jit:
# hash recursion reached 980 levels where CPython stops at 498). Each case runs once at
# 1000 unreported first, so that CPython's own call sites are warmed up (its first,
# unspecialised call of a builtin counts one more level), then at 1000, 100 and 3000.
import sys

depth = 0


def measure(name, fn):
    global depth
    for run, limit in enumerate((1000, 1000, 100, 3000)):
        sys.setrecursionlimit(limit)
        depth = 0
        try:
            fn()
            result = "no error"
        except RecursionError as e:
            result = f"{depth} {e}"
        if run:
            print(name, limit, result)
    sys.setrecursionlimit(1000)


class Hashed:
    def __hash__(self):
        global depth
        depth += 1
        return hash(Hashed())


class Shown:
    def __repr__(self):
        global depth
        depth += 1
        return repr(Shown())


def key(x):
    global depth
    depth += 1
    return sorted([1], key=key)


def mixed(n):
    # hash() -> __hash__ -> a function -> repr() -> __repr__ -> ...
    global depth
    depth += 1
    return hash(Bridge(n))


class Bridge:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return len(repr(self))

    def __repr__(self):
        return str(mixed(self.n + 1))


measure("hash", lambda: hash(Hashed()))
measure("repr", lambda: repr(Shown()))
measure("sorted key", lambda: key(0))
measure("hash and repr", lambda: mixed(0))

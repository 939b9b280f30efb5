# Object code: the try/except idioms of real programs in hot native loops -- a dict cache
# filled on KeyError, int() parsing with ValueError fallbacks, `continue` and `break` from
# handlers, StopIteration from next() caught, exceptions raised three native calls deep
# and caught at each level in turn, a handler calling a tier-0 function that reads
# sys.exc_info(), and the handled exception gone once the loop is over.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles cached_fib, parse_all, first_negative, drain, level1, level2, level3, catch_at, handled_here
# run auto: --jit-threshold 20
# expect auto: compiles cached_fib, parse_all, first_negative, drain, level3
import sys

CACHE = {}


def cached_fib(n):
    try:
        return CACHE[n]
    except KeyError:
        pass
    r = n if n < 2 else cached_fib(n - 1) + cached_fib(n - 2)
    CACHE[n] = r
    return r


def parse_all(words):
    out = []
    bad = 0
    for w in words:
        try:
            out.append(int(w))
        except ValueError:
            try:
                out.append(float(w))
            except ValueError:
                bad += 1
                continue
        out[-1] *= 2
    return out, bad


def first_negative(rows):
    found = None
    for row in rows:
        try:
            for v in row:
                if v < 0:
                    raise LookupError(v)
        except LookupError as e:
            found = e.args[0]
            break
        except TypeError:
            continue
    return found


def drain(it):
    got = []
    while True:
        try:
            got.append(next(it))
        except StopIteration:
            break
    return got


def level3(x):
    if x % 3 == 0:
        raise KeyError(x)
    if x % 3 == 1:
        raise ValueError(x)
    return x


def level2(x):
    try:
        return level3(x)
    except KeyError:
        return -1


def level1(x):
    try:
        return level2(x)
    except ValueError as e:
        return -2 - e.args[0]


def what_is_handled():
    t, v, tb = sys.exc_info()
    return None if t is None else (t.__name__, str(v))


def catch_at(x):
    try:
        level3(x)
    except (KeyError, ValueError):
        return what_is_handled()
    return what_is_handled()


def handled_here(xs):
    seen = []
    for x in xs:
        try:
            level3(x)
        except Exception:
            seen.append(what_is_handled())
        seen.append(what_is_handled())
    return seen


for i in range(40):
    CACHE.clear()
    r = (cached_fib(30), parse_all(["1", "2.5", "x", "-4", "1e3", ""]),
         first_negative([[1, 2], None, [3, -4, -5], [-6]]), first_negative([[1]]),
         drain(iter(range(i % 4))), [level1(x) for x in range(6)], catch_at(i), handled_here([2, 3]))
    if i % 10 == 0:
        print(r, sys.exc_info())

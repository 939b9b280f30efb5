# Object code runs in guest frames: warnings.warn's stacklevel counts natively compiled
# callers like CPython's frames (the warning names the native caller's file and line,
# and "once"/"default" registries are kept per caller line).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles caller, twice_removed, warns_here, loop_warn
# run auto: --object-code --jit-threshold 3
# expect auto: compiles caller
import warnings
import sys

warnings.simplefilter("default")


def deprecated(x):
    warnings.warn(f"deprecated {x}", DeprecationWarning, stacklevel=2)
    return x + 1


def deep_deprecated(x):
    warnings.warn("from two levels up", UserWarning, stacklevel=3)
    return x


def caller(x):
    y = x * 3
    return deprecated(y)


def twice_removed(x):
    return deep_deprecated(x) + 1


def warns_here(x):
    warnings.warn("direct from native code", RuntimeWarning)
    return x


def loop_warn(n):
    total = 0
    for i in range(n):
        total += caller(i)
        total += twice_removed(i)
    return total


print(loop_warn(5))
print(warns_here(2))
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    caller(1)
    twice_removed(2)
    print([(w.category.__name__, str(w.message), w.lineno) for w in seen])
sys.stderr.flush()

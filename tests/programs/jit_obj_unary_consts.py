# Signed and inverted number constants in object code (codegen/build.py folds -1, +2.5, ~0
# into constants, as CPython's compiler does): a negative slice step, negative indexes,
# -0.0, the int64 edges and one past them (an exact big int, not an int64), ~ of the
# largest int64 and ~ of a folded big int, a negated negation (folded once), and bools (not
# folded: -True is an int computed at run).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles reverse_prefix, constants, big
# run auto: --jit-threshold 20
# expect auto: compiles reverse_prefix


def reverse_prefix(xs, k):
    return xs[k::-1], xs[-1], xs[-k:], xs[:-1:2]


def big():
    a = -9223372036854775809
    return ~a, a + 0, ~-9223372036854775809, ~9223372036854775808, -(-9223372036854775808)


def constants():
    return (-0.0, +3, ~0, -(-5), -2.5, +(-1.5), -9223372036854775807 - 1, -9223372036854775808,
            -9223372036854775809, ~9223372036854775807, ~-9223372036854775809, -True, ~False,
            str(-0.0), 1 / -float("inf"))


for k in range(30):
    r = reverse_prefix(list(range(6)), k % 6)
print(r)
print(reverse_prefix("abcdef", 3), reverse_prefix((1, 2, 3), 1))
print([constants() for _ in range(3)][-1])
print([big() for _ in range(3)][-1])

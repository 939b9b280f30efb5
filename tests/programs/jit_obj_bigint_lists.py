# Object code: int64 overflow into exact big ints in a hot loop with list appends before
# and after (never wrapped, no effect repeated), a dict mutated during iteration
# (CPython's RuntimeError), unpacking errors, slices and f-strings.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles grow, collatz_steps, mutate_while_iterating, pairs, window, fmt_row
# run auto: --object-code
# expect auto: compiles grow
def grow(seed, n, out):
    x = seed
    out.append(("start", x))
    for i in range(n):
        x = x * 3 + i
        if i % 16 == 0:
            out.append(x % 1000)
    out.append(("end", x > 2 ** 63, x.bit_length()))
    return x


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def mutate_while_iterating(d):
    seen = []
    for k in d:
        seen.append(k)
        d[k * 100] = k
    return seen


def pairs(items):
    out = []
    for a, b in items:
        out.append(a - b)
    return out


def window(seq, k):
    return seq[k:-k], seq[::k], seq[-1]


def fmt_row(name, value, width):
    return f"{name!r:>8}|{value:{width}.3f}|{value!s}|{len(name):03d}"


log = []
for rnd in range(1100):
    r = grow(rnd, 45, log)
print(r, len(log), log[:3], log[-1])
print(grow(2 ** 62, 3, []), log[-1])
print(collatz_steps(27), collatz_steps(2 ** 70 + 1))
try:
    mutate_while_iterating({1: 1, 2: 2})
except RuntimeError as e:
    print("RuntimeError", e)
print(pairs([(1, 2), [5, 3], "ab" if False else (9, 9)]))
for bad in ([(1, 2, 3)], [(1,)], [5], ["xyz"]):
    try:
        pairs(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(window(list(range(10)), 2), window("abcdefgh", 3))
print(fmt_row("ab", 3.14159, 9), fmt_row("xyz", -2.5, 7))

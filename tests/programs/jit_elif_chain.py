# An if/elif chain comparing an int with several constants: LLVM turns it into a `switch`,
# which the backend lowers to a jump table of absolute addresses unless told not to
# (jit.py: "no-jump-tables"); such a table could not be relocated where the JIT puts code
# and the process died in RuntimeDyld. Numeric code (`pick`) and object code (`collect`).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles pick, collect
# expect auto: compiles pick


def pick(n):
    t = 0
    for i in range(n):
        if i == 3:
            t += 1
        elif i == 6:
            t += 5
        elif i == 8:
            t -= 2
        elif i == 10:
            t *= 3
        elif i == 12:
            t += 7
    return t


def collect(n, out):
    for i in range(n):
        if i == 1:
            out.append("one")
        elif i == 2:
            out.append("two")
        elif i == 4:
            out.append("four")
        elif i == 5:
            out.append("five")
        elif i == 9:
            out.append("nine")
    return out


for k in range(1200):
    r = pick(20)
print(r, pick(11))
print(collect(12, []))

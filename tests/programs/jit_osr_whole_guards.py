# Guards failing after whole-function OSR, in the middle of the outer loop: an int64
# overflow and a local whose type changes; the function printed and mutated a list before
# its loop (tier 0 must not repeat either), and tier 0 goes on from the loop header with
# the frame as the native code found it. A function both OSR'd and called recursively.
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --no-object-code
# expect jit: compiles grows@function from the loop at line 14, int_or_float@function from the loop at line 39, walk
# expect auto: compiles grows@function from the loop at line 14, int_or_float@function from the loop at line 39, walk@function from the loop at line 46, walk
def grows(n, log):
    log.append(n)
    print("grows starts", n, len(log))
    acc = 0
    i = 0
    while i < n:
        j = 0
        while j < 3:
            acc += i * i * i * i * i + j    # passes 2**63 near i == 1640: deopt after OSR
            j += 1
        i += 1
    return acc % 1000000007, i


def changes_type(n, out):
    out.append("before")
    print("changes_type starts", n)
    step = 1
    total = 0
    for i in range(n):
        if i == n // 2:
            step = 0.5              # a local's type changes mid-loop
        total += step
    return total


def int_or_float(n, start, out):
    out.append(start)
    print("int_or_float starts", type(start).__name__)
    total = start
    for i in range(n):
        total += i % 5
    return total


def walk(depth, n):
    s = 0
    for i in range(n):
        s += (i * depth) % 7
    if depth > 0:
        s += walk(depth - 1, n)     # the OSR'd rest of the call recurses
    return s


log = []
print(grows(3000, log), log)
out = []
print(changes_type(4000, out), out)
print(int_or_float(3000, 0, out), int_or_float(3000, 0.5, out), int_or_float(3000, 2 ** 62, out), out)
print(walk(4, 3000), walk(2, 1500))
for k in range(3):
    print(walk(3, 1200 + k))
print(grows(10, log), log)

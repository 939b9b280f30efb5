# Shifts: by 64 or more, overflowing left shifts, negative counts.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles shl, shr
# expect auto: compiles shl, shr
def shl(a, b):
    return a << b


def shr(a, b):
    return a >> b


for i in range(1200):
    shl(i, i % 20)
    shr(i, i % 20)
for a, b in ((1, 62), (1, 63), (1, 64), (3, 70), (0, 100), (-1, 63), (-5, 2), (2 ** 40, 30)):
    print(a, b, shl(a, b), shr(a, b))
print(shr(-1, 200), shr(12345, 64), shr(-(2 ** 63), 63))
for a, b in ((1, -1), (-8, -2)):
    try:
        print(shl(a, b))
    except ValueError as e:
        print("ValueError:", e)
    try:
        print(shr(a, b))
    except ValueError as e:
        print("ValueError:", e)

# Bitwise operators and shifts on ints, bools and negatives.
vals = [0, 1, -1, 5, -6, 255, 2 ** 65 + 3, -(2 ** 65)]
for a in vals:
    for b in (3, -4, 2 ** 64):
        print(a, b, a & b, a | b, a ^ b)
for a in vals:
    print(a, ~a, a << 3, a >> 1, a >> 100, a << 0)
print(1 << 200, -1 << 64, (1 << 64) - 1 >> 60)
for bad in [(1, -1), (-5, -2)]:
    try:
        print(bad[0] << bad[1])
    except ValueError as e:
        print('ValueError', e)
    try:
        print(bad[0] >> bad[1])
    except ValueError as e:
        print('ValueError', e)
print(True & False, True | False, True ^ True, ~True, ~False, True << 3)
print(type(True & True).__name__, type(True & 1).__name__)
try:
    1.0 & 1
except TypeError as e:
    print('TypeError', e)
try:
    1 << 1.0
except TypeError as e:
    print('TypeError', e)
x = 0b1010
x &= 0b0110
print(x)
x |= 0b1000
x ^= 0b0001
x <<= 2
x >>= 1
print(x, bin(x))
print(0xFF ^ 0x0F, 0o777 & 0x1FF, int.bit_count(255) if hasattr(int, 'bit_count') else 8)
print({1, 2, 3} & {2, 3, 4}, {1, 2} | {3}, {1, 2} ^ {2, 3}, {1, 2, 3} - {1})

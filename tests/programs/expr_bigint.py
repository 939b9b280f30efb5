# Big integers: arithmetic beyond 64 bits, sign handling, conversions.
a = 2 ** 100
b = -(3 ** 70)
print(a, b)
print(a + b, a - b, a * b)
print(a // 7, a % 7, b // 7, b % 7)
print(divmod(a, -12345678901234567890), divmod(b, 98765))
print(a.bit_length(), b.bit_length(), (0).bit_length())
print(str(10 ** 50 + 1), repr(-10 ** 30))
x = 1
for i in range(1, 40):
    x *= i
print(x, len(str(x)))
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(9223372036854775807 * 9223372036854775807)
print((2 ** 64) >> 3, (2 ** 64) << 70, -(2 ** 64) >> 1)
print(abs(b), -a, +a)
print(int("123456789012345678901234567890") * 3)
print(a == 2 ** 100, a > b, a < 2 ** 101, hash(2 ** 61 - 1) == (2 ** 61 - 1) % (2 ** 61 - 1))
print(float(2 ** 80), int(1e20), int(-1.5e19))
print(2 ** 200 // 3 ** 50, pow(2, 200, 10 ** 9 + 7))
print(sum(range(10 ** 6, 10 ** 6 + 1000)) ** 3)
print((-7) ** 33, 7 ** -2)
print(a & b, a | b, a ^ b, ~a)
print(format(a, 'x'), format(b, ','), format(a, '_d'))
print(hex(a), oct(b), bin(2 ** 70 + 5))
print(int.from_bytes(b'\xff' * 10, 'big'), (2 ** 72 - 1).to_bytes(9, 'little'))
print(sorted([a, b, 0, -1, 2 ** 64, -(2 ** 64)]))

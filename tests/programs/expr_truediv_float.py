# True division, float repr, specials and float methods.
print(1 / 3, 2 / 3, 10 / 4, -9 / 3, 7 / -2, 0 / 5, 1 / -1e308)
print(2 ** 53 / 3, 10 ** 30 / 10 ** 10, (10 ** 400) / (10 ** 398))
print(0.1 + 0.2, 0.1 * 3, 1e16, 1e15, 1.5e-7, 123456789.0 * 10, 1e22, 1e-5, 0.0001)
print(repr(-0.0), 0.0 == -0.0, str(1e100), 3.0, float('1_000.5'))
inf = float('inf')
nan = float('nan')
print(inf, -inf, nan, inf - inf, inf * 0, nan == nan, nan != nan, inf > 1e308)
print(float('-Infinity'), float(' 12.5 '), float('1e3'))
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
try:
    print(1.0 / 0.0)
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
try:
    print(10 ** 400 / 1e-10)
except OverflowError as e:
    print('OverflowError', e)
try:
    float(10 ** 400)
except OverflowError as e:
    print('OverflowError', e)
try:
    float('abc')
except ValueError as e:
    print('ValueError', e)
print((2.5).is_integer(), (3.0).is_integer(), (0.75).as_integer_ratio(), (-2.0).hex())
print(float.fromhex('0x1.8p1'), int(3.99), int(-3.99), 7.0 // 2, -7.0 % 3)
print(sum([0.1] * 10), 1e308 * 10, -1e308 * 10, 5e-324 / 2)
print(abs(-2.5), round(2.675, 2), max(1.5, 2), min(-0.0, 0.0))
print(3 * 1.1, 1.1 ** 2, 2 ** 0.5, (-8) ** (1 / 3) if False else 'skip', 4 ** -0.5)

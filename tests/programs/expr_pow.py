# pow with two and three arguments, negative exponents, modular inverse, errors.
print(2 ** 10, (-2) ** 3, -2 ** 2, 2 ** -1, 2 ** -3, (-2) ** -2, 0 ** 0, 0.0 ** 0)
print(2 ** 3 ** 2, (2 ** 3) ** 2, 10 ** 0, 1 ** 1000000)
print(pow(3, 4), pow(3, 4, 5), pow(-3, 3, 7), pow(3, 3, -7), pow(2, 0, 1), pow(5, 100, 13))
print(pow(3, -1, 7), pow(38, -1, 97), pow(2, -2, 5), pow(-1, -1, 3))
print(pow(2.0, 3), pow(4, 0.5), pow(2, -1.0), 2.0 ** -1074)
cases = [(0, -1, None), (2, -1, 4), (2, 3.0, 5), (2, 3, 0), (2.0, 3, 5), (0.0, -1, None)]
for b, e, m in cases:
    try:
        r = pow(b, e) if m is None else pow(b, e, m)
        print('ok', r)
    except (ValueError, TypeError, ZeroDivisionError) as ex:
        print(type(ex).__name__, ex)
print((-8) ** (1 / 3) == complex, type((-8) ** 0.5).__name__)
try:
    print(10.0 ** 400)
except OverflowError as ex:
    print('OverflowError', ex)
x = 3
x **= 4
print(x)
x **= -1
print(x)
print(pow(base=2, exp=5), pow(2, 5, mod=3))
print(True ** 2, 2 ** True, pow(False, 0))

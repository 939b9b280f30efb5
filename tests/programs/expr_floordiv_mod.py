# Floor division, modulo and divmod with every sign combination, ints and floats.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (0, -3), (6, 3), (-6, 3), (1, 10**20), (-1, 10**20)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
fpairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2.0), (0.0, -3), (-0.0, 3), (1e300, 1e-10), (5, 0.3)]
for a, b in fpairs:
    print(a, b, a // b, a % b, divmod(a, b))
print(-1 % 1e-30, 3 % float('inf'), -3 % float('inf'), 3 // float('inf'), -3 // float('inf'))
for a, b in [(1, 0), (1.0, 0), (1, 0.0), (0, 0)]:
    for op in ('//', '%', 'divmod'):
        try:
            if op == '//':
                r = a // b
            elif op == '%':
                r = a % b
            else:
                r = divmod(a, b)
            print('no error', r)
        except ZeroDivisionError as e:
            print(type(a).__name__, op, type(b).__name__, '->', e)
print(True // 2, True % 2, divmod(True, True), -True // 2)
x = 17
x //= -5
y = -17
y %= 5
print(x, y)

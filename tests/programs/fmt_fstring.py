# f-strings: conversions, format specs, nested specs, '=' debugging, expressions inside.
name = 'Zoë'
x = 3.14159
n = 42
items = [1, 2, 3]
print(f'{name} {name!r} {name!a} {name!s}')
print(f'{x:.2f} {x:10.3f}| {n:05d} {n:x} {n:#b} {n:,} {n:>6} {n:<6}| {n:^6}|')
w, p = 12, 4
print(f'{x:{w}.{p}f}|', f'{x:{"<" if n else ">"}{w}}|', f'{n:{"0"}{8}}')
print(f'{n=}', f'{x=:.2f}', f'{name=!s}', f'{ items[1] = }', f'{n * 2 = }', f'{len(items)=}')
print(f'{items}', f'{items[0] + items[-1]}', f'{ {"a": 1}["a"] }', f'{(lambda v: v * 2)(5)}')
print(f'{"nested " + f"{n}"}', f'{n if n > 40 else 0}', f'{", ".join(str(i) for i in items)}')
print(f'{{braces}} {{{n}}}', f'{"q"!r}', f'''{'tri'}''', f'{3.0:g} {1e-9:e} {0.25:%}')
print(rf'\n{n}', f'{n}\t|', f'{n!r:>5}', f'{name!r:^10}|', f'{None}', f'{True!s:>6}')
for i in range(3):
    print(f'{i:>{i + 2}}|{i * "ab"}')


class P:
    def __repr__(self):
        return 'P-repr'

    def __str__(self):
        return 'P-str'

    def __format__(self, spec):
        return 'P-fmt[' + spec + ']'


o = P()
print(f'{o}', f'{o!r}', f'{o!s}', f'{o:xyz}', f'{o=}', f'{o=:abc}', f'{o=!s}')
try:
    print(f'{n:z}')
except ValueError as e:
    print('ValueError', e)

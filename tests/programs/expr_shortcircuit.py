# and/or return operands, short-circuit side effects, not, truthiness.
log = []


def t(x):
    log.append(x)
    return x


print(1 and 2, 0 and 2, 1 or 2, 0 or 2, '' or 'd', [] or {}, None and 1, 'a' and '' and 'b')
print(t(0) and t(1), log)
log.clear()
print(t(1) or t(2), log)
log.clear()
print(t(0) or t('') or t([]) or t('last'), log)
log.clear()
print(t(1) and t(2) and t(0) and t(3), log)
print(not 0, not 1, not [], not [0], not None, not '', not 'x', not 0.0, not -0.0)
print([x or 'empty' for x in ['', 'a', 0, None, [1]]])
print(bool(0j), bool(1j), bool(()), bool((0,)), bool(range(0)), bool(range(1)))
a = None
b = a or []
b.append(1)
print(a, b)
print((1 and [] or 'fallback'), (0 if 0 else 1 and 5))
print(True + True, True * 10, False - 1, sum([True, True, False]))

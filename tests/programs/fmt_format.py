# format() and str.format: specs for every type, alignment, fill, nesting, __format__.
print(format(42, 'd'), format(42, '>6'), format(42, '<6') + '|', format(42, '^7'), format(42, '*^9'))
print(format(-42, '=+8'), format(42, '+'), format(42, ' '), format(-3, '08'), format(1234567, ','), format(1234567, '_'))
print(format(255, 'x'), format(255, '#X'), format(8, '#o'), format(5, '#b'), format(5, '010b'), format(65, 'c'))
print(format(3.14159, '.2f'), format(3.14159, '10.3e'), format(0.5, '%'), format(0.123, '.1%'), format(1e-7, 'g'))
print(format(1234.5, ',.2f'), format(2.5, '.0f'), format(3.5, '.0f'), format(1e16, 'g'), format(123.456, '.5g'))
print(format(float('inf'), 'f'), format(float('nan'), '+.2f'), format(-0.0, '.1f'), format(1.0, ''), format(1e300 * 10, 'E'))
print(format('abc', '>5'), format('abc', '.2'), format('abc', '^9.1'), format(True, 'd'), format(True, ''), format(None, ''))
print('{} {} {}'.format(1, 'a', [2]), '{1} {0} {1}'.format('x', 'y'), '{a}-{b}'.format(a=1, b=2))
print('{0!r} {0!s} {0!a}'.format('é'), '{:{w}.{p}f}'.format(3.14159, w=10, p=3), '{:{}{}}'.format(7, '>', 4))
print('{0[1]} {0[k]} {1.real}'.format({1: 'one', 'k': 'kay'}, 3 + 4j), '{.__name__}'.format(int))
print('{{literal}} {}'.format('x'), '{:,}'.format(10 ** 10), '{:.3}'.format('truncate'))
print('{:>{width}}|'.format('r', width=4), '{:=^20}'.format(' mid '), '{!r:>8}'.format('q'))


class Money:
    def __init__(self, c):
        self.c = c

    def __format__(self, spec):
        if spec == 'cents':
            return '%dc' % self.c
        return format(self.c / 100, spec or '.2f')


print(format(Money(1234)), format(Money(5), 'cents'), '{:>10.1f}|{:cents}'.format(Money(250), Money(3)))
for spec, val in [('d', 1.5), ('.2f', 'x'), ('q', 1), ('=5', 'abc'), (',x', 5)]:
    try:
        print(format(val, spec))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for fmt in ['{', '{0', '{} {1}', '{x}']:
    try:
        print(fmt.format(1))
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)
print('{:%}'.format(1), '{:n}'.format(1234), '{:e}'.format(0), '{:g}'.format(0.0001), '{:G}'.format(1e-10))
print(str.format_map('{a}{b}', {'a': 1, 'b': 2}), 'x'.center(7, '-'), 'x'.ljust(3, '.'), '7'.zfill(4), '-7'.zfill(4))

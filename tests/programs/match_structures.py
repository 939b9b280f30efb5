# match: sequence patterns (fixed, starred, nested), mapping patterns (**rest), class patterns.
from dataclasses import dataclass
import collections


def seq(x):
    match x:
        case []:
            return 'empty'
        case [a]:
            return f'one {a}'
        case [a, b]:
            return f'two {a} {b}'
        case [first, *middle, last] if not middle:
            return 'unreachable'
        case [0, *rest]:
            return f'starts with 0, rest {rest}'
        case [first, *_, last]:
            return f'first {first} last {last}'
    return 'not a sequence'


for v in [[], [1], (1, 2), [0, 1, 2], [5, 6, 7, 8], 'abc', b'ab', {1: 2}, range(3), collections.deque([9, 8, 7])]:
    print(repr(v), '->', seq(v))


def nested(x):
    match x:
        case [(a, b), [c, *d]]:
            return (a, b, c, d)
        case [[[deep]]]:
            return deep
    return None


print(nested([(1, 2), [3, 4, 5]]), nested([[['x']]]), nested([[1, 2, 3]]))


def mapping(x):
    match x:
        case {'type': 'point', 'x': px, 'y': py}:
            return f'point {px},{py}'
        case {'type': 'circle', **rest}:
            return f'circle with {sorted(rest)}'
        case {'id': int(i)}:
            return f'id {i}'
        case {}:
            return 'some mapping'
    return 'not a mapping'


for v in [{'type': 'point', 'x': 1, 'y': 2, 'extra': 0}, {'type': 'circle', 'r': 3, 'c': 0}, {'id': 4},
          {'id': 'x'}, {}, collections.OrderedDict(a=1), [('type', 'point')]]:
    print(v, '->', mapping(v))


@dataclass
class Point:
    x: int
    y: int


class Vec:
    __match_args__ = ('dx', 'dy')

    def __init__(self, dx, dy):
        self.dx, self.dy = dx, dy


class Plain:
    def __init__(self):
        self.tag = 'plain'


def cls(x):
    match x:
        case Point(0, 0):
            return 'origin'
        case Point(x=0, y=yy):
            return f'on y axis at {yy}'
        case Point(px, py) if px == py:
            return f'diagonal {px}'
        case Vec(dx, dy=0):
            return f'horizontal vec {dx}'
        case Vec(1, 1) | Vec(-1, -1):
            return 'unit diagonal vec'
        case Plain(tag='plain'):
            return 'plain by keyword'
        case int(n) | float(n):
            return f'number {n}'
        case str(s):
            return f'string {s}'
        case bool():
            return 'bool'
        case list([1, *_]) as whole:
            return f'list starting with 1: {whole}'
        case dict(d) if d:
            return f'dict {d}'
    return 'other'


for v in [Point(0, 0), Point(0, 5), Point(3, 3), Point(1, 2), Vec(4, 0), Vec(-1, -1), Plain(), 3, 2.5,
          'txt', True, [1, 2], {'k': 1}, {}]:
    print(type(v).__name__, '->', cls(v))

try:
    match Plain():
        case Plain(1):
            pass
except TypeError as e:
    print('TypeError', e)
try:
    match Vec(1, 2):
        case Vec(1, 2, 3):
            pass
except TypeError as e:
    print('TypeError', e)
try:
    match 5:
        case len():
            pass
except TypeError as e:
    print('TypeError', e)

# A sequence pattern does not match str/bytes/bytearray; a mapping pattern does not consume.
match 'ab':
    case [a, b]:
        print('matched str as sequence?!')
    case _:
        print('strings are not sequences here')
match {'a': 1, 'b': 2}:
    case {'a': 1}:
        print('extra keys are fine')
# Iterators are not sequences.
match iter([1, 2]):
    case [a, b]:
        print('iterator matched?!')
    case _:
        print('iterators do not match sequence patterns')

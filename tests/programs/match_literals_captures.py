# match: literal, capture, wildcard, value (dotted) and or-patterns, guards, as-patterns.
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Consts:
    LIMIT = 10


def describe(x):
    match x:
        case 0:
            return 'zero'
        case 1 | 2 | 3:
            return 'small'
        case True:
            return 'never: 1 matched first'
        case None:
            return 'none'
        case 'hello' | 'hi':
            return 'greeting'
        case b'raw':
            return 'bytes'
        case -1:
            return 'minus one'
        case 2.5:
            return 'two and a half'
        case 1+2j:
            return 'complex'
        case Color.RED:
            return 'red'
        case Consts.LIMIT:
            return 'limit'
        case int(n) if n > 100:
            return f'big {n}'
        case str() as s if len(s) > 3:
            return f'long string {s}'
        case other:
            return f'other {other!r}'


for v in [0, 2, True, False, None, 'hi', b'raw', -1, 2.5, 1 + 2j, Color.RED, Color.GREEN, 10, 500, 'abcd',
          'ab', 4.0, [1]]:
    print(repr(v), '->', describe(v))


def wildcard(x):
    match x:
        case 'a':
            print('a')
        case _:
            print('wildcard', x)


wildcard('a')
wildcard('z')


def or_capture(cmd):
    match cmd:
        case ('go', d) | ('move', d):
            return f'direction {d}'
        case ('stop' | 'halt') as word:
            return f'stopping via {word}'
    return 'no match'


print(or_capture(('go', 'north')), or_capture(('move', 'up')), or_capture('halt'), or_capture('x'))

# No case matches: nothing happens, and captures of failed cases may stay bound as in CPython.
match 42:
    case str():
        print('str')
print('fell through')

# Guard sees the capture; a false guard moves on.
for n in range(4):
    match n:
        case k if k % 2 == 0:
            print(n, 'even via guard', k)
        case k:
            print(n, 'odd', k)
# match on an expression subject with walrus
match (w := 7) * 2:
    case 14:
        print('fourteen', w)

# with statements: several items, exceptions seen by __exit__, suppression, contextlib helpers.
import contextlib


class Res:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress

    def __enter__(self):
        print('enter', self.name)
        return self

    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress


with Res('a') as a, Res('b') as b:
    print('body', a.name, b.name)

with Res('outer', suppress=True):
    with Res('inner'):
        raise KeyError('boom')
print('after suppression')

try:
    with Res('x'), Res('y', suppress=True), Res('z'):
        raise ValueError('only y swallows')
    print('y swallowed it')
except ValueError:
    print('not reached')


@contextlib.contextmanager
def tag(name):
    print(f'<{name}>')
    try:
        yield name.upper()
    except ZeroDivisionError as e:
        print('generator saw', e)
    finally:
        print(f'</{name}>')


with tag('p') as t:
    print('inside', t)
with tag('div'):
    1 / 0
print('division error handled inside the generator')

with contextlib.suppress(FileNotFoundError, KeyError):
    {}['nope']
print('suppress works')

with contextlib.ExitStack() as stack:
    for n in ['s1', 's2']:
        stack.enter_context(Res(n))
    stack.callback(print, 'callback runs first')
    print('stack body')


class ExitRaises:
    def __enter__(self):
        return 'value'

    def __exit__(self, *exc):
        raise RuntimeError('from exit')


try:
    with ExitRaises() as v:
        print('got', v)
        raise IndexError('original')
except RuntimeError as e:
    print('exit error', e, 'context', repr(e.__context__))


def returns_inside():
    with Res('ret'):
        return 'returned'


print(returns_inside())
for i in range(3):
    with Res(f'loop{i}'):
        if i == 1:
            continue
        if i == 2:
            break
        print('loop body', i)

# The target can be any assignment target.
d = {}
with Res('target') as d['slot']:
    pass
print(type(d['slot']).__name__)
with Res('unpack') as obj, open(__file__) as fh:
    first = fh.readline()
print(first.startswith('# with statements'), fh.closed)
# __enter__ is looked up on the type, not the instance.
r = Res('inst')
r.__enter__ = lambda: 'instance attribute'
with r as got:
    print(type(got).__name__)

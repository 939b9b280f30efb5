# Exception chaining: raise ... from, implicit __context__, from None, and how they print.
import traceback


def explicit():
    try:
        int('abc')
    except ValueError as e:
        raise RuntimeError('conversion failed') from e


try:
    explicit()
except RuntimeError as e:
    print(type(e.__cause__).__name__, e.__cause__, e.__suppress_context__, e.__context__ is e.__cause__)


def implicit():
    try:
        {}['k']
    except KeyError:
        raise TypeError('while handling')


try:
    implicit()
except TypeError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)


def suppressed():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('clean') from None


try:
    suppressed()
except ValueError as e:
    print(e.__cause__, type(e.__context__).__name__, e.__suppress_context__)


def in_finally():
    try:
        raise KeyError('first')
    finally:
        try:
            raise IndexError('second')
        except IndexError as inner:
            print('inner context', repr(inner.__context__))


try:
    in_finally()
except KeyError as e:
    print('outer', repr(e), e.__context__)


def three_levels():
    try:
        try:
            raise OSError('a')
        except OSError as a:
            raise LookupError('b') from a
    except LookupError:
        raise ArithmeticError('c')


try:
    three_levels()
except ArithmeticError as e:
    chain = []
    x = e
    while x is not None:
        chain.append(f'{type(x).__name__}({x})')
        x = x.__cause__ or x.__context__
    print(' <- '.join(chain))

# Cause may be a class: it is instantiated.
try:
    raise ValueError('v') from KeyError
except ValueError as e:
    print(repr(e.__cause__))
try:
    raise ValueError('v') from 5
except TypeError as e:
    print(e)
# Explicitly set attributes.
err = RuntimeError('manual')
err.__cause__ = OSError('root')
print(err.__suppress_context__, repr(err.__cause__))

# The chain as the traceback module prints it (only the exception lines).
try:
    explicit()
except RuntimeError as e:
    lines = traceback.format_exception(e)
    print([l for l in lines if not l.startswith('  ')])

# Re-raising the same exception object keeps its context; a handler's own raise sets it.
saved = None
try:
    try:
        raise KeyError('orig')
    except KeyError as k:
        saved = k
        raise
except KeyError as again:
    print(again is saved, again.__context__)

# with_traceback and add_note-free attributes.
e = ValueError('x').with_traceback(None)
print(e.__traceback__, e.args)

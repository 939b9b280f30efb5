# except* (PEP 654): splitting exception groups between handlers, naked exceptions, re-raise vs new
# raise, nested groups, else/finally, invalid handler types, and the groups CPython re-raises.
def show(label, fn):
    try:
        fn()
        print(label, 'no exception')
    except BaseException as e:
        def fmt(x):
            if isinstance(x, BaseExceptionGroup):
                return f'{type(x).__name__}({x.message!r}, [{", ".join(fmt(s) for s in x.exceptions)}])'
            return repr(x)
        print(label, '->', fmt(e), '| ctx:', type(e.__context__).__name__ if e.__context__ else None, '| cause:', repr(e.__cause__))

def a():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as e:
        print('handler V', repr(e), e.exceptions)
    except* TypeError as e:
        print('handler T', repr(e))
show('a', a)
def b():
    try:
        raise ValueError('naked')
    except* ValueError as e:
        print('naked handler', repr(e))
show('b', b)
def c():
    try:
        raise ValueError('naked')
    except* TypeError:
        print('no')
show('c', c)
def d():
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError(2)])
    except* ValueError:
        print('handled V')
show('d', d)
def e():
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError(2)])
    except* ValueError:
        raise IndexError('new')
show('e', e)
def f():
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError(2)])
    except* ValueError:
        raise
show('f', f)
def g():
    try:
        raise ExceptionGroup('eg', [ValueError(1), ExceptionGroup('inner', [KeyError(2), ValueError(4)])])
    except* ValueError as e:
        print('nested V', repr(e))
    except* KeyError as e:
        print('nested K', repr(e))
show('g', g)
def h():
    try:
        raise ExceptionGroup('eg', [ValueError(1)])
    except* ValueError:
        print('in h')
    else:
        print('else h')
    finally:
        print('finally h')
show('h', h)
def i():
    try:
        pass
    except* ValueError:
        pass
    else:
        print('else i')
show('i', i)
def j():
    try:
        raise ValueError('naked')
    except* ValueError:
        raise TypeError('from handler')
show('j', j)
def k():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError('k1')
    except* TypeError:
        raise KeyError('k2')
show('k', k)
def l():
    try:
        raise ExceptionGroup('eg', [ValueError(1)])
    except* (ValueError, TypeError) as e:
        print('tuple', repr(e))
show('l', l)
def m():
    try:
        raise BaseExceptionGroup('beg', [KeyboardInterrupt(), ValueError(1)])
    except* ValueError as e:
        print('m', repr(e))
show('m', m)
def n():
    try:
        raise ExceptionGroup('eg', [ValueError(1)])
    except* ExceptionGroup:
        pass
show('n', n)
def o():
    try:
        raise ValueError('naked')
    except* ValueError as e:
        raise e
show('o', o)
def p():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])
    except* ValueError as e:
        raise e.exceptions[0]
show('p', p)
def q():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])
    except* ValueError as e:
        try: raise e
        except ExceptionGroup: pass
    except* TypeError as e:
        pass
    print('e unbound?', 'e' not in locals())
show('q', q)
eg = ExceptionGroup('msg', [ValueError(1), TypeError(2)])
print(eg, repr(eg), eg.exceptions, eg.split(ValueError), eg.subgroup(TypeError))
def fmt(x):
    if isinstance(x, BaseExceptionGroup):
        return f'{type(x).__name__}({x.message!r}, [{", ".join(fmt(s) for s in x.exceptions)}])'
    return repr(x)


def r1():
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError(2)])
    except* ValueError as e:
        raise e
def r2():
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError(2)])
    except* ValueError as e:
        raise
def r3():
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError(2), TypeError(3)])
    except* ValueError as e:
        raise
    except* TypeError:
        raise
def r4():
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError(2)])
    except* ValueError as e:
        def inner(): raise
        inner()
for fn in [r1, r2, r3, r4]:
    try: fn()
    except BaseException as e: print(fn.__name__, fmt(e), e is not None)


def in_loop():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise ExceptionGroup('loop', [KeyError(i)])
            out.append(i)
        except* KeyError:
            out.append('k')
        finally:
            out.append('f')
    return out


print(in_loop())


def returns_from_body():
    try:
        return 'body return'
    except* ValueError:
        pass


print(returns_from_body())

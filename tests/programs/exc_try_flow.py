# try/except/else/finally: which clauses run, in which order, with return/break/continue.
def flow(kind):
    log = []
    try:
        log.append('body')
        if kind == 'value':
            raise ValueError('v')
        if kind == 'key':
            raise KeyError('k')
        if kind == 'type':
            raise TypeError('t')
    except ValueError as e:
        log.append(f'except ValueError {e}')
    except (KeyError, IndexError) as e:
        log.append(f'except tuple {e!r}')
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log


for kind in ['none', 'value', 'key']:
    print(kind, flow(kind))
try:
    flow('type')
except TypeError as e:
    print('escaped', e)


def ret_in_finally():
    try:
        return 'try'
    finally:
        print('finally runs before return')


def finally_overrides():
    try:
        return 'try'
    finally:
        return 'finally'


def finally_swallows():
    try:
        raise RuntimeError('lost')
    finally:
        return 'swallowed'


print(ret_in_finally(), finally_overrides(), finally_swallows())


def loop_control():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f'f{i}')
    else:
        out.append('no-else')
    return out


print(loop_control())


def nested():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            print('inner', e)
            raise ValueError('from handler')
        finally:
            print('inner finally')
    except ValueError as e:
        print('outer', e, type(e.__context__).__name__)
    else:
        print('not reached')


nested()


def bare_except():
    try:
        [][1]
    except:
        return 'bare caught'


print(bare_except())


def reraise():
    try:
        try:
            {}['missing']
        except KeyError:
            print('logging and re-raising')
            raise
    except LookupError as e:
        return f'outer got {type(e).__name__} {e}'


print(reraise())

# The name bound by `except ... as` is deleted after the handler.
try:
    raise OSError(2, 'No such file')
except OSError as err:
    print(err.errno, err.strerror, err)
try:
    err
except NameError as e:
    print('NameError', e)

# Exception attributes and standard hierarchy.
e = KeyError('a', 'b')
print(e.args, repr(e), str(KeyError('x')), str(KeyError()), repr(ValueError()))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError),
      issubclass(StopIteration, Exception), issubclass(KeyboardInterrupt, Exception),
      issubclass(GeneratorExit, BaseException), ModuleNotFoundError.__mro__[1].__name__)
try:
    raise ValueError
except ValueError as e:
    print('class raised', repr(e), e.args)
try:
    raise 42
except TypeError as e:
    print(e)
try:
    try:
        pass
    finally:
        raise IndexError('only finally')
except IndexError as e:
    print(e)


def exc_in_else():
    try:
        pass
    except ValueError:
        print('no')
    else:
        raise ValueError('from else')


try:
    exc_in_else()
except ValueError as e:
    print('caught', e)
import sys
try:
    raise ArithmeticError('info')
except ArithmeticError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None)
print(sys.exc_info())

# Generator send/throw/close: GeneratorExit, finally blocks, errors from misuse.
def acc():
    total = 0
    while True:
        try:
            v = yield total
        except KeyError as e:
            print('handled KeyError', e)
            total = -1
            continue
        if v is None:
            break
        total += v
    return total


a = acc()
print(next(a), a.send(5), a.send(10), a.throw(KeyError('k')), a.send(3))
try:
    a.send(None)
except StopIteration as e:
    print('StopIteration', e.value)
fresh = acc()
try:
    fresh.send(1)
except TypeError as e:
    print('TypeError', e)
print(fresh.send(None))


def unhandled():
    yield 1
    yield 2


u = unhandled()
next(u)
try:
    u.throw(RuntimeError('into gen'))
except RuntimeError as e:
    print('propagated', e)
print(next(u, 'exhausted'))


def with_finally():
    try:
        yield 'a'
        yield 'b'
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
    finally:
        print('cleanup')


w = with_finally()
print(next(w))
w.close()
w.close()
print('closed twice ok')


def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 'bad'


ie = ignore_exit()
next(ie)
try:
    ie.close()
except RuntimeError as e:
    print('RuntimeError', e)


def return_on_exit():
    try:
        yield 1
    except GeneratorExit:
        print('exiting cleanly')
        return 'ignored'


r = return_on_exit()
next(r)
print(r.close())
nostart = with_finally()
nostart.close()
print('unstarted close: no cleanup printed')
t = unhandled()
try:
    t.throw(ValueError)
except ValueError as e:
    print('throw before start', type(e).__name__, repr(e))


def gen_throw_type():
    try:
        yield
    except ZeroDivisionError as e:
        yield 'caught ' + repr(e)


gt = gen_throw_type()
next(gt)
print(gt.throw(ZeroDivisionError('zz')))
done = unhandled()
list(done)
try:
    done.throw(IndexError('after end'))
except IndexError as e:
    print('after end', e)

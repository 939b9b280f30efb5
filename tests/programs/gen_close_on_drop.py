# Abandoned generators are closed when dropped: finally blocks and GeneratorExit run at that point.
def g():
    try:
        for i in range(10):
            yield i
    finally:
        print('finally ran')
for v in g():
    if v == 2:
        break
print('after loop')
x = g()
next(x)
del x
print('after del')
def h():
    try:
        yield 1
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
y = h(); next(y); y = None
print('end')

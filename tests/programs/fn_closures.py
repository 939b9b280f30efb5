# Closures: late binding in loops, cells shared between closures, closures over parameters.
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns])
funcs = []
for j in range(3):
    funcs.append(lambda: j)
j = 99
print([f() for f in funcs])


def make_counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count

    def get():
        return count

    return inc, get


inc, get = make_counter()
inc()
inc()
print(get(), inc(), get())
inc2, get2 = make_counter()
print(inc2(), get())


def adder(n):
    return lambda x: x + n


add5 = adder(5)
print(add5(1), adder(10)(1), add5.__closure__ is not None)


def outer():
    x = 'outer'

    def middle():
        def inner():
            return x
        return inner

    x = 'changed'
    return middle()()


print(outer())


def late():
    fs = []
    for k in range(3):
        def f():
            return k * 10
        fs.append(f)
    return [f() for f in fs]


print(late())


def cell_before_assign():
    def read():
        return v
    try:
        read()
    except NameError as e:
        print('NameError', e)
    v = 1
    return read()


print(cell_before_assign())


def param_closure(a, b=2):
    def inner():
        return a * b
    a = a + 1
    return inner


print(param_closure(3)())


def gen_closures():
    return [(lambda: n * n) for n in range(4)]


print([f() for f in gen_closures()])

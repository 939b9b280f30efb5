# assert (with and without message; messages evaluated lazily) and del of names, items, slices, attributes.
def check(x):
    assert x > 0, f'x must be positive, got {x}'
    return x


print(check(3))
try:
    check(-1)
except AssertionError as e:
    print('AssertionError', e, e.args)
try:
    assert [], 'empty list is falsy'
except AssertionError as e:
    print(e)
try:
    assert 1 == 2
except AssertionError as e:
    print('no message', repr(e), e.args)
calls = []
assert True, calls.append('message evaluated')
print('lazy message', calls)

# del of names
a = 1
b = [1, 2, 3, 4, 5, 6]
del a
try:
    print(a)
except NameError as e:
    print(e)


def local_del():
    v = 'local'
    del v
    try:
        return v
    except UnboundLocalError as e:
        return str(e)


print(local_del())
# del of items, slices, attributes, several targets, tuple target
del b[0]
del b[1:3]
print(b)
del b[::2]
print(b)
d = {'x': 1, 'y': 2, 'z': 3}
del d['x'], d['y']
print(d)
try:
    del d['missing']
except KeyError as e:
    print('KeyError', e)


class Obj:
    cls_attr = 'c'


o = Obj()
o.attr = 1
o.other = 2
del o.attr
print(hasattr(o, 'attr'), vars(o))
try:
    del o.attr
except AttributeError as e:
    print('AttributeError', e)
del Obj.cls_attr
print(hasattr(Obj, 'cls_attr'))
p, q = 1, 2
del (p, q)
print('p' in globals(), 'q' in globals())
lst = [[1, 2], [3, 4]]
del lst[0][1], lst[1]
print(lst)


def del_global():
    global gval
    gval = 'set'
    del gval


del_global()
print('gval' in globals())


def del_then_rebind():
    x = 1
    del x
    x = 2
    return x


print(del_then_rebind())


class Deleter:
    def __delitem__(self, key):
        print('delitem', key)

    def __delattr__(self, name):
        print('delattr', name)


dd = Deleter()
del dd[1:2, 'k']
del dd.anything
try:
    del undefined_name
except NameError as e:
    print(e)

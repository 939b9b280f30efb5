# __getattr__ (fallback only), __getattribute__ (always), __setattr__, __delattr__, getattr/setattr builtins.
class Fallback:
    real = 'real attr'

    def __getattr__(self, name):
        if name.startswith('dyn_'):
            return 'dynamic ' + name[4:]
        raise AttributeError('%r has no %r' % (type(self).__name__, name))


f = Fallback()
print(f.real, f.dyn_x, getattr(f, 'dyn_y'), getattr(f, 'missing', 'default'), hasattr(f, 'nope'))
try:
    f.nope
except AttributeError as e:
    print('AttributeError', e)


class Spy:
    def __init__(self):
        object.__setattr__(self, 'log', [])

    def __getattribute__(self, name):
        if name != 'log':
            object.__getattribute__(self, 'log').append('get ' + name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        self.log.append('set ' + name)
        object.__setattr__(self, name, value.upper() if isinstance(value, str) else value)

    def __delattr__(self, name):
        self.log.append('del ' + name)
        object.__delattr__(self, name)

    def method(self):
        return 'm'


s = Spy()
s.a = 'hello'
print(s.a, s.method())
del s.a
print(s.log)


class Both:
    def __getattribute__(self, name):
        if name == 'boom':
            raise AttributeError('from getattribute')
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return 'getattr rescued ' + name


print(Both().boom, Both().other)


class Frozen:
    def __init__(self, v):
        object.__setattr__(self, 'v', v)

    def __setattr__(self, n, val):
        raise AttributeError("can't set %s" % n)


fr = Frozen(1)
try:
    fr.v = 2
except AttributeError as e:
    print('AttributeError', e, fr.v)


class Plain:
    pass


o = Plain()
setattr(o, 'x', 10)
setattr(o, 'with space', 'odd')
print(getattr(o, 'x'), getattr(o, 'with space'), sorted(vars(o)), hasattr(o, 'x'))
delattr(o, 'x')
print(hasattr(o, 'x'))
try:
    getattr(o, 'x')
except AttributeError as e:
    print('AttributeError', e)
try:
    delattr(o, 'x')
except AttributeError as e:
    print('AttributeError', e)
try:
    getattr(o, 5)
except TypeError as e:
    print('TypeError', e)
try:
    (1).foo
except AttributeError as e:
    print('AttributeError', e)
try:
    Plain.nothing
except AttributeError as e:
    print('AttributeError', e)
try:
    object().x = 1
except AttributeError as e:
    print('AttributeError', e)


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


pr = Proxy([3, 1, 2])
pr.sort()
print(pr._target, pr.count(1), pr.__class__.__name__)

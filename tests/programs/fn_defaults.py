# Default values: evaluated once at def time (the mutable default gotcha), and late lookups.
def append_to(x, acc=[]):
    acc.append(x)
    return acc


print(append_to(1), append_to(2), append_to(3, []), append_to(4))


def safe(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc


print(safe(1), safe(2))
n = 10


def captured(x=n):
    return x


n = 20
print(captured(), n)


def counter(_state={'n': 0}):
    _state['n'] += 1
    return _state['n']


print(counter(), counter(), counter())
fns = []
for i in range(3):
    def k(i=i):
        return i
    fns.append(k)
print([fn() for fn in fns])


def default_expr(a, b=len('four') * 2, c=(lambda: 'lam')()):
    return a, b, c


print(default_expr(0), default_expr.__defaults__)
default_expr.__defaults__ = (1, 2)
print(default_expr(0))


def kd(*, x=[]):
    x.append(len(x))
    return x


print(kd(), kd(), kd(x=[9]))


class C:
    def m(self, items=[]):
        items.append(self.__class__.__name__)
        return items


print(C().m(), C().m())

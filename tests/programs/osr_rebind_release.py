# A loop that goes native in the middle of its call (--tier auto, whole-function OSR into
# object code) takes over the frame's locals: a local the rest of the call rebinds
# releases its old value at that store, as under CPython, and not when tier 0's frame
# goes. Each Noisy's __del__ appends to `shared`, which the loop reads right after the
# store that drops the last reference.
#
# run auto: --jit-threshold 5 --no-background-compile
# expect auto: compiles unpack_rebind@function from the loop at line 26, del_then_rebind@function from the loop at line 40


class Noisy:
    def __init__(self, i):
        self.i = i

    def __del__(self):
        shared.append('del-%d' % self.i)


shared = []


def unpack_rebind(n):
    # `a` holds the only other reference once `shared` is refilled: the unpack's store
    # into `a` runs the old value's __del__, which the next line sees
    out = []
    for i in range(n):
        shared[:] = [Noisy(i), i]
        try:
            a, b = shared
        except ValueError:
            a, b = shared[0], shared[-1]
        out.append((i, b, shared[-1]))
    return out


def del_then_rebind(n):
    # `del` of a local bound before the loop went native, then a new binding
    out = []
    x = Noisy(200)
    for i in range(n):
        shared.clear()
        del x
        out.append(list(shared))
        x = Noisy(201 + i)
    shared.clear()
    del x
    out.append(list(shared))
    return out


for row in unpack_rebind(12):
    print(row)
shared.clear()
for row in del_then_rebind(12):
    print(row)
shared.clear()
print('end', shared)

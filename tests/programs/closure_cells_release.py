# A nested function's closure cells (and what they hold) go when the function does, not
# at a later collection: after it was called (its tiering state no longer holds it), when
# its maker returns it or drops it, for a lambda and a closure over a loop variable too.
class N:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def make(name):
    p = N(name)

    def inner():
        return p.n

    return inner


def use_and_drop():
    q = N("dropped inner's cell")

    def helper():
        return q.n

    print("helper says", helper())
    return 1


f = make("returned closure")
print("closure", f())
del f
print("after del f")
print(use_and_drop())
print("after use_and_drop")
g = (lambda v: (lambda: v.n))(N("lambda cell"))
print(g())
g = None
print("after g = None")
fs = [make(f"made {i}") for i in range(3)]
print([h() for h in fs])
fs.clear()
print("end")

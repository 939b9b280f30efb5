# A closure whose loop went native (whole-function OSR at --tier auto, the function at
# --tier jit): its cells (and what they hold) go when the function does, as in CPython --
# not at a later collection (the compiled IR held them in reference cycles), nor at exit
# (the loop specs of the code held them).
class N:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def make(name):
    p = N(name)

    def inner(k):
        t = 0
        for i in range(k):
            t += p.n + i
        return t

    return inner


def use_and_drop():
    q = N(7)

    def helper():
        s = 0
        for i in range(3000):
            s += q.n
        return s

    print("helper says", helper())
    return 1


f = make(1)
print("closure", f(3000))
del f
print("after del f")
print(use_and_drop())
print("after use_and_drop")
g = make(2)
print(g(3000), g(3000))
g = None
print("after g = None")
print("end")

# Functions using locals()/globals()/vars() stay in tier 0 and still see their frame.
def peek(a, b):
    c = a + b
    return sorted(locals().items())


def gl(x):
    return "gl" in globals() and x > 0


def v(x):
    y = x * 2
    return vars()["y"]


for i in range(1200):
    peek(i, 1)
    gl(i)
    v(i)
print(peek(1, 2), gl(3), v(21))

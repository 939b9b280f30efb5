# Generators still suspended when the program ends are closed at exit: their finally
# clauses run, and nothing else is printed (no "Exception ignored in: <generator ...>").
class Noisy:
    def __del__(self):
        print("del Noisy")


def with_finally():
    try:
        yield 1
    finally:
        print("finally at exit")


def in_handler():
    try:
        raise ValueError("v")
    except ValueError:
        yield "in handler"


def in_star_handler():
    try:
        yield 0
    except* StopIteration as e:
        yield f"star handler {e!r}"


def delegating():
    yield from with_finally()


async def agen():
    yield 1


a = with_finally()
print(next(a))
b = in_handler()
print(next(b))
c = in_star_handler()
next(c)
print(c.throw(StopIteration("s")))
d = delegating()
print(next(d))
e = agen()
keep = Noisy()
lam = (lambda: (yield 5))()
print(next(lam))
print("end of program")

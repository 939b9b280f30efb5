# The frame that resumes a generator is its caller while it runs (sys._getframe(1), its
# line, warnings' stacklevel), at every resume, whoever resumes it.
import sys
import warnings


def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno


def gen():
    yield sys._getframe(1).f_code.co_name, sys._getframe(1).f_lineno
    yield sys._getframe(1).f_code.co_name, sys._getframe(1).f_lineno
    yield where()


def consumer():
    g = gen()
    a = next(g)
    b = next(g)
    c = next(g)
    return a, b, c, where()


def handed_over():
    g = gen()
    first = next(g)
    return first, resume_elsewhere(g)


def resume_elsewhere(g):
    return next(g), list(g)


def by_list():
    return list(gen())


def warner():
    warnings.warn("from a generator", stacklevel=2)
    yield 1


def warned():
    for x in warner():
        pass


for i in range(3):
    print(consumer())
    print(handed_over())
    print(by_list())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warned()
    print([(str(w.message), w.lineno) for w in caught])

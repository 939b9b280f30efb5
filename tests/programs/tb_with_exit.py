"""Tracebacks of exceptions that pass through a `with` statement's __exit__: what
__exit__ receives, what a contextlib manager leaves (it restores the traceback after
throwing into its generator), and unittest's report of assertRaises inside subTest."""
import contextlib
import io
import sys
import traceback
import unittest


@contextlib.contextmanager
def managed():
    yield


class Printing:
    def __enter__(self):
        return self

    def __exit__(self, typ, value, tb):
        print("__exit__ got:")
        traceback.print_tb(tb, file=sys.stdout)
        return False


def inner():
    raise KeyError("k")


def outer():
    with Printing():
        with managed():
            inner()


def in_generator():
    with managed():
        yield 1
        inner()


def drain():
    for _ in in_generator():
        pass


for run in (outer, drain):
    try:
        run()
    except KeyError:
        traceback.print_exc(file=sys.stdout)


class Case(unittest.TestCase):
    def test_subtests(self):
        for i in range(2):
            with self.subTest(i=i):
                with self.assertRaises(TypeError):
                    pass

    def test_plain(self):
        with self.assertRaises(ValueError):
            int("3")


result = unittest.TextTestRunner(stream=io.StringIO()).run(unittest.TestLoader().loadTestsFromTestCase(Case))
for test, text in result.failures:
    print(test)
    print(text)

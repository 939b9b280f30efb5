# expect jit: compiles load_tests, current_name, stack_name, make_point, make_typevar, make_enum
# (last_stack_entry stays in tier 0: extract_stack() may read its caller's frame)
# Host libraries that name their caller by walking the stack (doctest.DocTestSuite()'s
# module, inspect.currentframe/stack, namedtuple/TypeVar/Enum's __module__,
# traceback.extract_stack) when the caller is compiled code that host *Python* code
# entered (unittest's loader calling load_tests, copy.deepcopy calling __deepcopy__):
# native code has no host frame, so the walk went from the library straight to the host
# code that called the native function (doctest collected unittest.loader's doctests).
import collections
import copy
import doctest
import enum
import inspect
import sys
import traceback
import typing
import unittest


def square(x):
    """
    >>> square(3)
    9
    """
    return x * x


def load_tests(loader, tests, pattern):
    tests.addTest(doctest.DocTestSuite())
    return tests


def current_name():
    return inspect.currentframe().f_code.co_name


def stack_name():
    return inspect.stack()[0].function


def make_point():
    return collections.namedtuple("Point", "x y").__module__


def make_typevar():
    return typing.TypeVar("T").__module__


def make_enum():
    return enum.Enum("Color", "RED GREEN").__module__


def last_stack_entry():
    return traceback.extract_stack()[-1].name


class Probe:
    """copy.deepcopy (host Python code) calls __deepcopy__, which runs the probe."""

    def __init__(self, probe):
        self.probe = probe

    def __deepcopy__(self, memo):
        print(self.probe.__name__, self.probe())
        return self


suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
print("collected", suite.countTestCases(), sorted(t.id() for t in doctest.DocTestSuite()))
result = unittest.TestResult()
suite.run(result)
print("ran", result.testsRun, "failures", len(result.failures), "errors", len(result.errors))
for probe in (current_name, stack_name, make_point, make_typevar, make_enum, last_stack_entry):
    copy.deepcopy(Probe(probe))
    print("direct", probe())

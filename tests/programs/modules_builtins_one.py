"""One `builtins` module in the process: host libraries that find it by name (doctest's
finder through inspect.getmodule, unittest.mock.patch, importlib) see the guest's; and
vars(sys) shows every attribute of sys, as dir(sys) does."""
import builtins, doctest, importlib, inspect, sys, unittest
from unittest import mock

print(inspect.getmodule(len) is builtins, importlib.import_module("builtins") is builtins)
tests = doctest.DocTestFinder().find(builtins)
print(len(tests), sorted(t.name for t in tests)[:4])
suite = doctest.DocTestSuite(builtins)
result = unittest.TestResult()
suite.run(result)
print(result.testsRun, len(result.failures), len(result.errors))
with mock.patch("builtins.abs", lambda x: "patched"):
    print(abs(-3))
print(abs(-3))
builtins.pj_extra = 42
print(pj_extra)
del builtins.pj_extra
print(set(vars(sys)) == set(dir(sys)), vars(sys)["path"] is sys.path, "modules" in vars(sys))

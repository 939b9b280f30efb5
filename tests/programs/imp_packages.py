# Packages: __init__ runs once, relative imports (from . / from .. / from .x import y), submodule
# attributes on the parent, import ... as, import a.b.c binding the top name, star imports with __all__.
import os
import sys

import imp_pkg
print(imp_pkg.greet('world'), imp_pkg.VERSION)
print(imp_pkg.beta.call())
import imp_pkg.sub.gamma
print(imp_pkg.sub.gamma.shout('you'))
import imp_pkg.sub.gamma as gm
print(gm is imp_pkg.sub.gamma, gm.__name__, gm.__package__)
from imp_pkg.sub import delta, gamma
print(delta.NAME, gamma is gm)
from imp_pkg import *
print(greet('star'), VERSION, beta.WHO)
print('alpha' in dir(), '_private' in dir())
import imp_pkg.alpha
print(imp_pkg.alpha._private)
print(sorted(k for k in sys.modules if k.startswith('imp_pkg')))
print(imp_pkg.__package__, imp_pkg.sub.__package__, imp_pkg.alpha.__package__)
print(imp_pkg.__doc__)


def rel(path):
    return os.path.relpath(path, os.path.dirname(os.path.abspath(__file__)))


print(rel(imp_pkg.__file__), rel(imp_pkg.__path__[0]), rel(gm.__file__))
print(imp_pkg.__spec__.name, imp_pkg.__spec__.parent, gm.__spec__.parent, hasattr(gm, '__path__'))
try:
    import imp_pkg.nonexistent
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from imp_pkg import nonexistent_name
except ImportError as e:
    print(type(e).__name__, str(e).split(' (')[0])
try:
    import imp_pkg.alpha.greet
except ModuleNotFoundError as e:
    print(e)
m = __import__('imp_pkg.sub.delta')
print(m.__name__)
import importlib
print(importlib.import_module('imp_pkg.sub.delta').NAME, importlib.import_module('.delta', 'imp_pkg.sub').NAME)

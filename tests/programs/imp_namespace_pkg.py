# Namespace packages (PEP 420) on the guest path are guest packages, as CPython imports them:
# a folder without __init__.py; __file__ and __spec__.origin None, a NamespaceLoader, __path__
# a _NamespacePath that grows when sys.path gains another portion; its modules run as guest
# code (their __del__ runs at exit), nested namespace packages too.
import os
import sys
import tempfile

import imp_ns_pkg.m
import imp_ns_pkg

here = os.path.dirname(os.path.abspath(__file__))
pkg = imp_ns_pkg
print(pkg.__name__, pkg.__file__, pkg.__package__, type(pkg.__loader__).__name__)
print(type(pkg.__path__).__name__, [os.path.relpath(p, here) for p in pkg.__path__])
print(pkg.__spec__.origin, pkg.__spec__.has_location, pkg.__spec__.parent,
      type(pkg.__spec__.loader).__name__, pkg.__spec__.loader is pkg.__loader__)
print(repr(pkg).startswith("<module 'imp_ns_pkg' (<_frozen_importlib_external.NamespaceLoader"))
print(sorted(k for k in vars(pkg) if k.startswith("__") and k != "__pj_guest__"))
print(pkg.m is sys.modules["imp_ns_pkg.m"], pkg.m.__file__ == os.path.join(here, "imp_ns_pkg", "m.py"))

from imp_ns_pkg.sub import leaf
import imp_ns_pkg.sub
print(leaf.value, imp_ns_pkg.sub.__file__, type(imp_ns_pkg.sub.__path__).__name__,
      [os.path.relpath(p, here) for p in imp_ns_pkg.sub.__path__])

try:
    import imp_ns_pkg.missing
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)

with tempfile.TemporaryDirectory() as extra:
    os.mkdir(os.path.join(extra, "imp_ns_pkg"))
    with open(os.path.join(extra, "imp_ns_pkg", "more.py"), "w") as fh:
        fh.write("print('running', __name__)\nvalue = 42\n")
    sys.path.append(extra)
    print(len(pkg.__path__), [p == os.path.join(extra, "imp_ns_pkg") for p in pkg.__path__])
    import imp_ns_pkg.more
    print(imp_ns_pkg.more.value)
    sys.path.remove(extra)
print("end")

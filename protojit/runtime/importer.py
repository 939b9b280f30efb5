"""The guest import system.

Modules found on the guest path (the script's folder, PYTHONPATH's folders of the
program's own modules, protojit's lib/, then PROTOJIT_PATH) are guest modules: protojit
runs them. lib/ shadows host
standard-library modules of the same names. Every other import is served by
the host as a *foreign* module. Guest modules are cached in the
environment's own module table (the guest's sys.modules), inserted before
their body runs so circular imports behave as in CPython.
"""
from __future__ import annotations

import importlib
import importlib._bootstrap as _bootstrap
import importlib._bootstrap_external as _bootstrap_external
import importlib.machinery
import importlib.util
import os
import sys
import types
import _warnings as warnings   # (the C warn: these warnings name host frames; lib/warnings.py)

from protojit import hostmods

_ABSENT = object()    # not in the module table (None there blocks an import)


def guest_pythonpath(ignore_environment: bool) -> list[str]:
    """PYTHONPATH's folders, in order, whose modules are the guest program's own: CPython
    puts them after the script's folder and before the standard library, and a user
    expects their modules to run as the script's do (compiled, traced), not as host code.
    Folders of installed code stay the host's (foreign modules): the standard library,
    site-packages and dist-packages folders, and the folder holding protojit itself (tests
    and tools put it on PYTHONPATH to reach the engine)."""
    raw = "" if ignore_environment else os.environ.get("PYTHONPATH", "")
    installed = _installed_folders()
    folders = []
    for entry in raw.split(os.pathsep):
        real = os.path.realpath(entry) if entry else ""
        if not real or real == _ENGINE_ROOT:
            continue
        if any(real == d or real.startswith(d + os.sep) for d in installed):
            continue
        if {"site-packages", "dist-packages"} & set(real.split(os.sep)):
            continue
        folder = os.path.abspath(entry)     # (as site.py makes sys.path's entries)
        if folder not in folders:
            folders.append(folder)
    return folders


_ENGINE_ROOT = os.path.realpath(os.path.dirname(os.path.dirname(hostmods.__file__)))


def _installed_folders() -> set[str]:
    import site
    import sysconfig
    paths = sysconfig.get_paths()
    folders = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths}
    folders.update(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        folders.add(site.getusersitepackages())
    return {os.path.realpath(f) for f in folders}


class GuestImporter:
    def __init__(self, env):
        self.env = env
        self.modules: dict[str, types.ModuleType] = env.modules
        self.path: list[str] = env.path

    # -- resolution --------------------------------------------------------------------

    def resolve_name(self, name: str, level: int, globals_: dict) -> str:
        if level == 0:
            return name
        package = globals_.get("__package__")
        spec = globals_.get("__spec__")
        if package is not None:
            if spec is not None and package != spec.parent:
                warnings.warn(f"__package__ != __spec__.parent ({package!r} != {spec.parent!r})",
                              DeprecationWarning, stacklevel=3)
        elif spec is not None:
            package = spec.parent
        else:   # CPython's importlib: the same fallback, with the same warning
            warnings.warn("can't resolve package from __spec__ or __package__, "
                          "falling back on __name__ and __path__", ImportWarning, stacklevel=3)
            modname = globals_.get("__name__", "")
            package = modname if "__path__" in globals_ else modname.rpartition(".")[0]
        if not package:
            raise ImportError("attempted relative import with no known parent package")
        bits = package.rsplit(".", level - 1)
        if len(bits) < level:
            raise ImportError("attempted relative import beyond top-level package")
        base = bits[0]
        return f"{base}.{name}" if name else base

    def find_guest(self, name: str, search: list[str]):
        """(origin file, is_package) of a guest module named by its last part, or None."""
        last = name.rpartition(".")[2]
        for folder in search:
            folder = os.path.abspath(folder)    # as CPython's path finder: __file__ is absolute
            pkg_init = os.path.join(folder, last, "__init__.py")
            if os.path.isfile(pkg_init):
                return pkg_init, True
            mod = os.path.join(folder, last + ".py")
            if os.path.isfile(mod):
                return mod, False
        return None

    def namespace_portions(self, name: str, search) -> list[str]:
        """The folders named by `name`'s last part in `search` (PEP 420 portions): a guest
        namespace package's __path__ when find_guest() found no module or regular package."""
        last = name.rpartition(".")[2]
        folders = (os.path.join(os.path.abspath(folder), last) for folder in search)
        return [folder for folder in folders if os.path.isdir(folder)]

    def _host_module_named(self, name: str) -> bool:
        """Does the host find a module (not a namespace portion) for the top-level `name`?
        CPython's sys.path has the standard library after the script's folder, and a
        namespace portion found first yields to a module found anywhere later."""
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return False
        return spec is not None and spec.origin is not None

    # -- loading ------------------------------------------------------------------------

    def load(self, name: str) -> types.ModuleType:
        """Import the absolute module `name` (parents first) and return it.

        With CPython's per-module import locks (importlib's own, shared with the host's
        imports of the same name): the thread that finds the module absent loads it holding
        its lock; a thread that finds it still initialising waits for that lock and then
        takes the module it found -- unless waiting would close a cycle of threads waiting
        for each other's modules (importlib's deadlock detection), when it takes the
        partial module at once, as a circular import in one thread does."""
        module = self.modules.get(name, _ABSENT)
        if module is _ABSENT:
            with _bootstrap._ModuleLockManager(name):
                module = self.modules.get(name, _ABSENT)
                if module is _ABSENT:
                    return self._load_unlocked(name)
        if self._initializing(module):
            _bootstrap._lock_unlock_module(name)   # (a _DeadlockError is ignored there)
        if module is None:      # CPython's way to block an import
            raise ModuleNotFoundError(f"import of {name} halted; None in sys.modules", name=name)
        return module

    def _load_unlocked(self, name: str) -> types.ModuleType:
        """load() of a module not in the module table, holding its import lock."""
        if name.startswith("."):    # an absolute name never starts with a dot
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        if name.partition(".")[0] == "protojit":
            # The engine itself (lib/'s bottom layer imports protojit.native) is always the
            # host's, even when a guest path entry (the repo root as cwd) contains it.
            return self.load_foreign(name)
        parent_name, _, _ = name.rpartition(".")
        if parent_name:
            parent = self.load(parent_name)
            module = self.modules.get(name)
            if module is not None:
                return module
            search = getattr(parent, "__path__", None)
            attr = getattr(parent, name.rpartition(".")[2], None)
            if search is None and isinstance(attr, types.ModuleType):
                # A module that registers a submodule itself (os.path) without being a package.
                self.modules[name] = attr
                return attr
            if search is None:
                raise ModuleNotFoundError(f"No module named '{name}'; '{parent_name}' is not a package",
                                          name=name)
            if not self.is_guest(parent):
                return self.load_foreign(name)
            search = list(search)
            found = self.find_guest(name, search)
        else:
            search = self.path
            found = self.find_guest(name, search)
        if found is not None:
            module = self.exec_guest(name, *found)
        else:
            portions = self.namespace_portions(name, search)
            if not portions or (not parent_name and self._host_module_named(name)):
                return self.load_foreign(name)
            module = self.make_namespace(name, portions)
        if parent_name:
            setattr(self.modules[parent_name], name.rpartition(".")[2], module)
        return module

    def is_guest(self, module) -> bool:
        return getattr(module, "__pj_guest__", False)

    def exec_guest(self, name: str, origin: str, is_package: bool) -> types.ModuleType:
        module = types.ModuleType(name)
        module.__file__ = origin
        module.__pj_guest__ = True
        spec = importlib.machinery.ModuleSpec(name, None, origin=origin, is_package=is_package)
        spec.has_location = True
        module.__spec__ = spec
        module.__loader__ = None
        if is_package:
            module.__path__ = [os.path.dirname(origin)]
            module.__package__ = name
            spec.submodule_search_locations = module.__path__
        else:
            module.__package__ = name.rpartition(".")[0]
        module.__cached__ = None
        module.__builtins__ = self.env.builtins
        spec._initializing = True   # (before the module is in the table: load() reads it)
        self.modules[name] = module
        # Let host libraries that find classes by module name (pickle) see guest modules,
        # unless that would hide a host module: lib/ shadows stdlib names for guests only.
        if not origin.startswith(self.env.lib_path + os.sep):
            if name not in sys.modules:
                sys.modules[name] = module
        elif (name in hostmods.SHARED and hostmods.serving()
              and sys.modules.get("__main__") is self.modules.get("__main__")):
            hostmods.share(name, module)    # (the program's own environment only)
        try:
            with open(origin, "rb") as fh:
                source = fh.read()
            # CPython runs a module's body below five frames of its import system
            # (_find_and_load ... _call_with_frames_removed): they count in the depth
            self.env.run_source(source, origin, module.__dict__, depth_below=5)
        except BaseException:
            spec._initializing = False
            self.modules.pop(name, None)
            if sys.modules.get(name) is module:
                del sys.modules[name]
                hostmods.unshare(name)
            raise
        spec._initializing = False
        return self.modules.get(name, module)

    def make_namespace(self, name: str, portions: list[str]) -> types.ModuleType:
        """A guest namespace package (PEP 420), made as CPython's import system makes one:
        a NamespaceLoader, no __file__ and no origin, __path__ a _NamespacePath over the
        portions that follows the guest's sys.path (or the parent's __path__)."""
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = _GuestNamespacePath(self, name, portions)
        module = importlib.util.module_from_spec(spec)   # (no code runs: nothing to initialise)
        module.__pj_guest__ = True
        self.modules[name] = module
        if name not in sys.modules:     # as exec_guest: host libraries may look it up by name
            sys.modules[name] = module
        return module

    def load_foreign(self, name: str) -> types.ModuleType:
        if name == "sys":
            return self.env.sys_module
        if name == "builtins":
            return self.env.builtins_module
        module = importlib.import_module(name)
        if name in ("logging", "inspect", "traceback"):
            from protojit.runtime.hostframes import adapt_foreign_module
            adapt_foreign_module(name, module)     # they read the stack: see the guest's
        elif name == "types":
            from protojit.runtime.coroutines import adapt_types_module
            adapt_types_module(module)      # it reads generators' gi_* attributes
        self.modules[name] = module
        return module

    # -- the statements ---------------------------------------------------------------

    def import_top(self, name: str, globals_: dict):
        """`import a.b.c` binds `a`."""
        self.load(name)
        return self.load(name.partition(".")[0])

    def import_module_as(self, name: str, globals_: dict):
        """`import a.b.c as x` binds the submodule a.b.c."""
        module = self.load(name)
        parts = name.split(".")
        if len(parts) == 1:
            return module
        value = self.load(parts[0])
        for i, part in enumerate(parts[1:], 2):
            try:
                value = getattr(value, part)
            except AttributeError:
                # As CPython's IMPORT_FROM: a submodule still initialising is not yet an
                # attribute of its parent, but it is in sys.modules.
                value = self.modules.get(".".join(parts[:i]))
                if value is None:
                    raise
        return value

    def import_from(self, module_name: str, names: list[str], level: int, globals_: dict):
        absolute = self.resolve_name(module_name, level, globals_)
        module = self.load(absolute)
        values = []
        for attr in names:
            try:
                values.append(getattr(module, attr))
                continue
            except AttributeError:
                pass
            sub = f"{absolute}.{attr}"
            if hasattr(module, "__path__"):
                try:
                    values.append(self.load(sub))
                    continue
                except ModuleNotFoundError as e:
                    if e.name != sub:
                        raise
            where = getattr(module, "__file__", None)
            where = f" ({where})" if where else " (unknown location)"
            partially = self._initializing(module)
            if partially:
                msg = (f"cannot import name '{attr}' from partially initialized module '{absolute}' "
                       f"(most likely due to a circular import){where}")
            else:
                msg = f"cannot import name '{attr}' from '{absolute}'{where}"
            raise ImportError(msg, name=absolute, path=getattr(module, "__file__", None))
        return values

    def _initializing(self, module) -> bool:
        return getattr(getattr(module, "__spec__", None), "_initializing", False)

    def import_star(self, module_name: str, level: int, globals_: dict, target: dict):
        absolute = self.resolve_name(module_name, level, globals_)
        module = self.load(absolute)
        names = getattr(module, "__all__", None)
        if names is None:
            names = [n for n in vars(module) if not n.startswith("_")]
        for n in names:
            target[n] = getattr(module, n)

    def dunder_import(self, name, globals=None, locals=None, fromlist=(), level=0):
        """The guest's builtins.__import__ (importlib-compatible signature)."""
        if not isinstance(name, str):
            raise TypeError("module name must be a string")
        if level < 0:
            raise ValueError("level must be >= 0")
        if not name and level == 0:
            raise ValueError("Empty module name")
        globals_ = globals or {}
        absolute = self.resolve_name(name, level, globals_)
        module = self.load(absolute)
        if fromlist:
            for attr in fromlist:
                if attr != "*" and not hasattr(module, attr) and hasattr(module, "__path__"):
                    try:
                        self.load(f"{absolute}.{attr}")
                    except ModuleNotFoundError:
                        pass
            return module
        top = absolute.partition(".")[0]
        if level:
            return self.load(absolute.rsplit(".", absolute.count(".") - name.count(".") if name else 0)[0])
        return self.load(top)


class _GuestNamespacePath(_bootstrap_external._NamespacePath):
    """CPython's _NamespacePath, recomputed from the guest's sys.path and guest modules'
    __path__ (the base class reads the host's sys.path and sys.modules)."""

    def __init__(self, importer: GuestImporter, name: str, portions: list[str]):
        self._importer = importer   # (before the base __init__: it reads the parent path)
        super().__init__(name, portions, self._find_portions)

    def _get_parent_path(self):
        parent = self._name.rpartition(".")[0]
        if not parent:
            return self._importer.env.sys_module.path
        return self._importer.modules[parent].__path__

    def _find_portions(self, name, parent_path):
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = self._importer.namespace_portions(name, parent_path)
        return spec


# (the type's name as CPython shows it: repr(pkg.__path__) and type(pkg.__path__).__name__)
_GuestNamespacePath.__name__ = _GuestNamespacePath.__qualname__ = "_NamespacePath"


def guest_executable() -> str:
    """sys.executable as the guest sees it: the `protojit` command, so that a guest's
    subprocess.run([sys.executable, ...]) runs the child under protojit too (the host
    interpreter's path would run it under CPython). The command this process was
    started as when it is protojit's launcher, else the one beside the host
    interpreter (a venv's bin/), else the host interpreter itself."""
    import os
    argv0 = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if os.path.basename(argv0) == "protojit" and os.access(argv0, os.X_OK):
        return argv0
    beside = os.path.join(os.path.dirname(sys.executable), "protojit")
    if os.access(beside, os.X_OK):
        return beside
    return sys.executable


_FLAG_NAMES = ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
               "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
               "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
               "warn_default_encoding", "safe_path", "int_max_str_digits")


class _Flags(tuple):
    """The guest's sys.flags: the host's, with the flags protojit's command line set
    (a named tuple of the same fields; the host's struct sequence cannot be made)."""
    __slots__ = ()

    def __repr__(self):
        return "sys.flags(" + ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self)) + ")"


def _guest_flags(env):
    host = sys.flags
    names = [n for n in _FLAG_NAMES if hasattr(host, n)]
    values = {n: getattr(host, n) for n in names}
    opts = env.flags
    if opts is not None:
        values["optimize"] = 1 if getattr(opts, "optimize", False) else 0
        for name in ("dont_write_bytecode", "no_user_site", "no_site", "ignore_environment",
                     "quiet", "isolated", "safe_path"):
            if name in values:   # (safe_path is a bool in CPython, the others ints)
                flag = bool(getattr(opts, name, False))
                values[name] = flag if name == "safe_path" else int(flag)
        if "dont_write_bytecode" in values and not values["ignore_environment"]:
            if os.environ.get("PYTHONDONTWRITEBYTECODE"):
                values["dont_write_bytecode"] = 1
        if "dev_mode" in values and "dev" in getattr(opts, "xoptions", ()):
            values["dev_mode"] = True
        if "warn_default_encoding" in values:
            xopts = getattr(opts, "xoptions", ())
            if "warn_default_encoding" in xopts or (
                    not values["ignore_environment"] and os.environ.get("PYTHONWARNDEFAULTENCODING")):
                values["warn_default_encoding"] = 1
    cls = type("flags", (_Flags,), {"__slots__": (), "_fields": tuple(names),
                                    "__module__": "sys",
                                    **{n: property(lambda self, i=i: self[i])
                                       for i, n in enumerate(names)}})
    return cls(values[n] for n in names)


def guest_sys_module(env, argv: list[str]) -> types.ModuleType:
    """The guest's `sys`: the host sys with guest-specific parts (modules, recursion limit)."""
    host = sys

    class GuestSys(types.ModuleType):
        def __getattr__(self, name):
            if name in _OWN:    # deleted by the guest: not the host's either
                raise AttributeError(f"module 'sys' has no attribute '{name}'")
            return getattr(host, name)

        def __delattr__(self, name):
            if name in _OWN:
                object.__delattr__(self, name)
            else:
                delattr(host, name)

        def __setattr__(self, name, value):
            if name in _OWN:
                object.__setattr__(self, name, value)
            else:
                setattr(host, name, value)

        def __dir__(self):
            return sorted(set(dir(host)) | set(_own_dict(self)))

        @property
        def __dict__(self):
            # What vars(sys) shows: every attribute, the host's and the guest's own (a
            # snapshot: the guest's sys is two namespaces, so there is no one dict to give).
            merged = dict(host.__dict__)
            merged.update(_own_dict(self))
            return merged

    # (named as the host's module type: type(sys) prints as CPython's <class 'module'>)
    GuestSys.__name__ = GuestSys.__qualname__ = "module"
    GuestSys.__module__ = "builtins"
    _own_dict = types.ModuleType.__dict__["__dict__"].__get__
    mod = GuestSys("sys")
    own = {
        "modules": env.modules,
        "setrecursionlimit": env.set_recursion_limit,
        "getrecursionlimit": env.get_recursion_limit,
        "_getframe": env.getframe,
        "path": env.path,
    }
    own["flags"] = _guest_flags(env)
    own["executable"] = guest_executable()
    from protojit.runtime.debugger import breakpointhook
    own["breakpointhook"] = own["__breakpointhook__"] = breakpointhook(env)
    _OWN = set(own) | {"__dict__"}
    for k, v in own.items():
        object.__setattr__(mod, k, v)
    # (ModuleType() put None there; repr(sys) reads them: "<module 'sys' (built-in)>")
    for k in ("__spec__", "__loader__", "__doc__"):
        _own_dict(mod)[k] = getattr(host, k)
    host.argv = argv
    return mod

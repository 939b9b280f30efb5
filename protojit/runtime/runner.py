"""Running a whole guest program: script, -c, -m or the REPL, with CPython's exit rules."""
from __future__ import annotations

import importlib.util
import os
import sys
import weakref

from protojit import hostmods
from protojit.runtime import cstack, hostframes, tracebacks, unraisable
from protojit.runtime.environment import PythonEnvironment
from protojit.runtime.importer import guest_pythonpath


def exit_code_of(exc: SystemExit) -> int:
    """CPython's handling of an uncaught SystemExit."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if code >= 0 else code & 0xFF
    try:
        sys.stderr.write(f"{code}\n")
    except Exception:   # noqa: BLE001 - printing the exit message must not fail the exit
        pass
    return 1


def apply_flags(opts) -> None:
    """python3's one-letter flags (cli.py) that act on the host process before the
    program runs: -u, -B, -W, -X, -E/-I (PROTOJIT_PATH)."""
    if getattr(opts, "unbuffered", False):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.reconfigure(write_through=True)
            except (AttributeError, ValueError):
                pass
    if getattr(opts, "dont_write_bytecode", False):
        sys.dont_write_bytecode = True
    for x in getattr(opts, "xoptions", ()):
        name, eq, value = x.partition("=")
        sys._xoptions[name] = value if eq else True
    warnoptions = getattr(opts, "warnoptions", [])
    if warnoptions:
        sys.warnoptions.extend(warnoptions)
        import warnings
        warnings._processoptions(warnoptions)   # CPython's parser and its messages


def run(opts) -> int:
    apply_flags(opts)
    cstack.raise_main_stack()
    if getattr(opts, "safe_path", False):
        script_dir = None   # -P / -I: neither the script's folder nor the current one
    elif opts.script not in (None, "-"):
        script_dir = os.path.dirname(os.path.abspath(opts.script))
    else:
        script_dir = os.getcwd()
    env = PythonEnvironment(argv=opts.args, script_dir=script_dir, tier=opts.tier,
                            optimize=opts.optimize, trace=opts.trace, flags=opts)
    if getattr(opts, "ignore_environment", False):
        # -E / -I: PYTHONPATH's folders of the program's own modules are not the guest's
        # (environment.py); the host, started with them on its path, must not serve their
        # modules as foreign ones either (CPython: ModuleNotFoundError)
        ignored = set(guest_pythonpath(False))
        sys.path[:] = [p for p in sys.path if not p or os.path.abspath(p) not in ignored]
    from protojit import tiering
    tiering.configure(env, opts)
    hostmods.serve(env.importer)   # one module per name from here (hostmods.SHARED)
    unraisable.install()
    hostframes.install_getframe()
    import warnings
    from protojit.runtime import guestwarn
    guestwarn.install(warnings)   # host code's warnings name guest lines
    import gc
    from protojit.runtime import guestgc
    guestgc.install(gc)           # the collector's lists without tier 0's frame lists
    status = 0
    try:
        if opts.command is not None:
            main = env.new_main_module(None)
            env.line_events = _wants_line_events(opts.command)
            env.run_source(opts.command + "\n", "<string>", main.__dict__)
        elif opts.module is not None:
            status = run_module(env, opts.module)
        elif opts.script is not None and opts.script != "-":
            status = run_script(env, opts.script)
        elif opts.script == "-" or not sys.stdin.isatty():
            main = env.new_main_module("<stdin>")
            env.run_source(sys.stdin.read(), "<stdin>", main.__dict__)
        else:
            from protojit.runtime.repl import interact
            interact(env, quiet=getattr(opts, "quiet", False))
    except SystemExit as e:
        status = exit_code_of(e)
    except BaseException as e:   # noqa: BLE001 - the guest's uncaught exception
        status = report_uncaught(e)
    status = finish(env, status)
    tiering.stop_background()   # (no compile runs while the program's modules are torn down)
    finalize(env)
    tiering.shutdown(env)
    if opts.trace or getattr(opts, "stats", False):
        from protojit.trace import events, viewer
        viewer.at_exit(opts, events.events())   # --trace report, --stats summary
    return status


def report_uncaught(e: BaseException) -> int:
    try:
        sys.stdout.flush()
    except Exception:   # noqa: BLE001
        pass
    tracebacks.print_exception(e)
    if isinstance(e, KeyboardInterrupt):
        import signal
        from protojit import sigchain
        sigchain.exit_by_signal(signal.SIGINT)   # after finalization, as CPython does
        return 130
    return 1


def finish(env, status: int) -> int:
    """Interpreter exit: wait for non-daemon guest threads, run atexit, flush."""
    threading_mod = env.modules.get("threading")
    if threading_mod is not None and getattr(threading_mod, "__pj_guest__", False):
        shutdown = getattr(threading_mod, "_shutdown", None)
        if shutdown is not None:
            try:
                shutdown()
            except SystemExit as e:
                status = exit_code_of(e)
            except BaseException as e:   # noqa: BLE001
                status = report_uncaught(e)
    try:
        sys.stdout.flush()
    except Exception:   # noqa: BLE001
        pass
    return status


def finalize(env) -> None:
    """The rest of CPython 3.11's shutdown that runs guest code (Py_FinalizeEx:
    finalize_modules), done while the engine can still import and compile: the atexit
    callbacks, then, for the program's own modules (not lib/'s):

    1. sys's and builtins' special names set to None (finalize_modules_delete_special);
    2. each module's sys.modules entry set to None, in import order, each remembered by
       a weak reference (finalize_remove_modules);
    3. the builtins dict restored to its start-up copy (finalize_restore_builtins);
    4. a collection: what only the modules kept alive is unreachable now, cycles
       through the modules' dicts included, and every guest __del__ in it runs while
       the module globals are all still there (so a __del__ that reads a global sees it);
    5. modules that are still alive (held by something that lives on) have their dicts
       wiped as _PyModule_ClearDict does, the last imported first: names that start
       with one underscore set to None first, then every other name but __builtins__;
    6. a last collection, where nothing is reported any more: CPython has wiped sys's
       dict by then (finalize_clear_sys_builtins_dict), so an unraisable exception finds
       no sys.stderr. (Builtins are not wiped here: daemon threads still run guest code,
       which CPython would have stopped.)

    From step 2 on, reports of exceptions in __del__ have no source lines (CPython's
    traceback printer cannot import io once sys.modules is emptied). (Left to the
    host's finalization these __del__ ran after sys.meta_path was gone, and the native
    tier's first call of one failed to import.)"""
    from protojit.runtime import tracebacks
    tracebacks.prepare_for_shutdown()
    import atexit
    import gc
    try:
        atexit._run_exitfuncs()   # the guest's and the host's, in CPython's order (LIFO)
    except BaseException:   # noqa: BLE001 - atexit reports each callback's error itself
        pass
    atexit._clear()   # (as CPython's atexit_callfuncs: the callbacks, and what they hold, go)
    builtins = env.builtins
    _quietly(builtins.__setitem__, "_", None)
    own_sys = env.sys_module.__dict__
    for name in ("last_type", "last_value", "last_traceback", "ps1", "ps2", "__interactivehook__"):
        if name in own_sys or hasattr(sys, name):
            _quietly(setattr, env.sys_module, name, None)
    lib = os.path.join(env.lib_path, "")
    weak = []
    for name, module in list(env.modules.items()):
        if getattr(module, "__pj_guest__", False) and not str(getattr(module, "__file__", "")).startswith(lib):
            weak.append((name, weakref.ref(module)))
            if sys.modules.get(name) is module:
                del sys.modules[name]
            unraisable.shutdown_phase(1)
            _quietly(env.modules.__setitem__, name, None)
    module = None
    unraisable.shutdown_phase(1)
    tracebacks.forget_stub_frames()   # (they hold the globals of the functions they stand for)
    copy = getattr(env, "builtins_copy", None)
    if copy is not None:
        old = dict(builtins)
        builtins.clear()
        builtins.update(copy)
        _quietly(old.clear)
        old = None
    _order_by_age()
    gc.collect()
    for name, ref in reversed(weak):
        module = ref()
        if module is not None:
            _clear_module_dict(module.__dict__)
        module = None
    unraisable.shutdown_phase(2)
    tracebacks.forget_stub_frames()
    gc.collect()
    hostmods.release()
    from protojit.runtime import guestwarn
    guestwarn.uninstall()
    try:
        sys.stdout.flush()
    except Exception:   # noqa: BLE001
        pass


def _order_by_age() -> None:
    """Put the collector's lists in allocation order before the collection of step 4,
    collecting nothing.

    That collection runs the finalizers (__del__, a generator's close) of what it finds
    in the order of the collector's lists. In a small program under CPython those lists
    are in allocation order at exit, so the __del__ of a module's globals run in the order
    the objects were made. protojit allocates many more objects of its own between two
    guest statements (tier-0 frames, compiles), so its young collections fall between
    guest allocations where CPython's do not; a full collection appends the young
    generations after the old one (gen 2, then gen 0, then gen 1), and a global made later
    was finalized first ('del main a' after 'del main _b' once a compile ran between
    them; a generator closed after a later global's __del__). A collection of generations
    0 and 1 merges gen 0 after gen 1 and moves the survivors after gen 2: one list in
    allocation order. Every young object gets a reference from outside for it, so it
    finds nothing unreachable (the garbage waits for the full collection, as in CPython)
    and moves nothing within the list (the collector moves an object it first found
    unreachable to the end when a later one reaches it)."""
    import gc
    from protojit import _pjentry   # (not ctypes: an import here would be lib/'s, guest code)
    from protojit.runtime import guestgc
    enabled = gc.isenabled()
    gc.disable()
    try:
        get_objects = guestgc.host_function(gc, "get_objects")   # (frame lists included)
        young = get_objects(1) + get_objects(0)
        _pjentry.hold_items(young, True)
        try:
            gc.collect(1)
        finally:
            _pjentry.hold_items(young, False)
        young = None
    finally:
        if enabled:
            gc.enable()


def _quietly(fn, *args) -> None:
    try:
        fn(*args)
    except BaseException:   # noqa: BLE001 - a __del__ that raises is reported, not fatal
        pass


def _clear_module_dict(d: dict) -> None:
    """CPython 3.11's _PyModule_ClearDict: names with one leading underscore to None first
    (in dict order), then every other name but __builtins__."""
    for key in list(d):
        if isinstance(key, str) and key[:1] == "_" and key[1:2] != "_" and d.get(key) is not None:
            _quietly(d.__setitem__, key, None)
    for key in list(d):
        if isinstance(key, str) and key != "__builtins__" and d.get(key) is not None:
            _quietly(d.__setitem__, key, None)


def run_script(env, path: str) -> int:
    try:
        with open(path, "rb") as fh:
            source = fh.read()
    except OSError as e:
        sys.stderr.write("protojit: can't open file "
                         f"{os.path.abspath(path)!r}: [Errno {e.errno}] {e.strerror}\n")
        return 2
    path = os.path.abspath(path)
    main = env.new_main_module(path)
    env.line_events = _wants_line_events(source)
    env.run_source(source, path, main.__dict__)
    if env.line_events:
        env.debugger.program_end()     # a debugger still stepping sees <module> return
    return 0


def _wants_line_events(source) -> bool:
    """Compile with line events (debugger stepping) only for programs that can stop: those
    that mention breakpoint (PYTHONBREAKPOINT may change while they run, as in CPython)."""
    return (b"breakpoint" if isinstance(source, bytes) else "breakpoint") in source


def run_module(env, name: str) -> int:
    found = _find_module_file(env, name)
    if found is None:
        sys.stderr.write(f"protojit: No module named {name}\n")
        return 1
    path, is_package = found
    if is_package:
        return run_module(env, name + ".__main__")
    package = name.rpartition(".")[0]
    if package:
        env.importer.load(package)
    env.sys_module.argv[0] = path
    main = env.new_main_module(path)
    main.__package__ = package
    with open(path, "rb") as fh:
        source = fh.read()
    env.line_events = _wants_line_events(source)
    # (below runpy's _run_module_as_main and _run_code, as CPython's -m runs it)
    env.run_source(source, path, main.__dict__, depth_below=2)
    return 0


def _find_module_file(env, name: str):
    parts = name.split(".")
    search = env.path
    found = None
    for i, part in enumerate(parts):
        found = env.importer.find_guest(part, search)
        if found is None:
            break
        if found[1]:
            search = [os.path.dirname(found[0])]
        elif i != len(parts) - 1:
            found = None
            break
    if found is not None:
        return found
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin in (None, "built-in", "frozen") or not spec.origin.endswith(".py"):
        return None
    return spec.origin, bool(spec.submodule_search_locations)

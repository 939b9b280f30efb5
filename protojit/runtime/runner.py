"""Running a whole guest program: script, -c, -m or the REPL, with CPython's exit rules."""
from __future__ import annotations

import importlib.util
import os
import sys

from protojit import hostmods
from protojit.runtime import tracebacks, unraisable
from protojit.runtime.environment import PythonEnvironment


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
    if getattr(opts, "safe_path", False):
        script_dir = None   # -P / -I: neither the script's folder nor the current one
    elif opts.script not in (None, "-"):
        script_dir = os.path.dirname(os.path.abspath(opts.script))
    else:
        script_dir = os.getcwd()
    env = PythonEnvironment(argv=opts.args, script_dir=script_dir, tier=opts.tier,
                            optimize=opts.optimize, trace=opts.trace, flags=opts)
    from protojit import tiering
    tiering.configure(env, opts)
    hostmods.serve(env.importer)   # one module per name from here (hostmods.SHARED)
    unraisable.install()
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
    """The rest of CPython's shutdown that runs guest code, done while the engine can
    still import and compile: the atexit callbacks, then the program's own modules
    (not lib/'s) emptied, the last imported first and each in the order its names were
    bound (what CPython's final collection does to them in practice, CPython 3.11:
    modules are dropped from sys.modules and their dicts' cycles cleared), and a
    collection; so the guest __del__ methods of what the program left alive run, and
    print, as under CPython. (Left to the host's finalization they ran after
    sys.meta_path was gone, and the native tier's first call of one failed to import.)"""
    from protojit.runtime import tracebacks
    tracebacks.prepare_for_shutdown()
    import atexit
    import gc
    try:
        atexit._run_exitfuncs()   # the guest's and the host's, in CPython's order (LIFO)
    except BaseException:   # noqa: BLE001 - atexit reports each callback's error itself
        pass
    lib = os.path.join(env.lib_path, "")
    own = [m for m in list(env.modules.values())
           if getattr(m, "__pj_guest__", False) and not str(getattr(m, "__file__", "")).startswith(lib)]
    for module in reversed(own):
        d = module.__dict__
        for key in list(d):
            if key == "__builtins__":
                continue
            try:
                d.pop(key, None)
            except BaseException:   # noqa: BLE001 - a __del__ that raises is reported, not fatal
                pass
    gc.collect()
    hostmods.release()
    try:
        sys.stdout.flush()
    except Exception:   # noqa: BLE001
        pass


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

"""help(): documentation for guest and host objects, shown through a pager.

Text comes from the host `pydoc` renderer, which sees guest objects through a
guest view of `inspect` (guest functions are functions, with their signature
from their real __code__ (runtime/hostcode.py), async-ness and docstrings, inherited ones and
comments included; guest modules are found in the guest module table), so it
is CPython's text for the same program. On a terminal the text goes
through $PAGER, else `less -R` when it is installed, else CPython's built-in
pager (space: next screen, enter: next line, q: quit); otherwise it is printed.
"""
from __future__ import annotations

import contextlib
import inspect
import os
import shlex
import shutil
import subprocess
import sys
import threading
import types

from protojit.runtime.function import Function, record_of

_NO_DOC = ("No Python documentation found for {!r}.\n"
           "Use help() to get the interactive help utility.\n"
           "Use help(str) for help on the str class.")

# Module attributes that protojit adds and CPython's pydoc would never see.
_ENGINE_NAMES = frozenset({"__pj_guest__"})

_pydoc_lock = threading.RLock()


class _GuestInspect(types.ModuleType):
    """The `inspect` pydoc sees while rendering: guest Functions count as functions
    (async ones as coroutine functions) and guest modules are found in the guest's
    module table. Everything else is the host inspect."""

    def __init__(self, env):
        super().__init__("inspect")
        self._env = env

    def __getattr__(self, name):
        return getattr(inspect, name)

    def getmodule(self, obj, _filename=None):
        module = inspect.getmodule(obj, _filename)
        if module is None and not inspect.ismodule(obj):
            module = self._env.modules.get(getattr(obj, "__module__", None))
        return module


def _source_comments(fn: Function) -> str | None:
    """The comment block right above a guest def (pydoc shows it when there is no docstring)."""
    import linecache
    lines = linecache.getlines(fn.code.filename)
    index = fn.code.firstlineno - 1
    if not 0 < index < len(lines):
        return None
    indent = len(lines[index].expandtabs()) - len(lines[index].expandtabs().lstrip())
    block = []
    for line in reversed(lines[:index]):
        text = line.expandtabs()
        stripped = text.lstrip()
        if not stripped.startswith("#") or len(text) - len(stripped) != indent:
            break
        block.insert(0, stripped)
    while block and block[0].strip() == "#":
        block.pop(0)
    while block and block[-1].strip() == "#":
        block.pop()
    return "".join(block) or None


def _inherited_doc(fn: Function) -> str | None:
    """A method without a docstring takes the one of the method it overrides (inspect.getdoc)."""
    parts = fn.__qualname__.split(".")
    if len(parts) < 2 or "<locals>" in parts:
        return None
    owner = fn.__globals__.get(parts[0])
    for part in parts[1:-1]:
        owner = getattr(owner, part, None)
    if not isinstance(owner, type):
        return None
    for base in owner.__mro__[1:]:
        doc = getattr(getattr(base, fn.__name__, None), "__doc__", None)
        if isinstance(doc, str):
            return doc
    return None


def _guest_getdoc(fn: Function) -> str:
    doc = fn.__doc__ if isinstance(fn.__doc__, str) else _inherited_doc(fn)
    if doc is not None:
        return inspect.cleandoc(doc)
    comments = _source_comments(fn)
    if comments is None:
        return ""
    import re
    return re.sub("^ *\n", "", comments.rstrip())


@contextlib.contextmanager
def _pydoc_for_guest(env, resolved=None):
    """Let the host pydoc render guest objects as CPython's pydoc renders their originals."""
    import pydoc
    with _pydoc_lock:
        saved = pydoc.inspect, pydoc.getdoc, pydoc.visiblename, pydoc.resolve
        host_getdoc, host_visible, host_resolve = pydoc.getdoc, pydoc.visiblename, pydoc.resolve

        def getdoc(obj):
            record = record_of(obj)
            return _guest_getdoc(record) if record is not None else host_getdoc(obj)

        def visiblename(name, all=None, obj=None):
            return name not in _ENGINE_NAMES and host_visible(name, all, obj)

        def resolve(thing, forceload=0):
            if resolved is not None and isinstance(thing, str) and thing == resolved[1]:
                return resolved
            return host_resolve(thing, forceload)

        pydoc.inspect, pydoc.getdoc, pydoc.visiblename, pydoc.resolve = (
            _GuestInspect(env), getdoc, visiblename, resolve)
        try:
            yield pydoc
        finally:
            pydoc.inspect, pydoc.getdoc, pydoc.visiblename, pydoc.resolve = saved


def render(env, obj, name=None, bold=False) -> str:
    """pydoc's text for `obj` (`name`: the string it was asked for, if any); `bold`:
    with pydoc's overstrike bold, for a terminal pager (plain() removes it)."""
    with _pydoc_for_guest(env, None if name is None else (obj, name)) as pydoc:
        return pydoc.render_doc(obj if name is None else name, "Help on %s:",
                                renderer=pydoc.text if bold else pydoc.plaintext)


def resolve(env, name: str):
    """A name given as a string: a module (guest first), a builtin, or a dotted path."""
    if name in env.builtins:
        return env.builtins[name]
    try:
        return env.importer.load(name)
    except ImportError:
        pass
    module_name, _, attr = name.rpartition(".")
    if module_name:
        try:
            return getattr(resolve(env, module_name), attr)
        except AttributeError:
            return None
    return None


def help_command(env, *args, **kwargs):
    if not args and not kwargs:
        return interactive_help(env)
    request = args[0] if args else kwargs.get("request")
    if isinstance(request, str) and request.strip() in ("True", "False", "None"):
        request = {"True": True, "False": False, "None": None}[request.strip()]
    if isinstance(request, str):
        topic = _topic_text(request)
        if topic is not None:
            page(topic)
            return None
        obj = resolve(env, request)
        if obj is None:
            sys.stdout.write(_NO_DOC.format(request) + "\n\n")
            return None
        text = render(env, obj, request, bold=True)
    else:
        text = render(env, request, bold=True)
    page(text)
    sys.stdout.write("\n")     # as pydoc's Helper does after each page
    return None


def _topic_text(request: str) -> str | None:
    """pydoc's text for a keyword, symbol or topic ('if', '+', 'keywords', ...), else None."""
    import io
    import pydoc
    request = request.strip()
    helper_class = pydoc.Helper
    if request in ("True", "False", "None"):
        return None                 # objects too: help_command documents them
    if request not in ("keywords", "symbols", "topics") and request not in helper_class.keywords \
            and request not in helper_class.symbols and request not in helper_class.topics:
        return None
    out = io.StringIO()
    with _pydoc_lock:
        saved = pydoc.pager
        pydoc.pager = out.write     # showtopic pages through pydoc.pager: capture it
        try:
            helper_class(sys.stdin, out).help(request)
        finally:
            pydoc.pager = saved
    return out.getvalue()      # ends with the newline Helper.help writes after a page


def interactive_help(env) -> None:
    """help() with no argument: pydoc's interactive help utility, answering through ours."""
    import pydoc

    class GuestHelper(pydoc.Helper):
        def help(self, request, is_cli=False):
            if isinstance(request, str):
                text = request.strip()
                if text in ("help", "modules", "keywords", "symbols", "topics") \
                        or text.startswith("modules "):
                    return super().help(request, is_cli)
            help_command(env, request)

    GuestHelper()()


# ---- paging ----------------------------------------------------------------------------------


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _plain(text: str) -> str:
    """Text without pydoc's overstrike bold ("N\bNA\bA...")."""
    import pydoc
    return pydoc.plain(text)


def page(text: str) -> None:
    """Show `text`: through a pager when stdin and stdout are a terminal, else printed.
    The pager is $PAGER (a command line, run without a shell), else `less -R` when it
    is on PATH, else builtin_pager(). Both variables come from the live C environment."""
    from protojit.runtime.debugger import c_getenv
    out = sys.stdout
    if not (_is_terminal(out) and _is_terminal(sys.stdin)):
        out.write(_plain(text))
        return
    dumb = c_getenv("TERM") in ("dumb", "emacs")      # no bold, no screen control
    command = c_getenv("PAGER")
    if command:
        return _external_pager(shlex.split(command), _plain(text) if dumb else text)
    if dumb:
        out.write(_plain(text))
        return
    if shutil.which("less", path=c_getenv("PATH") or os.defpath):
        return _external_pager(["less", "-R"], text)
    return builtin_pager(_plain(text))


def _external_pager(argv: list[str], text: str) -> None:
    sys.stdout.flush()
    try:
        subprocess.run(argv, input=text.encode(errors="backslashreplace"), check=False)
    except OSError:
        builtin_pager(_plain(text))


def builtin_pager(text: str) -> None:
    """The pager of last resort, CPython's own (pydoc.ttypager): a screen ($LINES - 1 lines,
    default 24) at a time; space: next screen, enter: next line, b: back, q: quit."""
    import pydoc
    pydoc.ttypager(text)

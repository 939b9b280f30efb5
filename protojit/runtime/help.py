"""help(): documentation for guest and host objects, shown through a pager.

Text comes from the host `pydoc` renderer (guest functions give it a real
signature through Function.__signature__); guest functions get a short
"Help on function ..." page of their own. On a terminal the text goes
through $PAGER, else `less -R` when it is installed, else a built-in pager
(space: next screen, enter: next line, q: quit); otherwise it is printed.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

from protojit.runtime.function import Function

_NO_DOC = ("No Python documentation found for {!r}.\n"
           "Use help() to get the interactive help utility.\n"
           "Use help(str) for help on the str class.")


def render(env, obj) -> str:
    import pydoc
    if isinstance(obj, Function):
        import inspect
        module = obj.__module__ or "__main__"
        doc = inspect.cleandoc(obj.__doc__) if obj.__doc__ else ""
        body = "\n".join("    " + line for line in doc.split("\n")).rstrip()
        return (f"Help on function {obj.__name__} in module {module}:\n\n"
                f"{obj.__name__}{obj.__signature__}\n" + (body + "\n" if body else ""))
    return pydoc.render_doc(obj, "Help on %s:", renderer=pydoc.plaintext)


def resolve(env, name: str):
    """A name given as a string: a module (guest first), a builtin, or a dotted path."""
    if name in env.builtins:
        return env.builtins[name]
    try:
        return env.importer.load(name)
    except ImportError:
        pass
    import pydoc
    try:
        return pydoc.locate(name, forceload=False)
    except pydoc.ErrorDuringImport:
        return None


def help_command(env, *args, **kwargs):
    if not args and not kwargs:
        return interactive_help(env)
    request = args[0] if args else kwargs.get("request")
    if isinstance(request, str):
        obj = resolve(env, request)
        if obj is None:
            sys.stdout.write(_NO_DOC.format(request) + "\n")
            return None
        request = obj
    page(render(env, request))
    sys.stdout.write("\n")     # as pydoc's Helper does after each page
    return None


def interactive_help(env) -> None:
    out = sys.stdout
    out.write("\nWelcome to protojit's help utility! Type the name of a module, function, class or\n"
              "keyword to get its documentation; \"quit\" leaves the utility.\n\n")
    while True:
        out.write("help> ")
        out.flush()
        line = sys.stdin.readline()
        if not line:
            out.write("\n")
            break
        topic = line.strip()
        if topic in ("q", "quit"):
            break
        if topic:
            help_command(env, topic)
    out.write("\nYou are now leaving help and returning to the Python interpreter.\n")


# ---- paging ----------------------------------------------------------------------------------


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def page(text: str) -> None:
    out = sys.stdout
    if not (_is_terminal(out) and _is_terminal(sys.stdin)):
        out.write(text if text.endswith("\n") else text + "\n")
        return
    command = os.environ.get("PAGER")
    if command:
        return _external_pager(shlex.split(command), text)
    if shutil.which("less"):
        return _external_pager(["less", "-R"], text)
    return builtin_pager(text)


def _external_pager(argv: list[str], text: str) -> None:
    sys.stdout.flush()
    try:
        subprocess.run(argv, input=text.encode(), check=False)
    except OSError:
        builtin_pager(text)


def builtin_pager(text: str, rows: int | None = None) -> None:
    """One screen at a time: space shows the next screen, enter the next line, q quits."""
    import termios
    import tty
    out = sys.stdout
    lines = text.splitlines()
    rows = rows or max(2, shutil.get_terminal_size().lines - 1)
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    shown = 0
    try:
        tty.setcbreak(fd)
        step = rows
        while shown < len(lines):
            for line in lines[shown:shown + step]:
                out.write(line + "\n")
            shown += step
            if shown >= len(lines):
                break
            out.write("-- More --")
            out.flush()
            key = os.read(fd, 1)
            out.write("\r          \r")
            if key in (b"q", b"Q", b""):
                break
            step = 1 if key in (b"\r", b"\n") else rows
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        out.flush()

"""help(): pydoc text for guest objects, and the pager on a terminal (under a pty).

Plain (not a terminal) output is compared with CPython's by the differential programs
tests/programs/refl_help*.py; here: the pager choices ($PAGER, no `less` -> the built-in
pager), interactive help() on a terminal, and the renderer's guest-specific parts.
"""
import os
import subprocess
import sys
import textwrap

import pytest

from _pty_session import PtySession

PJ = [sys.executable, "-m", "protojit"]

# A guest function with a long docstring: several screens of a 24-line terminal.
LONG_DOC = textwrap.dedent('''\
    def documented(a, b=2):
        """First line of the documentation.

    {body}
        Last line of the documentation.
        """
        return a

    help(documented)
    print("after help")
    ''').format(body="\n".join(f"    Line number {i:03d}." for i in range(1, 80)))


def _env(**changes):
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@pytest.fixture
def long_script(tmp_path):
    path = tmp_path / "long_help.py"
    path.write_text(LONG_DOC)
    return path


def test_pager_from_PAGER_cat(long_script):
    with PtySession(PJ + [str(long_script)], env=_env(PAGER="cat", TERM="xterm")) as s:
        assert s.wait() == 0
        text = s.text()
    assert "Help on function documented in module __main__:" in text
    assert "Line number 001." in text and "Last line of the documentation." in text
    assert "-- more --" not in text
    assert text.index("Last line of the documentation.") < text.index("after help")


def test_pager_command_line_without_shell(long_script, tmp_path):
    # PAGER is a command line (split like a shell would, run without one): prove the text
    # went through it by a pager that marks every line.
    marker = tmp_path / "marking_pager.py"
    marker.write_text("import sys\nfor line in sys.stdin:\n    sys.stdout.write('PAGED|' + line)\n")
    pager = f"{sys.executable} {marker}"
    with PtySession(PJ + [str(long_script)], env=_env(PAGER=pager)) as s:
        assert s.wait() == 0
        text = s.text()
    assert "PAGED|    Line number 042." in text
    assert "PAGED|after help" not in text and "after help" in text


def test_builtin_pager_without_PAGER_and_less(long_script, tmp_path):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = _env(PAGER=None, PATH=str(empty_bin), LINES=None, COLUMNS=None)
    with PtySession(PJ + [str(long_script)], env=env, rows=24) as s:
        end = s.expect(b"-- more --")
        first_screen = s.text()
        assert "Line number 001." in first_screen
        assert "Last line of the documentation." not in first_screen
        s.send(b" ")                         # the next screen
        end = s.expect(b"-- more --", start=end)
        s.send(b"\r")                        # one more line
        end = s.expect(b"-- more --", start=end)
        s.send(b"q")                         # quit the pager; the program goes on
        s.expect(b"after help", start=end)
        assert s.wait() == 0
        text = s.text()
    assert "Line number 040." in text        # second screen shown
    assert "Last line of the documentation." not in text    # quit before the end
    assert text.count("-- more --") == 3


def test_builtin_pager_to_the_end(tmp_path):
    script = tmp_path / "short.py"
    script.write_text("def f():\n    'Doc of f.'\nhelp(f)\nprint('after')\n")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    with PtySession(PJ + [str(script)], env=_env(PAGER=None, PATH=str(empty_bin))) as s:
        assert s.wait() == 0
        text = s.text()
    assert "Doc of f." in text and "-- more --" not in text and "after" in text


def test_dumb_terminal_prints_plainly(long_script):
    with PtySession(PJ + [str(long_script)], env=_env(PAGER=None, TERM="dumb")) as s:
        assert s.wait() == 0
        text = s.text()
    assert "Last line of the documentation." in text and "-- more --" not in text
    assert "\b" not in text


def test_interactive_help_on_a_terminal_quits_with_q(tmp_path):
    script = tmp_path / "interactive.py"
    script.write_text("help()\nprint('left help')\n")
    with PtySession(PJ + [str(script)], env=_env(PAGER="cat")) as s:
        end = s.expect(b"help> ")
        s.send(b"len\r")
        end = s.expect(b"Return the number of items in a container.", start=end)
        end = s.expect(b"help> ", start=end)
        s.send(b"q\r")
        s.expect(b"You are now leaving help", start=end)
        s.expect(b"left help", start=end)
        assert s.wait() == 0


def test_help_not_a_terminal_prints_plainly(tmp_path):
    script = tmp_path / "plain.py"
    script.write_text("class K:\n    'Doc of K.'\n    def m(self, x=1):\n        'Doc of m.'\n"
                      "help(K)\n")
    ours = subprocess.run(PJ + [str(script)], capture_output=True, text=True, timeout=50,
                          env=_env(PAGER="false"))
    theirs = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=50)
    assert ours.returncode == 0
    assert ours.stdout == theirs.stdout
    assert "\b" not in ours.stdout and "m(self, x=1)" in ours.stdout


def test_render_guest_function_signature_and_docs():
    from protojit.runtime.environment import PythonEnvironment
    from protojit.runtime import help as pj_help
    env = PythonEnvironment(argv=[""], script_dir=None, tier="interp")
    host_main = sys.modules["__main__"]
    main = env.new_main_module(None)
    try:
        env.run_source(textwrap.dedent('''\
            class Base:
                def run(self):
                    """Run it (inherited doc)."""

            class Child(Base):
                def run(self):
                    pass

            # Explains helper.
            def helper(x, *, flag=False) -> int:
                return x

            async def fetch(key):
                """Fetch."""
            '''), "<help-test>", main.__dict__)
        g = main.__dict__
        child = pj_help.render(env, g["Child"].run)
        assert "run(self)" in child and "Run it (inherited doc)." in child
        helper = pj_help.render(env, g["helper"])
        assert "helper(x, *, flag=False) -> int" in helper
        fetch = pj_help.render(env, g["fetch"])
        assert "async fetch(key)" in fetch
        bold = pj_help.render(env, g["fetch"], bold=True)
        assert "\b" not in fetch and pj_help._plain(bold) == fetch
    finally:
        sys.modules["__main__"] = host_main

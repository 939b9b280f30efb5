"""The interactive prompt on a pseudo-terminal: `_`, sys.ps1/sys.ps2, Tab completion
(rlcompleter over the guest's names and attributes) and -q, as CPython's REPL does."""
import os
import sys

import pytest

from _pty_session import PtySession

PJ = [sys.executable, "-m", "protojit"]


@pytest.fixture
def repl(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), TERM="xterm", PYTHONSTARTUP="")
    with PtySession(PJ + ["-q"], env=env, cwd=str(tmp_path)) as s:
        s.expect(b">>> ")
        yield s


def test_underscore_holds_the_last_value(repl):
    repl.send(b"6 * 7\r")
    at = repl.expect(b"42")
    repl.send(b"_ + 1\r")
    at = repl.expect(b"43", start=at)
    repl.send(b"None\r")          # None is not shown and leaves _ alone
    repl.send(b"_ * 2\r")
    repl.expect(b"86", start=at)


def test_prompts_are_sys_ps1_and_ps2(repl):
    repl.send(b"import sys; sys.ps1 = 'P1> '; sys.ps2 = 'P2> '\r")
    at = repl.expect(b"P1> ")
    repl.send(b"if True:\r")
    at = repl.expect(b"P2> ", start=at)
    repl.send(b"    print('in block')\r\r")
    repl.expect(b"in block", start=at)


def test_tab_completes_names_and_attributes(repl):
    repl.send(b"answer_value = 41\r")
    at = repl.expect(b">>> ", start=len(repl.output))
    repl.send(b"answer_v\t + 1\r")        # a guest global
    at = repl.expect(b"42", start=at)
    repl.send(b"import sys\r")
    repl.send(b"sys.getrecursionl\t\r")   # an attribute: completes to getrecursionlimit()
    repl.expect(b"1000", start=at)


def test_quiet_has_no_banner(repl):
    assert b"protojit" not in repl.output.split(b">>> ")[0]

"""Generate the differential programs tests/programs/ctl_try_*.py.

Every combination of what the clauses of a `try` statement can do -- fall through,
`return`, `break`, `continue`, `raise` (caught or not by the handler), bare re-raise --
in the body, the `except` handler, the `else` clause and the `finally` clause, placed
in four contexts: a plain function, a loop, a generator in a loop (each clause also
yields), and a try nested in another try inside a `while` loop. Each generated
function logs which clauses ran and prints that with its outcome; the harness compares
the output with CPython's at every tier.

Run `python tests/gen_control_programs.py` after changing this file;
tests/unit/test_generated_programs.py fails while the files are out of date.
"""
from __future__ import annotations

import itertools
import pathlib

PROGRAMS = pathlib.Path(__file__).resolve().parent / "programs"

# What a clause does after logging that it ran. `{w}` names the clause.
ACTIONS = {
    "pass": "pass",
    "return": "return 'ret-{w}'",
    "break": "break",
    "continue": "continue",
    "raise": "raise ValueError('{w}')",      # the handler catches ValueError
    "raise_other": "raise KeyError('{w}')",  # ... but not KeyError
    "reraise": "raise",                      # only in the handler
}
BODY = ["pass", "return", "break", "continue", "raise", "raise_other"]
HANDLER = ["pass", "return", "break", "continue", "raise", "reraise"]
ELSE = [None, "pass", "return", "break", "continue", "raise"]
FINALLY = [None, "pass", "return", "break", "continue", "raise"]
LOOP_ONLY = {"break", "continue"}


def _clause(kind, where, action, indent, yields):
    pad = " " * indent
    lines = [f"{pad}{kind}",
             f"{pad}    log.append({where!r})"]
    if yields:
        lines.append(f"{pad}    yield {where!r}")
    lines.append(pad + "    " + ACTIONS[action].format(w=where))
    return lines


def _try_statement(combo, indent, yields):
    body, handler, orelse, final = combo
    pad = " " * indent
    out = _clause("try:", "body", body, indent, yields)
    out += _clause("except ValueError:", "except", handler, indent, yields)
    if orelse is not None:
        out += _clause("else:", "else", orelse, indent, yields)
    if final is not None:
        out += _clause("finally:", "finally", final, indent, yields)
    out.append(f"{pad}log.append('after')")
    return out


def _combos(in_loop):
    """The combinations worth running: when the body does not raise, the handler's
    action cannot matter, so it varies only when the body raises (and then the
    else clause cannot run, so it is either absent or falls through)."""
    allowed = (lambda a: a is None or in_loop or a not in LOOP_ONLY)
    for body, final in itertools.product(BODY, FINALLY):
        if not (allowed(body) and allowed(final)):
            continue
        if body.startswith("raise"):
            for handler, orelse in itertools.product(HANDLER, [None, "pass"]):
                if allowed(handler):
                    yield body, handler, orelse, final
        else:
            for orelse in ELSE:
                if allowed(orelse):
                    yield body, "pass", orelse, final


def _function(name, combo, context):
    """One guest function running `combo` in `context`."""
    yields = context == "gen"
    head = [f"def {name}(log):"]
    if context == "func":
        stmt = _try_statement(combo, 4, yields)
        tail = ["    return 'fell'"]
    elif context in ("loop", "gen"):
        stmt = ["    for i in range(2):", "        log.append(i)"] + _try_statement(combo, 8, yields)
        tail = ["    return 'fell'"]
    else:   # nested: the try inside another try's body, inside a while loop
        stmt = ["    i = 0",
                "    while i < 2:",
                "        i += 1",
                "        log.append(i)",
                "        try:"] + _try_statement(combo, 12, yields) + [
                "        except KeyError as e:",
                "            log.append(('outer-except', str(e)))",
                "            continue",
                "        else:",
                "            log.append('outer-else')",
                "        finally:",
                "            log.append('outer-finally')"]
        tail = ["    return 'fell'"]
    return head + stmt + tail


HARNESS = '''

def run(f):
    log = []
    try:
        if {gen}:
            g = f(log)
            yielded = []
            while True:
                try:
                    yielded.append(next(g))
                except StopIteration as stop:
                    outcome = ("returned", stop.value, yielded)
                    break
        else:
            outcome = ("returned", f(log))
    except Exception as e:
        outcome = ("raised", type(e).__name__, str(e))
    print(f.__name__, outcome, log)


for _f in FUNCTIONS:
    run(_f)
'''


def program(context, part=0, parts=1):
    """The program of `context`'s combinations (every `parts`-th one from `part`)."""
    in_loop = context != "func"
    which = f", part {part + 1} of {parts}" if parts > 1 else ""
    lines = [f'"""Generated by tests/gen_control_programs.py (context: {context}{which}); do not edit.',
             "",
             "Every combination of return/break/continue/raise in try/except/else/finally;",
             'each function prints its outcome and the clauses that ran."""', ""]
    names = []
    for k, combo in enumerate(list(_combos(in_loop))[part::parts]):
        name = "f_" + "_".join(a or "none" for a in combo)
        names.append(name)
        lines.append("")
        lines += _function(name, combo, context)
        lines.append("")
    lines.append("")
    lines.append("FUNCTIONS = [" + ", ".join(names) + "]")
    return "\n".join(lines) + HARNESS.format(gen=context == "gen")


CONTEXTS = ("func", "loop", "gen", "nested")
# Programs split in parts: at --tier jit each of their ~290 functions compiles as object code
# at its first call (~17 s of CPU for the whole nested program), too close to the
# harness's per-run timeout on a loaded 2-core machine.
PARTS = {"loop": 2, "nested": 3}


def expected_files():
    files = {}
    for ctx in CONTEXTS:
        parts = PARTS.get(ctx, 1)
        for part in range(parts):
            name = f"ctl_try_{ctx}_{part + 1}.py" if parts > 1 else f"ctl_try_{ctx}.py"
            files[PROGRAMS / name] = program(ctx, part, parts)
    return files


if __name__ == "__main__":
    for path, text in expected_files().items():
        path.write_text(text)
        print("wrote", path.relative_to(PROGRAMS.parent.parent))

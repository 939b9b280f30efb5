"""How many functions of pyperformance's benchmark programs object code can build.

For each benchmark's run_benchmark.py (fetched as perf/pyperformance_suite.py does), every
function and method (GuestCode of kind function, nested ones included) goes through what
`compile_objects` checks before typing: codegen/eligible.plain_code_reason (coroutines,
cells, signatures; generators are taken, codegen/generators.py), reflective_use, then
build.build_function in object mode. Static: no
benchmark code runs, and types are not inferred (a function that builds may still be
rejected by type inference or at its call, e.g. for its argument count).

    python perf/objcode_coverage.py [NAMES...]      # the table and the reasons, most common first
"""
from __future__ import annotations

import collections
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import pyperformance_suite as suite  # noqa: E402

from protojit.codegen import build  # noqa: E402
from protojit.codegen.eligible import plain_code_reason, reflective_use  # noqa: E402
from protojit.codegen.errors import Unsupported  # noqa: E402
from protojit.frontend.code import ScopeKind  # noqa: E402
from protojit.frontend.scope import analyze, parse  # noqa: E402


def functions(code):
    for child in code.children.values():
        if child.kind is ScopeKind.FUNCTION:
            yield child
        yield from functions(child)


def reason_of(code) -> str | None:
    why = plain_code_reason(code, objects=True, generators=True)
    if why:
        return why
    found = reflective_use(code.node, objects=True)
    if found:
        return f"reflective access {found[0]}"
    try:
        build.build_function(code.node, code.filename, build.Resolver({}), objects=True,
                             cells={name: None for name in code.freevars}, children=code.children)
    except Unsupported as e:
        return e.feature
    return None


def main(argv=None):
    names = (argv if argv is not None else sys.argv[1:]) or list(suite.BENCHMARKS)
    root = suite.benchmarks_dir()
    total = built = 0
    reasons = collections.Counter()
    for name in names:
        path = root / f"bm_{name}" / "run_benchmark.py"
        src = path.read_text()
        module = analyze(parse(src, str(path)), src, str(path))
        n = ok = 0
        for code in functions(module):
            n += 1
            why = reason_of(code)
            if why is None:
                ok += 1
            else:
                reasons[re.sub(r"'[^']*'", "'...'", why)] += 1
        print(f"{name:<16} {ok:4d} of {n:4d} functions build")
        total += n
        built += ok
    print(f"{'all':<16} {built:4d} of {total:4d} functions build")
    for why, count in reasons.most_common():
        print(f"  {count:4d}  {why}")


if __name__ == "__main__":
    main()

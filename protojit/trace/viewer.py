"""The rich trace viewer: a report of the engine's events (protojit/trace/events.py).

    protojit --trace script.py                     report on stderr at exit
    protojit --trace=run.jsonl script.py           events saved as JSON lines
    protojit trace run.jsonl                       report of a saved run
    protojit trace run.jsonl --ir NAME             typed IR + LLVM IR of NAME's compiles
    protojit trace run.jsonl --trace-format svg -o report.svg   (or html)
    protojit --stats script.py                     one-screen summary on stderr at exit

The report has a summary table per function (calls, tier, time in each tier,
compiles, deopts; times come from the `profile` events, see
trace/profile.py for what they measure) and a tree of tier transitions per
function in time order. `summary()` is the data behind both the report and
--stats, so the two always agree.
"""
from __future__ import annotations

import json
import os
import sys

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

FORMATS = ("text", "html", "svg")
WIDTH = 140


class TraceFileError(Exception):
    pass


def load(path: str) -> list[dict]:
    """Events of a saved trace (JSON lines); TraceFileError if it is not one."""
    out = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    e = json.loads(line)
                except ValueError:
                    raise TraceFileError(f"{path}:{n}: not a protojit trace (invalid JSON)") from None
                if not isinstance(e, dict) or "event" not in e:
                    raise TraceFileError(f"{path}:{n}: not a protojit trace event")
                out.append(e)
    except OSError as e:
        raise TraceFileError(f"cannot read {path}: {e.strerror}") from None
    return out


# ---- the numbers ----------------------------------------------------------------------

class FunctionSummary:
    def __init__(self, name: str):
        self.name = name
        self.where = ""
        self.calls = 0
        self.native_calls = 0
        self.interp_s = 0.0
        self.native_s = 0.0
        self.compiles = 0
        self.region_compiles = 0
        self.compile_ms = 0.0
        self.deopts = 0
        self.rejects: list[str] = []
        self.tier_downs = 0
        self.events: list[dict] = []

    @property
    def tier(self) -> str:
        if self.compiles - self.region_compiles > self.tier_downs:
            return "native"
        if self.region_compiles:
            return "0 + native loop"
        if self.rejects:
            return "0 (rejected)"
        if self.tier_downs:
            return "0 (tier-down)"
        return "0"


def summary(events: list[dict]) -> dict:
    """Per-function summaries and run totals computed from the events."""
    funcs: dict[str, FunctionSummary] = {}
    threads = []
    run = None

    def f(name):
        s = funcs.get(name)
        if s is None:
            s = funcs[name] = FunctionSummary(name)
        return s
    for e in events:
        kind = e["event"]
        if kind == "run":
            run = e
            continue
        if kind == "thread":
            threads.append(e)
            continue
        name = e.get("function")
        if name is None:
            continue
        s = f(name)
        if kind == "profile":
            s.calls += e.get("calls", 0)
            s.native_calls += e.get("native_calls", 0)
            s.interp_s += e.get("interp_s", 0.0)
            s.native_s += e.get("native_s", 0.0)
            if not s.where and e.get("file"):
                s.where = f"{os.path.basename(e['file'])}:{e.get('line', '?')}"
            continue
        s.events.append(e)
        if kind == "call" and not s.where and e.get("file"):
            s.where = f"{os.path.basename(e['file'])}:{e.get('line', '?')}"
        elif kind == "compile":
            s.compiles += 1
            s.region_compiles += "region" in e
            s.compile_ms += e.get("ms", 0.0)
        elif kind == "deopt":
            s.deopts += 1
        elif kind == "reject":
            s.rejects.append(e.get("reason", "?"))
        elif kind == "tier-down":
            s.tier_downs += 1
    compiles = [e for e in events if e["event"] == "compile"]
    totals = {
        "functions_compiled": len({e["function"] for e in compiles if "region" not in e}),
        "regions_compiled": len({(e["function"], e["region"]) for e in compiles if "region" in e}),
        "compiles": len(compiles),
        "compile_ms": sum(e.get("ms", 0.0) for e in compiles),
        "rejects": sum(1 for e in events if e["event"] == "reject"),
        "deopts": sum(1 for e in events if e["event"] == "deopt"),
        "tier_downs": sum(1 for e in events if e["event"] == "tier-down"),
        "threads": len(threads),
    }
    if run is not None:
        totals.update({k: run[k] for k in ("wall_s", "interp_s", "native_s", "compile_s", "other_s")
                       if k in run})
    return {"functions": funcs, "totals": totals, "threads": threads}


def native_share(totals: dict) -> float | None:
    """Native time / time in guest functions (tier 0 + native); None without a profile."""
    if "native_s" not in totals:
        return None
    inside = totals["native_s"] + totals["interp_s"]
    return totals["native_s"] / inside if inside > 0 else 0.0


# ---- rendering --------------------------------------------------------------------------

def _s(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.3f} s"
    return f"{seconds * 1000:.3f} ms"


def _types(e) -> str:
    return ", ".join(e.get("types") or [])


def function_table(info: dict) -> Table:
    table = Table(title="Functions", box=box.SIMPLE_HEAVY, title_justify="left")
    for col, just in (("function", "left"), ("defined", "left"), ("calls", "right"),
                      ("native calls", "right"), ("tier", "left"), ("tier 0 time", "right"),
                      ("native time", "right"), ("compiles", "right"), ("deopts", "right")):
        table.add_column(col, justify=just, no_wrap=col != "function", min_width=len(col),
                         overflow="ellipsis" if col == "defined" else "fold")
    rows = sorted(info["functions"].values(), key=lambda s: -(s.interp_s + s.native_s))
    for s in rows:
        tier_style = "green" if "native" in s.tier else \
            ("red" if "rejected" in s.tier or "down" in s.tier else "")
        table.add_row(escape(s.name), escape(s.where), str(s.calls + s.native_calls), str(s.native_calls),
                      Text(s.tier, style=tier_style), _s(s.interp_s), _s(s.native_s),
                      str(s.compiles), Text(str(s.deopts), style="yellow" if s.deopts else ""))
    return table


def _describe(e: dict) -> Text:
    kind = e["event"]
    t = Text(f"{e.get('t', 0):9.4f}s  ", style="dim")
    region = f" [{e['region']}]" if "region" in e else ""
    if kind == "call":
        t.append("first call", style="cyan")
    elif kind == "hot":
        t.append("hot", style="magenta")
        t.append(f"{region} ({_types(e)})" + (f" after {e['calls']} calls" if e.get("calls") else ""))
    elif kind == "compile":
        t.append("compiled", style="bold green")
        t.append(f"{region} ({_types(e)})" + (f" -> {e['returns']}" if "returns" in e else "")
                 + f" in {e.get('ms', 0):.1f} ms" + (" (from cache)" if e.get("cached") else ""))
    elif kind == "recompile":
        t.append("recompiled", style="green")
        t.append(f" ({_types(e)}) besides " + "; ".join(", ".join(p) for p in e.get("previous", [])))
    elif kind == "reject":
        t.append("rejected", style="bold red")
        where = f" ({os.path.basename(e['file'])}:{e['line']})" \
            if e.get("file") and not str(e["file"]).startswith("<") else ""
        t.append(f"{region}: {e.get('reason')}{where}")
    elif kind == "deopt":
        t.append("deopt", style="bold yellow")
        t.append(f"{region}: guard {e.get('guard')} at line {e.get('line')}"
                 + (f" in {e['where']}" if e.get("where") and e.get("where") != e.get("function") else ""))
    elif kind == "tier-down":
        t.append("tier-down", style="bold red")
        t.append(f"{region} after {e.get('deopts')} deopts")
    else:
        t.append(kind)
    return t


def transitions_tree(info: dict) -> Tree:
    tree = Tree(Text("Tier transitions", style="bold"))
    for s in sorted(info["functions"].values(), key=lambda s: s.events[0]["t"] if s.events else 1e18):
        interesting = [e for e in s.events if e["event"] != "call"]
        if not interesting:
            continue
        node = tree.add(Text(s.name, style="bold") + Text(f"  {s.where}", style="dim"))
        for e in s.events:
            node.add(_describe(e))
    if not tree.children:
        tree.add(Text("none: every function stayed in tier 0 without getting hot", style="dim"))
    if info["threads"]:
        node = tree.add(Text("threads", style="bold"))
        for e in info["threads"]:
            node.add(Text(f"{e.get('t', 0):9.4f}s  ", style="dim")
                     + Text(f"started {e.get('name') or ''} target {e.get('target')}"))
    return tree


def stats_lines(info: dict) -> list[str]:
    """The --stats summary (plain lines; the numbers add up: wall = the four time parts)."""
    t = info["totals"]

    def line(label, value):
        return f"  {label:<26}{value}"
    lines = [
        "protojit --stats",
        line("functions compiled", f"{t['functions_compiled']}  (+ {t['regions_compiled']} loop regions;"
                                   f" {t['compiles']} compiles, {t['rejects']} rejected)"),
        line("time compiling", f"{t.get('compile_s', t['compile_ms'] / 1000):.6f} s"),
        line("deopts", f"{t['deopts']}  ({t['tier_downs']} tier-downs)"),
    ]
    if "wall_s" in t:
        lines += [
            line("native code", f"{t['native_s']:.6f} s"),
            line("tier 0 (interpreter)", f"{t['interp_s']:.6f} s"),
            line("compiling", f"{t['compile_s']:.6f} s"),
            line("outside guest functions", f"{t['other_s']:.6f} s"),
            line("wall", f"{t['wall_s']:.6f} s"),
            line("native share", f"{100 * native_share(t):.1f}% of the time in guest functions"),
        ]
        if t["native_s"] + t["interp_s"] + t["compile_s"] > t["wall_s"] + 1e-3:
            lines.append("  (threads ran in parallel: their times add up to more than the wall time)")
    if t["threads"]:
        lines.append(line("threads started", t["threads"]))
    return lines


def report(events: list[dict], ir: str | None = None) -> Group:
    """The whole report as one rich renderable."""
    info = summary(events)
    parts = []
    if ir is not None:
        parts += ir_panels(events, ir)
    else:
        parts.append(function_table(info))
        parts.append(transitions_tree(info))
        parts.append(Panel(Text("\n".join(stats_lines(info)[1:])), title="Totals", title_align="left",
                           box=box.ROUNDED, expand=False))
    return Group(*parts)


class NoIR(Exception):
    pass


def ir_panels(events: list[dict], name: str) -> list:
    compiles = [e for e in events if e["event"] == "compile" and e.get("function") == name]
    with_ir = [e for e in compiles if e.get("typed_ir") or e.get("llvm_ir")]
    if not with_ir:
        names = sorted({e["function"] for e in events if e["event"] == "compile" and e.get("llvm_ir")})
        why = "was not compiled" if not compiles else "has no recorded IR (only --trace keeps it)"
        raise NoIR(f"{name!r} {why}; functions with IR: {', '.join(names) or 'none'}")
    out = []
    for e in with_ir:
        title = f"{name} [{e['region']}] ({_types(e)})" if "region" in e \
            else f"{name}({_types(e)}) -> {e.get('returns', '?')}"
        if e.get("typed_ir"):
            out.append(Panel(Syntax(e["typed_ir"].rstrip(), "python", theme="ansi_dark", word_wrap=True),
                             title=escape(f"typed IR: {title}"), title_align="left"))
        if e.get("llvm_ir"):
            out.append(Panel(Syntax(e["llvm_ir"].rstrip(), "llvm", theme="ansi_dark", word_wrap=True),
                             title=escape(f"LLVM IR: {title}"), title_align="left"))
    return out


def show(events: list[dict], ir: str | None = None, fmt: str = "text", output: str | None = None,
         stream=None) -> None:
    """Render the report: text to `stream` (or `output`), or export html/svg to `output`."""
    renderable = report(events, ir)
    if fmt == "text":
        if output is not None:
            with open(output, "w", encoding="utf-8") as fh:
                Console(file=fh, width=WIDTH).print(renderable)
        else:
            stream = stream or sys.stdout
            try:
                tty = stream.isatty()
            except (AttributeError, ValueError):
                tty = False
            Console(file=stream, width=None if tty else WIDTH).print(renderable)
        return
    console = Console(record=True, width=WIDTH, file=open(os.devnull, "w"))   # noqa: SIM115
    try:
        console.print(renderable)
        if fmt == "html":
            console.save_html(output)
        else:
            console.save_svg(output, title="protojit trace")
    finally:
        console.file.close()


def default_output(trace_file: str | None, fmt: str) -> str:
    if trace_file:
        return os.path.splitext(trace_file)[0] + "." + fmt
    return f"protojit-trace.{fmt}"


def trace_written() -> bool:
    from protojit.trace import events
    return events.written()


def at_exit(opts, events: list[dict]) -> None:
    """After the program: --stats summary, and the report for --trace alone or --trace-format."""
    err = sys.stderr
    try:
        err.flush()
    except Exception:   # noqa: BLE001
        pass
    fmt = getattr(opts, "trace_format", None)
    if opts.trace is True and fmt is None:
        show(events, stream=err)
    elif opts.trace and fmt is not None:
        out = getattr(opts, "trace_output", None) or default_output(
            opts.trace if isinstance(opts.trace, str) else None, fmt)
        try:
            show(events, fmt=fmt, output=out)
            err.write(f"protojit: trace report written to {out}\n")
        except OSError as e:
            err.write(f"protojit: cannot write the trace report {out}: {e.strerror}\n")
    elif isinstance(opts.trace, str) and trace_written():
        err.write(f"protojit: trace saved to {opts.trace} (show it with: protojit trace {opts.trace})\n")
    if getattr(opts, "stats", False):
        err.write("\n".join(stats_lines(summary(events))) + "\n")


TRACE_USAGE = """\
usage: protojit trace FILE [--ir NAME] [--trace-format text|html|svg] [-o OUTPUT]
Show the report of a trace saved with `protojit --trace=FILE script.py`.
  --ir NAME             the typed IR and LLVM IR of function NAME's compiles
  --trace-format FMT    text (default, to the terminal), html or svg (a file)
  -o OUTPUT             output file (default: FILE with the format's suffix)
"""


def main(argv: list[str]) -> int:
    """`protojit trace ...`"""
    path = ir = output = None
    fmt = "text"
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            sys.stdout.write(TRACE_USAGE)
            return 0
        if a in ("--ir", "--trace-format", "-o", "--output"):
            if i + 1 >= len(argv):
                sys.stderr.write(f"protojit trace: {a} needs a value\n{TRACE_USAGE}")
                return 2
            value = argv[i + 1]
            i += 2
            if a == "--ir":
                ir = value
            elif a == "--trace-format":
                fmt = value
            else:
                output = value
            continue
        if a.startswith("--trace-format="):
            fmt = a.partition("=")[2]
        elif a.startswith("--ir="):
            ir = a.partition("=")[2]
        elif a.startswith("-") and a != "-":
            sys.stderr.write(f"protojit trace: unknown option {a}\n{TRACE_USAGE}")
            return 2
        elif path is None:
            path = a
        else:
            sys.stderr.write(f"protojit trace: one trace file only\n{TRACE_USAGE}")
            return 2
        i += 1
    if path is None:
        sys.stderr.write(TRACE_USAGE)
        return 2
    if fmt not in FORMATS:
        sys.stderr.write(f"protojit trace: --trace-format must be one of {', '.join(FORMATS)} "
                         f"(got {fmt!r})\n")
        return 2
    try:
        events = load(path)
        if fmt != "text" and output is None:
            output = default_output(path, fmt)
        show(events, ir=ir, fmt=fmt, output=output)
    except (TraceFileError, NoIR) as e:
        sys.stderr.write(f"protojit trace: {e}\n")
        return 1
    except OSError as e:
        sys.stderr.write(f"protojit trace: cannot write {output}: {e.strerror}\n")
        return 1
    if fmt != "text":
        sys.stderr.write(f"protojit trace: report written to {output}\n")
    return 0

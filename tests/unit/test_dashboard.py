"""perf/dashboard.py: saved pytest-benchmark runs -> a ratio table and a history chart."""
import importlib.util
import json
import os
import sys
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_dashboard():
    spec = importlib.util.spec_from_file_location("dashboard", os.path.join(REPO, "perf", "dashboard.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["dashboard"] = module        # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def bench(program, runner, median):
    return {"name": f"test_x[{program}]", "group": program, "extra_info": {"program": program, "runner": runner},
            "stats": {"median": median}}


def save_run(folder, index, when, medians):
    data = {"datetime": when, "commit_info": {"id": f"{index:040d}"},
            "benchmarks": [bench(p, r, m) for (p, r), m in medians.items()]}
    with open(os.path.join(folder, f"{index:04d}_run.json"), "w") as f:
        json.dump(data, f)


def test_table_and_history_from_two_runs(tmp_path):
    storage = tmp_path / "store" / "Linux-CPython"
    storage.mkdir(parents=True)
    save_run(storage, 1, "2026-01-01T00:00:00", {("fib", "cpython"): 0.100, ("fib", "protojit-auto"): 0.050,
                                                 ("nbody", "cpython"): 0.200, ("nbody", "protojit-interp"): 1.0})
    save_run(storage, 2, "2026-01-02T00:00:00", {("fib", "cpython"): 0.100, ("fib", "protojit-auto"): 0.004,
                                                 ("nbody", "cpython"): 0.200, ("nbody", "protojit-interp"): 0.8})
    out = tmp_path / "out"
    dashboard = load_dashboard()
    assert dashboard.main(["--storage", str(tmp_path / "store"), "--out", str(out)]) == 0
    table = (out / "table.txt").read_text()
    # The table shows the newest run: fib auto 4 ms = 0.04x CPython, nbody interp 800 ms = 4.00x.
    assert "0.04x" in table and "4.00x" in table and "0.50x" not in table
    svg = ET.parse(out / "history.svg").getroot()
    lines = svg.findall(".//{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 4                      # (fib, nbody) x their two runners
    assert all(len(line.get("points").split()) == 2 for line in lines)   # two runs each
    ET.parse(out / "table.svg")                 # rich's export is well-formed SVG


def test_older_suites_are_identified_by_group_and_test_name():
    dashboard = load_dashboard()
    assert dashboard.identify({"name": "test_protojit_interp[loops]", "group": "loops"}) == ("loops", "protojit-interp")


def test_no_saved_runs_is_an_error(tmp_path, capsys):
    dashboard = load_dashboard()
    assert dashboard.main(["--storage", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "no saved runs" in capsys.readouterr().err

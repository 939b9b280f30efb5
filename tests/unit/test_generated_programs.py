"""The generated differential programs (tests/gen_control_programs.py) are up to date."""
import importlib.util
import pathlib

GENERATOR = pathlib.Path(__file__).resolve().parents[1] / "gen_control_programs.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_control_programs", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_control_flow_programs_are_current():
    stale = [path.name for path, text in _generator().expected_files().items()
             if not path.exists() or path.read_text() != text]
    assert not stale, f"run `python tests/gen_control_programs.py`: {stale} out of date"


def test_every_clause_action_appears():
    """Each action of each clause is generated in some context (the pruning keeps them)."""
    gen = _generator()
    seen = set()
    for ctx in gen.CONTEXTS:
        for combo in gen._combos(ctx != "func"):
            seen.update((clause, action) for clause, action in zip("bhef", combo))
    for clause, actions in zip("bhef", (gen.BODY, gen.HANDLER, gen.ELSE, gen.FINALLY)):
        assert {(clause, a) for a in actions} <= seen

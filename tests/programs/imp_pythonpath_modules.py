# The program's own modules found through PYTHONPATH are imported as the script's are
# (under protojit: guest modules, compiled and traced; they were run by the host's import
# system as host code, with the host's sys and threading). A child process (sys.executable:
# protojit under protojit) runs a script whose modules sit in PYTHONPATH folders: a
# module, a package with a submodule, a name in both the script's folder and a PYTHONPATH
# folder (the script's folder comes first), the order of sys.path, and -E / -I, which
# ignore PYTHONPATH (ModuleNotFoundError).
import os
import subprocess
import sys
import tempfile
import textwrap

FILES = {
    "mods/pp_helper.py": """
        import sys, threading
        def total(n):
            s = 0
            for i in range(n):
                s += i
            return s
        def caller():
            return sys._getframe(1).f_code.co_name
        def gen():
            yield 1
        def fail():
            raise ValueError("from pp_helper")
    """,
    "pkgs/pp_pkg/__init__.py": "from . import sub\nNAME = 'pp_pkg'\n",
    "pkgs/pp_pkg/sub.py": "import sys\ndef where():\n    return __name__, __package__, sys.modules[__name__] is sys.modules['pp_pkg.sub']\n",
    "mods/pp_both.py": "WHERE = 'pythonpath'\n",
    "app/pp_both.py": "WHERE = 'script folder'\n",
    "app/main.py": """
        import sys, threading, traceback
        import pp_helper, pp_pkg, pp_both
        print(pp_helper.sys is sys, pp_helper.threading is threading)
        print(pp_helper.total(5000), pp_helper.caller())
        print(getattr(pp_helper.gen(), "gi_code").co_name)
        print(pp_pkg.NAME, pp_pkg.sub.where(), pp_both.WHERE)
        folders = [p.rsplit("/", 1)[-1] for p in sys.path if p.startswith(sys.argv[1])]
        print(folders)
        try:
            pp_helper.fail()
        except ValueError:
            print([(f.name, f.line) for f in traceback.extract_tb(sys.exc_info()[2])])
    """,
}

with tempfile.TemporaryDirectory() as root:
    for rel, text in FILES.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(textwrap.dedent(text))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.join(root, "mods"),
                                                      os.path.join(root, "pkgs")]))
    main = os.path.join(root, "app", "main.py")
    for flags in ([], ["-E"], ["-I"]):
        proc = subprocess.run([sys.executable, *flags, main, root], env=env, capture_output=True,
                              text=True, timeout=45)
        print(flags, proc.returncode)
        print(proc.stdout, end="")
        print(proc.stderr.strip().splitlines()[-1:] if proc.returncode else "")

"""Build glue: compiles the C runtime's two halves (DESIGN decision 5) inside the package.

runtime_c/*.c is a plain C library (no Python headers are used); we build it
as a setuptools Extension only because that makes `pip install .` and
`pip install -e .` compile it with the system C compiler, no manual step.
protojit/native.py finds it by the name `protojit/_pjrt*.so`.

runtime_c/capi/*.c is the part that speaks the CPython C API: a real extension
module, `protojit._pjentry` (native entries: vectorcall objects that call machine
code; protojit/tiering.py, codegen/compiler.py).
"""
from glob import glob

from setuptools import Extension, setup

runtime = Extension(
    "protojit._pjrt",
    sources=sorted(glob("runtime_c/*.c")),
    include_dirs=["runtime_c"],
    extra_compile_args=["-O2", "-std=gnu11", "-Wall", "-Wextra", "-fvisibility=default"],
    libraries=["dl", "pthread"],
)

entries = Extension(
    "protojit._pjentry",
    sources=sorted(glob("runtime_c/capi/*.c")),
    extra_compile_args=["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter",
                        "-Wno-missing-field-initializers"],
)

setup(
    packages=[
        "protojit",
        "protojit.frontend",
        "protojit.interp",
        "protojit.runtime",
        "protojit.trace",
        "protojit.codegen",
        "protojit.lib",
    ],
    package_dir={"protojit": "protojit", "protojit.codegen": "codegen", "protojit.lib": "lib"},
    package_data={"protojit.lib": ["**/*.py"]},
    include_package_data=True,
    ext_modules=[runtime, entries],
)

"""Build glue: compiles runtime_c/*.c into one shared library inside the package.

The C runtime is a plain C library (no Python headers are used); we build it
as a setuptools Extension only because that makes `pip install .` and
`pip install -e .` compile it with the system C compiler, no manual step.
protojit/native.py finds it by the name `protojit/_pjrt*.so`.
"""
from glob import glob

from setuptools import Extension, setup

runtime = Extension(
    "protojit._pjrt",
    sources=sorted(glob("runtime_c/*.c")),
    include_dirs=["runtime_c"],
    extra_compile_args=["-O2", "-std=gnu11", "-Wall", "-fvisibility=default"],
    libraries=["dl", "pthread"],
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
    ext_modules=[runtime],
)

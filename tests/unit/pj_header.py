"""The one parser of runtime_c/pj_runtime.h for the tests (the C runtime's contract).

In: the header text. Out: its function prototypes (name -> C result type and parameter
types), its structs (name -> fields), its #define constants, and `ctypes_matches`, which
says whether a ctypes type is a faithful way to pass one C type. The header-agreement
tests (test_runtime_header.py, and the per-service ones) all read the header through it.
"""
import ctypes
import re
from pathlib import Path

HEADER = Path(__file__).resolve().parents[2] / "runtime_c" / "pj_runtime.h"

# C scalar types and the one ctypes type each must be passed as.
SCALARS = {
    "int": ctypes.c_int, "unsigned": ctypes.c_uint, "unsigned int": ctypes.c_uint,
    "long": ctypes.c_long, "unsigned long": ctypes.c_ulong, "size_t": ctypes.c_size_t,
    "double": ctypes.c_double, "int64_t": ctypes.c_int64, "uint64_t": ctypes.c_uint64,
    "uint32_t": ctypes.c_uint32, "uint8_t": ctypes.c_uint8, "pid_t": ctypes.c_int,
    "char": ctypes.c_char, "unsigned char": ctypes.c_ubyte,
}


def _text() -> str:
    text = re.sub(r"/\*.*?\*/", " ", HEADER.read_text(), flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def defines() -> dict:
    """#define NAME value, for the values that are integer or float expressions."""
    out = {}
    for name, value in re.findall(r"^#define\s+(\w+)\s+(.+?)\s*$", _text(), flags=re.M):
        expr = re.sub(r"(\d)u\b", r"\1", value)
        try:
            out[name] = eval(expr, {"__builtins__": {}}, dict(out))   # noqa: S307 - our header
        except Exception:   # noqa: BLE001 - include guards and the like
            pass
    return out


def _body() -> str:
    """The header without preprocessor lines."""
    return "\n".join(line for line in _text().splitlines() if not line.lstrip().startswith("#"))


def split_params(params: str) -> list[str]:
    """Parameters at the top level of a parameter list (callback types stay whole)."""
    parts, depth, cur = [], 0, ""
    for ch in params:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
    parts = [" ".join(p.split()) for p in parts + [cur] if p.strip()]
    return [] if parts == ["void"] else parts


def _without_name(decl: str) -> str:
    """`const char *path` -> `const char *`; `uint8_t out[16]` -> `uint8_t *`; a callback
    parameter stays as it is. (Every parameter of a pj_ prototype is named.)"""
    decl = " ".join(decl.split())
    if "(*" in decl:
        return decl
    array = decl.endswith("]")
    if array:
        decl = decl[:decl.rindex("[")]
    decl = re.sub(r"\w+$", "", decl) + (" *" if array else "")
    return " ".join(decl.replace("*", " * ").split())


def prototypes(section: str | None = None) -> dict:
    """name -> (result type, [parameter types]) of every pj_ function declared (in the
    section whose title starts `/* ---- <section>` when given)."""
    text = HEADER.read_text()
    if section is not None:
        start = text.index(f"/* ---- {section}")
        end = text.find("/* ----", start + 10)
        text = text[start:end if end > 0 else len(text)]
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    text = re.sub(r"typedef\s+[^;{]*\([^;]*;", " ", text)               # callback typedefs
    text = re.sub(r"(typedef\s+)?struct\s+\w*\s*\{.*?\}\s*\w*\s*;", " ", text, flags=re.S)
    out = {}
    pattern = r"([A-Za-z_][\w ]*?\**)\s*\b(pj_\w+)\s*\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)\s*;"
    for ret, name, params in re.findall(pattern, text):
        out[name] = (" ".join(ret.replace("*", " * ").split()),
                     [_without_name(p) for p in split_params(params)])
    return out


def structs() -> dict:
    """struct name (and its typedef name) -> [(field name, C type, array length or None)]."""
    out = {}
    for tag, body, alias in re.findall(r"struct\s+(\w+)\s*\{(.*?)\}\s*(\w*)\s*;", _body(), flags=re.S):
        consts = defines()
        fields = []
        for decl in body.split(";"):
            decl = " ".join(decl.split())
            if not decl:
                continue
            if "(*" in decl:                                   # a function pointer field
                fields.append((re.search(r"\(\*(\w+)\)", decl).group(1), "callback", None))
                continue
            first, *more = [d.strip() for d in decl.split(",")]
            m = re.match(r"(.*?)(\**)\s*(\w+)\s*(?:\[(\w+)\])?$", first)
            base = " ".join(m.group(1).replace("const ", "").split())
            for part in [m.group(2) + m.group(3) + (f"[{m.group(4)}]" if m.group(4) else "")] + more:
                pm = re.match(r"(\**)\s*(\w+)\s*(?:\[(\w+)\])?$", part)
                length = pm.group(3)
                if length is not None:
                    length = int(length) if length.isdigit() else consts[length]
                fields.append((pm.group(2), (base + " " + "*" * len(pm.group(1))).strip(), length))
        out[tag] = fields
        if alias:
            out[alias] = fields
    return out


def _opaque_names() -> set:
    """Types the header only ever points to (declared without a body, or a handle)."""
    body = _body()
    names = set(re.findall(r"typedef\s+struct\s+(\w+)\s+\w+\s*;", body))
    names |= set(re.findall(r"^\s*struct\s+(\w+)\s*;", body, flags=re.M))
    return names | {"void"}


def _callback_typedefs() -> set:
    return set(re.findall(r"typedef\s+[\w\s*]+\(\s*\*\s*(\w+)\s*\)", _body()))


def ctypes_matches(decl: str, ctype, struct_types: dict) -> bool:
    """Is `ctype` a faithful ctypes type for C type `decl` (parameter or result)?

    Scalars: exactly their ctypes type. Callbacks and handles: c_void_p. Pointers: a
    ctypes POINTER of the pointee, or c_void_p (a buffer or address), or c_char_p for
    char/void data; pointers to a struct of the header: POINTER(the ctypes Structure
    that `struct_types` names for it). `void` results: None."""
    if "(*" in decl:
        return ctype is ctypes.c_void_p
    words = [w for w in decl.replace("*", " * ").split() if w not in ("const", "struct")]
    stars = words.count("*")
    base = " ".join(w for w in words if w != "*")
    if stars == 0:
        if base == "void":
            return ctype is None
        if base in _callback_typedefs():
            return ctype is ctypes.c_void_p
        return ctype is SCALARS[base]
    if ctype is ctypes.c_void_p:
        return True                       # any pointer may cross as an address
    if stars == 1 and base in ("char", "void") and ctype is ctypes.c_char_p:
        return True
    if not (isinstance(ctype, type) and issubclass(ctype, ctypes._Pointer)):
        return False
    inner = ctype._type_
    if stars > 1:
        return ctypes_matches(f"{base} " + "*" * (stars - 1), inner, struct_types)
    if base in struct_types:
        return inner is struct_types[base]
    if base in _opaque_names():
        return False                      # a handle crosses as c_void_p only
    return inner is SCALARS[base]


def field_ctype(c_type: str, length, struct_types: dict):
    """The ctypes type a Structure field must have for C field `c_type` (an array with
    `length` items: that many of the element)."""
    if c_type == "callback" or "*" in c_type:
        if c_type.replace("*", "").strip() == "char" and c_type.count("*") == 1:
            element = ctypes.c_char_p
        else:
            element = ctypes.c_void_p
    else:
        element = SCALARS[c_type]
    return element if length is None else element * length

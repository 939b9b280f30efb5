/* The guest caller of a call that host code makes into a guest function (issue 18).
 *
 * Tier 0 does not publish its frames (protojit/frames.py tstate): when C code (type.__call__
 * running __init__, a property, a comparison, sorted's key) calls a guest function, the guest
 * frame that made the host call is found on the host's own stack. Each interpreter closure
 * holds the guest frame it runs in a local `f` (or `frame`); runtime/tracebacks.py
 * running_guest_frame reads it the same way, through f_locals, which costs a dict per
 * frame -- here it is one load from the frame's local slots.
 *
 *   guest_caller(skip) -> (frame or None, library, callee or None)
 *       Walks the running host frames from the caller of guest_caller, `skip` frames up:
 *       hidden frames (a guest function's own trampolines) are passed, host library frames
 *       are passed and counted (`library`: CPython counts each as a level of recursion),
 *       the first interpreter frame that holds a guest frame gives it, and its local `fn`
 *       (the callee of a tier-0 call closure; None if it has none). (None, 0, None) when no
 *       such frame is within WALK_MAX frames.
 *   set_caller_classifier(fn)   fn(code) -> (kind, f_index, fn_index) for each code object
 *       seen (cached per code object): kind 0 engine, 1 library, 2 hidden; the indexes are
 *       of the locals `f`/`frame` and `fn` in the frame's local slots (-1: none).
 *
 * 3.11 only: reads _PyInterpreterFrame (Include/internal/pycore_frame.h).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define Py_BUILD_CORE 1
#include "internal/pycore_frame.h"
#undef Py_BUILD_CORE

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pjcaller.c reads CPython 3.11's interpreter frame"
#endif

#define WALK_MAX 256
#define KIND_ENGINE 0
#define KIND_LIBRARY 1
#define KIND_HIDDEN 2

static PyObject *g_classifier;   /* runtime/function.py: code -> (kind, f_index, fn_index) */
static PyObject *g_kinds;        /* code -> that tuple (code objects of the engine and the
                                  * libraries the program calls: a bounded set) */

/* In front of g_kinds, a direct-mapped cache keyed by the code object's address: a code
 * object's hash is not cached (code_hash hashes its name, constants and names tuples each
 * time), and a host call into a guest function walks several frames, each looked up: with
 * the dict alone the hashing was about a quarter of a host call's time (perf, the native
 * add of perf/bench_entry.py). Each entry holds a strong reference to its code, so an
 * address in the cache always names the object it was filled for, and the classifier's
 * three numbers unpacked (PyLong_AsLong per frame was a sixth of the walk). Touched with
 * the GIL held only (every caller reads interpreter frames). */
#define KIND_CACHE 512
typedef struct { PyObject *code; long kind, f_index, fn_index; } CodeKind;
static CodeKind g_kind_cache[KIND_CACHE];

static void kind_cache_clear(void) {
    for (int i = 0; i < KIND_CACHE; i++)
        Py_CLEAR(g_kind_cache[i].code);
}

/* The cached classification of `code` (pointing into the cache: valid until the next
 * kind_of), NULL with an exception set. */
static __attribute__((noinline)) const CodeKind *kind_of_slow(PyObject *code, CodeKind *c);

static inline __attribute__((always_inline)) const CodeKind *kind_of(PyObject *code) {
    CodeKind *c = &g_kind_cache[((uintptr_t)code >> 4) % KIND_CACHE];
    if (__builtin_expect(c->code == code, 1)) return c;
    return kind_of_slow(code, c);
}

static const CodeKind *kind_of_slow(PyObject *code, CodeKind *c) {
    PyObject *k = PyDict_GetItemWithError(g_kinds, code);
    if (k == NULL) {
        if (PyErr_Occurred()) return NULL;
        k = PyObject_CallOneArg(g_classifier, code);
        if (k == NULL) return NULL;
        if (!PyTuple_CheckExact(k) || PyTuple_GET_SIZE(k) != 3) {
            Py_DECREF(k);
            PyErr_SetString(PyExc_TypeError, "caller classifier must return a 3-tuple");
            return NULL;
        }
        int rc = PyDict_SetItem(g_kinds, code, k);
        Py_DECREF(k);
        if (rc < 0) return NULL;
    }
    /* (the dict keeps k alive while it is read) */
    long kind = PyLong_AsLong(PyTuple_GET_ITEM(k, 0));
    long f_index = PyLong_AsLong(PyTuple_GET_ITEM(k, 1));
    long fn_index = PyLong_AsLong(PyTuple_GET_ITEM(k, 2));
    if (PyErr_Occurred()) return NULL;
    Py_INCREF(code);
    Py_XSETREF(c->code, code);
    c->kind = kind;
    c->f_index = f_index;
    c->fn_index = fn_index;
    return c;
}

/* Local slot `i` of frame `fr` (a cell's contents for a cell or free variable), borrowed;
 * NULL when unbound or out of range. */
static PyObject *local_of(_PyInterpreterFrame *fr, long i) {
    if (i < 0 || i >= fr->f_code->co_nlocalsplus) return NULL;
    PyObject *v = fr->localsplus[i];
    if (v != NULL && PyCell_Check(v)) v = PyCell_GET(v);
    return v;
}

/* See the file comment. Returns 0 and sets *frame (borrowed, NULL: not found), *library and
 * *callee (borrowed, may be NULL); -1 with an exception set. */
/* (inlined into resolve: a host call into native code walks the stack at every call, and
 * the calls between pj_host_entry, resolve and here were a tenth of the entry's cost) */
static inline __attribute__((always_inline)) int
walk_guest_caller(int skip, PyObject **frame, long *library, PyObject **callee) {
    *frame = NULL;
    *callee = NULL;
    *library = 0;
    if (g_classifier == NULL) return 0;
    PyThreadState *ts = PyThreadState_Get();
    _PyInterpreterFrame *fr = ts->cframe != NULL ? ts->cframe->current_frame : NULL;
    int n = 0;
    for (; fr != NULL && n < skip; n++) fr = fr->previous;
    for (; fr != NULL && n < WALK_MAX; n++, fr = fr->previous) {
        const CodeKind *k = kind_of((PyObject *)fr->f_code);
        if (k == NULL) return -1;
        if (k->kind == KIND_LIBRARY) {
            (*library)++;
        } else if (k->kind == KIND_ENGINE) {
            PyObject *gf = local_of(fr, k->f_index);
            if (gf != NULL && PyList_CheckExact(gf)) {
                *frame = gf;
                *callee = local_of(fr, k->fn_index);
                return 0;
            }
        }
    }
    *library = 0;
    return 0;
}

int pj_guest_caller(int skip, PyObject **frame, long *library, PyObject **callee) {
    return walk_guest_caller(skip, frame, library, callee);
}

static PyObject *guest_caller(PyObject *mod, PyObject *arg) {
    long skip = PyLong_AsLong(arg);
    if (skip == -1 && PyErr_Occurred()) return NULL;
    PyObject *frame, *callee;
    long library;
    if (pj_guest_caller((int)skip, &frame, &library, &callee) < 0) return NULL;
    return Py_BuildValue("(OlO)", frame ? frame : Py_None, library, callee ? callee : Py_None);
}

static PyObject *set_caller_classifier(PyObject *mod, PyObject *fn) {
    if (g_kinds == NULL && (g_kinds = PyDict_New()) == NULL) return NULL;
    Py_INCREF(fn);
    Py_XSETREF(g_classifier, fn);
    PyDict_Clear(g_kinds);
    kind_cache_clear();
    Py_RETURN_NONE;
}

/* host_caller(published, entry_units) -> (back, units, callee_counted): the caller frame
 * of a host-entered guest call and the levels CPython counts between it and the new frame
 * (runtime/function.py host_call): the guest frame found on the host stack (skipping the
 * two frames of host_call and this call's caller), or `published` when that is a native
 * frame the found frame called (native code made the host call; its published frame is
 * the caller), or `published` when none is found (units 0). Units: the library frames
 * passed, one if the tier-0 callee is in the callee set (and no library frame came
 * between), plus entry_units. */
static PyObject *g_guest_code_type, *g_native_marker, *g_callee_set;

/* The callable that object code is calling through the host (pjentry.c call_host), and
 * the published frame that called it (identities only, no references): a guest function
 * that callable calls back is counted one level further when it is one of the callee set,
 * as a tier-0 caller's `fn` is (below). The frame tells a call back from that builtin from
 * one made later by deeper code while it runs (which publishes frames of its own). */
__thread __attribute__((tls_model("initial-exec"))) PyObject *pj_native_callee;
__thread __attribute__((tls_model("initial-exec"))) PyObject *pj_native_callee_frame;

/* native_host_call() -> (callable, frame) or None: what object code is calling through the
 * host on this thread right now and the published frame that calls it (above). Host code
 * that walks the stack (runtime/hostframes.py _getframe: doctest.DocTestSuite() names its
 * caller's module by sys._getframe(2)) has no host frame for native code: the frame of
 * that callable is where native code sits on the host stack. */
static PyObject *native_host_call(PyObject *mod, PyObject *unused) {
    if (pj_native_callee == NULL || pj_native_callee_frame == NULL) Py_RETURN_NONE;
    return PyTuple_Pack(2, pj_native_callee, pj_native_callee_frame);
}

static int in_callee_set(PyObject *callee) {
    /* by identity: `callee` may be any object (hashing a guest one runs guest code) */
    for (Py_ssize_t i = 0; g_callee_set != NULL && i < PyTuple_GET_SIZE(g_callee_set); i++)
        if (PyTuple_GET_ITEM(g_callee_set, i) == callee) return 1;
    return 0;
}
#define F_CODE_ 0
#define F_BACK_ 4
#define F_RETVAL_ 7
#define HEADER_ 10

/* The core of host_caller (below); *back borrowed. skip: frames of the caller's own to pass. */
static inline __attribute__((always_inline)) int
resolve(int skip, PyObject *published, long entry_units, PyObject **back, long *units,
        int *counted) {
    PyObject *gf, *callee;
    long library;
    *back = published;
    *units = 0;
    *counted = 0;
    if (walk_guest_caller(skip, &gf, &library, &callee) < 0) return -1;
    if (gf == NULL || PyList_GET_SIZE(gf) < HEADER_
            || (PyObject *)Py_TYPE(PyList_GET_ITEM(gf, F_CODE_)) != g_guest_code_type)
        return 0;
    long n = library;
    PyObject *t = published;
    while (t != NULL && t != gf && PyList_CheckExact(t) && PyList_GET_SIZE(t) >= HEADER_
           && PyList_GET_ITEM(t, F_RETVAL_) == g_native_marker)
        t = PyList_GET_ITEM(t, F_BACK_);
    if (t == gf && published != gf) {
        gf = published;   /* native code (published) called the host */
        if (library == 0 && pj_native_callee != NULL && pj_native_callee_frame == published
                && in_callee_set(pj_native_callee)) {
            n = 1;
            *counted = 1;
        }
    } else if (library == 0 && callee != NULL && in_callee_set(callee)) {
        n = 1;
        *counted = 1;
    }
    *back = gf;
    *units = n + entry_units;
    return 0;
}

/* The levels a guest repr() took from the host's remaining recursion budget for the call
 * running now on this thread (guest_repr below); 0: none. */
static __thread __attribute__((tls_model("initial-exec"))) int t_budget_cut;

/* Guest code entered from host code (a guest function's tp_call/vectorcall, pjentry.c):
 * the host's whole budget again (a guest __repr__ that a list's repr calls runs tier 0's
 * host frames, several per guest call, and counts its guest depth as host_caller says). */
void pj_give_back_budget(void) {
    if (t_budget_cut > 0) {
        PyThreadState_Get()->recursion_remaining += t_budget_cut;
        t_budget_cut = 0;
    }
}
#define give_back_budget pj_give_back_budget

static PyObject *host_caller(PyObject *mod, PyObject *const *args, Py_ssize_t nargs) {
    give_back_budget();
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "host_caller(published, entry_units)");
        return NULL;
    }
    long entry_units = PyLong_AsLong(args[1]);
    if (entry_units == -1 && PyErr_Occurred()) return NULL;
    PyObject *back;
    long units;
    int counted;
    if (resolve(1, args[0], entry_units, &back, &units, &counted) < 0) return NULL;
    return Py_BuildValue("(Oli)", back, units, counted);
}

/* For the C entry of native code called from host code (pjentry.c fb_call/fb_vectorcall):
 * the caller frame (borrowed; `published` when not found) and the levels between, as
 * host_call counts them; `entry_units` is pj_entry_units of the guest function called. */
static PyObject *g_entry_units;
static PyObject *g_code_name, *g_name_name;

int pj_host_entry(PyObject *published, long entry_units, PyObject **back, long *units) {
    /* (its callers, pjentry.c fb_call and fb_vectorcall, gave the host's budget back) */
    int counted;
    return resolve(0, published, entry_units, back, units, &counted);
}

/* The entry's own level of a call from host code into guest function `record` (1 when its
 * code's name is one of g_entry_units: the names runtime/function.py _ENTRY_UNITS has, else
 * 0); -1 with an exception set. The C entry keeps it (it depends on the code only). */
int pj_entry_units(PyObject *record) {
    if (g_entry_units == NULL) return 0;
    PyObject *code = PyObject_GetAttr(record, g_code_name);
    PyObject *name = code == NULL ? NULL : PyObject_GetAttr(code, g_name_name);
    Py_XDECREF(code);
    if (name == NULL) return -1;
    int in = PyDict_Contains(g_entry_units, name);
    Py_DECREF(name);
    return in;
}

static PyObject *set_entry_units(PyObject *mod, PyObject *d) {
    if (!PyDict_Check(d)) {
        PyErr_SetString(PyExc_TypeError, "set_entry_units(dict)");
        return NULL;
    }
    if (g_code_name == NULL && (g_code_name = PyUnicode_InternFromString("code")) == NULL) return NULL;
    if (g_name_name == NULL && (g_name_name = PyUnicode_InternFromString("name")) == NULL) return NULL;
    Py_INCREF(d);
    Py_XSETREF(g_entry_units, d);
    Py_RETURN_NONE;
}

static PyObject *set_host_caller_types(PyObject *mod, PyObject *args) {
    PyObject *code_type, *marker, *callees;
    if (!PyArg_ParseTuple(args, "OOO!", &code_type, &marker, &PyTuple_Type, &callees)) return NULL;
    Py_INCREF(code_type);
    Py_XSETREF(g_guest_code_type, code_type);
    Py_INCREF(marker);
    Py_XSETREF(g_native_marker, marker);
    Py_INCREF(callees);
    Py_XSETREF(g_callee_set, callees);
    Py_RETURN_NONE;
}

/* The guest's builtin repr() (issue 18: C-only recursion). CPython runs the repr of a
 * nested container on the recursion budget its caller left (the limit less the caller's
 * depth), and a list nested deeper raises RecursionError; the host's budget is protojit's
 * own, ten times larger (runtime/environment.py set_recursion_limit). So the call runs
 * with the host's remaining levels cut to what the guest caller has left (the caller found
 * as host_caller finds it), given back when it returns or when it enters guest code. */
#define F_DEPTH_ 9
PyObject **pj_published_frame(void);   /* pjentry.c */
extern long long pj_recursion_limit;   /* pjentry.c */
PyObject *pj_exc_state_of(PyObject *exc);   /* pjexc.c: the exception's bookkeeping dict */

static long guest_depth_of(PyObject *frame) {
    if (frame == NULL || frame == Py_None || !PyList_CheckExact(frame)
            || PyList_GET_SIZE(frame) < HEADER_)
        return 0;
    long d = PyLong_AsLong(PyList_GET_ITEM(frame, F_DEPTH_));
    return d < 0 ? 0 : d;
}

/* The RecursionError being raised keeps its C message: runtime/tracebacks.py otherwise
 * reads a host RecursionError deep in guest recursion as the guest's own frame check
 * (the "pj_keep_message" mark of runtime/function.py host_call). */
static PyObject *keep_recursion_message(void) {
    if (!PyErr_ExceptionMatches(PyExc_RecursionError)) return NULL;
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value != NULL && PyExceptionInstance_Check(value)) {
        PyObject *state = pj_exc_state_of(value);
        if (state != NULL && PyDict_Check(state))
            PyDict_SetItemString(state, "pj_keep_message", Py_True);
    }
    PyErr_Restore(type, value, tb);
    return NULL;
}

/* The levels of a builtin call's own: 3.11's call of a METH_O builtin (repr) is a level of
 * recursion, a METH_FASTCALL one (print, format) is not. */
enum { OWN_LEVEL_NONE = 0, OWN_LEVEL_METH_O = 1 };

/* Runs `call(ctx)` as the guest's builtin of that kind would run in CPython: on the
 * recursion budget its guest caller left (the caller found as host_caller finds it), cut
 * from the host's remaining levels and given back when it returns or enters guest code. */
static PyObject *with_guest_budget(PyObject *(*call)(void *), void *ctx, int own_level) {
    PyObject *back;
    long units;
    int counted;
    if (resolve(0, *pj_published_frame(), 0, &back, &units, &counted) < 0) return NULL;
    /* the caller's depth, the library frames between, and the call itself (METH_O: a
     * level; `counted` when the caller was seen calling it) */
    long depth = guest_depth_of(back) + units - counted + own_level;
    if (PyErr_Occurred()) return NULL;
    PyThreadState *ts = PyThreadState_Get();
    long room = (long)pj_recursion_limit - depth;
    if (room < 0) {   /* CPython's check of the call itself trips */
        PyErr_SetString(PyExc_RecursionError,
                        "maximum recursion depth exceeded while calling a Python object");
        return keep_recursion_message();
    }
    int cut = ts->recursion_remaining - (int)room;
    if (cut <= 0) return call(ctx);
    int outer = t_budget_cut;
    ts->recursion_remaining -= cut;
    t_budget_cut = cut;
    PyObject *r = call(ctx);
    int cut_held = t_budget_cut > 0;   /* (0 if guest code took it back already) */
    ts->recursion_remaining += t_budget_cut;
    t_budget_cut = outer;
    if (r == NULL && cut_held) return keep_recursion_message();
    return r;
}

static PyObject *call_repr(void *obj) { return PyObject_Repr((PyObject *)obj); }

static PyObject *guest_repr(PyObject *self, PyObject *obj) {
    return with_guest_budget(call_repr, obj, OWN_LEVEL_METH_O);
}

/* print() and format() of the guest (issue 18, as repr above): the host's own, on the
 * guest's budget -- a nested container's str stops at the guest's recursion limit. */
typedef struct { PyObject *fn; PyObject *const *args; size_t nargsf; PyObject *kwnames; } HostCall;
static PyObject *g_host_print, *g_host_format;

/* The host's print and format by their C functions, as 3.11's specialised call of a
 * builtin does (no level of its own: a builtin's vectorcall counts one, which a warm call
 * site of CPython's does not). */
static PyObject *call_host_print(void *ctx) {
    HostCall *c = ctx;
    PyCFunctionObject *f = (PyCFunctionObject *)c->fn;
    return ((_PyCFunctionFastWithKeywords)(void (*)(void))f->m_ml->ml_meth)(
        f->m_self, c->args, PyVectorcall_NARGS(c->nargsf), c->kwnames);
}

static PyObject *guest_print(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    HostCall c = {g_host_print, args, (size_t)nargs, kwnames};
    return with_guest_budget(call_host_print, &c, OWN_LEVEL_NONE);
}

static PyObject *call_host_format(void *ctx) {
    HostCall *c = ctx;
    PyCFunctionObject *f = (PyCFunctionObject *)c->fn;
    return ((_PyCFunctionFast)(void (*)(void))f->m_ml->ml_meth)(f->m_self, c->args,
                                                               PyVectorcall_NARGS(c->nargsf));
}

static PyObject *guest_format(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    HostCall c = {g_host_format, args, (size_t)nargs, NULL};
    return with_guest_budget(call_host_format, &c, OWN_LEVEL_NONE);
}

/* str(), f-string formatting, '%' and ==/!= of the guest (issue 18, as repr above): the
 * host's own, on the guest's budget when the operand holds a container (a nesting deep
 * enough to matter has one at every level; anything else -- and the hot cases, numbers,
 * strings, flat tuples -- never looks the caller up). pj_guest_* are what object code
 * calls (codegen/lowerobj.py), the Python functions below what tier 0 calls
 * (protojit/interp/expressions.py). */
static inline int is_container(PyObject *x) {
    return PyList_Check(x) || PyTuple_Check(x) || PyDict_Check(x) || PyAnySet_Check(x);
}

static int nests(PyObject *x) {
    if (PyList_Check(x) || PyTuple_Check(x)) {
        PyObject **items = PyList_Check(x) ? ((PyListObject *)x)->ob_item : ((PyTupleObject *)x)->ob_item;
        for (Py_ssize_t i = 0; i < Py_SIZE(x); i++)
            if (is_container(items[i])) return 1;
        return 0;
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    if (PyDict_Check(x)) {
        while (PyDict_Next(x, &pos, &k, &v))
            if (is_container(k) || is_container(v)) return 1;
        return 0;
    }
    if (PyAnySet_Check(x)) {
        Py_hash_t h;
        while (_PySet_NextEntry(x, &pos, &k, &h))
            if (is_container(k)) return 1;
    }
    return 0;
}

typedef struct { PyObject *a, *b; int op; } Operands;
static PyObject *call_str(void *c) { return PyObject_Str(((Operands *)c)->a); }
static PyObject *call_format(void *c) { return PyObject_Format(((Operands *)c)->a, ((Operands *)c)->b); }
static PyObject *call_remainder(void *c) { return PyNumber_Remainder(((Operands *)c)->a, ((Operands *)c)->b); }
static PyObject *call_compare(void *c) {
    Operands *o = c;
    return PyObject_RichCompare(o->a, o->b, o->op);
}

/* str(x) (3.11's call of the str type counts no level of its own) */
PyObject *pj_guest_str(PyObject *x) {
    if (PyUnicode_CheckExact(x)) return Py_NewRef(x);
    if (!nests(x)) return PyObject_Str(x);
    Operands o = {x, NULL, 0};
    return with_guest_budget(call_str, &o, OWN_LEVEL_NONE);
}

/* f"{x}" and f"{x:spec}" (FORMAT_VALUE: no level of its own; spec NULL: none) */
PyObject *pj_guest_format(PyObject *x, PyObject *spec) {
    if (!nests(x)) return PyObject_Format(x, spec);
    Operands o = {x, spec, 0};
    return with_guest_budget(call_format, &o, OWN_LEVEL_NONE);
}

/* a % b */
PyObject *pj_guest_remainder(PyObject *a, PyObject *b) {
    if (!PyUnicode_Check(a) || !(nests(b) || (!PyTuple_Check(b) && is_container(b))))
        return PyNumber_Remainder(a, b);
    Operands o = {a, b, 0};
    return with_guest_budget(call_remainder, &o, OWN_LEVEL_NONE);
}

/* a == b, a != b (other operators as they are) */
PyObject *pj_guest_richcompare(PyObject *a, PyObject *b, int op) {
    if ((op != Py_EQ && op != Py_NE) || !nests(a) || !nests(b)) return PyObject_RichCompare(a, b, op);
    Operands o = {a, b, op};
    return with_guest_budget(call_compare, &o, OWN_LEVEL_NONE);
}

static PyObject *py_guest_str(PyObject *mod, PyObject *x) { return pj_guest_str(x); }

static PyObject *py_guest_format_value(PyObject *mod, PyObject *const *a, Py_ssize_t n) {
    if (n != 1 && n != 2) {
        PyErr_SetString(PyExc_TypeError, "guest_format_value(value[, spec])");
        return NULL;
    }
    return pj_guest_format(a[0], n == 2 ? a[1] : NULL);
}

static PyObject *py_guest_mod(PyObject *mod, PyObject *const *a, Py_ssize_t n) {
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "guest_mod(a, b)");
        return NULL;
    }
    return pj_guest_remainder(a[0], a[1]);
}

static PyObject *py_guest_eq(PyObject *mod, PyObject *const *a, Py_ssize_t n) {
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "guest_eq(a, b)");
        return NULL;
    }
    return pj_guest_richcompare(a[0], a[1], Py_EQ);
}

static PyObject *py_guest_ne(PyObject *mod, PyObject *const *a, Py_ssize_t n) {
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "guest_ne(a, b)");
        return NULL;
    }
    return pj_guest_richcompare(a[0], a[1], Py_NE);
}

static PyMethodDef g_guest_repr_def = {"repr", guest_repr, METH_O, NULL};
static PyMethodDef g_guest_print_def = {"print", (PyCFunction)(void (*)(void))guest_print,
                                        METH_FASTCALL | METH_KEYWORDS, NULL};
static PyMethodDef g_guest_format_def = {"format", (PyCFunction)(void (*)(void))guest_format,
                                         METH_FASTCALL, NULL};

/* A guest builtin made once from `def`, as the host's builtin of that name looks (name,
 * documentation, module builtins); *host (if not NULL) gets the host's (a reference). */
static PyObject *make_guest_builtin(PyMethodDef *def, PyObject **host_out) {
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (builtins == NULL) return NULL;
    PyObject *host = PyObject_GetAttrString(builtins, def->ml_name);
    if (host == NULL || !PyCFunction_Check(host)) {
        Py_XDECREF(host);
        Py_DECREF(builtins);
        if (!PyErr_Occurred()) PyErr_Format(PyExc_TypeError, "builtins.%s is not a builtin", def->ml_name);
        return NULL;
    }
    def->ml_doc = ((PyCFunctionObject *)host)->m_ml->ml_doc;
    if (host_out != NULL) *host_out = host;
    else Py_DECREF(host);
    PyObject *modname = PyUnicode_FromString("builtins");
    PyObject *fn = modname == NULL ? NULL : PyCFunction_NewEx(def, builtins, modname);
    Py_XDECREF(modname);
    Py_DECREF(builtins);
    return fn;
}

static PyMethodDef caller_methods[] = {
    {"guest_str", py_guest_str, METH_O, "guest_str(x): str(x) on the guest's recursion budget (pjcaller.c)."},
    {"guest_format_value", (PyCFunction)(void (*)(void))py_guest_format_value, METH_FASTCALL,
     "guest_format_value(x[, spec]): an f-string's formatting on the guest's budget."},
    {"guest_mod", (PyCFunction)(void (*)(void))py_guest_mod, METH_FASTCALL,
     "guest_mod(a, b): a % b on the guest's budget."},
    {"guest_eq", (PyCFunction)(void (*)(void))py_guest_eq, METH_FASTCALL,
     "guest_eq(a, b): a == b on the guest's budget."},
    {"guest_ne", (PyCFunction)(void (*)(void))py_guest_ne, METH_FASTCALL,
     "guest_ne(a, b): a != b on the guest's budget."},
    {"host_caller", (PyCFunction)(void (*)(void))host_caller, METH_FASTCALL,
     "host_caller(published, entry_units): (back, units, callee_counted) (pjcaller.c)."},
    {"set_entry_units", set_entry_units, METH_O,
     "set_entry_units(dict): the guest function names whose C entry counts a level (pjcaller.c)."},
    {"set_host_caller_types", set_host_caller_types, METH_VARARGS,
     "set_host_caller_types(GuestCode, NATIVE_FRAME, callees): what host_caller checks."},
    {"guest_caller", guest_caller, METH_O,
     "guest_caller(skip): (guest frame or None, library frames, callee or None) of the host "
     "call running now (pjcaller.c)."},
    {"native_host_call", native_host_call, METH_NOARGS,
     "native_host_call(): (callable, frame) object code is calling through the host, or None."},
    {"set_caller_classifier", set_caller_classifier, METH_O,
     "set_caller_classifier(fn): fn(code) -> (kind, f_index, fn_index) (pjcaller.c)."},
    {NULL},
};

/* Called by PyInit__pjentry: adds this file's functions to the module. */
int pj_caller_add_methods(PyObject *m) {
    if (PyModule_AddFunctions(m, caller_methods) < 0) return -1;
    struct { PyMethodDef *def; PyObject **host; const char *name; } made[] = {
        {&g_guest_repr_def, NULL, "guest_repr"},
        {&g_guest_print_def, &g_host_print, "guest_print"},
        {&g_guest_format_def, &g_host_format, "guest_format"},
    };
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
        PyObject *fn = make_guest_builtin(made[i].def, made[i].host);
        if (fn == NULL) return -1;
        if (PyModule_AddObject(m, made[i].name, fn) < 0) {
            Py_DECREF(fn);
            return -1;
        }
    }
    return 0;
}

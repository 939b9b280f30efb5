/* protojit._pjentry: native entries that speak the CPython C API (DESIGN decision 5).
 *
 * The plain C services in runtime_c/ know nothing about Python; this module is the other
 * half: the objects through which tier 0 and host code call machine code.
 *
 *   Spec   one compiled specialisation: the address of its C entry
 *          `int32_t entry(int64_t *args, int64_t *out, int64_t *err)` (codegen/lower.py),
 *          the kind of each argument and of the result, the globals it was compiled against
 *          and whether it runs with the GIL released.
 *   Entry  what a native function's `invoke` becomes (protojit/tiering.py):
 *          entry(fn, args, back) tries its specs in order; a spec applies when every
 *          argument has the spec's kind and every global it depends on still holds the
 *          object it was compiled against. It unboxes the arguments into 8-byte slots,
 *          calls the machine code, boxes the result. No spec applies: `fallback(fn, args,
 *          back)` (the Python dispatcher: other specs, profiling, tier 0). A non-zero status
 *          (deopt or guest exception): `on_failure(spec, status, err, fn, args, back, host)`,
 *          whose result (tier 0's re-run) or exception is the call's.
 *   FunctionBase  the C base of protojit's guest `Function`: its `invoke` slot, and a
 *          tp_call that takes the native entry directly when host code (sorted(key=f), map,
 *          a thread) calls the function with positional arguments; anything else goes to
 *          the Python `host_call(fn, args, kwargs)` installed by set_host_call().
 *
 *   pj_call / pj_call_site  object code's calls (codegen/lowerobj.py): a guest function
 *          as a guest caller calls it; pj_call_site behind a per-site cache (PjCallCache:
 *          the callee, its Entry and the Entry's generation, the spec, keyword positions)
 *          that calls the spec's machine code directly, and guest classes (construct) and
 *          bound methods (call_bound) through it.
 *
 * Ownership: every object field holds a strong reference; Entry and FunctionBase take part
 * in garbage collection (a Function, its entry and its tiering state form a cycle).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <time.h>

/* Slot kinds; codegen/compiler.py passes the same numbers (ENTRY_KINDS there).
 * PK_OBJECT: any object, passed as a borrowed PyObject* (the caller's argument keeps it
 * alive); as a result, a new reference the machine code returns (units with objects hold
 * the GIL: Spec's release_gil is false for them).
 * PK_ARRAY (arguments only): a numpy array of the spec's type, dtype (buffer format and
 * item size) and number of dimensions, writable, as five slots: data, shape0, shape1,
 * stride0, stride1 in bytes (shape1 1 and stride1 0 for one dimension; lower.py's
 * ARRAY_T). The entry holds a buffer export while the machine code runs, so no other
 * thread can resize or free the memory meanwhile. */
enum { PK_INT = 0, PK_FLOAT = 1, PK_BOOL = 2, PK_NONE = 3, PK_OBJECT = 4, PK_SLOTS = 5, PK_ARRAY = 6,
       PK_NPINT = 7, PK_NPFLOAT = 8, PK_INTX = 9, PK_FLOATX = 10, PK_KINDS = 11 };
/* Results only: numpy scalars, boxed through the types set_numpy_scalars() gave:
 * PK_NPINT / PK_NPFLOAT one slot, an np.int64 / np.float64; PK_INTX / PK_FLOATX two slots
 * (lower.py's INTX_T/FLOATX_T): the value and whether it is a numpy scalar or a plain
 * int/float (an accumulator started as 0.0 that array items were added to). */

#define MAX_ARGS 32       /* argument slots of a Spec (more: the Python dispatcher) */
#define ARRAY_SLOTS 5
#define MAX_ARRAYS (MAX_ARGS / ARRAY_SLOTS)
#define MAX_FORMAT 8      /* a buffer format string the spec accepts, with its NUL */
#define MAX_OUT 64        /* result slots */
#define ERR_SLOTS 64      /* >= codegen/lower.py ERR_SLOTS (checked by Spec()) */

typedef int32_t (*entry_fn)(int64_t *args, int64_t *out, int64_t *err);
/* Object code's entry (codegen/compiler.py ObjectSpec): the arguments (a vector of borrowed
 * references, as vectorcall's) in, the result (a new reference) out, or NULL with the
 * exception set; the GIL is held throughout. */
typedef PyObject *(*object_entry_fn)(PyObject *const *args, int64_t *err);

static PyObject *g_missing;     /* MISSING (codegen.compiler's too): a global that was not there */
static PyObject *g_np_int64, *g_np_float64;   /* numpy.int64 / numpy.float64 (set_numpy_scalars) */
static PyObject *g_host_call;   /* protojit.runtime.function.host_call */
static PyObject *g_kw_binder;   /* protojit.tiering.keyword_binding */
static PyObject *g_plan_name;   /* "_pj_plan" */
/* Guest frames of object code (set_frames): the frame list indices an object-code call fills
 * in; err[g_err_frame] hands the frame to the machine code, which keeps its F_LINENO current
 * (codegen/lowerobj.py). */
static int g_f_back = -1, g_f_function = -1, g_err_frame = -1;

/* The thread's published guest frame (protojit/frames.py `tstate.frame`, through the
 * ThreadState type below) and its count of guest calls entered from host code
 * (`tstate.host_depth`), one per C thread (a Python thread is one): a call of object code
 * publishes its frame and restores its caller's with a pointer write each (a
 * threading.local's dict cost two dict writes and a look-up per call). t_frame owns a
 * reference; NULL stands for None. */
/* (initial-exec: a thread-local read is one %fs-relative load, not a call of
 * __tls_get_addr; these few bytes fit the static TLS that glibc keeps for libraries
 * loaded later) */
#define PJ_TLS static __thread __attribute__((tls_model("initial-exec")))
/* The published frame and the C stack's bound (below) in one per-thread record, which
 * object code's direct calls (codegen/directcall.py) reach through
 * pj_tstate(): frame at offset 0, stack_low at 8, stack_known at 16. */
typedef struct {
    PyObject *frame;
    uintptr_t stack_low;
    int64_t stack_known;
} PjTState;
PJ_TLS PjTState t_state;
#define t_frame (t_state.frame)
#define t_stack_low (t_state.stack_low)
#define t_stack_known (t_state.stack_known)
_Static_assert(offsetof(PjTState, stack_low) == 8 && offsetof(PjTState, stack_known) == 16,
               "directcall.py");

/* Owned arguments. Object code's calls hand their argument references to the callee
 * (pj_call_site_owned), as CPython 3.11 moves them into the callee's frame: its locals,
 * parameters among them, are released in slot order when it returns, before anything its
 * caller still holds. t_own_vec is the vector whose references the next object-code entry
 * run on that very vector takes (spec_run_object, direct_hit: err[ERR_OWNED] = 1; the
 * machine code takes each object argument and writes NULL in its place, codegen/lower.py
 * emit_entry_obj); any other vector is borrowed, as vectorcall's (the entry takes a
 * reference of its own). Paths that copy the vector (keywords, bound methods) move the
 * references into their copy first (own_copy); a class's __init__ borrows them (CPython's
 * type_call keeps its argument tuple until __init__ returns). What no entry took, the
 * owner releases after the call. */
PJ_TLS PyObject *const *t_own_vec;
#define ERR_OWNED 11   /* codegen/lower.py ERR_OWNED */

/* Object code at every GIL_YIELD_EVERY-th loop back-edge (codegen/lower.py emit_gil_yield):
 * the GIL goes and comes back, as CPython's eval loop lets it go at a back-edge when another
 * thread asks for it (a waiting thread sets CPython's drop request after its switch
 * interval; releasing then hands the GIL over). Without it a tight loop of object code
 * kept every other thread waiting until it ended (CPython's
 * test_threading.test_can_interrupt_tight_loops). The caller holds no borrowed reference
 * that another thread could drop: object code owns what it holds. */
void pj_gil_yield(void) {
    Py_BEGIN_ALLOW_THREADS
    Py_END_ALLOW_THREADS
}

/* This thread's PjTState (object code's direct calls read and write it). */
PjTState *pj_tstate(void) {
    return &t_state;
}
PJ_TLS long t_host_depth;
/* A native call entered from host code (fb_call/fb_vectorcall): its guest caller found on
 * the host stack and the levels CPython counts between (pjcaller.c pj_host_entry), for
 * start_depth/spec_try_object; NULL: the published frame, no levels. Set just before
 * entry_run, cleared once read (before any machine code runs). */
PJ_TLS PyObject *t_entry_caller;
PJ_TLS long t_entry_units;
int pj_entry_units(PyObject *record);
int pj_host_entry(PyObject *published, long entry_units, PyObject **back, long *units);

/* Guest recursion depth (protojit/frames.py F_DEPTH: each frame list holds its depth, the
 * caller's + 1). Native code counts its own recursion levels from the depth its entry passes
 * (codegen/lower.py: a recursive call deopts past MAX_DEPTH, checked at every
 * SIGNAL_DEPTH_STEP-th level, so at most DEPTH_STEP - 1 levels beyond it run). The C entry
 * starts that count so that no native level runs past the guest limit: a call with `room`
 * levels left below the limit starts at MAX_NATIVE_DEPTH + DEPTH_STEP - room (0 when the
 * room is larger), and the deopt re-runs the call in tier 0, which raises CPython's
 * RecursionError at CPython's frame. Within NATIVE_MARGIN of the limit no native code runs
 * (the call goes to tier 0 through the fallback; protojit/frames.py native_start_depth is
 * the same rule for the Python dispatcher). The constants are codegen's and frames.py's
 * (tests/unit/test_native_entry.py checks them). */
#define F_DEPTH 9
#define F_BACK 4          /* protojit/frames.py's too (set_frames checks them) */
#define F_LINENO 5
#define F_FUNCTION 6
#define ERR_DEPTH 10
#define MAX_NATIVE_DEPTH 800
#define DEPTH_STEP 8
#define NATIVE_MARGIN 32
long long pj_recursion_limit = 1000;   /* (exported: direct calls compare with it) */
#define g_recursion_limit pj_recursion_limit

/* The depth the machine code of a call whose guest caller is `back` starts at (see above);
 * -1 when the call is too near the limit for native code (or an error is set). `back`
 * NULL (a call from host code): the caller is the thread's published frame. */
/* The recursion depth of guest frame `back` (its F_DEPTH), 0 for none; -1 with an
 * exception set if it cannot be read. */
static inline long long frame_depth_of(PyObject *back) {
    if (back == NULL || !PyList_CheckExact(back) || PyList_GET_SIZE(back) <= F_DEPTH) return 0;
    PyObject *d = PyList_GET_ITEM(back, F_DEPTH);
    if (!PyLong_CheckExact(d)) return 0;
    Py_ssize_t size = Py_SIZE(d);
    if (size == 0 || size == 1)   /* (3.11: one 30-bit digit; depths are small) */
        return size * (long long)((PyLongObject *)d)->ob_digit[0];
    return PyLong_AsLongLong(d);
}

/* Whether native code may run a call whose caller is at depth `base` (not within
 * NATIVE_MARGIN of the limit), and then the depth its count starts at (see above). */
static inline long long start_from(long long base) {
    long long room = g_recursion_limit - base - 1;   /* levels allowed below this call */
    if (room < NATIVE_MARGIN) return -1;
    long long start = MAX_NATIVE_DEPTH + DEPTH_STEP - room;
    return start > 0 ? start : 0;
}

static long long start_depth(PyObject *back) {
    long long base;
    if (back == NULL && t_entry_caller != NULL) {
        base = frame_depth_of(t_entry_caller) + t_entry_units;
        t_entry_caller = NULL;
    } else {
        base = frame_depth_of(back == NULL ? t_frame : back);
    }
    if (base == -1 && PyErr_Occurred()) return -1;
    long long room = g_recursion_limit - base - 1;   /* levels allowed below this call */
    if (room < NATIVE_MARGIN) return -1;
    long long start = MAX_NATIVE_DEPTH + DEPTH_STEP - room;
    return start > 0 ? start : 0;
}

/* ---- Spec ---------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    entry_fn fn;
    int nargs;
    int ret;                      /* PK_*; PK_SLOTS: the result is `nout` raw slots */
    int nout;
    int release_gil;
    int nerr;                     /* slots of the error record the machine code writes */
    int abi;                      /* 0: entry_fn (slots); 1: object_entry_fn */
    int all_objects;              /* object code whose every argument is PK_OBJECT: it takes
                                     any argument vector of its length (spec_takes) */
    int all_ints;                 /* numeric code whose every argument is PK_INT (spec_unbox's
                                     short path) */
    unsigned char kinds[MAX_ARGS];
    int nchecks;                  /* the arguments that are not PK_OBJECT (spec_takes_hit) */
    unsigned char checks[MAX_ARGS];
    int nslots;                   /* argument slots: 1 per argument, ARRAY_SLOTS per array */
    struct {                      /* the PK_ARRAY arguments, in order */
        PyTypeObject *type;       /* (numpy.ndarray; `arrays` holds the reference) */
        char format[MAX_FORMAT];
        Py_ssize_t itemsize;
        int ndim;
    } arr[MAX_ARRAYS];
    PyObject *arrays;             /* tuple of (type, format, itemsize, ndim) per PK_ARRAY */
    PyObject *deps;               /* tuple of (dict, name, object) */
    PyObject *plans;              /* tuple of (ctypes function, plan) */
    PyObject *owner;              /* the Python NativeSpec: passed to on_failure */
    PyObject *frame;              /* object code: the header of its guest frame (a list), or NULL */
    PyObject *free_frame;         /* object code: a guest frame of an earlier call that nothing
                                     else referred to when it ended, reused by the next call */
    int keep_free_frame;          /* object code: whether it keeps one (1 by default); 0 for a
                                     closure, whose function it would keep alive (the frame's
                                     F_FUNCTION; the function holds its specs), and with it the
                                     closure's cells after the function died (ObjectSpec) */
    PyObject *deps_dict;          /* the one dict every dep reads (borrowed from deps), or NULL */
    uint64_t deps_version;        /* its ma_version_tag when the deps last held (0: never) */
    PyObject *callees;            /* tuple of (guest function, GuestCode) whose code the machine
                                     code runs as its own (the numeric tier's direct calls) */
    uint64_t code_epoch;          /* pj_code_epoch when they last held (0: never) */
    struct PjFrameless *frameless; /* object code: the plan its call sites run instead of a
                                     call (pjframeless.c), or NULL */
} Spec;

/* pjframeless.c */
typedef struct PjFrameless PjFrameless;
PyObject *pj_frameless_run(PjFrameless *p, PyObject *const *args);
PjFrameless *pj_frameless_new(PyObject *ops, PyObject *consts, PyObject *names, int nargs);
void pj_frameless_free(PjFrameless *p);

/* pjfunc.c: counts __code__ assignments of guest functions (from 1); a spec re-checks its
 * callees' code when it differs from the spec's code_epoch. */
extern uint64_t pj_code_epoch;
PyObject *pj_func_record(PyObject *f);   /* pjfunc.c: the record of a guest function, or NULL */
static PyObject *g_code_name;            /* "code" (set at module init) */

static int spec_traverse(Spec *s, visitproc visit, void *arg) {
    Py_VISIT(s->arrays);
    Py_VISIT(s->deps);
    Py_VISIT(s->plans);
    Py_VISIT(s->owner);
    Py_VISIT(s->frame);
    Py_VISIT(s->free_frame);
    Py_VISIT(s->callees);
    return 0;
}

static int spec_clear(Spec *s) {
    Py_CLEAR(s->arrays);
    Py_CLEAR(s->deps);
    Py_CLEAR(s->plans);
    Py_CLEAR(s->owner);
    Py_CLEAR(s->frame);
    Py_CLEAR(s->free_frame);
    Py_CLEAR(s->callees);
    return 0;
}

static void spec_dealloc(Spec *s) {
    PyObject_GC_UnTrack(s);
    spec_clear(s);
    pj_frameless_free(s->frameless);
    Py_TYPE(s)->tp_free((PyObject *)s);
}

/* Spec(address, kinds: bytes, ret, nout, deps, plans, release_gil, owner, err_slots, abi=0,
 *      arrays=None, callees=()) */
static PyObject *spec_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
    unsigned long long address;
    Py_buffer kinds;
    int ret, nout, release_gil, err_slots, abi = 0;
    PyObject *deps, *plans, *owner, *arrays = NULL, *callees = NULL;
    if (!PyArg_ParseTuple(args, "Ky*iiO!O!pOi|iO!O!", &address, &kinds, &ret, &nout, &PyTuple_Type, &deps,
                          &PyTuple_Type, &plans, &release_gil, &owner, &err_slots, &abi,
                          &PyTuple_Type, &arrays, &PyTuple_Type, &callees))
        return NULL;
    const char *bad = NULL;
    int nslots = 0, narrays = 0;
    for (Py_ssize_t i = 0; i < kinds.len; i++) {
        unsigned char k = ((unsigned char *)kinds.buf)[i];
        nslots += k == PK_ARRAY ? ARRAY_SLOTS : 1;
        narrays += k == PK_ARRAY;
    }
    if (nslots > MAX_ARGS) bad = "too many argument slots";
    else if (narrays != (arrays ? PyTuple_GET_SIZE(arrays) : 0)) bad = "arrays: one per array argument";
    for (Py_ssize_t i = 0; !bad && i < narrays; i++) {
        PyObject *a = PyTuple_GET_ITEM(arrays, i);
        if (!PyTuple_Check(a) || PyTuple_GET_SIZE(a) != 4 || !PyType_Check(PyTuple_GET_ITEM(a, 0))
            || !PyUnicode_Check(PyTuple_GET_ITEM(a, 1)) || !PyLong_Check(PyTuple_GET_ITEM(a, 2))
            || !PyLong_Check(PyTuple_GET_ITEM(a, 3)))
            bad = "arrays: (type, format, itemsize, ndim) tuples";
        else {
            Py_ssize_t flen;
            const char *f = PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(a, 1), &flen);
            long nd = PyLong_AsLong(PyTuple_GET_ITEM(a, 3));
            Py_ssize_t isz = PyLong_AsSsize_t(PyTuple_GET_ITEM(a, 2));
            if (f == NULL || PyErr_Occurred()) {
                PyBuffer_Release(&kinds);
                return NULL;
            }
            if (flen < 1 || flen >= MAX_FORMAT || (nd != 1 && nd != 2) || isz <= 0)
                bad = "arrays: a format of 1-7 characters, itemsize > 0, ndim 1 or 2";
        }
    }
    if (abi != 0 && abi != 1) bad = "bad abi";
    if (abi == 1 && release_gil) bad = "object code needs the GIL";
    if (address == 0) bad = "null address";
    else if (kinds.len > MAX_ARGS) bad = "too many argument slots";
    else if (ret < 0 || ret >= PK_KINDS || ret == PK_ARRAY) bad = "bad result kind";
    else if (ret >= PK_NPINT && (g_np_int64 == NULL || g_np_float64 == NULL))
        bad = "numpy scalar results before set_numpy_scalars()";
    else if ((ret == PK_INTX || ret == PK_FLOATX) && nout < 2) bad = "INTX/FLOATX results take two slots";
    else if (nout < 0 || nout > MAX_OUT) bad = "too many result slots";
    else if (err_slots < 0 || err_slots > ERR_SLOTS) bad = "error record larger than ERR_SLOTS";
    for (Py_ssize_t i = 0; !bad && i < kinds.len; i++) {
        unsigned char k = ((unsigned char *)kinds.buf)[i];
        if (k == PK_SLOTS || k > PK_ARRAY) bad = "bad argument kind";   /* (>= PK_NPINT: results only) */
        if (k == PK_ARRAY && abi != 0) bad = "object code takes no array arguments";
    }
    for (Py_ssize_t i = 0; !bad && release_gil && i < kinds.len; i++)
        if (((unsigned char *)kinds.buf)[i] == PK_OBJECT) bad = "object arguments need the GIL";
    if (!bad && release_gil && ret == PK_OBJECT) bad = "object results need the GIL";
    for (Py_ssize_t i = 0; !bad && i < PyTuple_GET_SIZE(deps); i++) {
        PyObject *d = PyTuple_GET_ITEM(deps, i);
        if (!PyTuple_Check(d) || PyTuple_GET_SIZE(d) != 3 || !PyDict_Check(PyTuple_GET_ITEM(d, 0)))
            bad = "deps: (dict, name, object) tuples";
    }
    for (Py_ssize_t i = 0; !bad && i < PyTuple_GET_SIZE(plans); i++) {
        PyObject *p = PyTuple_GET_ITEM(plans, i);
        if (!PyTuple_Check(p) || PyTuple_GET_SIZE(p) != 2) bad = "plans: (function, plan) tuples";
    }
    for (Py_ssize_t i = 0; !bad && callees != NULL && i < PyTuple_GET_SIZE(callees); i++) {
        PyObject *p = PyTuple_GET_ITEM(callees, i);
        if (!PyTuple_Check(p) || PyTuple_GET_SIZE(p) != 2) bad = "callees: (function, code) tuples";
    }
    if (bad) {
        PyBuffer_Release(&kinds);
        PyErr_SetString(PyExc_ValueError, bad);
        return NULL;
    }
    Spec *s = (Spec *)type->tp_alloc(type, 0);
    if (s == NULL) {
        PyBuffer_Release(&kinds);
        return NULL;
    }
    s->fn = (entry_fn)(uintptr_t)address;
    s->nargs = (int)kinds.len;
    s->nslots = nslots;
    for (int i = 0; i < narrays; i++) {
        PyObject *a = PyTuple_GET_ITEM(arrays, i);
        Py_ssize_t flen;
        const char *f = PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(a, 1), &flen);
        s->arr[i].type = (PyTypeObject *)PyTuple_GET_ITEM(a, 0);
        memcpy(s->arr[i].format, f, (size_t)flen + 1);
        s->arr[i].itemsize = PyLong_AsSsize_t(PyTuple_GET_ITEM(a, 2));
        s->arr[i].ndim = (int)PyLong_AsLong(PyTuple_GET_ITEM(a, 3));
    }
    Py_XINCREF(arrays);
    s->arrays = arrays;
    memcpy(s->kinds, kinds.buf, (size_t)kinds.len);
    PyBuffer_Release(&kinds);
    s->ret = ret;
    s->nout = nout;
    s->release_gil = release_gil;
    s->nerr = err_slots;
    s->abi = abi;
    s->all_objects = abi == 1;
    s->all_ints = abi == 0;
    for (int i = 0; i < s->nargs; i++)
        if (s->kinds[i] != PK_INT) s->all_ints = 0;
    for (int i = 0; i < s->nargs; i++)
        if (s->kinds[i] != PK_OBJECT) {
            s->all_objects = 0;
            s->checks[s->nchecks++] = (unsigned char)i;
        }
    Py_INCREF(deps);
    s->deps = deps;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(deps); i++) {
        PyObject *d = PyTuple_GET_ITEM(PyTuple_GET_ITEM(deps, i), 0);
        if (i == 0) s->deps_dict = d;
        else if (d != s->deps_dict) s->deps_dict = NULL;
        if (s->deps_dict == NULL) break;
    }
    Py_INCREF(plans);
    s->plans = plans;
    s->callees = callees != NULL && PyTuple_GET_SIZE(callees) ? Py_NewRef(callees) : NULL;
    s->code_epoch = 0;      /* (checked at the first call: a compile may outlast an assignment) */
    Py_INCREF(owner);
    s->owner = owner;
    s->keep_free_frame = 1;
    return (PyObject *)s;
}

static PyMemberDef spec_members[] = {
    {"owner", T_OBJECT, offsetof(Spec, owner), READONLY, "the Python NativeSpec"},
    {"release_gil", T_INT, offsetof(Spec, release_gil), READONLY, "runs with the GIL released"},
    {"frame", T_OBJECT, offsetof(Spec, frame), 0,
     "object code: the frame header (a list) each call copies into its guest frame"},
    {"keep_free_frame", T_INT, offsetof(Spec, keep_free_frame), 0,
     "object code: keep a call's frame for the next call (not for a closure: see Spec)"},
    {NULL},
};

/* Spec.set_frameless(ops, consts, names): the plan its object-code call sites run
 * instead of the call (codegen/frameless.py; checked: ValueError when malformed). */
static PyObject *spec_set_frameless(Spec *s, PyObject *args) {
    PyObject *ops, *consts, *names;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyBytes_Type, &ops, &PyTuple_Type, &consts, &PyTuple_Type, &names))
        return NULL;
    if (s->abi != 1) {
        PyErr_SetString(PyExc_ValueError, "frameless plans are for object code");
        return NULL;
    }
    PjFrameless *p = pj_frameless_new(ops, consts, names, s->nargs);
    if (p == NULL) return NULL;
    pj_frameless_free(s->frameless);
    s->frameless = p;
    Py_RETURN_NONE;
}

static PyMethodDef spec_methods[] = {
    {"set_frameless", (PyCFunction)spec_set_frameless, METH_VARARGS,
     "set_frameless(ops, consts, names): run this plan instead of the call at object-code sites"},
    {NULL},
};

static PyTypeObject SpecType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "protojit._pjentry.Spec",
    .tp_basicsize = sizeof(Spec),
    .tp_dealloc = (destructor)spec_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "One compiled specialisation behind a native entry.",
    .tp_traverse = (traverseproc)spec_traverse,
    .tp_clear = (inquiry)spec_clear,
    .tp_new = spec_new,
    .tp_members = spec_members,
    .tp_methods = spec_methods,
};

/* 1: the globals and ctypes plans still hold what the spec was compiled against;
 * 0: not; -1: error. */
static int spec_deps_check(Spec *s);

/* (inline: the common case, every dep in one dict that has not changed since they last
 * held and no ctypes plan, is two loads and a compare per call) */
static inline int spec_deps_hold(Spec *s) {
    if (s->code_epoch != pj_code_epoch) return spec_deps_check(s);
    if (s->deps_dict != NULL && s->deps_version != 0 && PyTuple_GET_SIZE(s->plans) == 0
            && ((PyDictObject *)s->deps_dict)->ma_version_tag == s->deps_version)
        return 1;
    if (PyTuple_GET_SIZE(s->deps) == 0 && PyTuple_GET_SIZE(s->plans) == 0) return 1;
    return spec_deps_check(s);
}

static int spec_deps_check(Spec *s) {
    if (s->code_epoch != pj_code_epoch) {
        /* a guest function's __code__ was assigned somewhere: do the callees whose code
         * this machine code runs still run that code? (their record's `code`) */
        uint64_t epoch = pj_code_epoch;
        Py_ssize_t nc = s->callees ? PyTuple_GET_SIZE(s->callees) : 0;
        for (Py_ssize_t i = 0; i < nc; i++) {
            PyObject *c = PyTuple_GET_ITEM(s->callees, i);
            PyObject *record = pj_func_record(PyTuple_GET_ITEM(c, 0));
            if (record == NULL) return 0;
            PyObject *code = PyObject_GetAttr(record, g_code_name);
            if (code == NULL) return -1;
            Py_DECREF(code);
            if (code != PyTuple_GET_ITEM(c, 1)) return 0;
        }
        s->code_epoch = epoch;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(s->deps);
    /* All deps in one dict (the function's globals): unchanged since they last held, they
     * still do (3.11's ma_version_tag changes with every write to the dict and is never
     * reused; read before the look-ups, so a write during them is seen next time). */
    uint64_t version = s->deps_dict ? ((PyDictObject *)s->deps_dict)->ma_version_tag : 0;
    if (version != 0 && version == s->deps_version) n = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *d = PyTuple_GET_ITEM(s->deps, i);
        PyObject *v = PyDict_GetItemWithError(PyTuple_GET_ITEM(d, 0), PyTuple_GET_ITEM(d, 1));
        if (v == NULL) {
            if (PyErr_Occurred()) return -1;
            v = g_missing;
        }
        if (v != PyTuple_GET_ITEM(d, 2)) return 0;
    }
    s->deps_version = version;
    n = PyTuple_GET_SIZE(s->plans);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *p = PyTuple_GET_ITEM(s->plans, i);
        PyObject *plan = PyObject_GetAttr(PyTuple_GET_ITEM(p, 0), g_plan_name);
        if (plan == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
            PyErr_Clear();
            return 0;
        }
        Py_DECREF(plan);
        if (plan != PyTuple_GET_ITEM(p, 1)) return 0;
    }
    return 1;
}

static void release_views(Py_buffer *views, int n) {
    for (int i = 0; i < n; i++) PyBuffer_Release(&views[i]);
}

/* A PK_ARRAY argument `v` as the spec's array `a` into slots[0..4]: 1 with views[0] held,
 * 0 (nothing held, no exception) when it is not such an array. */
static int unbox_array(Spec *s, int a, PyObject *v, int64_t *slots, Py_buffer *view) {
    if (Py_TYPE(v) != s->arr[a].type) return 0;
    if (PyObject_GetBuffer(v, view, PyBUF_RECORDS) < 0) {   /* (PyBUF_RECORDS: writable) */
        PyErr_Clear();   /* read-only, or no buffer: the Python dispatcher's business */
        return 0;
    }
    if (view->ndim != s->arr[a].ndim || view->itemsize != s->arr[a].itemsize
        || view->format == NULL || strcmp(view->format, s->arr[a].format) != 0
        || view->shape == NULL || view->strides == NULL) {
        PyBuffer_Release(view);
        return 0;
    }
    slots[0] = (int64_t)(intptr_t)view->buf;
    slots[1] = (int64_t)view->shape[0];
    slots[2] = view->ndim == 2 ? (int64_t)view->shape[1] : 1;
    slots[3] = (int64_t)view->strides[0];
    slots[4] = view->ndim == 2 ? (int64_t)view->strides[1] : 0;
    return 1;
}

/* Unbox `args` into `slots` by the spec's kinds: 1 when every argument fits (the arrays'
 * buffer views in views[0..*nviews), to be released after the call), 0 if not (none held). */
static int spec_unbox(Spec *s, PyObject *const *args, Py_ssize_t nargs, int64_t *slots,
                      Py_buffer *views, int *nviews) {
    *nviews = 0;
    if (nargs != s->nargs) return 0;
    if (s->all_ints) {
        /* (the common leaf: small ints only, one slot each; a bigger int takes the loop below) */
        int i = 0;
        for (; i < nargs; i++) {
            PyObject *v = args[i];
            if (!PyLong_CheckExact(v)) return 0;
            Py_ssize_t size = Py_SIZE(v);
            if (size < -1 || size > 1) break;
            slots[i] = size * (int64_t)((PyLongObject *)v)->ob_digit[0];
        }
        if (i == nargs) return 1;
    }
    for (int i = 0, pos = 0; i < s->nargs; i++, pos++) {
        PyObject *v = args[i];
        if (s->kinds[i] == PK_ARRAY) {
            if (!unbox_array(s, *nviews, v, &slots[pos], &views[*nviews])) {
                release_views(views, *nviews);
                *nviews = 0;
                return 0;
            }
            (*nviews)++;
            pos += ARRAY_SLOTS - 1;
            continue;
        }
        int ok = 1;
        int64_t *slot = &slots[pos];
        switch (s->kinds[i]) {
        case PK_INT: {
            if (!PyLong_CheckExact(v)) { ok = 0; break; }
            /* One 30-bit digit or none (3.11's layout; most ints): read it directly. */
            Py_ssize_t size = Py_SIZE(v);
            if (size >= -1 && size <= 1) {
                *slot = size * (int64_t)((PyLongObject *)v)->ob_digit[0];
                break;
            }
            int overflow;
            long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
            if (overflow) { ok = 0; break; }   /* (no error is set for an exact int) */
            *slot = (int64_t)x;
            break;
        }
        case PK_FLOAT: {
            if (!PyFloat_CheckExact(v)) { ok = 0; break; }
            double d = PyFloat_AS_DOUBLE(v);
            memcpy(slot, &d, sizeof d);
            break;
        }
        case PK_BOOL:
            if (v == Py_True) *slot = 1;
            else if (v == Py_False) *slot = 0;
            else { ok = 0; break; }
            break;
        case PK_NONE:
            if (v != Py_None) { ok = 0; break; }
            *slot = 0;
            break;
        default: /* PK_OBJECT */
            *slot = (int64_t)(intptr_t)v;
            break;
        }
        if (!ok) {
            release_views(views, *nviews);
            *nviews = 0;
            return 0;
        }
    }
    return 1;
}

static PyObject *spec_box(Spec *s, const int64_t *out) {
    switch (s->ret) {
    case PK_INT:
        return PyLong_FromLongLong((long long)out[0]);
    case PK_FLOAT: {
        double d;
        memcpy(&d, &out[0], sizeof d);
        return PyFloat_FromDouble(d);
    }
    case PK_BOOL:
        return PyBool_FromLong(out[0] != 0);
    case PK_NONE:
        Py_RETURN_NONE;
    case PK_NPINT:
    case PK_NPFLOAT:
    case PK_INTX:
    case PK_FLOATX: {
        int is_int = s->ret == PK_NPINT || s->ret == PK_INTX;
        int numpy = s->ret == PK_NPINT || s->ret == PK_NPFLOAT || out[1] != 0;
        PyObject *v;
        if (is_int) {
            v = PyLong_FromLongLong((long long)out[0]);
        } else {
            double d;
            memcpy(&d, &out[0], sizeof d);
            v = PyFloat_FromDouble(d);
        }
        if (v == NULL || !numpy) return v;
        PyObject *r = PyObject_CallOneArg(is_int ? g_np_int64 : g_np_float64, v);
        Py_DECREF(v);
        return r;
    }
    case PK_OBJECT: {
        PyObject *r = (PyObject *)(intptr_t)out[0];
        if (r == NULL && !PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "native code returned NULL without an exception");
        return r;
    }
    default: /* PK_SLOTS: the NativeSpec unpacks them (tuples, numpy scalars) */
        return PyBytes_FromStringAndSize((const char *)out, (Py_ssize_t)s->nout * 8);
    }
}

/* ---- Entry --------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    uint64_t generation;   /* new (g_generation) whenever `specs` is replaced: call-site
                              caches (PjCallCache) key on it */
    PyObject *specs;       /* list of Spec, tried in order */
    PyObject *fallback;    /* fallback(fn, args, back) */
    PyObject *on_failure;  /* on_failure(spec owner, status, err, fn, args, back, host) */
    PyObject *unpack;      /* unpack(spec owner, bytes): a PK_SLOTS result */
    int host_units;        /* the level a call from host code adds (pjcaller.c
                              pj_entry_units: fixed by the code's name, and an Entry
                              belongs to one code object); -1 until the first such call */
} Entry;

/* The last generation handed out (Entry.generation): never reused, so an entry and
 * generation a call-site cache remembers match only the entry it was filled from, with the
 * same specs list (which holds the cached spec), even after that entry was freed and
 * another allocated at its address. Updated holding the GIL. */
static uint64_t g_generation;

static PyObject NOT_APPLICABLE_OBJ_PLACEHOLDER;
#define NOT_APPLICABLE (&NOT_APPLICABLE_OBJ_PLACEHOLDER)

/* (an owned argument the machine code took is NULL in `args` by then: None stands for it in
 * a failure's tuple) */
static PyObject *args_as_tuple(PyObject *const *args, Py_ssize_t nargs) {
    PyObject *tup = PyTuple_New(nargs);
    if (tup == NULL) return NULL;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyObject *x = args[i] != NULL ? args[i] : Py_None;
        Py_INCREF(x);
        PyTuple_SET_ITEM(tup, i, x);
    }
    return tup;
}

/* A call that copies an owned vector `args` (t_own_vec: its nargs + nkw references) into
 * `vec` (n items, each from `args` or a reference held elsewhere: self, a default) makes
 * `vec` the owned one: each item gets a reference, those of `args` are given up (NULL;
 * `vec` holds each). 0 when `args` is not owned (nothing done). own_copy_done releases
 * what the call left in `vec`. */
static inline int own_copy(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t nkw, PyObject **vec,
                           Py_ssize_t n) {
    if (args != t_own_vec || args == NULL) return 0;
    PyObject **own = (PyObject **)args;
    for (Py_ssize_t i = 0; i < n; i++) Py_XINCREF(vec[i]);
    for (Py_ssize_t i = 0; i < nargs + nkw; i++) {
        if (own[i] == NULL) continue;
        Py_SET_REFCNT(own[i], Py_REFCNT(own[i]) - 1);   /* (`vec` holds it: not the last) */
        own[i] = NULL;
    }
    t_own_vec = vec;
    return 1;
}

static inline void own_copy_done(PyObject **vec, Py_ssize_t n) {
    if (t_own_vec == vec) t_own_vec = NULL;
    for (Py_ssize_t i = 0; i < n; i++) Py_XDECREF(vec[i]);
}

/* own_copy undone for a keyword call's vector (call_vector's, positions `pos`) whose call
 * did not run: `args` owns its references again. */
static void own_copy_undo_kw(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t nkw, PyObject **vec,
                             Py_ssize_t n, const int8_t *pos) {
    PyObject **own = (PyObject **)args;
    for (Py_ssize_t i = 0; i < nargs; i++) own[i] = Py_NewRef(vec[i]);
    for (Py_ssize_t i = 0; i < nkw; i++) own[nargs + i] = Py_NewRef(vec[pos[i]]);
    own_copy_done(vec, n);
    t_own_vec = args;
}

/* The guest frame of one object-code call (DESIGN decisions 3/4): a frame list made from
 * the spec's header (or the spec's free frame, left by an earlier call), with its caller
 * `back` (NULL: host code called, so the caller is the thread's published frame), its
 * function and its depth (the caller's + 1), published as the thread's current frame for
 * the call (so the guest functions it calls, sys._getframe, inspect and warnings see it as
 * their caller) and handed to the machine code in err[g_err_frame]. Returns the frame (a
 * reference the caller owns; NULL with no exception: the spec has no header) and in
 * `*prev` the published frame to restore (a reference, NULL for None). */
/* The int `d` (a new reference): from a table for the depths most calls have (a frame's
 * F_DEPTH; PyLong_FromLongLong allocates past 256, at every call of a deep recursion). */
#define DEPTH_INTS 2048
PyObject *pj_depth_ints[DEPTH_INTS];   /* (exported: direct calls take their depths from it) */
#define g_depth_ints pj_depth_ints

static inline PyObject *depth_int(long long d) {
    if (d >= 0 && d < DEPTH_INTS) {
        PyObject *v = g_depth_ints[d];
        if (v == NULL) {
            v = PyLong_FromLongLong(d);
            if (v == NULL) return NULL;
            g_depth_ints[d] = v;   /* (the table's reference: kept for the process) */
        }
        Py_INCREF(v);
        return v;
    }
    return PyLong_FromLongLong(d);
}

/* Item `i` of a free frame becomes `v` (an int, or the function the header also holds, was
 * there: its release runs no code). */
static inline void frame_item_set(PyObject *frame, Py_ssize_t i, PyObject *v) {
    PyObject *old = PyList_GET_ITEM(frame, i);
    if (old == v) return;
    Py_INCREF(v);
    PyList_SET_ITEM(frame, i, v);
    Py_DECREF(old);
}

static PyObject *object_frame_push(Spec *s, PyObject *fn, PyObject *caller, long long base, int64_t *err,
                                   PyObject **prev) {
    *prev = NULL;
    PyObject *header = s->frame;
    if (header == NULL || !PyList_CheckExact(header)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(header);
    if (n <= F_DEPTH) return NULL;
    if (caller == NULL) caller = Py_None;
    PyObject *depth;
    if (PyList_CheckExact(caller) && PyList_GET_SIZE(caller) > F_DEPTH) {
        depth = depth_int(base + 1);
        if (depth == NULL) return NULL;
    } else {
        depth = PyList_GET_ITEM(header, F_DEPTH);
        Py_INCREF(depth);
    }
    PyObject *frame = s->free_frame;
    if (frame != NULL) {
        /* the free frame: the header's items but for these four (object_frame_done left
         * F_BACK None; refcount 1 then: no frame object, no traceback, so nothing else
         * wrote into it) */
        s->free_frame = NULL;
        Py_INCREF(caller);
        PyList_SET_ITEM(frame, F_BACK, caller);   /* (was None) */
        frame_item_set(frame, F_FUNCTION, fn);
        frame_item_set(frame, F_DEPTH, depth);
        frame_item_set(frame, F_LINENO, PyList_GET_ITEM(header, F_LINENO));
    } else {
        if ((frame = PyList_New(n)) == NULL) {
            Py_DECREF(depth);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *x = i == F_BACK ? caller : i == F_FUNCTION ? fn : i == F_DEPTH ? depth
                          : PyList_GET_ITEM(header, i);
            Py_INCREF(x);
            PyList_SET_ITEM(frame, i, x);
        }
    }
    Py_DECREF(depth);
    *prev = t_frame;   /* (its reference moves to *prev) */
    Py_INCREF(frame);
    t_frame = frame;
    err[g_err_frame] = (int64_t)(intptr_t)frame;
    return frame;
}

/* The call is over: the caller's published frame again (an exception in flight kept). */
static void object_frame_pop(PyObject *frame, PyObject *prev) {
    if (frame == NULL) return;
    PyObject *cur = t_frame;
    t_frame = prev;
    if (cur == frame) {
        Py_DECREF(cur);   /* (the caller still owns a reference: no code runs) */
    } else if (cur == prev && cur != NULL) {
        Py_DECREF(cur);   /* (its exit published its caller, pj_frame_exit: `prev` holds it) */
    } else if (cur != NULL) {   /* a callee published a frame and left it: drop it */
        PyObject *et, *ev, *etb;
        PyErr_Fetch(&et, &ev, &etb);
        Py_DECREF(cur);
        PyErr_Restore(et, ev, etb);
    }
}

/* The caller's reference to `frame` (object_frame_push) is given back. When nothing else
 * refers to it (no traceback, frame object or callee kept it), it becomes the spec's free
 * frame and the next call reuses it, without its caller (F_BACK None). */
static void object_frame_done(Spec *s, PyObject *frame) {
    if (frame == NULL) return;
    if (Py_REFCNT(frame) == 1 && s->free_frame == NULL && s->frame != NULL && s->keep_free_frame
            && PyList_GET_SIZE(frame) == PyList_GET_SIZE(s->frame)) {
        PyObject *back = PyList_GET_ITEM(frame, F_BACK);
        Py_INCREF(Py_None);
        PyList_SET_ITEM(frame, F_BACK, Py_None);
        s->free_frame = frame;
        Py_DECREF(back);   /* (the caller's frame: its own call still holds it) */
        return;
    }
    Py_DECREF(frame);
}

static PyObject *object_failure(Entry *e, Spec *s, PyObject *fn, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *args_tuple, PyObject *back, PyObject *frame, int64_t *err);

/* Object code: the machine code takes the argument vector; an exception it raised goes to
 * on_failure as the `status` (an exception object) with the error record, whose
 * err[g_err_frame] item is the call's guest frame. */
static PyObject *spec_run_object(Entry *e, Spec *s, PyObject *fn, PyObject *const *args,
                                 Py_ssize_t nargs, PyObject *args_tuple, PyObject *back,
                                 PyObject *caller, long long base, int64_t *err) {
    err[0] = 0;
    err[g_err_frame] = 0;
    PyObject *prev;
    PyObject *frame = object_frame_push(s, fn, caller, base, err, &prev);
    if (frame == NULL && PyErr_Occurred()) return NULL;
    err[ERR_OWNED] = args == t_own_vec;
    t_own_vec = NULL;
    PyObject *r = ((object_entry_fn)(void *)s->fn)(args, err);
    object_frame_pop(frame, prev);
    if (r != NULL || !PyErr_Occurred()) {
        if (r == NULL) PyErr_SetString(PyExc_SystemError, "object code returned NULL without an exception");
        object_frame_done(s, frame);
        return r;
    }
    return object_failure(e, s, fn, args, nargs, args_tuple, back, frame, err);
}

/* The machine code of object-code spec `s` raised (its frame `frame` unpublished already,
 * a reference this consumes): on_failure's result or exception, as described above. */
static PyObject *object_failure(Entry *e, Spec *s, PyObject *fn, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *args_tuple, PyObject *back, PyObject *frame, int64_t *err) {
    PyObject *r = NULL;
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    PyErr_NormalizeException(&et, &ev, &etb);
    if (etb != NULL && ev != NULL) PyException_SetTraceback(ev, etb);
    Py_XDECREF(et);
    Py_XDECREF(etb);
    PyObject *owner = s->owner;
    Py_INCREF(owner);
    PyObject *tup = args_tuple;
    if (tup != NULL) Py_INCREF(tup);
    else tup = args_as_tuple(args, nargs);
    PyObject *errs = tup == NULL ? NULL : PyTuple_New(s->nerr);
    if (errs != NULL && ev != NULL) {
        for (int i = 0; i < s->nerr; i++) {
            PyObject *x;
            if (i == g_err_frame && frame != NULL) {
                x = frame;    /* the guest frame itself, for the traceback entry */
                Py_INCREF(x);
            } else {
                x = PyLong_FromLongLong((long long)err[i]);
            }
            if (x == NULL) {
                Py_CLEAR(errs);
                break;
            }
            PyTuple_SET_ITEM(errs, i, x);
        }
    }
    if (errs != NULL && ev != NULL)
        r = PyObject_CallFunctionObjArgs(e->on_failure, owner, ev, errs, fn, tup,
                                         back ? back : Py_None, back ? Py_False : Py_True, NULL);
    Py_XDECREF(errs);
    Py_XDECREF(ev);
    Py_XDECREF(frame);
    Py_DECREF(owner);
    Py_XDECREF(tup);
    return r;
}

/* Call the machine code of `s` on unboxed `slots`; the result (boxed), or the result of
 * on_failure for a deopt or a guest exception. */
static PyObject *spec_run(Entry *e, Spec *s, int64_t *slots, Py_buffer *views, int nviews,
                          PyObject *fn, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *args_tuple, PyObject *back) {
    int64_t out[MAX_OUT];
    int64_t err[ERR_SLOTS];
    int32_t status;
    long long depth = start_depth(back);
    if (depth < 0) return PyErr_Occurred() ? NULL : NOT_APPLICABLE;   /* tier 0 runs it */
    err[ERR_DEPTH] = depth;
    if (s->release_gil) {
        Py_BEGIN_ALLOW_THREADS
        status = s->fn(slots, out, err);
        Py_END_ALLOW_THREADS
    } else {
        status = s->fn(slots, out, err);
    }
    /* the arrays' memory is the machine code's no longer: tier 0's re-run of a deopt
     * (on_failure) may resize them */
    release_views(views, nviews);
    if (status == 0 && s->ret != PK_SLOTS) return spec_box(s, out);
    PyObject *owner = s->owner;
    Py_INCREF(owner);   /* (the callbacks may drop the spec) */
    PyObject *r = NULL;
    if (status == 0) {
        PyObject *raw = spec_box(s, out);
        if (raw != NULL) {
            r = PyObject_CallFunctionObjArgs(e->unpack, owner, raw, NULL);
            Py_DECREF(raw);
        }
        Py_DECREF(owner);
        return r;
    }
    PyObject *errs = PyTuple_New(s->nerr);
    PyObject *st = PyLong_FromLong((long)status);
    PyObject *tup = args_tuple;
    if (tup != NULL) {
        Py_INCREF(tup);
    } else if ((tup = PyTuple_New(nargs)) != NULL) {
        for (Py_ssize_t i = 0; i < nargs; i++) {
            Py_INCREF(args[i]);
            PyTuple_SET_ITEM(tup, i, args[i]);
        }
    }
    if (errs == NULL || st == NULL || tup == NULL) goto done;
    for (int i = 0; i < s->nerr; i++) {
        PyObject *x = PyLong_FromLongLong((long long)err[i]);
        if (x == NULL) goto done;
        PyTuple_SET_ITEM(errs, i, x);
    }
    r = PyObject_CallFunctionObjArgs(e->on_failure, owner, st, errs, fn, tup,
                                     back ? back : Py_None, back ? Py_False : Py_True, NULL);
done:
    Py_XDECREF(tup);
    Py_XDECREF(errs);
    Py_XDECREF(st);
    Py_DECREF(owner);
    return r;
}

/* Run the first applicable spec for fn(*args): a new reference, NULL with an exception set,
 * or NOT_APPLICABLE (borrowed, no exception) when no spec applies. `args_tuple`: the same
 * arguments as a tuple, or NULL (made when a Python callback needs it); `back` NULL means
 * a call from host code. */
/* Whether object code's spec `s` takes `args`: the count, and each argument that is not
 * an object slot of the kind the entry unboxes (spec_unbox's checks, without the slots). */
static int spec_takes(Spec *s, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != s->nargs) return 0;
    if (s->all_objects) return 1;
    for (int i = 0; i < s->nargs; i++) {
        PyObject *v = args[i];
        switch (s->kinds[i]) {
        case PK_OBJECT:
            break;
        case PK_INT: {
            if (!PyLong_CheckExact(v)) return 0;
            Py_ssize_t size = Py_SIZE(v);
            if (size < -1 || size > 1) {
                int overflow;
                (void)PyLong_AsLongLongAndOverflow(v, &overflow);
                if (overflow) return 0;
            }
            break;
        }
        case PK_FLOAT:
            if (!PyFloat_CheckExact(v)) return 0;
            break;
        case PK_BOOL:
            if (v != Py_True && v != Py_False) return 0;
            break;
        case PK_NONE:
            if (v != Py_None) return 0;
            break;
        default:
            return 0;
        }
    }
    return 1;
}

/* spec_takes for a call-site hit (the count already checked): only the arguments that are
 * not object slots, the common kinds inline. */
static inline int spec_takes_hit(Spec *s, PyObject *const *args, Py_ssize_t nargs) {
    for (int j = 0; j < s->nchecks; j++) {
        PyObject *v = args[s->checks[j]];
        switch (s->kinds[s->checks[j]]) {
        case PK_INT:
            if (!PyLong_CheckExact(v)) return 0;
            if (Py_SIZE(v) < -1 || Py_SIZE(v) > 1) return spec_takes(s, args, nargs);
            break;
        case PK_FLOAT:
            if (!PyFloat_CheckExact(v)) return 0;
            break;
        case PK_BOOL:
            if (v != Py_True && v != Py_False) return 0;
            break;
        case PK_NONE:
            if (v != Py_None) return 0;
            break;
        default:
            return spec_takes(s, args, nargs);
        }
    }
    return 1;
}

/* A spec of each ABI tried on `args`: the call's result, NULL (an exception), or
 * NOT_APPLICABLE (the next spec is tried). Each keeps its buffers in its own frame, taken
 * only while it runs: object code recurses through these calls, and the C stack each
 * level takes bounds how deep a native recursion can go (c_stack_exhausted). */
static __attribute__((noinline)) PyObject *
spec_try_object(Entry *e, Spec *s, PyObject *fn, PyObject *const *args, Py_ssize_t nargs,
                PyObject *args_tuple, PyObject *back) {
    if (g_err_frame < 0) return NOT_APPLICABLE;   /* (set_frames first) */
    if (nargs != s->nargs || (!s->all_objects && !spec_takes(s, args, nargs))) return NOT_APPLICABLE;
    int held = spec_deps_hold(s);
    if (held <= 0) return held < 0 ? NULL : NOT_APPLICABLE;
    /* the caller: `back`, or host code's (the thread's published frame) */
    PyObject *caller = back ? back : t_frame;
    long long units = 0;
    if (back == NULL && t_entry_caller != NULL) {
        caller = t_entry_caller;
        units = t_entry_units;
    }
    long long base = frame_depth_of(caller);
    if (base == -1 && PyErr_Occurred()) return NULL;
    if (units) {
        if (base + units > g_recursion_limit) {
            t_entry_caller = NULL;
            return NOT_APPLICABLE;   /* tier 0 (host_call) raises CPython's error */
        }
        base += units;
    }
    t_entry_caller = NULL;   /* (read: the calls the machine code makes are its own) */
    if (start_from(base) < 0) return NOT_APPLICABLE;   /* near the limit: tier 0 runs it */
    int64_t err[ERR_SLOTS];
    return spec_run_object(e, s, fn, args, nargs, args_tuple, back, caller, base, err);
}

static __attribute__((noinline)) PyObject *
spec_try_slots(Entry *e, Spec *s, PyObject *fn, PyObject *const *args, Py_ssize_t nargs,
               PyObject *args_tuple, PyObject *back) {
    int64_t slots[MAX_ARGS];
    Py_buffer views[MAX_ARRAYS];
    int nviews;
    if (!spec_unbox(s, args, nargs, slots, views, &nviews)) return NOT_APPLICABLE;
    int held = spec_deps_hold(s);
    if (held <= 0) {
        release_views(views, nviews);
        return held < 0 ? NULL : NOT_APPLICABLE;
    }
    return spec_run(e, s, slots, views, nviews, fn, args, nargs, args_tuple, back);
}

static PyObject *entry_run(Entry *e, PyObject *fn, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *args_tuple, PyObject *back) {
    PyObject *specs = e->specs;
    Py_ssize_t nspecs = PyList_GET_SIZE(specs);
    if (nspecs == 0) return NOT_APPLICABLE;
    /* (another thread may replace e->specs while this one runs without the GIL) */
    Py_INCREF(specs);
    PyObject *r = NOT_APPLICABLE;
    for (Py_ssize_t k = 0; k < nspecs && r == NOT_APPLICABLE; k++) {
        Spec *s = (Spec *)PyList_GET_ITEM(specs, k);
        r = s->abi == 1 ? spec_try_object(e, s, fn, args, nargs, args_tuple, back)
                        : spec_try_slots(e, s, fn, args, nargs, args_tuple, back);
    }
    Py_DECREF(specs);
    return r;
}

/* Tier 0's self time (protojit/tiering.py _start_timed): while a timed tier-0 call is on
 * this thread's stack (t_clock_depth > 0), each call of tier 0 into machine code adds its
 * seconds (monotonic clock: a vDSO read, not a system call) to t_native_seconds, which
 * the timed call subtracts: a driver whose callees are native is not hot for their time. */
PJ_TLS long t_clock_depth;
PJ_TLS double t_native_seconds;

static inline double monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static __attribute__((noinline)) PyObject *
entry_run_clocked(Entry *e, PyObject *fn, PyObject *const *args, Py_ssize_t nargs, PyObject *t,
                  PyObject *back) {
    double t0 = monotonic_seconds();
    PyObject *r = entry_run(e, fn, args, nargs, t, back);
    t_native_seconds += monotonic_seconds() - t0;
    return r;
}

/* native_clock(delta): add delta (1: a timed call opens, -1: it closes) to this thread's
 * count of timed tier-0 calls; the thread's native seconds so far (a float). */
static PyObject *native_clock(PyObject *mod, PyObject *arg) {
    long d = PyLong_AsLong(arg);
    if (d == -1 && PyErr_Occurred()) return NULL;
    t_clock_depth += d;
    return PyFloat_FromDouble(t_native_seconds);
}

/* entry(fn, args, back): the `invoke` signature of protojit's Function. `args` a tuple, or
 * a list that tier 0's call handed over (runtime/function.py ARGUMENTS_HANDED_OVER: no one
 * else holds it, so its items stay put while the machine code borrows them). */
static PyObject *entry_vectorcall(PyObject *self, PyObject *const *argv, size_t nargsf,
                                  PyObject *kwnames) {
    Entry *e = (Entry *)self;
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    PyObject *t = n == 3 ? argv[1] : NULL;
    if (t == NULL || (kwnames && PyTuple_GET_SIZE(kwnames)) || !(PyTuple_Check(t) || PyList_CheckExact(t))) {
        PyErr_SetString(PyExc_TypeError, "native entry: expected (fn, args: tuple or list, back)");
        return NULL;
    }
    /* (a tuple: its items; a list handed over: its items, and no tuple for on_failure) */
    int is_tuple = PyTuple_Check(t);
    PyObject *const *args = is_tuple ? &PyTuple_GET_ITEM(t, 0) : ((PyListObject *)t)->ob_item;
    /* A handed-over list's items are NULL while the callee holds them (object code takes
     * them): out of the collector's sight meanwhile, so gc.get_objects()/get_referrers() of
     * guest code in the callee never hand out a list with holes in it (a crash on iterating it) */
    int untracked = !is_tuple && PyObject_GC_IsTracked(t);
    if (untracked) PyObject_GC_UnTrack(t);
    if (!is_tuple) t_own_vec = args;   /* (its references are the callee's: object code takes them) */
    PyObject *r = t_clock_depth > 0
        ? entry_run_clocked(e, argv[0], args, Py_SIZE(t), is_tuple ? t : NULL, argv[2])
        : entry_run(e, argv[0], args, Py_SIZE(t), is_tuple ? t : NULL, argv[2]);
    if (!is_tuple) {
        if (t_own_vec == args) t_own_vec = NULL;
        /* emptied, as tier 0's invoker empties it (what the machine code took is NULL) */
        if (r != NOT_APPLICABLE && PyList_SetSlice(t, 0, PY_SSIZE_T_MAX, NULL) < 0) {
            Py_XDECREF(r);
            r = NULL;
        }
        if (untracked) PyObject_GC_Track(t);
        if (r == NULL) return NULL;
    }
    if (r != NOT_APPLICABLE) return r;
    return PyObject_Vectorcall(e->fallback, argv, 3, NULL);
}

static PyObject *entry_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
    PyObject *fallback, *on_failure, *unpack;
    if (!PyArg_ParseTuple(args, "OOO", &fallback, &on_failure, &unpack)) return NULL;
    Entry *e = (Entry *)type->tp_alloc(type, 0);
    if (e == NULL) return NULL;
    e->specs = PyList_New(0);
    if (e->specs == NULL) {
        Py_DECREF(e);
        return NULL;
    }
    e->vectorcall = entry_vectorcall;
    e->generation = ++g_generation;
    e->host_units = -1;
    Py_INCREF(fallback);
    e->fallback = fallback;
    Py_INCREF(on_failure);
    e->on_failure = on_failure;
    Py_INCREF(unpack);
    e->unpack = unpack;
    return (PyObject *)e;
}

static int entry_traverse(Entry *e, visitproc visit, void *arg) {
    Py_VISIT(e->specs);
    Py_VISIT(e->fallback);
    Py_VISIT(e->on_failure);
    Py_VISIT(e->unpack);
    return 0;
}

static int entry_clear(Entry *e) {
    e->generation = ++g_generation;
    Py_CLEAR(e->specs);
    Py_CLEAR(e->fallback);
    Py_CLEAR(e->on_failure);
    Py_CLEAR(e->unpack);
    return 0;
}

static void entry_dealloc(Entry *e) {
    PyObject_GC_UnTrack(e);
    entry_clear(e);
    Py_TYPE(e)->tp_free((PyObject *)e);
}

/* The specs list is replaced, never mutated in place: entry_run may be iterating it while a
 * callback (on_failure, unpack) changes the entry's specs. */
static int entry_set_specs(Entry *e, PyObject *value, void *closure) {
    if (value == NULL || !PyList_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "specs must be a list of Spec");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(value); i++)
        if (!Py_IS_TYPE(PyList_GET_ITEM(value, i), &SpecType)) {
            PyErr_SetString(PyExc_TypeError, "specs must be a list of Spec");
            return -1;
        }
    PyObject *copy = PyList_GetSlice(value, 0, PyList_GET_SIZE(value));
    if (copy == NULL) return -1;
    e->generation = ++g_generation;   /* (before the old list, and the specs only it held, go) */
    Py_SETREF(e->specs, copy);
    return 0;
}

static PyObject *entry_get_specs(Entry *e, void *closure) {
    return PyList_GetSlice(e->specs, 0, PyList_GET_SIZE(e->specs));
}

static PyGetSetDef entry_getset[] = {
    {"specs", (getter)entry_get_specs, (setter)entry_set_specs, "the specs tried in order (a copy)", NULL},
    {NULL},
};

static PyMemberDef entry_members[] = {
    {"fallback", T_OBJECT, offsetof(Entry, fallback), READONLY, NULL},
    {NULL},
};

static PyTypeObject EntryType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "protojit._pjentry.Entry",
    .tp_basicsize = sizeof(Entry),
    .tp_dealloc = (destructor)entry_dealloc,
    .tp_vectorcall_offset = offsetof(Entry, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Entry(fallback, on_failure, unpack): a guest function's native invoke.",
    .tp_traverse = (traverseproc)entry_traverse,
    .tp_clear = (inquiry)entry_clear,
    .tp_new = entry_new,
    .tp_getset = entry_getset,
    .tp_members = entry_members,
};

/* ---- FunctionBase -------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject *invoke;
} FunctionBase;

static PyObject *fb_host_call(PyObject *self, PyObject *args, PyObject *kwargs) {
    if (g_host_call == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "protojit._pjentry: host_call not set");
        return NULL;
    }
    return PyObject_CallFunctionObjArgs(g_host_call, self, args, kwargs ? kwargs : Py_None, NULL);
}

/* The C stack. Every call of a guest function from C code (sorted's key, a slot such as
 * __eq__ or __init__, a callback) runs a new interpreter loop on the C stack, so a recursion
 * through host code uses it at each level (tier-0 calls between guest functions do not).
 * CPython 3.11 counts such levels in its recursion limit and relies on that; protojit's
 * levels take more C stack than CPython's, so the call fails with CPython's RecursionError
 * when less than STACK_MARGIN (a quarter of a small thread stack) is left, rather than
 * crashing the process where CPython would not. */
#define STACK_MARGIN (256 * 1024)
/* t_stack_low: the lowest address a call may start below (0: none); t_stack_known: set */

static int c_stack_first_check(void);

/* (inline: object code's every call of a guest function checks it) */
static inline int c_stack_exhausted(void) {
    char probe;
    if (__builtin_expect(!t_stack_known, 0)) return c_stack_first_check();
    return t_stack_low != 0 && (uintptr_t)&probe < t_stack_low;
}

static __attribute__((noinline)) int c_stack_first_check(void) {
    char probe;
    if (!t_stack_known) {
        t_stack_known = 1;
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            void *addr;
            size_t size;
            if (pthread_attr_getstack(&attr, &addr, &size) == 0 && size > 0) {
                size_t margin = size / 4 < STACK_MARGIN ? size / 4 : STACK_MARGIN;
                t_stack_low = (uintptr_t)addr + margin;
            }
            pthread_attr_destroy(&attr);
        }
    }
    return t_stack_low != 0 && (uintptr_t)&probe < t_stack_low;
}

/* Set when a guest call fails for the guest's recursion (the C stack check here, a native
 * constructor's depth check), read and cleared by runtime/tracebacks.py: its RecursionError
 * carries the host's message until the guest frame gets it, and only a guest recursion's
 * message becomes the guest's (a C-level cycle with no guest frame keeps the C one). */
PJ_TLS int t_guest_recursion;

static PyObject *stack_recursion_error(void) {
    t_guest_recursion = 1;
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded while calling a Python object");
    return NULL;
}

/* release_locals(frame): a tier-0 function frame (protojit/frames.py: a list, its local
 * slots from index 10 on) whose call returned releases its slots first to last, as
 * CPython's frame clear does (co_varnames order): the list's own deallocation releases
 * its items last to first, and guest __del__ methods showed the reverse order. Only a
 * frame nothing else holds but the caller's variable and this call's argument, and its
 * view (ExecutionFrame at F_VIEW, which holds the frame):
 *   - a view nothing else holds goes first (it would have lived on in a cycle with the
 *     frame until a collection);
 *   - a view something holds (sys._getframe() kept) keeps the frame and its locals alive,
 *     as CPython's frame object does; the frame then holds it weakly, so the view dies with
 *     its last holder and its __del__ calls this again for the locals.
 * Each slot becomes None before its value goes, so a __del__ that walks objects never
 * sees a released one. Returns None. */
#define RL_F_VIEW 8
#define RL_HEADER 10
static PyObject *release_locals(PyObject *mod, PyObject *frame) {
    if (!PyList_CheckExact(frame) || PyList_GET_SIZE(frame) < RL_HEADER)
        Py_RETURN_NONE;
    PyObject *view = PyList_GET_ITEM(frame, RL_F_VIEW);
    if (view != Py_None && !PyWeakref_CheckRef(view)) {
        if (Py_REFCNT(frame) != 3)
            Py_RETURN_NONE;
        if (Py_REFCNT(view) == 1) {
            Py_INCREF(Py_None);
            PyList_SET_ITEM(frame, RL_F_VIEW, Py_None);
            Py_DECREF(view);    /* (its __del__ finds the frame held here: a no-op) */
        } else {
            PyObject *ref = PyWeakref_NewRef(view, NULL);
            if (ref == NULL) return NULL;
            PyList_SET_ITEM(frame, RL_F_VIEW, ref);
            Py_DECREF(view);    /* (held elsewhere: no code runs) */
            Py_RETURN_NONE;
        }
    }
    if (Py_REFCNT(frame) != 2)
        Py_RETURN_NONE;
    for (Py_ssize_t i = RL_HEADER; i < PyList_GET_SIZE(frame); i++) {
        PyObject *old = PyList_GET_ITEM(frame, i);
        if (old == Py_None)
            continue;
        Py_INCREF(Py_None);
        PyList_SET_ITEM(frame, i, Py_None);
        Py_XDECREF(old);     /* (a __del__ may run here; the size is read again) */
    }
    Py_RETURN_NONE;
}

/* tier0_frame(code, firstline, padding, argcount, fn, globals, builtins, back, args): the
 * frame of a tier-0 call with positional arguments only (runtime/function.py's invokers;
 * protojit/frames.py's layout): [code, globals, builtins, None, back, firstline, fn, None,
 * None, depth, *args, *padding], its depth the caller's + 1. `args` a tuple (the caller
 * keeps it: its items get a reference) or a list handed over (ARGUMENTS_HANDED_OVER there:
 * its references move to the frame and it is left empty, so the frame holds the only ones).
 * None, with `args` untouched, when the binding or the depth needs the general path: not
 * `argcount` arguments, `back` not a guest frame, its depth at the guest limit (or past
 * MAX_TIER0_DEPTH, the invokers' table). One C call instead of the list display, the
 * unpacking and the list's emptying in bytecode. */
#define MAX_TIER0_DEPTH (1LL << 20)
static PyObject *tier0_frame(PyObject *mod, PyObject *const *a, Py_ssize_t n) {
    if (n != 9 || !PyTuple_CheckExact(a[2])) {
        PyErr_SetString(PyExc_TypeError, "tier0_frame(code, firstline, padding: tuple, argcount, fn, "
                                         "globals, builtins, back, args)");
        return NULL;
    }
    PyObject *padding = a[2], *back = a[7], *args = a[8];
    Py_ssize_t argcount = PyLong_AsSsize_t(a[3]);
    if (argcount == -1 && PyErr_Occurred()) return NULL;
    int is_list = PyList_CheckExact(args);
    if (!is_list && !PyTuple_CheckExact(args)) Py_RETURN_NONE;
    if (Py_SIZE(args) != argcount) Py_RETURN_NONE;
    if (!PyList_CheckExact(back) || PyList_GET_SIZE(back) <= F_DEPTH
            || !PyLong_CheckExact(PyList_GET_ITEM(back, F_DEPTH)))
        Py_RETURN_NONE;
    long long d = frame_depth_of(back);
    if (d < 0 || d >= g_recursion_limit || d >= MAX_TIER0_DEPTH) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    PyObject *depth = depth_int(d + 1);
    if (depth == NULL) return NULL;
    Py_ssize_t npad = PyTuple_GET_SIZE(padding);
    PyObject *frame = PyList_New(RL_HEADER + argcount + npad);
    if (frame == NULL) {
        Py_DECREF(depth);
        return NULL;
    }
    PyObject **items = ((PyListObject *)frame)->ob_item;
    PyObject *head[RL_HEADER] = {a[0], a[5], a[6], Py_None, back, a[1], a[4], Py_None, Py_None, NULL};
    for (int i = 0; i < F_DEPTH; i++) {
        Py_INCREF(head[i]);
        items[i] = head[i];
    }
    items[F_DEPTH] = depth;
    PyObject **src = is_list ? ((PyListObject *)args)->ob_item : &PyTuple_GET_ITEM(args, 0);
    for (Py_ssize_t i = 0; i < argcount; i++) {
        if (!is_list) Py_INCREF(src[i]);
        items[RL_HEADER + i] = src[i];
    }
    if (is_list) Py_SET_SIZE(args, 0);   /* (moved: the list keeps its storage, no item) */
    for (Py_ssize_t i = 0; i < npad; i++) {
        PyObject *v = PyTuple_GET_ITEM(padding, i);
        Py_INCREF(v);
        items[RL_HEADER + argcount + i] = v;
    }
    return frame;
}

/* hand_over(args, kwargs): runtime/function.py ARGUMENTS_HANDED_OVER, once the frame holds
 * the arguments (bound: the frame has its own references): a list `args` was handed over,
 * and is emptied with its keyword dict; a tuple (its caller keeps it) leaves both as they
 * are. None; no code runs (the frame holds every item). */
static PyObject *hand_over(PyObject *mod, PyObject *const *a, Py_ssize_t n) {
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "hand_over(args, kwargs)");
        return NULL;
    }
    if (!PyList_CheckExact(a[0])) Py_RETURN_NONE;
    PyObject **items = ((PyListObject *)a[0])->ob_item;
    Py_ssize_t n_items = PyList_GET_SIZE(a[0]);
    Py_SET_SIZE(a[0], 0);   /* (empty first; its storage stays until the list goes) */
    for (Py_ssize_t i = 0; i < n_items; i++) Py_DECREF(items[i]);
    if (PyDict_CheckExact(a[1]) && PyDict_GET_SIZE(a[1]) > 0) PyDict_Clear(a[1]);
    Py_RETURN_NONE;
}

/* hold_items(list, hold): each item of `list` gets one more reference (hold true) or gives
 * one back (hold false, after an earlier hold_items(list, True) of the same list). The
 * exit's collection of the young generations (runtime/runner.py _order_by_age) holds every
 * young object so that it finds nothing unreachable. Returns None. */
static PyObject *hold_items(PyObject *mod, PyObject *args) {
    PyObject *list;
    int hold;
    if (!PyArg_ParseTuple(args, "O!p", &PyList_Type, &list, &hold)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(list);
    if (hold) {
        for (Py_ssize_t i = 0; i < n; i++) Py_INCREF(PyList_GET_ITEM(list, i));
        Py_RETURN_NONE;
    }
    /* (the list holds each item too: none is released here, no code runs mid-loop) */
    for (Py_ssize_t i = 0; i < n; i++) Py_DECREF(PyList_GET_ITEM(list, i));
    Py_RETURN_NONE;
}

static PyObject *take_guest_recursion(PyObject *mod, PyObject *unused) {
    int was = t_guest_recursion;
    t_guest_recursion = 0;
    return PyBool_FromLong(was);
}

/* A call with keywords of a function with a native entry: the binder (a Python function)
 * gives the positional arguments it equals, and the call takes the native entry as a
 * positional call would -- not the host call, which counts a level of recursion twice
 * (object code calling itself with keywords hit RecursionError at half CPython's depth).
 * None from the binder (the call does not bind): the host call, and its TypeError. */
static PyObject *fb_call_keywords(PyObject *self, PyObject *inv, PyObject *args, PyObject *kwargs) {
    PyObject *bound = PyObject_CallFunctionObjArgs(g_kw_binder, self, args, kwargs, NULL);
    if (bound == NULL) return NULL;
    if (!PyTuple_Check(bound)) {
        Py_DECREF(bound);
        return fb_host_call(self, args, kwargs);
    }
    Py_INCREF(inv);   /* (fn.invoke may be replaced during the call) */
    PyObject *r = entry_run((Entry *)inv, self, &PyTuple_GET_ITEM(bound, 0), PyTuple_GET_SIZE(bound),
                            bound, NULL);
    Py_DECREF(inv);
    if (r == NOT_APPLICABLE) r = fb_host_call(self, bound, NULL);
    Py_DECREF(bound);
    return r;
}

/* A call of native code (entry `e`) from host code: its guest caller and levels for
 * start_depth and spec_try_object (t_entry_caller, t_entry_units). */
static int host_entry(PyObject *record, Entry *e) {
    PyObject *back;
    long units;
    t_entry_caller = NULL;
    if (e->host_units < 0 && (e->host_units = pj_entry_units(record)) < 0) return -1;
    if (pj_host_entry(t_frame, e->host_units, &back, &units) < 0) return -1;
    if (back != NULL && back != Py_None) {
        t_entry_caller = back;
        t_entry_units = units;
    }
    return 0;
}

void pj_give_back_budget(void);   /* pjcaller.c: guest code entered during a guest repr() */

static PyObject *fb_call(PyObject *self, PyObject *args, PyObject *kwargs) {
    pj_give_back_budget();
    if (c_stack_exhausted()) return stack_recursion_error();
    PyObject *inv = ((FunctionBase *)self)->invoke;
    if (inv != NULL && Py_IS_TYPE(inv, &EntryType)) {
        if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
            if (g_kw_binder != NULL) return fb_call_keywords(self, inv, args, kwargs);
        } else {
            Py_INCREF(inv);   /* (fn.invoke may be replaced during the call) */
            if (host_entry(self, (Entry *)inv) < 0) {
                Py_DECREF(inv);
                return NULL;
            }
            PyObject *r = entry_run((Entry *)inv, self, &PyTuple_GET_ITEM(args, 0),
                                    PyTuple_GET_SIZE(args), args, NULL);
            t_entry_caller = NULL;
            Py_DECREF(inv);
            if (r != NOT_APPLICABLE) return r;
        }
    }
    return fb_host_call(self, args, kwargs);
}

/* The same as fb_call without making an argument tuple first (enable_vectorcall). */
static PyObject *fb_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    pj_give_back_budget();
    if (c_stack_exhausted()) return stack_recursion_error();
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    PyObject *inv = ((FunctionBase *)self)->invoke;
    if (nkw == 0 && inv != NULL && Py_IS_TYPE(inv, &EntryType)) {
        Py_INCREF(inv);
        if (host_entry(self, (Entry *)inv) < 0) {
            Py_DECREF(inv);
            return NULL;
        }
        PyObject *r = entry_run((Entry *)inv, self, args, nargs, NULL, NULL);
        t_entry_caller = NULL;
        Py_DECREF(inv);
        if (r != NOT_APPLICABLE) return r;
    }
    PyObject *tup = PyTuple_New(nargs);
    if (tup == NULL) return NULL;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(tup, i, args[i]);
    }
    PyObject *kwargs = NULL;
    if (nkw) {
        kwargs = PyDict_New();
        for (Py_ssize_t i = 0; kwargs != NULL && i < nkw; i++)
            if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0)
                Py_CLEAR(kwargs);
        if (kwargs == NULL) {
            Py_DECREF(tup);
            return NULL;
        }
    }
    PyObject *r = (kwargs != NULL && g_kw_binder != NULL && inv != NULL && Py_IS_TYPE(inv, &EntryType))
        ? fb_call_keywords(self, inv, tup, kwargs) : fb_host_call(self, tup, kwargs);
    Py_DECREF(tup);
    Py_XDECREF(kwargs);
    return r;
}

/* Object code's calls (codegen/lowerobj.py: CallObject, CallLoaded; pjobj.c's method
 * calls): pj_call(callable, args, nargsf, kwnames) is PyObject_Vectorcall, except that a
 * guest function is called as a guest caller calls it, from the calling native frame
 * (the thread's published frame, which object code publishes for its call):
 *   * its native entry, directly, when a spec applies (no vectorcall dispatch, no
 *     argument tuple; the spec's frame links to the caller's);
 *   * else tier 0's invoke(fn, args, back) (or code.invoke_kw with keywords), so that
 *     the call counts one level against the guest recursion limit and an exception
 *     stays a guest exception, as a call between tier-0 functions (the host call path,
 *     FunctionBase's tp_call, counts the levels of a recursion through host code twice,
 *     as CPython's C calls do).
 * With no published frame (native code entered from host code with none), the call is
 * host code's. A new reference, or NULL with an exception set. */
static PyObject *g_code_name, *g_invoke_kw_name;

static PyObject *guest_call_kw(PyObject *fn, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                               PyObject *back) {
    Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
    /* (an owned vector's references are handed over: a list and a dict that tier 0's
     * invoke_kw empties, runtime/function.py ARGUMENTS_HANDED_OVER) */
    int own = args == t_own_vec && args != NULL;
    t_own_vec = NULL;
    PyObject *tup = own ? PyList_New(nargs) : args_as_tuple(args, nargs);
    PyObject *kwargs = tup ? _PyDict_NewPresized(nkw) : NULL;
    for (Py_ssize_t i = 0; kwargs != NULL && i < nkw; i++)
        if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) Py_CLEAR(kwargs);
    if (own && kwargs != NULL) {
        PyObject **vec = (PyObject **)args;
        for (Py_ssize_t i = 0; i < nargs; i++) {
            PyList_SET_ITEM(tup, i, vec[i]);
            vec[i] = NULL;
        }
        for (Py_ssize_t i = 0; i < nkw; i++) Py_CLEAR(vec[nargs + i]);   /* (the dict holds it) */
    }
    PyObject *code = kwargs ? PyObject_GetAttr(fn, g_code_name) : NULL;
    PyObject *r = NULL;
    if (code != NULL) {
        PyObject *invoke_kw = PyObject_GetAttr(code, g_invoke_kw_name);
        if (invoke_kw != NULL) r = PyObject_CallFunctionObjArgs(invoke_kw, fn, tup, kwargs, back, NULL);
        Py_XDECREF(invoke_kw);
    }
    Py_XDECREF(code);
    Py_XDECREF(kwargs);
    Py_XDECREF(tup);
    return r;
}

/* A positional call of guest function `fn` (whose invoke is `inv`) from native caller
 * `back`: the first spec of its native entry that takes the arguments, else tier 0's
 * invoke(fn, args, back). */
static PyObject *guest_call_positional(PyObject *fn, PyObject *inv, PyObject *const *args, Py_ssize_t nargs,
                                       PyObject *back) {
    PyObject *tier0 = inv;
    PyObject *r = NOT_APPLICABLE;
    if (Py_IS_TYPE(inv, &EntryType)) {
        r = entry_run((Entry *)inv, fn, args, nargs, NULL, back);
        tier0 = ((Entry *)inv)->fallback;
    }
    if (r == NOT_APPLICABLE) {
        /* an owned vector's references are handed over in a list (runtime/function.py
         * ARGUMENTS_HANDED_OVER: tier 0's frame, or the native entry it compiles, takes
         * them), else the callee gets a tuple that the caller's references outlive */
        PyObject *tup;
        if (args == t_own_vec && args != NULL) {
            t_own_vec = NULL;
            if ((tup = PyList_New(nargs)) != NULL) {
                for (Py_ssize_t i = 0; i < nargs; i++) {
                    PyList_SET_ITEM(tup, i, args[i] != NULL ? args[i] : Py_NewRef(Py_None));
                    ((PyObject **)args)[i] = NULL;
                }
            }
        } else {
            tup = args_as_tuple(args, nargs);
        }
        r = tup ? PyObject_CallFunctionObjArgs(tier0, fn, tup, back, NULL) : NULL;
        Py_XDECREF(tup);
    }
    return r;
}

/* The call is over: the caller's frame `back` is the published one again (a callee may
 * have published its own and left it). */
static inline void republish(PyObject *back) {
    if (t_frame != back) {
        PyObject *old = t_frame;
        Py_INCREF(back);
        t_frame = back;
        PyObject *et, *ev, *etb;
        PyErr_Fetch(&et, &ev, &etb);
        Py_XDECREF(old);
        PyErr_Restore(et, ev, etb);
    }
}

static PyObject *guest_call(PyObject *fn, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    PyObject *back = t_frame;
    PyObject *inv = ((FunctionBase *)fn)->invoke;
    if (back == NULL || inv == NULL) return PyObject_Vectorcall(fn, args, nargsf, kwnames);
    if (c_stack_exhausted()) return stack_recursion_error();
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject *r;
    Py_INCREF(back);
    Py_INCREF(inv);   /* (fn.invoke may be replaced during the call) */
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0)
        r = guest_call_kw(fn, args, nargs, kwnames, back);
    else
        r = guest_call_positional(fn, inv, args, nargs, back);
    republish(back);
    Py_DECREF(inv);
    Py_DECREF(back);
    return r;
}

PyObject *pj_func_record(PyObject *f);   /* pjfunc.c: the record of a guest function, or NULL */
Py_ssize_t pj_func_record_offset(void);   /* pjfunc.c: FuncDict's record slot (0: not set yet) */
int pj_func_add_methods(PyObject *m);
int pj_exc_add_methods(PyObject *m);
int pj_caller_add_methods(PyObject *m);   /* pjcaller.c */
int pj_buf_add_methods(PyObject *m);      /* pjbuf.c */
int pj_tbframe_add_methods(PyObject *m);  /* pjtbframe.c */
int pj_genattr_add_methods(PyObject *m);  /* pjgenattr.c */

/* Whether f is a guest function (a CPython function with a record, pjfunc.c). */
static inline int is_guest_function(PyObject *f) {
    PyObject *record = pj_func_record(f);
    return record != NULL && Py_TYPE(record)->tp_call == fb_call;
}

/* pjcaller.c: what object code calls through the host, from which published frame */
extern __thread __attribute__((tls_model("initial-exec"))) PyObject *pj_native_callee;
extern __thread __attribute__((tls_model("initial-exec"))) PyObject *pj_native_callee_frame;

/* PyObject_Vectorcall of a callable that is not a guest function, from object code: a
 * builtin that calls guest code back (hash, repr, sorted...) is then known to host_caller,
 * which counts its level as CPython's C call does (a tier-0 caller's is read from its
 * closure's `fn`). */
/* (host code gets a borrowed vector: it may pass the same vector on to a guest function) */
static inline PyObject *call_host(PyObject *callable, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames) {
    t_own_vec = NULL;
    PyObject *callee = pj_native_callee, *frame = pj_native_callee_frame;
    pj_native_callee = callable;
    pj_native_callee_frame = t_frame;
    PyObject *r = PyObject_Vectorcall(callable, args, nargsf, kwnames);
    pj_native_callee = callee;
    pj_native_callee_frame = frame;
    return r;
}

PyObject *pj_call(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    if (Py_IS_TYPE(callable, &PyFunction_Type)) {
        PyObject *record = pj_func_record(callable);   /* a guest function: its record */
        if (record != NULL && Py_TYPE(record)->tp_call == fb_call) {
            Py_INCREF(record);
            PyObject *r = guest_call(record, args, nargsf, kwnames);
            Py_DECREF(record);
            return r;
        }
    } else if (Py_TYPE(callable)->tp_call == fb_call) {
        return guest_call(callable, args, nargsf, kwnames);
    }
    return call_host(callable, args, nargsf, kwnames);
}

/* ---- call-site caches ---------------------------------------------------------------- */

/* Object code's calls through a per-site cache (codegen/lowerobj.py CALL_CACHE bytes, one
 * per call site, zeroed; pj_call_site, and pjobj.c's method calls). The site remembers the
 * guest function it last called, that function's native Entry and the Entry's generation
 * (a new one whenever its specs change: a recompile, a spec dropped after deopts), the
 * spec that took the call, and for a call with keywords the parameter each keyword binds.
 * A hit (the same function, its invoke still that Entry, the generation unchanged) calls
 * the spec's machine code directly: no spec search, and keywords put in place without
 * binding them in Python; each gap between the positional arguments and the keywords is
 * the function's default, read from __defaults__ at the call as CPython does. Everything
 * a call does around the machine code stays as pj_call's (spec_try_object: argument kinds,
 * globals, the recursion depth, the guest frame; C stack; the published frame). Anything
 * else -- another callable, a function redefined, rebound, recompiled, rejected (its
 * invoke no longer an Entry), __code__ replaced (a new invoke) -- refills the cache or
 * takes pj_call's generic path. All pointers are borrowed: they are compared, and the spec
 * is used only while the generation that names the list holding it still holds. */
#define CALL_KW_MAX 8
typedef struct {
    PyObject *fn;            /* the guest function called last (NULL: empty) */
    Entry *entry;            /* its invoke then */
    uint64_t generation;     /* entry->generation then */
    Spec *spec;              /* the spec that takes the call (in entry->specs), or NULL */
    int32_t nfull;           /* the argument vector's length (keywords in place); -1: the
                                keywords do not map to positions (pj_call decides) */
    int16_t argcount;        /* keywords: the function's positional parameters */
    int16_t npos;            /* keywords: the positional arguments the mapping is for (a
                                site can pass self or not: CallLoaded, classes) */
    int8_t pos[CALL_KW_MAX]; /* keywords: the parameter of each */
    PyObject *face;          /* the callable as the caller passes it (the CPython function
                                whose record is `fn`) once the site may take call_hit,
                                else NULL; compared first */
    PyTypeObject *cls;       /* a guest class the site called (construct), its version tag */
    PyObject *init;          /* then and its __init__ (both borrowed: valid while the type's */
    uint64_t cls_version;    /* version holds, as pjobj.c's attribute caches) */
    PyObject *fdict;         /* direct calls (codegen/directcall.py direct_call_function): the
                                vectorcall pointer of `face` (pjfunc.c's: a guest function) when
                                the machine code may take a positional hit itself (direct_ok),
                                else NULL */
    PyObject *deps_dict;     /* then the one dict the spec's globals are read from (its
                                version compared with spec->deps_version), or NULL: none */
    uint32_t int_mask;       /* then the arguments the spec takes as PK_INT (bit i: args[i]) */
    uint32_t float_mask;     /* and as PK_FLOAT; PK_BOOL and PK_NONE set both bits */
} PjCallCache;
_Static_assert(sizeof(PjCallCache) == 104, "lowerobj.CALL_CACHE");
_Static_assert(offsetof(PjCallCache, face) == 48, "lowerobj.CALL_FACE");
_Static_assert(offsetof(PjCallCache, fdict) == 80 && offsetof(PjCallCache, deps_dict) == 88
               && offsetof(PjCallCache, int_mask) == 96 && offsetof(PjCallCache, float_mask) == 100,
               "directcall.py");

static PyObject *g_kw_positions;       /* protojit.tiering.keyword_positions */
static PyTypeObject *g_function_type;  /* protojit's Function (set_function_type) */

/* Fill `c` for a call of `fn` (invoke `e`) with these arguments: 0, or -1 with an
 * exception set (the keyword mapper failed). */
static int call_cache_fill(PjCallCache *c, PyObject *fn, Entry *e, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) {
    uint64_t generation = e->generation;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    int32_t nfull = (int32_t)nargs;
    int16_t argcount = 0;
    int8_t pos[CALL_KW_MAX] = {0};
    if (nkw) {
        nfull = -1;
        if (nkw <= CALL_KW_MAX && g_kw_positions != NULL && Py_IS_TYPE(fn, g_function_type)) {
            /* (argcount, position of each keyword), or None: the call does not bind so */
            PyObject *n = PyLong_FromSsize_t(nargs);
            PyObject *m = n ? PyObject_CallFunctionObjArgs(g_kw_positions, fn, n, kwnames, NULL) : NULL;
            Py_XDECREF(n);
            if (m == NULL) return -1;
            if (PyTuple_Check(m) && PyTuple_GET_SIZE(m) == nkw + 1) {
                long top = (long)nargs;
                long count = PyLong_AsLong(PyTuple_GET_ITEM(m, 0));
                argcount = (int16_t)(count > MAX_ARGS ? 0 : count);   /* (more: not mapped) */
                if (count > MAX_ARGS) top = -1;
                for (Py_ssize_t i = 0; i < nkw && top >= 0; i++) {
                    long k = PyLong_AsLong(PyTuple_GET_ITEM(m, i + 1));
                    if (k < nargs || k >= MAX_ARGS) top = -1;   /* (the mapper checked; again) */
                    else {
                        pos[i] = (int8_t)k;
                        if (k + 1 > top) top = k + 1;
                    }
                }
                if (PyErr_Occurred()) {
                    Py_DECREF(m);
                    return -1;
                }
                if (top >= 0 && top <= argcount) nfull = (int32_t)top;
            }
            Py_DECREF(m);
        }
    }
    Spec *spec = NULL;
    if (nfull >= 0 && e->generation == generation) {
        PyObject *specs = e->specs;
        for (Py_ssize_t k = 0; specs != NULL && k < PyList_GET_SIZE(specs); k++) {
            Spec *s = (Spec *)PyList_GET_ITEM(specs, k);
            /* (with keywords, the first of the vector's length: spec_try_* check the rest) */
            if (s->nargs == nfull && (nkw || spec_takes(s, args, nargs))) {
                spec = s;
                break;
            }
        }
    }
    c->fn = fn;
    c->face = NULL;   /* (pj_call_site sets it for a guest function's positional calls) */
    c->fdict = NULL;
    c->deps_dict = NULL;
    c->entry = e;
    c->generation = generation;
    c->spec = spec;
    c->nfull = nfull;
    c->argcount = argcount;
    c->npos = (int16_t)(nargs < MAX_ARGS ? nargs : -1);
    memcpy(c->pos, pos, sizeof pos);
    return 0;
}

/* Classes. Calling a class whose metaclass is `type`, that has object's __new__ and an
 * __init__ that is a guest function is, in CPython (type_call, object_new, slot_tp_init):
 * tp_alloc the instance, call __init__ with it first, check that it returned None. Object
 * code does the same here, the __init__ call through the site's cache (its machine code
 * directly) instead of an argument tuple, the slot's method look-up and the host call. */
static initproc g_slot_tp_init;   /* CPython's slot_tp_init (set_init_probe) */
PyObject *pj_call_site(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames,
                       PjCallCache *c);
static PyObject *g_init_name;     /* "__init__" */
static PyObject *g_empty_args;    /* () for object's __new__ */

/* The guest __init__ of class `tp` when calling it is as above (borrowed), else NULL. */
static inline PyObject *guest_init(PyTypeObject *tp) {
    if (g_slot_tp_init == NULL || tp->tp_init != g_slot_tp_init || tp->tp_new != PyBaseObject_Type.tp_new
            || (tp->tp_flags & Py_TPFLAGS_IS_ABSTRACT) || tp->tp_alloc == NULL)
        return NULL;
    PyObject *init = _PyType_Lookup(tp, g_init_name);   /* (the type's method cache) */
    return init != NULL && is_guest_function(init) ? init : NULL;
}

/* A bound method of a guest function (a method stored as an attribute, a callback,
 * super().f): its function with self first, through the site's cache, as CPython's
 * method_vectorcall and its CALL of a bound method do (no host call in between). */
static PyObject *call_bound(PyObject *meth, PyObject *const *args, size_t nargsf, PyObject *kwnames,
                            PjCallCache *c) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs + nkw + 1 > MAX_ARGS) return PyObject_Vectorcall(meth, args, nargsf, kwnames);
    PyObject *vec[MAX_ARGS];
    vec[0] = PyMethod_GET_SELF(meth);
    memcpy(&vec[1], args, (size_t)(nargs + nkw) * sizeof(PyObject *));
    Py_INCREF(meth);   /* (its function and self, for the call) */
    int own = own_copy(args, nargs, nkw, vec, nargs + nkw + 1);
    PyObject *r = pj_call_site(PyMethod_GET_FUNCTION(meth), vec, (size_t)(nargs + 1), kwnames, c);
    if (own) own_copy_done(vec, nargs + nkw + 1);
    Py_DECREF(meth);
    return r;
}

static PyObject *construct(PyTypeObject *tp, PyObject *init, PyObject *const *args, size_t nargsf,
                           PyObject *kwnames, PjCallCache *c) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs + nkw + 1 > MAX_ARGS) return PyObject_Vectorcall((PyObject *)tp, args, nargsf, kwnames);
    /* object's __new__ itself (guest_init checked that it is tp's), not tp_alloc alone:
     * 3.11's object_new also gives the instance its inline values
     * (_PyObject_InitializeDict); without them the first attribute set made a dict, and
     * every attribute of the instance was read and written through it from then on */
    /* (init first: a collection in tp_new may run a finaliser that replaces __init__ on
     * the class; the call may replace it too) */
    Py_INCREF(init);
    PyObject *obj = PyBaseObject_Type.tp_new(tp, g_empty_args, NULL);
    if (obj == NULL) {
        Py_DECREF(init);
        return NULL;
    }
    PyObject *vec[MAX_ARGS];
    vec[0] = obj;
    memcpy(&vec[1], args, (size_t)(nargs + nkw) * sizeof(PyObject *));
    /* CPython counts the class call itself as a level (type.__call__ through
     * _PyObject_MakeTpCall) before __init__'s frame: the caller's depth is one more while
     * __init__ runs, so its frame and everything below it count from there (issue 18) */
    PyObject *caller = t_frame;
    PyObject *saved = NULL;
    if (caller != NULL && PyList_CheckExact(caller) && PyList_GET_SIZE(caller) > F_DEPTH) {
        long long d = frame_depth_of(caller);
        if (d == -1 && PyErr_Occurred()) {
            Py_DECREF(obj);
            Py_DECREF(init);
            return NULL;
        }
        if (d + 1 > g_recursion_limit) {
            Py_DECREF(obj);
            t_guest_recursion = 1;
            PyErr_SetString(PyExc_RecursionError,
                            "maximum recursion depth exceeded while calling a Python object");
            Py_DECREF(init);
            return NULL;
        }
        PyObject *up = depth_int(d + 1);
        if (up == NULL) {
            Py_DECREF(obj);
            Py_DECREF(init);
            return NULL;
        }
        Py_INCREF(caller);
        saved = PyList_GET_ITEM(caller, F_DEPTH);   /* (its reference moves here) */
        PyList_SET_ITEM(caller, F_DEPTH, up);
    }
    /* (the arguments stay the caller's until the call is over: CPython's type_call holds
     * them in a tuple while __init__ runs, unlike a call of a function or a bound method) */
    t_own_vec = NULL;
    PyObject *r = pj_call_site(init, vec, (size_t)(nargs + 1), kwnames, c);
    Py_DECREF(init);
    if (saved != NULL) {
        PyObject *up = PyList_GET_ITEM(caller, F_DEPTH);
        PyList_SET_ITEM(caller, F_DEPTH, saved);
        Py_DECREF(up);
        Py_DECREF(caller);
    }
    if (r == NULL) {
        Py_DECREF(obj);
        return NULL;
    }
    if (r != Py_None) {
        PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'", Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        Py_DECREF(obj);
        return NULL;
    }
    Py_DECREF(r);
    return obj;
}

/* The argument vector of a call with keywords (`c` filled for it) into `vec` (c->nfull
 * items, borrowed): positional arguments, keywords at their parameters, defaults in the
 * gaps from the defaults tuple returned in *defaults (a reference the caller releases; NULL
 * when no gap). 0 when the call does not bind so now (__defaults__ changed: a gap without
 * a default), and pj_call's generic path decides. */
/* (its copy loops stay loops: a call of memcpy and one of memset for a few words cost
 * more than the copies, ~20 instructions a keyword call) */
static __attribute__((optimize("no-tree-loop-distribute-patterns"))) int
call_vector(PjCallCache *c, PyObject *face, PyObject *const *args, Py_ssize_t nargs,
            Py_ssize_t nkw, PyObject **vec, PyObject **defaults) {
    *defaults = NULL;
    Py_ssize_t n = c->nfull;
    for (Py_ssize_t i = 0; i < nargs; i++) vec[i] = args[i];
    for (Py_ssize_t i = nargs; i < n; i++) vec[i] = NULL;
    for (Py_ssize_t i = 0; i < nkw; i++) vec[c->pos[i]] = args[nargs + i];
    for (Py_ssize_t i = nargs; i < n; i++) {
        if (vec[i] != NULL) continue;
        if (*defaults == NULL) {
            PyObject *d = PyFunction_GET_DEFAULTS(face);
            if (d == NULL || !PyTuple_CheckExact(d)) return 0;
            Py_INCREF(d);   /* (the call may replace __defaults__; its items stay ours) */
            *defaults = d;
        }
        Py_ssize_t first = c->argcount - PyTuple_GET_SIZE(*defaults);
        if (i < first) {
            Py_CLEAR(*defaults);
            return 0;
        }
        vec[i] = PyTuple_GET_ITEM(*defaults, i - first);
    }
    return 1;
}

static PyObject *construct(PyTypeObject *tp, PyObject *init, PyObject *const *args, size_t nargsf,
                           PyObject *kwnames, PjCallCache *c);
static PyObject *call_bound(PyObject *meth, PyObject *const *args, size_t nargsf, PyObject *kwnames,
                            PjCallCache *c);
static PyObject *call_site_record(PyObject *callable, PyObject *face, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames, PjCallCache *c);

/* The hit of a positional call's cache, every check of the slow path kept but in one
 * place: `face` is the function the site called last (c->face), still a guest function
 * with the same record, whose invoke is still the cached Entry of the same generation
 * (so c->spec is alive: that generation's specs list holds it); the arguments fit the spec
 * (count, kinds), its globals hold, the caller is not near the recursion limit. Then the
 * spec's machine code runs in its guest frame (spec_run_object) as spec_try_object would.
 * NOT_APPLICABLE (nothing done, no exception) when a check fails: the slow path decides. */
static inline PyObject *call_hit_vec(PjCallCache *c, Spec *s, PyObject *const *vec, Py_ssize_t n) {
    PyObject *record = c->fn;
    PyObject *back = t_frame;
    if (back == NULL || n != s->nargs) return NOT_APPLICABLE;
    Entry *e = (Entry *)((FunctionBase *)record)->invoke;
    if (e != c->entry || !Py_IS_TYPE(e, &EntryType) || e->generation != c->generation)
        return NOT_APPLICABLE;
    if (!spec_takes_hit(s, vec, n)) return NOT_APPLICABLE;
    if (c_stack_exhausted()) return NOT_APPLICABLE;   /* (the slow path raises) */
    int held = spec_deps_hold(s);
    if (held <= 0) return held < 0 ? NULL : NOT_APPLICABLE;
    long long base = frame_depth_of(back);
    if (base == -1 && PyErr_Occurred()) return NULL;
    if (start_from(base) < 0) return NOT_APPLICABLE;   /* near the limit: tier 0 counts */
    /* (the call may redefine the function, recompile it, replace its __dict__: the entry
     * and spec stay alive for the error path and object_frame_done) */
    Py_INCREF(back);
    Py_INCREF(e);
    Py_INCREF(s);
    int64_t err[ERR_SLOTS];
    PyObject *r = spec_run_object(e, s, record, vec, n, NULL, back, back, base, err);
    republish(back);
    Py_DECREF(s);
    Py_DECREF(e);
    Py_DECREF(back);
    return r;
}

/* (keywords: the vector as call_site_record builds it, the mapping the cache made for this
 * count of positional arguments and the defaults read now) */
static inline PyObject *call_hit(PjCallCache *c, PyObject *face, PyObject *const *args, size_t nargsf,
                                 PyObject *kwnames) {
    Spec *s = c->spec;
    if (s == NULL || pj_func_record(face) != c->fn) return NOT_APPLICABLE;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames == NULL) return call_hit_vec(c, s, args, nargs);
    Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
    if (c->nfull < 0 || c->npos != nargs || nkw == 0) return NOT_APPLICABLE;
    PyObject *vec[MAX_ARGS];
    PyObject *defaults;
    if (!call_vector(c, face, args, nargs, nkw, vec, &defaults)) return NOT_APPLICABLE;
    int own = own_copy(args, nargs, nkw, vec, c->nfull);
    PyObject *r = call_hit_vec(c, s, vec, c->nfull);
    if (own) {
        if (r == NOT_APPLICABLE) own_copy_undo_kw(args, nargs, nkw, vec, c->nfull, c->pos);
        else own_copy_done(vec, c->nfull);
    }
    Py_XDECREF(defaults);
    return r;
}

static __attribute__((noinline)) PyObject *
call_site_slow(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames, PjCallCache *c);

/* Direct calls (issue 16): object code takes a positional hit itself (codegen/directcall.py
 * direct_call_function, one per module): it compares the callable with c->face, face's
 * vectorcall with c->fdict (still a guest function) and its record field with c->fn, the
 * record's invoke with
 * c->entry and the entry's generation with c->generation (so c->spec is alive), the
 * argument count with the spec's, the globals' dict version (c->deps_dict) with the spec's
 * deps_version; it reads the published frame, the C stack's bound and the caller's depth
 * (pj_tstate, pj_recursion_limit, pj_depth_ints), takes the spec's free frame and fills
 * it as object_frame_push does, publishes it, calls the spec's machine code (s->fn)
 * itself, and unpublishes and frees the frame as object_frame_pop/done do. Whatever
 * does not hold, or a frame that is not free, goes to pj_call_site (the C hit path, which
 * checks all of it again). The spec qualifies when its machine code takes any argument
 * vector of its length whose int, float, bool and None arguments have the kind it takes
 * (checked as call_hit_vec checks them when a mask is set) and its globals are checked
 * by one dict version: */
static inline int direct_kinds(Spec *s) {
    for (int i = 0; i < s->nargs; i++)
        if (s->kinds[i] != PK_OBJECT && s->kinds[i] != PK_INT && s->kinds[i] != PK_FLOAT
                && s->kinds[i] != PK_BOOL && s->kinds[i] != PK_NONE)
            return 0;
    return s->nargs <= 32;
}

static inline int direct_ok(Spec *s) {
    return s->abi == 1 && direct_kinds(s) && g_err_frame == 9 && PyTuple_GET_SIZE(s->plans) == 0
           && (PyTuple_GET_SIZE(s->deps) == 0 || s->deps_dict != NULL)
           && s->frame != NULL && PyList_CheckExact(s->frame) && PyList_GET_SIZE(s->frame) > F_DEPTH;
}

/* A direct call's machine code returned NULL (its frame unpublished already; the
 * reference to `frame` is consumed): as spec_run_object's failure path. */
PyObject *pj_direct_fail(Entry *e, Spec *s, PyObject *record, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *back, PyObject *frame, int64_t *err) {
    if (!PyErr_Occurred()) {
        PyErr_SetString(PyExc_SystemError, "object code returned NULL without an exception");
        Py_DECREF(frame);
        return NULL;
    }
    return object_failure(e, s, record, args, nargs, NULL, back, frame, err);
}

/* A direct call found `cur` published after the call, not its frame (a callee left its
 * own): `back` is published again and `cur` dropped (an exception in flight kept), as
 * object_frame_pop does. */
void pj_direct_unpublish(PyObject *cur, PyObject *back) {
    t_frame = back;
    if (cur != NULL) {
        PyObject *et, *ev, *etb;
        PyErr_Fetch(&et, &ev, &etb);
        Py_DECREF(cur);
        PyErr_Restore(et, ev, etb);
    }
}

/* The lean hit of a positional call whose site qualified for direct calls (c->fdict set:
 * direct_ok at the fill): call_hit's checks and spec_run_object's frame work for the one
 * case most calls of a hot site are -- the spec's free frame reused, the caller's depth
 * read from its frame's int, no argument but the unboxable kinds -- with nothing generic
 * on the way. Every check is one the IR version (codegen/directcall.py) makes, plus the
 * code epoch (a __code__ assigned anywhere since the spec's callees last held: C's
 * spec_deps_check decides). NOT_APPLICABLE (nothing done) when any of it does not hold:
 * call_hit and the slow path then decide as before. Object code compiled at --tier jit is
 * built with FastISel (codegen/jit.py level 0), so the same steps as machine code of each
 * module cost more than this C: at -O0 the IR version took ~300 instructions per call. */
static int g_direct_hit = 1;   /* PJ_NO_DIRECT_HIT=1 (read at import): call_hit only, to compare */

/* A frameless plan's result (pjframeless.c) for a call whose caller's depth leaves room
 * (as direct_hit's; nearer the limit the call itself raises CPython's RecursionError),
 * or NULL: nothing done. */
static inline PyObject *frameless_hit(Spec *s, PyObject *const *args) {
    PyObject *back = t_frame;
    if (back == NULL || !PyList_CheckExact(back) || PyList_GET_SIZE(back) <= F_DEPTH) return NULL;
    PyObject *d = PyList_GET_ITEM(back, F_DEPTH);
    if (!PyLong_CheckExact(d) || Py_SIZE(d) < 0 || Py_SIZE(d) > 1) return NULL;
    long long base = Py_SIZE(d) * (long long)((PyLongObject *)d)->ob_digit[0];
    if (g_recursion_limit - base - 1 < NATIVE_MARGIN) return NULL;
    return pj_frameless_run(s->frameless, args);
}

static inline PyObject *direct_hit(PjCallCache *c, PyObject *face, PyObject *const *args, size_t nargsf) {
    PyObject *record = c->fn;
    Spec *s = c->spec;
    if (!Py_IS_TYPE(face, &PyFunction_Type) || (void *)((PyFunctionObject *)face)->vectorcall != (void *)c->fdict
            || *(PyObject **)((char *)face + sizeof(PyFunctionObject)) != record)
        return NOT_APPLICABLE;
    Entry *e = (Entry *)((FunctionBase *)record)->invoke;
    if (e != c->entry || !Py_IS_TYPE(e, &EntryType) || e->generation != c->generation)
        return NOT_APPLICABLE;
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (n != s->nargs) return NOT_APPLICABLE;
    if (s->code_epoch != pj_code_epoch) return NOT_APPLICABLE;
    if (s->frameless != NULL) {
        /* a body that needs no frame (pjframeless.c; it reads no global and takes any
         * argument): its result, or nothing done */
        PyObject *r = frameless_hit(s, args);
        if (r != NULL) return r;
    }
    /* (the arguments the spec does not take as objects: call_hit_vec's check) */
    if ((c->int_mask | c->float_mask) && !spec_takes_hit(s, args, n)) return NOT_APPLICABLE;
    if (c->deps_dict != NULL && (s->deps_version == 0
                                 || ((PyDictObject *)c->deps_dict)->ma_version_tag != s->deps_version))
        return NOT_APPLICABLE;
    PyObject *back = t_frame;
    if (back == NULL || !PyList_CheckExact(back) || PyList_GET_SIZE(back) <= F_DEPTH) return NOT_APPLICABLE;
    PyObject *d = PyList_GET_ITEM(back, F_DEPTH);
    if (!PyLong_CheckExact(d) || Py_SIZE(d) < 0 || Py_SIZE(d) > 1) return NOT_APPLICABLE;
    long long base = Py_SIZE(d) * (long long)((PyLongObject *)d)->ob_digit[0];
    if (g_recursion_limit - base - 1 < NATIVE_MARGIN || base + 1 >= DEPTH_INTS) return NOT_APPLICABLE;
    PyObject *dint = g_depth_ints[base + 1];
    PyObject *frame = s->free_frame;
    if (dint == NULL || frame == NULL || s->frame == NULL || PyList_GET_ITEM(frame, F_FUNCTION) != record) return NOT_APPLICABLE;
    if (c_stack_exhausted()) return NOT_APPLICABLE;   /* (the slow path raises) */
    /* taken: its caller, depth and line (the header's), published for the call, as
     * object_frame_push does with a free frame */
    s->free_frame = NULL;
    Py_INCREF(back);
    PyObject **items = ((PyListObject *)frame)->ob_item;
    PyObject *none = items[F_BACK];
    items[F_BACK] = back;
    Py_DECREF(none);   /* (None: object_frame_done put it there) */
    PyObject *line = PyList_GET_ITEM(s->frame, F_LINENO);
    if (items[F_DEPTH] != dint) frame_item_set(frame, F_DEPTH, dint);
    if (items[F_LINENO] != line) frame_item_set(frame, F_LINENO, line);
    Py_INCREF(frame);
    t_frame = frame;   /* (t_frame's reference to `back` comes back at object_frame_pop) */
    int64_t err[ERR_SLOTS];
    err[0] = 0;
    err[g_err_frame] = (int64_t)(intptr_t)frame;
    err[ERR_OWNED] = args == t_own_vec;
    t_own_vec = NULL;
    /* (the call may redefine the function, recompile it, replace its __dict__: the entry
     * and spec stay alive for the error path and object_frame_done) */
    Py_INCREF(e);
    Py_INCREF(s);
    PyObject *r = ((object_entry_fn)(void *)s->fn)(args, err);
    PyObject *cur = t_frame;
    if (__builtin_expect(cur == frame, 1)) {
        t_frame = back;
        Py_SET_REFCNT(frame, Py_REFCNT(frame) - 1);   /* (this call still owns a reference) */
    } else if (cur == back) {
        /* (its exit published its caller: pj_frame_exit) */
        Py_SET_REFCNT(back, Py_REFCNT(back) - 1);     /* (the frame's F_BACK holds it too) */
    } else {
        object_frame_pop(frame, back);
    }
    if (r != NULL) {
        /* object_frame_done's common case inline: nothing else holds the frame */
        if (__builtin_expect(Py_REFCNT(frame) == 1 && s->free_frame == NULL && s->frame != NULL
                             && PyList_GET_SIZE(frame) == PyList_GET_SIZE(s->frame), 1)) {
            PyObject *caller = PyList_GET_ITEM(frame, F_BACK);
            Py_INCREF(Py_None);
            PyList_SET_ITEM(frame, F_BACK, Py_None);
            s->free_frame = frame;
            if (caller == back) Py_SET_REFCNT(caller, Py_REFCNT(caller) - 1);   /* (t_frame holds it again) */
            else Py_DECREF(caller);
        } else {
            object_frame_done(s, frame);
        }
    } else if (!PyErr_Occurred()) {
        PyErr_SetString(PyExc_SystemError, "object code returned NULL without an exception");
        Py_DECREF(frame);
    } else {
        Py_INCREF(back);
        r = object_failure(e, s, record, args, n, NULL, back, frame, err);
        republish(back);
        Py_DECREF(back);
    }
    Py_DECREF(s);
    Py_DECREF(e);
    return r;
}

/* direct_hit for a call with keywords: the argument vector as call_hit builds it (the
 * keywords at the parameters the cache mapped for this site, whose keywords never change,
 * and the defaults read now), then the same lean hit on it. */
static inline PyObject *direct_hit_kw(PjCallCache *c, PyObject *face, PyObject *const *args, size_t nargsf,
                                      PyObject *kwnames) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
    if (c->nfull < 0 || c->npos != nargs || nkw == 0 || !Py_IS_TYPE(face, &PyFunction_Type))
        return NOT_APPLICABLE;
    PyObject *vec[MAX_ARGS];
    PyObject *defaults;
    if (!call_vector(c, face, args, nargs, nkw, vec, &defaults)) return NOT_APPLICABLE;
    int own = own_copy(args, nargs, nkw, vec, c->nfull);
    PyObject *r = direct_hit(c, face, vec, (size_t)c->nfull);
    if (own) {
        if (r == NOT_APPLICABLE) own_copy_undo_kw(args, nargs, nkw, vec, c->nfull, c->pos);
        else own_copy_done(vec, c->nfull);
    }
    Py_XDECREF(defaults);
    return r;
}

/* (the hit inline, everything else out of line: most calls of a hot site hit) */
static inline __attribute__((always_inline)) PyObject *
call_site(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames, PjCallCache *c) {
    if (callable == c->face) {
        if (c->fdict != NULL && g_direct_hit) {
            PyObject *r = kwnames == NULL ? direct_hit(c, callable, args, nargsf)
                                          : direct_hit_kw(c, callable, args, nargsf, kwnames);
            if (r != NOT_APPLICABLE) return r;
        }
        PyObject *r = call_hit(c, callable, args, nargsf, kwnames);
        if (r != NOT_APPLICABLE) return r;
    } else if ((PyTypeObject *)callable == c->cls) {
        /* the class this site constructed last, unchanged since (its version tag holds:
         * the same __init__, tp_init, tp_new and flags that guest_init checked) */
        PyTypeObject *tp = (PyTypeObject *)callable;
        if (tp->tp_version_tag == c->cls_version && (tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG))
            return construct(tp, c->init, args, nargsf, kwnames, c);
    }
    return call_site_slow(callable, args, nargsf, kwnames, c);
}

PyObject *pj_call_site(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames,
                       PjCallCache *c) {
    return call_site(callable, args, nargsf, kwnames, c);
}

/* (what no callee took; inline: every owned call ends with it) */
static inline __attribute__((always_inline)) void own_end(PyObject **args, size_t nargsf, PyObject *kwnames) {
    t_own_vec = NULL;
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL) n += PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < n; i++) Py_XDECREF(args[i]);
}

/* pj_call_site with the vector's references handed over (object code's calls of guest
 * functions, codegen/lowerobj.py call_generic): `args` holds a reference for each of its
 * nargs + len(kwnames) items, which the callee's machine code takes (t_own_vec) or which
 * are released here once the call is over (NULL items: taken). */
PyObject *pj_call_site_owned(PyObject *callable, PyObject **args, size_t nargsf, PyObject *kwnames,
                             PjCallCache *c) {
    t_own_vec = args;
    PyObject *r = call_site(callable, args, nargsf, kwnames, c);
    own_end(args, nargsf, kwnames);
    return r;
}

/* The same for other calls on an owned vector (pjobj.c pj_call_method_owned): the vector
 * is handed over from pj_own_begin to pj_own_end, which releases what no callee took. */
void pj_own_begin(PyObject **args) {
    t_own_vec = args;
}

void pj_own_end(PyObject **args, size_t nargsf, PyObject *kwnames) {
    own_end(args, nargsf, kwnames);
}

/* A returning call's caller (F_BACK of `frame`, the call's guest frame; NULL: none) published
 * in the frame's place, when the frame is the published one: CPython pops a returning frame
 * before it clears its locals, so a __del__ a release runs sees the caller as the running
 * frame. The call's unpublish takes the caller published so as its own pop (object_frame_pop,
 * direct_hit, pjgen.c). */
static void publish_caller_at_exit(PyObject *frame) {
    if (frame != NULL && t_frame == frame && PyList_GET_SIZE(frame) > F_BACK) {
        PyObject *back = PyList_GET_ITEM(frame, F_BACK);
        if (PyList_CheckExact(back)) {
            Py_INCREF(back);
            t_frame = back;
            Py_SET_REFCNT(frame, Py_REFCNT(frame) - 1);   /* (the call holds it too) */
        }
    }
}

/* One reference of a returning call's local that is the object's last (codegen/lowerobj.py
 * exit_release inlines the other case, a decrement): the caller published first. */
void pj_frame_release_last(PyObject *frame, PyObject *x) {
    publish_caller_at_exit(frame);
    Py_DECREF(x);
}

/* Object code's return (codegen/lower.py lower_Return): release the n references in
 * `values` (its locals, in slot order; NULL: unbound), the caller published before the
 * first release that frees an object. A return that frees nothing publishes nothing. */
void pj_frame_exit(PyObject *frame, PyObject **values, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        PyObject *x = values[i];
        if (x == NULL) continue;
        if (Py_REFCNT(x) == 1) publish_caller_at_exit(frame);
        Py_DECREF(x);
    }
}

PyObject *pj_guest_str(PyObject *x);   /* pjcaller.c */

static __attribute__((noinline)) PyObject *
call_site_slow(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames, PjCallCache *c) {
    /* a guest function is a CPython function (pjfunc.c): its record takes the call, kept
     * alive by this call (the function's __dict__ may be replaced meanwhile) */
    PyObject *record = Py_IS_TYPE(callable, &PyFunction_Type) ? pj_func_record(callable) : NULL;
    if (record == NULL || Py_TYPE(record)->tp_call != fb_call) {
        if (Py_IS_TYPE(callable, &PyMethod_Type) && is_guest_function(PyMethod_GET_FUNCTION(callable)))
            return call_bound(callable, args, nargsf, kwnames, c);
        PyObject *init = Py_IS_TYPE(callable, &PyType_Type) ? guest_init((PyTypeObject *)callable) : NULL;
        if (init != NULL) {
            PyTypeObject *tp = (PyTypeObject *)callable;
            c->cls = NULL;
            if (tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) {   /* (_PyType_Lookup gave it one) */
                c->cls = tp;
                c->cls_version = tp->tp_version_tag;
                c->init = init;
            }
            return construct(tp, init, args, nargsf, kwnames, c);
        }
        if (callable == (PyObject *)&PyUnicode_Type && PyVectorcall_NARGS(nargsf) == 1
                && (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0))
            return pj_guest_str(args[0]);   /* (str(x) on the guest's recursion budget) */
        return call_host(callable, args, nargsf, kwnames);
    }
    Py_INCREF(record);
    PyObject *r = call_site_record(record, callable, args, nargsf, kwnames, c);
    Py_DECREF(record);
    return r;
}

/* pj_call_site for guest function `face`, whose record is `callable`. */
static PyObject *call_site_record(PyObject *callable, PyObject *face, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames, PjCallCache *c) {
    PyObject *back = t_frame;
    PyObject *inv = ((FunctionBase *)callable)->invoke;
    if (back == NULL || inv == NULL || !Py_IS_TYPE(inv, &EntryType))
        return guest_call(callable, args, nargsf, kwnames);
    Entry *e = (Entry *)inv;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (callable != c->fn || e != c->entry || e->generation != c->generation) {
        if (call_cache_fill(c, callable, e, args, nargs, kwnames) < 0) return NULL;
        /* (the mapper is Python code: fn.invoke may have changed meanwhile, and another
         * thread may have refilled the cache while the GIL was let go) */
        if (((FunctionBase *)callable)->invoke != inv || callable != c->fn || e != c->entry
                || e->generation != c->generation || t_frame != back)
            return guest_call(callable, args, nargsf, kwnames);
    }
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (c->spec != NULL && c->spec->abi == 1 && (kwnames == NULL || (nkw > 0 && c->nfull >= 0))) {
        c->face = face;   /* (the next call of `face` takes call_hit) */
        /* (a site's keywords are the same at every call: a mapped vector qualifies too) */
        c->fdict = (nkw == 0 || c->nfull >= 0) && direct_ok(c->spec) && Py_IS_TYPE(face, &PyFunction_Type)
                   ? (PyObject *)(void *)((PyFunctionObject *)face)->vectorcall : NULL;
        c->deps_dict = c->fdict != NULL ? c->spec->deps_dict : NULL;
        c->int_mask = c->float_mask = 0;
        /* (a bool or None argument sets both bits: directcall.py's check, which knows
         * ints and floats only, then leaves the call to pj_call_site) */
        for (int i = 0; c->fdict != NULL && i < c->spec->nargs; i++) {
            int k = c->spec->kinds[i];
            if (k == PK_INT || k == PK_BOOL || k == PK_NONE) c->int_mask |= 1u << i;
            if (k == PK_FLOAT || k == PK_BOOL || k == PK_NONE) c->float_mask |= 1u << i;
        }
    }
    if (nkw && (c->nfull < 0 || c->npos != nargs)) return guest_call(callable, args, nargsf, kwnames);
    if (c_stack_exhausted()) return stack_recursion_error();
    PyObject *vec_items[MAX_ARGS];
    PyObject *const *vec = args;
    PyObject *defaults = NULL;
    Py_ssize_t n = nargs;
    int own = 0;
    if (nkw) {
        if (!call_vector(c, face, args, nargs, nkw, vec_items, &defaults))
            return guest_call(callable, args, nargsf, kwnames);
        vec = vec_items;
        n = c->nfull;
        own = own_copy(args, nargs, nkw, vec_items, n);
    }
    Spec *s = c->spec;
    Py_INCREF(back);
    Py_INCREF(inv);   /* (fn.invoke, and the entry's specs, may be replaced during the call) */
    Py_XINCREF(s);
    PyObject *r = NOT_APPLICABLE;
    if (s != NULL)
        r = s->abi == 1 ? spec_try_object(e, s, callable, vec, n, NULL, back)
                        : spec_try_slots(e, s, callable, vec, n, NULL, back);
    if (r == NOT_APPLICABLE) r = guest_call_positional(callable, inv, vec, n, back);
    republish(back);
    if (own) own_copy_done(vec_items, n);
    Py_XDECREF(s);
    Py_DECREF(inv);
    Py_DECREF(back);
    Py_XDECREF(defaults);
    return r;
}

/* A guest function as a method: CPython's func_descr_get (itself from a class or None,
 * else a bound method). With Py_TPFLAGS_METHOD_DESCRIPTOR, `obj.f(...)` from C
 * (PyObject_VectorcallMethod, object code's method calls) calls f(obj, ...) without
 * making the bound method at all, as CPython does for its own functions. */
static PyObject *fb_descr_get(PyObject *self, PyObject *obj, PyObject *type) {
    if (obj == NULL || obj == Py_None) {
        Py_INCREF(self);
        return self;
    }
    return PyMethod_New(self, obj);
}

static PyObject *fb_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
    FunctionBase *f = (FunctionBase *)type->tp_alloc(type, 0);
    if (f != NULL) f->vectorcall = fb_vectorcall;
    return (PyObject *)f;
}

static int fb_traverse(FunctionBase *f, visitproc visit, void *arg) {
    Py_VISIT(f->invoke);
    return 0;
}

static int fb_clear(FunctionBase *f) {
    Py_CLEAR(f->invoke);
    return 0;
}

static void fb_dealloc(FunctionBase *f) {
    PyObject_GC_UnTrack(f);
    fb_clear(f);
    Py_TYPE(f)->tp_free((PyObject *)f);
}

static PyMemberDef fb_members[] = {
    {"invoke", T_OBJECT_EX, offsetof(FunctionBase, invoke), 0,
     "invoke(fn, args, caller_frame): tier 0's entry or the native Entry"},
    {NULL},
};

static PyTypeObject FunctionBaseType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "protojit._pjentry.FunctionBase",
    .tp_basicsize = sizeof(FunctionBase),
    .tp_dealloc = (destructor)fb_dealloc,
    .tp_call = fb_call,
    .tp_descr_get = fb_descr_get,
    .tp_vectorcall_offset = offsetof(FunctionBase, vectorcall),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_VECTORCALL
                | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_doc = "C base of guest functions: the invoke slot and the host call path.",
    .tp_traverse = (traverseproc)fb_traverse,
    .tp_clear = (inquiry)fb_clear,
    .tp_new = fb_new,
    .tp_members = fb_members,
};

/* ---- ThreadState --------------------------------------------------------------------- */

/* The thread's published guest frame, for pjgen.c's generator bodies (which publish their
 * generator's frame around each resume as object_frame_push does). */
PyObject **pj_published_frame(void) {
    return &t_frame;
}

/* For pjgen.c pj_gen_next: is this thread's C stack near its end (c_stack_exhausted)? */
int pj_c_stack_low(void) {
    return c_stack_exhausted();
}

/* ThreadState(): protojit/frames.py's `tstate`, whose attributes are per thread: `frame`
 * (the published guest frame, t_frame) and `host_depth` (t_host_depth). Every instance
 * reads the same per-thread values (there is one, frames.tstate). */
static PyObject *ts_get_frame(PyObject *self, void *closure) {
    PyObject *f = t_frame ? t_frame : Py_None;
    Py_INCREF(f);
    return f;
}

static int ts_set_frame(PyObject *self, PyObject *value, void *closure) {
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete the published frame");
        return -1;
    }
    PyObject *old = t_frame;
    if (value == Py_None) {
        t_frame = NULL;
    } else {
        Py_INCREF(value);
        t_frame = value;
    }
    Py_XDECREF(old);   /* (after the write: a finaliser it runs sees the new frame) */
    return 0;
}

static PyObject *ts_get_host_depth(PyObject *self, void *closure) {
    return PyLong_FromLong(t_host_depth);
}

static int ts_set_host_depth(PyObject *self, PyObject *value, void *closure) {
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete host_depth");
        return -1;
    }
    long v = PyLong_AsLong(value);
    if (v == -1 && PyErr_Occurred()) return -1;
    t_host_depth = v;
    return 0;
}

static PyGetSetDef ts_getset[] = {
    {"frame", ts_get_frame, ts_set_frame, "this thread's published guest frame (a frame list or None)", NULL},
    {"host_depth", ts_get_host_depth, ts_set_host_depth,
     "this thread's guest calls entered from host code, nested", NULL},
    {NULL},
};

static PyTypeObject ThreadStateType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "protojit._pjentry.ThreadState",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Per-thread interpreter state: the published guest frame and the host call depth.",
    .tp_new = PyType_GenericNew,
    .tp_getset = ts_getset,
};

/* ---- module -------------------------------------------------------------------------- */

static PyObject *set_host_call(PyObject *mod, PyObject *host_call) {
    Py_INCREF(host_call);
    Py_XSETREF(g_host_call, host_call);
    Py_RETURN_NONE;
}

/* set_kw_positions(mapper): mapper(fn, npos, kwnames) gives (argcount, the parameter of
 * each keyword) for a call of fn with npos positional arguments and these keywords when
 * it binds them to positions (see PjCallCache), else None. */
static PyObject *set_kw_positions(PyObject *mod, PyObject *mapper) {
    Py_INCREF(mapper);
    Py_XSETREF(g_kw_positions, mapper);
    Py_RETURN_NONE;
}

/* set_function_type(cls): protojit's Function (the record behind a guest function: its
 * defaults are its function's, pjfunc.c). */
static PyObject *set_function_type(PyObject *mod, PyObject *cls) {
    if (!PyType_Check(cls) || !PyType_IsSubtype((PyTypeObject *)cls, &FunctionBaseType)) {
        PyErr_SetString(PyExc_TypeError, "set_function_type: a subclass of FunctionBase");
        return NULL;
    }
    Py_INCREF(cls);
    Py_XSETREF(g_function_type, (PyTypeObject *)cls);
    Py_RETURN_NONE;
}

/* set_init_probe(cls): a class defined in Python with an __init__: its tp_init is CPython's
 * slot_tp_init, which guest_init compares classes against. */
static PyObject *set_init_probe(PyObject *mod, PyObject *cls) {
    if (!PyType_Check(cls) || ((PyTypeObject *)cls)->tp_init == NULL
            || ((PyTypeObject *)cls)->tp_init == PyBaseObject_Type.tp_init) {
        PyErr_SetString(PyExc_TypeError, "set_init_probe: a class with its own __init__");
        return NULL;
    }
    g_slot_tp_init = ((PyTypeObject *)cls)->tp_init;
    Py_RETURN_NONE;
}

static PyObject *set_kw_binder(PyObject *mod, PyObject *binder) {
    Py_INCREF(binder);
    Py_XSETREF(g_kw_binder, binder);
    Py_RETURN_NONE;
}

/* enable_vectorcall(cls): CPython 3.11 does not pass vectorcall on to a class defined in
 * Python (3.12 does, for a class that keeps its base's __call__); `cls`, a subclass of
 * FunctionBase that defines no __call__, gets it here so that host calls skip the argument
 * tuple. */
static PyObject *enable_vectorcall(PyObject *mod, PyObject *cls) {
    if (!PyType_Check(cls) || !PyType_IsSubtype((PyTypeObject *)cls, &FunctionBaseType)) {
        PyErr_SetString(PyExc_TypeError, "enable_vectorcall: a subclass of FunctionBase");
        return NULL;
    }
    PyTypeObject *t = (PyTypeObject *)cls;
    if (t->tp_call != fb_call) {
        PyErr_SetString(PyExc_TypeError, "enable_vectorcall: the class overrides __call__");
        return NULL;
    }
    t->tp_vectorcall_offset = offsetof(FunctionBase, vectorcall);
    t->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
    /* (3.11 passes the method-descriptor flag on to immutable subclasses only) */
    if (t->tp_descr_get == fb_descr_get) t->tp_flags |= Py_TPFLAGS_METHOD_DESCRIPTOR;
    Py_RETURN_NONE;
}

/* set_frames(f_back, f_function, err_frame): the frame list indices object-code calls fill
 * in and the error record slot of the frame (see object_frame_push). */
static PyObject *set_frames(PyObject *mod, PyObject *args) {
    int f_back, f_function, err_frame;
    if (!PyArg_ParseTuple(args, "iii", &f_back, &f_function, &err_frame)) return NULL;
    if (err_frame < 0 || err_frame >= ERR_SLOTS || f_back != F_BACK || f_function != F_FUNCTION) {
        PyErr_SetString(PyExc_ValueError, "set_frames: bad index (pjentry.c's F_* differ)");
        return NULL;
    }
    g_f_back = f_back;
    g_f_function = f_function;
    g_err_frame = err_frame;
    Py_RETURN_NONE;
}

/* set_numpy_scalars(int64, float64): the types numpy scalar results are boxed as (codegen/
 * compiler.py sets them once a spec returns one, so only programs using numpy import it). */
static PyObject *set_numpy_scalars(PyObject *mod, PyObject *args) {
    PyObject *i64, *f64;
    if (!PyArg_ParseTuple(args, "O!O!", &PyType_Type, &i64, &PyType_Type, &f64)) return NULL;
    Py_INCREF(i64);
    Py_XSETREF(g_np_int64, i64);
    Py_INCREF(f64);
    Py_XSETREF(g_np_float64, f64);
    Py_RETURN_NONE;
}

static PyObject *set_recursion_limit(PyObject *mod, PyObject *arg) {
    long long n = PyLong_AsLongLong(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 1) {
        PyErr_SetString(PyExc_ValueError, "recursion limit must be greater or equal than 1");
        return NULL;
    }
    g_recursion_limit = n;
    Py_RETURN_NONE;
}

/* direct_layout(): the offsets object code's direct calls read (directcall.py;
 * record_offset 0 until runtime/function.py set the FuncDict type). */
static PyObject *direct_layout(PyObject *mod, PyObject *unused) {
    return Py_BuildValue(
        "{sisisisisisisisisisisisi}",
        "spec_fn", (int)offsetof(Spec, fn), "spec_nargs", (int)offsetof(Spec, nargs),
        "spec_frame", (int)offsetof(Spec, frame), "spec_free_frame", (int)offsetof(Spec, free_frame),
        "spec_deps_version", (int)offsetof(Spec, deps_version),
        "entry_generation", (int)offsetof(Entry, generation),
        "fb_invoke", (int)offsetof(FunctionBase, invoke),
        "func_vectorcall", (int)offsetof(PyFunctionObject, vectorcall),
        "dict_version", (int)offsetof(PyDictObject, ma_version_tag),
        "depth_ints", DEPTH_INTS, "native_margin", NATIVE_MARGIN, "record_offset", (int)pj_func_record_offset());
}

static PyMethodDef module_methods[] = {
    {"native_clock", native_clock, METH_O,
     "native_clock(delta): delta (+1/-1) to this thread's count of timed tier-0 calls; the "
     "seconds its calls from tier 0 into machine code took while one was open."},
    {"hold_items", hold_items, METH_VARARGS,
     "hold_items(list, hold): one reference more (hold) or less for each item of list."},
    {"tier0_frame", (PyCFunction)(void (*)(void))tier0_frame, METH_FASTCALL,
     "tier0_frame(code, firstline, padding, argcount, fn, globals, builtins, back, args): a tier-0 "
     "call's frame, or None for the general path (the arguments of a list handed over)."},
    {"hand_over", (PyCFunction)(void (*)(void))hand_over, METH_FASTCALL,
     "hand_over(args, kwargs): a list handed over is emptied, with its keyword dict."},
    {"release_locals", release_locals, METH_O,
     "release_locals(frame): a returned tier-0 frame that nothing else holds releases its "
     "local slots first to last (CPython's order)."},
    {"take_guest_recursion", take_guest_recursion, METH_NOARGS,
     "take_guest_recursion(): whether a guest call failed for the guest's recursion since "
     "the last call (then cleared)."},
    {"direct_layout", direct_layout, METH_NOARGS,
     "direct_layout(): struct offsets object code's direct calls read (a dict)."},
    {"set_numpy_scalars", set_numpy_scalars, METH_VARARGS,
     "set_numpy_scalars(int64, float64): the types numpy scalar results are boxed as."},
    {"set_frames", set_frames, METH_VARARGS,
     "set_frames(f_back, f_function, err_frame): object code's guest frames (frame list "
     "indices, error record slot), published as ThreadState's frame for each call."},
    {"set_recursion_limit", set_recursion_limit, METH_O,
     "set_recursion_limit(n): the guest recursion limit native calls count against."},
    {"enable_vectorcall", enable_vectorcall, METH_O,
     "enable_vectorcall(cls): host calls of cls's instances use FunctionBase's vectorcall, "
     "and C method calls skip the bound method (a method descriptor, as CPython's functions)."},
    {"set_kw_positions", set_kw_positions, METH_O,
     "set_kw_positions(mapper): mapper(fn, npos, kwnames) gives (argcount, parameter of each "
     "keyword) for object code's call-site caches, or None."},
    {"set_init_probe", set_init_probe, METH_O,
     "set_init_probe(cls): a Python class with an __init__ (CPython's slot_tp_init), for object "
     "code's calls of guest classes."},
    {"set_function_type", set_function_type, METH_O,
     "set_function_type(cls): the guest Function class (its __defaults__ slot)."},
    {"set_kw_binder", set_kw_binder, METH_O,
     "set_kw_binder(binder): binder(fn, args, kwargs) gives the positional arguments a call "
     "with keywords of a natively compiled function equals (a tuple), or None."},
    {"set_host_call", set_host_call, METH_O,
     "set_host_call(host_call): host_call(fn, args, kwargs or None) runs a host call of a guest "
     "function that the native entry does not take."},
    {NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "protojit._pjentry",
    "Native entries: vectorcall objects that call machine code (see pjentry.c).", -1, module_methods,
};

PyMODINIT_FUNC PyInit__pjentry(void) {
    const char *no_hit = getenv("PJ_NO_DIRECT_HIT");
    g_direct_hit = no_hit == NULL || no_hit[0] == '\0' || no_hit[0] == '0';
    if (PyType_Ready(&SpecType) < 0 || PyType_Ready(&EntryType) < 0 || PyType_Ready(&FunctionBaseType) < 0
        || PyType_Ready(&ThreadStateType) < 0)
        return NULL;
    g_plan_name = PyUnicode_InternFromString("_pj_plan");
    g_code_name = PyUnicode_InternFromString("code");
    g_invoke_kw_name = PyUnicode_InternFromString("invoke_kw");
    g_init_name = PyUnicode_InternFromString("__init__");
    g_empty_args = PyTuple_New(0);
    if (g_init_name == NULL || g_empty_args == NULL) return NULL;
    if (g_plan_name == NULL || g_code_name == NULL || g_invoke_kw_name == NULL) return NULL;
    g_missing = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    if (g_missing == NULL) return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (m == NULL) return NULL;
    if (pj_func_add_methods(m) < 0 || pj_exc_add_methods(m) < 0 || pj_caller_add_methods(m) < 0
        || pj_buf_add_methods(m) < 0 || pj_tbframe_add_methods(m) < 0
        || pj_genattr_add_methods(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(g_missing);
    if (PyModule_AddObject(m, "MISSING", g_missing) < 0) {
        Py_DECREF(g_missing);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "MAX_ARGS", MAX_ARGS) < 0 || PyModule_AddIntConstant(m, "MAX_OUT", MAX_OUT) < 0
        || PyModule_AddIntConstant(m, "ERR_SLOTS", ERR_SLOTS) < 0
        || PyModule_AddIntConstant(m, "F_DEPTH", F_DEPTH) < 0
        || PyModule_AddIntConstant(m, "ERR_DEPTH", ERR_DEPTH) < 0
        || PyModule_AddIntConstant(m, "MAX_NATIVE_DEPTH", MAX_NATIVE_DEPTH) < 0
        || PyModule_AddIntConstant(m, "DEPTH_STEP", DEPTH_STEP) < 0
        || PyModule_AddIntConstant(m, "NATIVE_MARGIN", NATIVE_MARGIN) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&SpecType);
    Py_INCREF(&EntryType);
    Py_INCREF(&FunctionBaseType);
    Py_INCREF(&ThreadStateType);
    if (PyModule_AddObject(m, "ThreadState", (PyObject *)&ThreadStateType) < 0
        || PyModule_AddObject(m, "Spec", (PyObject *)&SpecType) < 0
        || PyModule_AddObject(m, "Entry", (PyObject *)&EntryType) < 0
        || PyModule_AddObject(m, "FunctionBase", (PyObject *)&FunctionBaseType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

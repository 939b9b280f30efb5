/* Frameless calls (issue 16 item 1): a guest function whose whole body reads or sets a
 * few attributes of its arguments (richards' isTaskHolding, `return self.x`, setters
 * that store constants and `return self`) runs at its object-code call sites without a
 * guest frame and without machine code: pjentry.c's direct_hit, after every check of
 * the call cache (the same function, code, spec, globals; the recursion limit), runs the
 * function's plan here.
 *
 * A plan (codegen/frameless.py builds it from the function's AST) is a short stack
 * program over the call's arguments and the function's constants. Its rule: either it
 * finishes, and its result is what the call would have returned, with the same effects;
 * or it gives up (NULL, no exception) *before any effect*, and the caller makes the call
 * as usual (frame, machine code, CPython's exception and traceback). No guest code runs
 * inside a plan, so nothing can ask for the frame it does not have:
 *   - reads take an attribute only from an instance's inline values or __slots__ member,
 *     where CPython's generic getattr would find it first (pjobj.c pj_attr_slot_pure);
 *     anything else (a property, __getattr__, a missing attribute) gives up;
 *   - tests of truth, `not`, `and`/`or` take bool, None and exact ints; comparisons exact
 *     ints, floats and bools; `is`/`is not` anything;
 *   - stores (FL_SET) come first in a plan and only store an argument or a constant into
 *     an attribute that exists already in inline values or a slot, whose old value is of
 *     a type whose deallocation runs no code (bool, None, exact int, float, str): every
 *     store's slot is found before the first one is made. A plan with stores returns an
 *     argument or a constant (nothing after a store can give up).
 *
 * Ops are 4 bytes: opcode, a, b, c. Each op has its own attribute cache (pjobj.c's
 * PjAttrCache, `caches[pc]`).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define FL_ARG 1        /* push args[a] */
#define FL_CONST 2      /* push consts[a] */
#define FL_ATTR 3       /* pop o; push o.names[a] (inline values / slot only) */
#define FL_NOT 4        /* pop v; push not v */
#define FL_JUMP_IF_FALSE_OR_POP 5   /* v = top: falsy: jump to op a (v stays); else pop */
#define FL_JUMP_IF_TRUE_OR_POP 6
#define FL_IS 7         /* pop b, a; push a is b (c = 1: is not) */
#define FL_COMPARE 8    /* pop b, a; push a <a> b (Py_LT..Py_GE) for ints, floats, bools */
#define FL_SET 9        /* args[a].names[b] = (c < 128 ? args[c] : consts[c - 128]) */
#define FL_RETURN 10    /* pop v; the call's result */

#define FL_MAX_OPS 48
#define FL_STACK 8
#define ATTR_CACHE_BYTES (4 * 40 + 8)   /* pjobj.c PjAttrCache (asserted there) */

PyObject **pj_attr_slot_pure(PyObject *obj, PyObject *name, void *cache, int setting);

typedef struct PjFrameless {
    int nops;
    int nsets;              /* the FL_SET ops at its start */
    int getter;             /* after the stores: 1 `return args[a].name` (ARG, ATTR, RETURN),
                               2 `return args[a]` or a constant (ARG/CONST, RETURN), run
                               without the loop; 0 any other */
    int nargs;
    unsigned char *ops;     /* 4 * nops bytes */
    PyObject *consts;       /* tuple */
    PyObject *names;        /* tuple of interned str */
    char *caches;           /* nops attribute caches, zeroed */
} PjFrameless;

/* Truth of `v` when testing it runs no code: 1/0, or -1 (give up). */
static inline int fl_truth(PyObject *v) {
    if (v == Py_True) return 1;
    if (v == Py_False || v == Py_None) return 0;
    if (PyLong_CheckExact(v)) return Py_SIZE(v) != 0;
    return -1;
}

/* An old value whose last reference may go at a store: its type's dealloc runs no code
 * (no __del__, no weak reference callbacks). */
static inline int fl_inert(PyObject *v) {
    return v == Py_None || PyBool_Check(v) || PyLong_CheckExact(v) || PyFloat_CheckExact(v)
           || PyUnicode_CheckExact(v);
}

static inline int fl_number(PyObject *v) {
    return PyLong_CheckExact(v) || PyFloat_CheckExact(v) || PyBool_Check(v);
}

static inline PyObject *fl_value(PjFrameless *p, PyObject *const *args, int ref) {
    return ref < 128 ? args[ref] : PyTuple_GET_ITEM(p->consts, ref - 128);
}

/* The plan's stores (its first p->nsets ops): 1 when made, 0 when one of them cannot be
 * (nothing stored then): every slot is found, and its old value inert, before the first
 * store. */
static int fl_store(PjFrameless *p, PyObject *const *args) {
    const unsigned char *ops = p->ops;
    PyObject **slots[FL_MAX_OPS];
    for (int pc = 0; pc < p->nsets; pc++) {
        const unsigned char *op = ops + 4 * pc;
        PyObject **slot = pj_attr_slot_pure(args[op[1]], PyTuple_GET_ITEM(p->names, op[2]),
                                            p->caches + (size_t)pc * ATTR_CACHE_BYTES, 1);
        if (slot == NULL || *slot == NULL || !fl_inert(*slot)) return 0;
        slots[pc] = slot;
    }
    for (int pc = 0; pc < p->nsets; pc++) {
        /* (an earlier store may have put an argument or constant into this slot: both
         * are held by the caller and the plan, so its reference is not the last) */
        PyObject *v = fl_value(p, args, ops[4 * pc + 3]);
        PyObject *old = *slots[pc];
        Py_INCREF(v);
        *slots[pc] = v;
        Py_DECREF(old);
    }
    return 1;
}

/* The call's result (a new reference), or NULL (no exception set): the plan gave up
 * before any effect. `args`: the call's full argument vector (p->nargs). */
PyObject *pj_frameless_run(PjFrameless *p, PyObject *const *args) {
    const unsigned char *ops = p->ops;
    int pc = p->nsets;
    if (pc != 0 && !fl_store(p, args)) return NULL;
    if (p->getter) {
        const unsigned char *op = ops + 4 * pc;
        PyObject *v = op[0] == FL_ARG ? args[op[1]] : PyTuple_GET_ITEM(p->consts, op[1]);
        if (p->getter == 1) {
            PyObject **slot = pj_attr_slot_pure(v, PyTuple_GET_ITEM(p->names, op[5]),
                                                p->caches + (size_t)(pc + 1) * ATTR_CACHE_BYTES, 0);
            if (slot == NULL || *slot == NULL) return NULL;
            v = *slot;
        }
        Py_INCREF(v);
        return v;
    }
    PyObject *stack[FL_STACK];   /* borrowed: nothing is released while the plan runs */
    int sp = 0;
    for (; pc < p->nops; pc++) {
        const unsigned char *op = ops + 4 * pc;
        switch (op[0]) {
        case FL_ARG:
            if (sp == FL_STACK) return NULL;
            stack[sp++] = args[op[1]];
            break;
        case FL_CONST:
            if (sp == FL_STACK) return NULL;
            stack[sp++] = PyTuple_GET_ITEM(p->consts, op[1]);
            break;
        case FL_ATTR: {
            PyObject **slot = pj_attr_slot_pure(stack[sp - 1], PyTuple_GET_ITEM(p->names, op[1]),
                                                p->caches + (size_t)pc * ATTR_CACHE_BYTES, 0);
            if (slot == NULL || *slot == NULL) return NULL;
            stack[sp - 1] = *slot;
            break;
        }
        case FL_NOT: {
            int t = fl_truth(stack[sp - 1]);
            if (t < 0) return NULL;
            stack[sp - 1] = t ? Py_False : Py_True;
            break;
        }
        case FL_JUMP_IF_FALSE_OR_POP:
        case FL_JUMP_IF_TRUE_OR_POP: {
            int t = fl_truth(stack[sp - 1]);
            if (t < 0) return NULL;
            if (t == (op[0] == FL_JUMP_IF_TRUE_OR_POP)) pc = op[1] - 1;
            else sp--;
            break;
        }
        case FL_IS: {
            PyObject *b = stack[--sp];
            stack[sp - 1] = (stack[sp - 1] == b) != op[3] ? Py_True : Py_False;
            break;
        }
        case FL_COMPARE: {
            PyObject *b = stack[--sp], *a = stack[sp - 1];
            if (!fl_number(a) || !fl_number(b)) return NULL;
            PyObject *r = PyObject_RichCompare(a, b, op[1]);   /* (a bool: runs no code) */
            if (r == NULL) {
                PyErr_Clear();
                return NULL;
            }
            Py_DECREF(r);   /* (True or False: never the last reference) */
            stack[sp - 1] = r;
            break;
        }
        case FL_RETURN:
            Py_INCREF(stack[sp - 1]);
            return stack[sp - 1];
        default:
            return NULL;
        }
    }
    return NULL;
}

void pj_frameless_free(PjFrameless *p) {
    if (p == NULL) return;
    Py_XDECREF(p->consts);
    Py_XDECREF(p->names);
    PyMem_Free(p->ops);
    PyMem_Free(p->caches);
    PyMem_Free(p);
}

/* Checks a plan for `nargs` arguments: every index in range, jumps forward, the stack
 * never under- or overflowing on any path (jumps keep one value: the stack depth at a
 * jump's target is the depth before the jump), stores only first and then one value
 * returned. NULL: fine; else what is wrong. */
static const char *fl_check(const unsigned char *ops, int nops, int nargs, Py_ssize_t nconsts,
                            Py_ssize_t nnames) {
    int depth_at[FL_MAX_OPS + 1];
    for (int i = 0; i <= nops; i++) depth_at[i] = -1;
    int sp = 0, pc = 0, nsets = 0;
    for (; pc < nops && ops[4 * pc] == FL_SET; pc++, nsets++) {
        const unsigned char *op = ops + 4 * pc;
        if (op[1] >= nargs || op[2] >= nnames) return "store: index out of range";
        if (op[3] < 128 ? op[3] >= nargs : op[3] - 128 >= nconsts) return "store: value out of range";
    }
    if (nsets && !(nops - pc == 2 && (ops[4 * pc] == FL_ARG || ops[4 * pc] == FL_CONST)
                   && ops[4 * pc + 4] == FL_RETURN))
        return "a plan with stores returns an argument or a constant";
    for (; pc < nops; pc++) {
        const unsigned char *op = ops + 4 * pc;
        if (depth_at[pc] >= 0) {
            if (sp >= 0 && sp != depth_at[pc]) return "stack depths differ at a jump target";
            sp = depth_at[pc];
        }
        if (sp < 0) return "unreachable op";
        switch (op[0]) {
        case FL_ARG: if (op[1] >= nargs) return "argument out of range"; sp++; break;
        case FL_CONST: if (op[1] >= nconsts) return "constant out of range"; sp++; break;
        case FL_ATTR: if (op[1] >= nnames || sp < 1) return "bad attribute read"; break;
        case FL_NOT: if (sp < 1) return "stack underflow"; break;
        case FL_JUMP_IF_FALSE_OR_POP:
        case FL_JUMP_IF_TRUE_OR_POP:
            if (sp < 1 || op[1] <= pc || op[1] > nops) return "bad jump";
            if (depth_at[op[1]] >= 0 && depth_at[op[1]] != sp) return "stack depths differ at a jump target";
            depth_at[op[1]] = sp;
            sp--;
            break;
        case FL_IS:
        case FL_COMPARE:
            if (sp < 2 || (op[0] == FL_COMPARE && op[1] > Py_GE)) return "bad comparison";
            sp--;
            break;
        case FL_RETURN: if (sp != 1) return "return: one value"; sp = -1; break;
        default: return "unknown op";
        }
        if (sp > FL_STACK) return "stack too deep";
    }
    if (sp != -1) return "a plan ends with a return";
    return NULL;
}

/* A new plan (ValueError: a malformed one) from `ops` (bytes), `consts` and `names`
 * (tuples; names of interned str), for functions of `nargs` arguments. */
PjFrameless *pj_frameless_new(PyObject *ops, PyObject *consts, PyObject *names, int nargs) {
    if (!PyBytes_Check(ops) || !PyTuple_Check(consts) || !PyTuple_Check(names)) {
        PyErr_SetString(PyExc_TypeError, "frameless plan: bytes, tuple, tuple");
        return NULL;
    }
    Py_ssize_t len = PyBytes_GET_SIZE(ops);
    int nops = (int)(len / 4);
    const char *bad = NULL;
    if (len % 4 || nops == 0 || nops > FL_MAX_OPS) bad = "1 to 48 ops of 4 bytes";
    for (Py_ssize_t i = 0; !bad && i < PyTuple_GET_SIZE(names); i++)
        if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(names, i))) bad = "names are str";
    if (!bad)
        bad = fl_check((const unsigned char *)PyBytes_AS_STRING(ops), nops, nargs,
                       PyTuple_GET_SIZE(consts), PyTuple_GET_SIZE(names));
    if (bad) {
        PyErr_Format(PyExc_ValueError, "frameless plan: %s", bad);
        return NULL;
    }
    PjFrameless *p = PyMem_Calloc(1, sizeof(PjFrameless));
    if (p == NULL) return (PjFrameless *)PyErr_NoMemory();
    p->ops = PyMem_Malloc((size_t)len);
    p->caches = PyMem_Calloc((size_t)nops, ATTR_CACHE_BYTES);
    if (p->ops == NULL || p->caches == NULL) {
        pj_frameless_free(p);
        return (PjFrameless *)PyErr_NoMemory();
    }
    memcpy(p->ops, PyBytes_AS_STRING(ops), (size_t)len);
    p->nops = nops;
    while (p->nsets < nops && p->ops[4 * p->nsets] == FL_SET) p->nsets++;
    const unsigned char *rest = p->ops + 4 * p->nsets;
    if (nops - p->nsets == 3 && rest[0] == FL_ARG && rest[4] == FL_ATTR && rest[8] == FL_RETURN)
        p->getter = 1;
    else if (nops - p->nsets == 2 && (rest[0] == FL_ARG || rest[0] == FL_CONST) && rest[4] == FL_RETURN)
        p->getter = 2;
    p->nargs = nargs;
    p->consts = Py_NewRef(consts);
    p->names = Py_NewRef(names);
    return p;
}

/* Inline caches of native object code (codegen/lowerobj.py calls these directly).
 *
 * Each is the generic C-API operation with a per-site cache in front of it, filled by
 * the generic path and checked on every use; a check that fails takes the generic path
 * in place (DESIGN decision 4: no deopt, nothing repeated). What a hit returns is what
 * the generic operation would: the caches hold only facts that CPython itself keys on
 * (a type's version tag, a dict's version, the layout of an instance's inline values).
 *
 *   pj_load_global   globals, then builtins: a global read at its entry in the globals'
 *                    keys (CPython's LOAD_GLOBAL_MODULE), a builtin cached behind both
 *                    dicts' ma_version_tag; its last result kept behind both tags for
 *                    the inline hit of machine code at level 1 (codegen/hotpaths.py)
 *   pj_getattr       obj.name on an instance of a class defined in Python: the slot of
 *                    `name` in the instance's inline values (3.11 managed dicts), cached
 *                    on (type, tp_version_tag); once the instance's dict exists (3.11
 *                    makes one when the class's shared keys run out: go's Square), the
 *                    value read from that dict's entries at a remembered index (CPython's
 *                    LOAD_ATTR_WITH_HINT); a __slots__ member read at its offset
 *   pj_setattr       obj.name = v into such a slot, a new attribute included (CPython's
 *                    STORE_ATTR_INSTANCE_VALUE), or PyDict_SetItem on the dict, or a
 *                    __slots__ member written at its offset
 *   pj_call_method   obj.name(args) where name is a method descriptor found on the type
 *                    (a guest or builtin function) and the instance cannot shadow it:
 *                    the function called with obj as its first argument, no bound method;
 *                    a guest function is called through pjentry.c's pj_call_site (the
 *                    site's call cache: its machine code directly)
 *
 * Ownership: results are new references (NULL with an exception set), as the C API's.
 * The caches hold borrowed pointers, used only while the version they were filled
 * under still holds (a dict or type that changes gets a new version; version tags are
 * never reused, so a freed type cannot match either).
 *
 * Layouts: CPython 3.11 exactly (Include/internal/pycore_dict.h, pycore_object.h),
 * mirrored below; the build fails on any other version.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pjobj.c mirrors CPython 3.11's object layouts"
#endif

/* struct _dictkeysobject (pycore_dict.h) */
typedef struct {
    Py_ssize_t dk_refcnt;
    uint8_t dk_log2_size;
    uint8_t dk_log2_index_bytes;
    uint8_t dk_kind;
    uint32_t dk_version;
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
    char dk_indices[];
} Keys311;

/* PyDictUnicodeEntry: the entries of split (shared) and unicode keys */
typedef struct {
    PyObject *me_key;
    PyObject *me_value;
} UnicodeEntry311;

#define DICT_KEYS_GENERAL 0
#define DICT_KEYS_SPLIT 2
#define IDX_DICT (-4)
#define IDX_SLOT (-5)
/* A hint that misses scans at most this many entries of an instance dict for `name`. */
#define HINT_SCAN 32

/* _PyObject_ValuesPointer: the inline values (PyDictValues *, an array of PyObject *)
 * sit four words before the object header of a Py_TPFLAGS_MANAGED_DICT instance; NULL
 * once the instance's dict was materialised. */
static inline PyObject **values_of(PyObject *obj) {
    return ((PyObject ***)obj)[-4];
}

/* _PyDictValues_AddToInsertionOrder (pycore_dict.h): the order of an instance's
 * attributes is a byte array before its values, its length in the byte at values[-2]. */
static inline void add_to_insertion_order(PyObject **values, Py_ssize_t index) {
    uint8_t *size_ptr = ((uint8_t *)values) - 2;
    int size = *size_ptr + 1;
    size_ptr[-size] = (uint8_t)index;
    *size_ptr = (uint8_t)size;
}

/* _PyObject_ManagedDictPointer: the instance's dict (three words before the header),
 * NULL while its attributes live in the inline values. */
static inline PyDictObject *dict_of(PyObject *obj) {
    return ((PyDictObject **)obj)[-3];
}

static inline UnicodeEntry311 *unicode_entries(Keys311 *keys) {
    return (UnicodeEntry311 *)(keys->dk_indices + ((size_t)1 << keys->dk_log2_index_bytes));
}

/* One type's entry in the per-site cache of pj_getattr / pj_setattr / pj_call_method. */
typedef struct {
    PyTypeObject *type;     /* borrowed; NULL: empty */
    unsigned int version;   /* type's tp_version_tag when filled */
    Py_ssize_t index;       /* slot in the inline values; -1 absent from the shared keys;
                               -2 the type's instances have no dict; -3 generic only;
                               IDX_DICT: absent from the shared keys, but an instance's
                               own dict is read (written) first; IDX_SLOT: a __slots__
                               member at byte offset `nentries` in the instance */
    Py_ssize_t nentries;    /* pj_call_method: the shared keys' entries when filled;
                               pj_getattr: the index in an instance dict's entries where
                               `name` was last found (a hint, checked on use) */
    PyObject *descr;        /* pj_call_method: the method found on the type (borrowed) */
} PjAttrEntry;

/* The per-site cache (lowerobj.ATTR_CACHE bytes): one entry per receiver type seen, up
 * to ATTR_WAYS (a method of a base class reads `self.x` on instances of each subclass);
 * a new type replaces the entries in turn. */
#define ATTR_WAYS 4
typedef struct {
    PjAttrEntry e[ATTR_WAYS];
    uint64_t next;          /* the entry the next new type replaces */
} PjAttrCache;

/* The entry of `tp` in `c` whose version still holds, or NULL. */
static inline PjAttrEntry *entry_for(PyTypeObject *tp, PjAttrCache *c);

/* The per-site cache of pj_load_global (lowerobj.GLOBAL_CACHE). A name found in the
 * globals is read at its entry in the globals' keys, as CPython 3.11's LOAD_GLOBAL_MODULE
 * does, so rebinding a global (go's TIMESTAMP += 1) does not empty the cache of every other
 * global read; a name found in the builtins is cached behind both dicts' versions, and
 * when only the globals changed one lookup there confirms that the name is still absent. */
typedef struct {
    void *keys;             /* index >= 0: the globals' keys object it was found in (compared only) */
    Py_ssize_t index;       /* its entry there; -1: a builtin (value), -2: no entry cached */
    uint64_t globals_version;
    uint64_t builtins_version;
    PyObject *value;        /* a builtin (borrowed); NULL: empty */
    /* the last value returned (borrowed) and both dicts' versions when it was read, for
     * the inline hit of code made at level 1 (codegen/hotpaths.py): while neither dict
     * changes, the globals (or for a builtin the builtins) still hold it; both versions 0
     * (never a dict's) until filled */
    uint64_t hit_globals_version;
    uint64_t hit_builtins_version;
    PyObject *hit_value;
} PjGlobalCache;

/* (codegen/lowerobj.py allocates the caches: ATTR_CACHE and GLOBAL_CACHE bytes) */
_Static_assert(sizeof(PjAttrCache) == 4 * 40 + 8, "lowerobj.ATTR_CACHE");
_Static_assert(sizeof(PjGlobalCache) == 64, "lowerobj.GLOBAL_CACHE");
_Static_assert(offsetof(PjGlobalCache, hit_globals_version) == 40
               && offsetof(PjGlobalCache, hit_builtins_version) == 48
               && offsetof(PjGlobalCache, hit_value) == 56
               && offsetof(PyDictObject, ma_version_tag) == 24, "codegen/hotpaths.py");
/* codegen/lowerobj.py attr_slot reads the entries, these type fields, and an instance
 * dict's keys */
_Static_assert(offsetof(PjAttrCache, e) == 0 && offsetof(PjAttrEntry, type) == 0
               && offsetof(PjAttrEntry, version) == 8 && offsetof(PjAttrEntry, index) == 16
               && offsetof(PjAttrEntry, nentries) == 24 && sizeof(PjAttrEntry) == 40
               && ATTR_WAYS == 4, "lowerobj.ATTR_WAYS/AE_SIZE/AE_VERSION/AE_INDEX/AE_NENTRIES");
_Static_assert(IDX_DICT == -4 && IDX_SLOT == -5 && DICT_KEYS_GENERAL == 0, "lowerobj.IDX_DICT/IDX_SLOT");
_Static_assert(offsetof(PyDictObject, ma_keys) == 32 && offsetof(PyDictObject, ma_values) == 40,
               "lowerobj.DICT_KEYS/DICT_VALUES");
_Static_assert(offsetof(Keys311, dk_log2_index_bytes) == 9 && offsetof(Keys311, dk_kind) == 10
               && offsetof(Keys311, dk_nentries) == 24 && offsetof(Keys311, dk_indices) == 32
               && sizeof(UnicodeEntry311) == 16, "lowerobj.DK_*");
_Static_assert(offsetof(PyTypeObject, tp_flags) == 168 && sizeof(((PyTypeObject *)0)->tp_flags) == 8,
               "lowerobj.TP_FLAGS");
_Static_assert(offsetof(PyTypeObject, tp_version_tag) == 384, "lowerobj.TP_VERSION_TAG");
_Static_assert(Py_TPFLAGS_VALID_VERSION_TAG == (1UL << 19), "lowerobj.VALID_VERSION_TAG");
/* codegen/lowerobj.py lower_FuncDefaults reads a weak reference's object and a function's
 * defaults as words */
_Static_assert(offsetof(PyWeakReference, wr_object) == 2 * sizeof(void *)
               && offsetof(PyFunctionObject, func_defaults) == 7 * sizeof(void *),
               "lowerobj.WR_OBJECT/FUNC_DEFAULTS");

static inline int version_holds(PyTypeObject *tp, PjAttrEntry *c) {
    return tp == c->type && tp->tp_version_tag == c->version
           && (tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG);
}

static inline PjAttrEntry *entry_for(PyTypeObject *tp, PjAttrCache *c) {
    for (int i = 0; i < ATTR_WAYS; i++)
        if (version_holds(tp, &c->e[i])) return &c->e[i];
    return NULL;
}

/* The entry a type not in the cache fills: its own stale one (the type changed), else
 * the next in turn. */
static PjAttrEntry *entry_to_fill(PyTypeObject *tp, PjAttrCache *c) {
    for (int i = 0; i < ATTR_WAYS; i++)
        if (c->e[i].type == tp) return &c->e[i];
    return &c->e[c->next++ % ATTR_WAYS];
}

/* The index of `name` in the shared keys of `tp`'s instances (-1: absent, -3: the type
 * has none). Keys only grow by appending, so an index once found stays valid. */
static Py_ssize_t shared_index(PyTypeObject *tp, PyObject *name, Py_ssize_t *nentries) {
    if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) || !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return -3;
    Keys311 *keys = (Keys311 *)((PyHeapTypeObject *)tp)->ht_cached_keys;
    if (keys == NULL || keys->dk_kind != DICT_KEYS_SPLIT) return -3;
    UnicodeEntry311 *entries = unicode_entries(keys);
    *nentries = keys->dk_nentries;
    for (Py_ssize_t i = 0; i < keys->dk_nentries; i++) {
        PyObject *k = entries[i].me_key;
        if (k == name) return i;
        if (k != NULL && PyUnicode_CheckExact(k) && _PyUnicode_EQ(k, name)) return i;
    }
    return -1;
}

/* Fill `c` for attribute reads (`setting` 0) or writes (1) of `name` on `tp`: a slot
 * when CPython's generic attribute protocol would read/write the instance's own value
 * first (no data descriptor on the type, no __getattr__/__getattribute__/__setattr__);
 * otherwise the site stays generic for this type (index -3). */
static void fill_attr(PyTypeObject *tp, PyObject *name, PjAttrEntry *c, int setting) {
    c->type = NULL;
    if (!PyUnicode_CheckExact(name)) return;
    PyObject *descr = _PyType_Lookup(tp, name);   /* (assigns a version tag) */
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) return;
    Py_ssize_t index = -3, nentries = 0;
    int generic = setting ? tp->tp_setattro == PyObject_GenericSetAttr
                          : tp->tp_getattro == PyObject_GenericGetAttr;
    if (generic && (descr == NULL || Py_TYPE(descr)->tp_descr_set == NULL)) {
        index = shared_index(tp, name, &nentries);
        if (index == -1) index = IDX_DICT;
    } else if (generic && Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        /* a __slots__ member (CPython's LOAD_ATTR_SLOT/STORE_ATTR_SLOT): an object field
         * that raises AttributeError while empty, writable, not audited, of a class that
         * tp derives from (a member descriptor copied into another class raises) */
        PyMemberDescrObject *m = (PyMemberDescrObject *)descr;
        PyMemberDef *def = m->d_member;
        if (def->type == T_OBJECT_EX && !(def->flags & (READONLY | READ_RESTRICTED | PY_WRITE_RESTRICTED))
                && PyType_IsSubtype(tp, PyDescr_TYPE(m)) && def->offset > 0) {
            index = IDX_SLOT;
            c->version = tp->tp_version_tag;
            c->index = index;
            c->nentries = def->offset;
            c->type = tp;
            return;
        }
    }
    c->version = tp->tp_version_tag;
    c->index = index;
    c->nentries = -1;
    c->type = tp;
}

/* The value (borrowed) of `name` in obj's own dict, read without a call, or NULL: not
 * there, or not a dict read inline (the generic path decides). A split dict over the
 * class's shared keys holds it at the cached slot; a combined one with str keys at
 * c->nentries (the hint), else found by a short scan that moves the hint. Keys are
 * matched by identity (attribute names are interned), as CPython's hint is. */
static inline PyObject *dict_value(PyTypeObject *tp, PyObject *obj, PyObject *name, PjAttrEntry *c) {
    PyDictObject *d = dict_of(obj);
    if (d == NULL) return NULL;
    Keys311 *keys = (Keys311 *)d->ma_keys;
    if (d->ma_values != NULL) {
        if (c->index >= 0 && d->ma_keys == ((PyHeapTypeObject *)tp)->ht_cached_keys)
            return ((PyObject **)d->ma_values)[c->index];
        return NULL;
    }
    if (keys->dk_kind == DICT_KEYS_GENERAL) return NULL;
    UnicodeEntry311 *e = unicode_entries(keys);
    Py_ssize_t n = keys->dk_nentries, h = c->nentries;
    if (h >= 0 && h < n && e[h].me_key == name) return e[h].me_value;
    if (n > HINT_SCAN) return NULL;
    for (Py_ssize_t i = 0; i < n; i++)
        if (e[i].me_key == name) {
            c->nentries = i;
            return e[i].me_value;
        }
    return NULL;
}

PyObject *pj_getattr(PyObject *obj, PyObject *name, PjAttrCache *cache) {
    PyTypeObject *tp = Py_TYPE(obj);
    PjAttrEntry *c = entry_for(tp, cache);
    if (c != NULL) {
        if (c->index == IDX_SLOT) {
            PyObject *r = *(PyObject **)((char *)obj + c->nentries);
            if (r != NULL) {
                Py_INCREF(r);
                return r;
            }
            return PyObject_GetAttr(obj, name);   /* (empty: CPython's AttributeError) */
        }
        if (c->index >= 0 || c->index == IDX_DICT) {
            PyObject **values = values_of(obj);
            PyObject *r = values == NULL ? dict_value(tp, obj, name, c)
                          : c->index >= 0 ? values[c->index] : NULL;
            if (r != NULL) {
                Py_INCREF(r);
                return r;
            }
        }
        return PyObject_GetAttr(obj, name);
    }
    PyObject *r = PyObject_GetAttr(obj, name);
    if (r != NULL) fill_attr(tp, name, entry_to_fill(tp, cache), 0);
    return r;
}

int pj_setattr(PyObject *obj, PyObject *name, PyObject *value, PjAttrCache *cache) {
    PyTypeObject *tp = Py_TYPE(obj);
    PjAttrEntry *c = entry_for(tp, cache);
    if (c != NULL) {
        if (c->index == IDX_SLOT) {
            PyObject **slot = (PyObject **)((char *)obj + c->nentries);
            PyObject *old = *slot;
            Py_INCREF(value);
            *slot = value;
            Py_XDECREF(old);
            return 0;
        }
        if (c->index >= 0 || c->index == IDX_DICT) {
            PyObject **values = values_of(obj);
            if (values != NULL && c->index >= 0) {
                /* CPython's STORE_ATTR_INSTANCE_VALUE: the slot exists in every instance's
                 * values (instances are made with room for all the keys the shared keys
                 * can still take, which only ever grow); a new attribute (__init__'s
                 * self.x = ...) is also appended to the values' insertion order */
                PyObject *old = values[c->index];
                Py_INCREF(value);
                values[c->index] = value;
                if (old != NULL) Py_DECREF(old);
                else add_to_insertion_order(values, c->index);
                return 0;
            }
            /* what CPython's generic setattr does with no data descriptor on the type and
             * the instance's dict there (_PyObjectDict_SetItem): set it in the dict */
            PyDictObject *d = values == NULL ? dict_of(obj) : NULL;
            if (d != NULL) return PyDict_SetItem((PyObject *)d, name, value);
        }
        return PyObject_SetAttr(obj, name, value);
    }
    int r = PyObject_SetAttr(obj, name, value);
    if (r == 0) fill_attr(tp, name, entry_to_fill(tp, cache), 1);
    return r;
}

/* pjentry.c's frameless calls (pjframeless.c): the address of `name`'s value in obj's
 * inline values or __slots__ member when CPython's generic attribute protocol reads
 * (`setting` 0) or writes (1) it there, else NULL. Runs no guest code and sets no
 * exception: a type the cache has not seen fills an entry (fill_attr: a type lookup).
 * The value at the address may be NULL (no such attribute yet: the caller decides). */
PyObject **pj_attr_slot_pure(PyObject *obj, PyObject *name, void *cache, int setting) {
    PyTypeObject *tp = Py_TYPE(obj);
    PjAttrEntry *c = entry_for(tp, (PjAttrCache *)cache);
    if (c == NULL) {
        c = entry_to_fill(tp, (PjAttrCache *)cache);
        fill_attr(tp, name, c, setting);
        if (c->type != tp) return NULL;
    }
    if (c->index == IDX_SLOT) return (PyObject **)((char *)obj + c->nentries);
    if (c->index < 0) return NULL;
    PyObject **values = values_of(obj);
    return values == NULL ? NULL : &values[c->index];
}

/* Fill `c` for method calls: the type's attribute is a method descriptor (CPython's
 * _PyObject_GetMethod would call it unbound) and no instance can shadow it yet: the
 * type's instances have no dict, or the name is absent from their shared keys (checked
 * again per call: the keys' entry count has not changed and the instance still uses its
 * inline values). */
static void fill_method(PyTypeObject *tp, PyObject *name, PjAttrEntry *c) {
    c->type = NULL;
    if (!PyUnicode_CheckExact(name) || tp->tp_getattro != PyObject_GenericGetAttr) return;
    PyObject *descr = _PyType_Lookup(tp, name);
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) return;
    c->descr = NULL;
    c->index = -3;
    if (descr != NULL && (Py_TYPE(descr)->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR)) {
        if (tp->tp_dictoffset == 0) {
            c->index = -2;
            c->descr = descr;
        } else {
            Py_ssize_t nentries = 0;
            Py_ssize_t index = shared_index(tp, name, &nentries);
            if (index == -1) {
                c->index = -1;
                c->nentries = nentries;
                c->descr = descr;
            }
        }
    }
    c->version = tp->tp_version_tag;
    c->type = tp;
}

/* The method `name` of obj's type from the site's cache (filled on a miss), when no
 * instance attribute can shadow it; NULL when the generic lookup must decide. Borrowed. */
static PyObject *cached_method(PyObject *obj, PyObject *name, PjAttrCache *cache) {
    PyTypeObject *tp = Py_TYPE(obj);
    PjAttrEntry *c = entry_for(tp, cache);
    if (c == NULL) {
        c = entry_to_fill(tp, cache);
        fill_method(tp, name, c);
    }
    if (c->type != tp || c->descr == NULL)
        return NULL;
    int unshadowed = c->index == -2;
    if (c->index == -1) {
        Keys311 *keys = (Keys311 *)((PyHeapTypeObject *)tp)->ht_cached_keys;
        if (values_of(obj) != NULL) {
            unshadowed = keys != NULL && keys->dk_nentries == c->nentries;
        } else {
            /* the instance's dict: no entry `name` (a split dict over the unchanged shared
             * keys cannot have one; a str-keyed one is looked up, which runs no guest
             * code), as _PyObject_GetMethod's own lookup would find */
            PyDictObject *d = dict_of(obj);
            if (d == NULL) {
                unshadowed = 1;
            } else if (d->ma_values != NULL) {
                unshadowed = d->ma_keys == (PyDictKeysObject *)keys && keys != NULL
                             && keys->dk_nentries == c->nentries;
            } else if (((Keys311 *)d->ma_keys)->dk_kind != DICT_KEYS_GENERAL) {
                unshadowed = PyDict_GetItemWithError((PyObject *)d, name) == NULL && !PyErr_Occurred();
            }
        }
    }
    return unshadowed ? c->descr : NULL;
}

/* pjentry.c: object code's call (a guest function as a guest caller calls it), behind the
 * site's call cache (PjCallCache: lowerobj.CALL_CACHE bytes) */
PyObject *pj_call_site(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames,
                       void *call_cache);

PyObject *pj_call_method(PyObject *name, PyObject *const *args, size_t nargsf, PyObject *kwnames,
                         PjAttrCache *cache, void *call_cache) {
    PyObject *f = cached_method(args[0], name, cache);
    if (f != NULL) {
        Py_INCREF(f);   /* (the call may replace the class attribute) */
        PyObject *r = pj_call_site(f, args, nargsf, kwnames, call_cache);
        Py_DECREF(f);
        return r;
    }
    /* PyObject_VectorcallMethod, with pj_call_site for the call */
    PyObject *meth = NULL;
    int unbound = _PyObject_GetMethod(args[0], name, &meth);
    if (meth == NULL) return NULL;
    PyObject *r;
    if (unbound)   /* (the offset flag is about the positional arguments: args[0] is one) */
        r = pj_call_site(meth, args, nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames, call_cache);
    else
        r = pj_call_site(meth, args + 1, nargsf - 1, kwnames, call_cache);
    Py_DECREF(meth);
    return r;
}

/* pj_call_method on a vector whose references the call takes (codegen/lowerobj.py
 * lower_CallMethod; pjentry.c pj_call_site_owned says how): the callee's frame takes them,
 * what it did not take is released when the call is over. */
void pj_own_begin(PyObject **args);
void pj_own_end(PyObject **args, size_t nargsf, PyObject *kwnames);

PyObject *pj_call_method_owned(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames,
                               PjAttrCache *cache, void *call_cache) {
    pj_own_begin(args);
    PyObject *r = pj_call_method(name, args, nargsf, kwnames, cache, call_cache);
    pj_own_end(args, nargsf, kwnames);
    return r;
}

/* Binary operators of object code on instances of classes defined in Python. CPython's
 * `a - b` runs PyNumber_Subtract -> binary_op1 -> the class's slot_nb_subtract, which
 * looks `__sub__` up on the type and calls it with (a, b): a host call of the guest
 * function (raytrace's Point - Point: ~6000 instructions a call, the call of a method
 * ~1500). pj_binop_dunder does what those do when the outcome is plain, the dunder called
 * through the site's call cache (its machine code directly); anything else is the
 * generic PyNumber_* call. The order and names follow lowerobj.DUNDER_BINOPS. */
typedef struct {
    Py_ssize_t slot, islot;     /* offsets of the nb slot and of its in-place form */
    const char *name, *rname;   /* the dunder and its reflected form */
    const char *sign, *isign;   /* CPython's operator names in binop_type_error */
    binaryfunc generic, igeneric;
    PyObject *iname, *irname;   /* (interned at first use) */
} BinopKind;

/* pjcaller.c: `"..." % args` on the guest's recursion budget (as PyNumber_Remainder) */
PyObject *pj_guest_remainder(PyObject *a, PyObject *b);

#define NB(f) offsetof(PyNumberMethods, f)
static BinopKind g_binops[] = {
    {NB(nb_add), NB(nb_inplace_add), "__add__", "__radd__", "+", "+=", PyNumber_Add, PyNumber_InPlaceAdd},
    {NB(nb_subtract), NB(nb_inplace_subtract), "__sub__", "__rsub__", "-", "-=",
     PyNumber_Subtract, PyNumber_InPlaceSubtract},
    {NB(nb_multiply), NB(nb_inplace_multiply), "__mul__", "__rmul__", "*", "*=",
     PyNumber_Multiply, PyNumber_InPlaceMultiply},
    {NB(nb_true_divide), NB(nb_inplace_true_divide), "__truediv__", "__rtruediv__", "/", "/=",
     PyNumber_TrueDivide, PyNumber_InPlaceTrueDivide},
    {NB(nb_floor_divide), NB(nb_inplace_floor_divide), "__floordiv__", "__rfloordiv__", "//", "//=",
     PyNumber_FloorDivide, PyNumber_InPlaceFloorDivide},
    {NB(nb_remainder), NB(nb_inplace_remainder), "__mod__", "__rmod__", "%", "%=",
     pj_guest_remainder, PyNumber_InPlaceRemainder},
    {NB(nb_matrix_multiply), NB(nb_inplace_matrix_multiply), "__matmul__", "__rmatmul__", "@", "@=",
     PyNumber_MatrixMultiply, PyNumber_InPlaceMatrixMultiply},
    {NB(nb_lshift), NB(nb_inplace_lshift), "__lshift__", "__rlshift__", "<<", "<<=",
     PyNumber_Lshift, PyNumber_InPlaceLshift},
    {NB(nb_rshift), NB(nb_inplace_rshift), "__rshift__", "__rrshift__", ">>", ">>=",
     PyNumber_Rshift, PyNumber_InPlaceRshift},
    {NB(nb_and), NB(nb_inplace_and), "__and__", "__rand__", "&", "&=", PyNumber_And, PyNumber_InPlaceAnd},
    {NB(nb_or), NB(nb_inplace_or), "__or__", "__ror__", "|", "|=", PyNumber_Or, PyNumber_InPlaceOr},
    {NB(nb_xor), NB(nb_inplace_xor), "__xor__", "__rxor__", "^", "^=", PyNumber_Xor, PyNumber_InPlaceXor},
};
#undef NB

static inline binaryfunc nb_slot(PyTypeObject *tp, Py_ssize_t offset) {
    PyNumberMethods *nb = tp->tp_as_number;
    return nb == NULL ? NULL : *(binaryfunc *)((char *)nb + offset);
}

/* No sequence fallback of PyNumber_Add/Multiply (and their in-place forms) can follow a
 * NotImplemented: `tp` has no sq_concat, sq_repeat or their in-place forms. */
static inline int no_sequence_ops(PyTypeObject *tp) {
    PySequenceMethods *sq = tp->tp_as_sequence;
    return sq == NULL || (sq->sq_concat == NULL && sq->sq_repeat == NULL
                          && sq->sq_inplace_concat == NULL && sq->sq_inplace_repeat == NULL);
}

/* slot_nb_*'s second try (SLOT1BINFULL: a and b of two classes sharing the slot
 * function): b's reflected dunder looked up on its type (vectorcall_maybe), else
 * NotImplemented (a new reference either way, NULL with an exception set). */
static PyObject *reflected(PyObject *a, PyObject *b, PyObject *rname, void *call_cache) {
    PyObject *f = _PyType_Lookup(Py_TYPE(b), rname);
    if (f == NULL) Py_RETURN_NOTIMPLEMENTED;
    PyObject *r;
    if (Py_TYPE(f)->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR) {
        PyObject *args[2] = {b, a};
        Py_INCREF(f);
        r = pj_call_site(f, args, 2, NULL, call_cache);
        Py_DECREF(f);
        return r;
    }
    descrgetfunc get = Py_TYPE(f)->tp_descr_get;
    PyObject *bound = get == NULL ? Py_NewRef(f) : get(f, b, (PyObject *)Py_TYPE(b));
    if (bound == NULL) return NULL;
    r = pj_call_site(bound, &a, 1, NULL, call_cache);
    Py_DECREF(bound);
    return r;
}

/* a OP b (`op`: an index of g_binops; `inplace`: a OP= b) as described above. The fast
 * form is taken when type(a) is a class whose slot calls a dunder that is a function
 * (a class defined in Python with a def for it: its slot is slot_nb_*, its in-place slot
 * empty) and b is an exact int or float, of a's class, or of a class not derived from
 * a's (else CPython tries b's slot first); neither class has sequence slots (PyNumber_Add
 * and _Multiply's fallbacks). Then, as binary_op1 and slot_nb_*: the dunder with (a, b);
 * on NotImplemented, b's own slot when b's class has another one, b's reflected dunder
 * when it shares a's slot function (slot_nb_*: both classes defined in Python); then
 * CPython's TypeError. New reference, NULL on error. */
PyObject *pj_binop_dunder(PyObject *a, PyObject *b, int op, int inplace, void *call_cache) {
    BinopKind *k = &g_binops[op];
    binaryfunc generic = inplace ? k->igeneric : k->generic;
    PyTypeObject *ta = Py_TYPE(a), *tb = Py_TYPE(b);
    binaryfunc fa = nb_slot(ta, k->slot);
    if (fa == NULL || !(ta->tp_flags & Py_TPFLAGS_HEAPTYPE) || !no_sequence_ops(ta)
            || (inplace && nb_slot(ta, k->islot) != NULL))
        return generic(a, b);
    binaryfunc fb = ta == tb ? NULL : nb_slot(tb, k->slot);
    if (ta != tb && !PyFloat_CheckExact(b) && !PyLong_CheckExact(b)
            && (!no_sequence_ops(tb) || PyType_IsSubtype(tb, ta)))
        return generic(a, b);
    if (k->iname == NULL) {
        k->iname = PyUnicode_InternFromString(k->name);
        k->irname = PyUnicode_InternFromString(k->rname);
        if (k->iname == NULL || k->irname == NULL) {
            Py_CLEAR(k->iname);
            Py_CLEAR(k->irname);
            return NULL;
        }
    }
    PyObject *f = _PyType_Lookup(ta, k->iname);   /* (the type's method cache) */
    if (f == NULL || !PyFunction_Check(f)) return generic(a, b);
    PyObject *args[2] = {a, b};
    Py_INCREF(f);   /* (the call may replace the class attribute) */
    PyObject *r = pj_call_site(f, args, 2, NULL, call_cache);
    Py_DECREF(f);
    if (r != Py_NotImplemented) return r;
    Py_DECREF(r);
    if (fb != NULL) {
        r = fb == fa ? reflected(a, b, k->irname, call_cache) : fb(a, b);
        if (r != Py_NotImplemented) return r;
        Py_DECREF(r);
    }
    PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'",
                 inplace ? k->isign : k->sign, ta->tp_name, tb->tp_name);
    return NULL;
}

/* `obj.name` for a call (CPython's LOAD_METHOD, _PyObject_GetMethod): the callable (new
 * reference) and in *self_out the object to pass first (new reference) when it is a
 * method found on the type, else NULL (the callable is the attribute itself). NULL with
 * an exception set on failure. */
PyObject *pj_load_method(PyObject *obj, PyObject *name, PjAttrCache *cache, PyObject **self_out) {
    PyObject *descr = cached_method(obj, name, cache);
    if (descr != NULL) {
        Py_INCREF(descr);
        Py_INCREF(obj);
        *self_out = obj;
        return descr;
    }
    PyObject *meth = NULL;
    int unbound = _PyObject_GetMethod(obj, name, &meth);
    if (meth == NULL) {
        *self_out = NULL;
        return NULL;
    }
    if (unbound) Py_INCREF(obj);
    *self_out = unbound ? obj : NULL;
    return meth;
}

/* The entry of `name` (by identity: names are interned) in the str keys `k`, or -1. */
static Py_ssize_t unicode_entry_index(Keys311 *k, PyObject *name) {
    if (k->dk_kind == DICT_KEYS_GENERAL) return -1;
    UnicodeEntry311 *e = unicode_entries(k);
    for (Py_ssize_t i = 0; i < k->dk_nentries; i++)
        if (e[i].me_key == name) return i;
    return -1;
}

/* The global `name`: globals then builtins (new reference), or NULL: with an exception
 * set if a lookup failed, without one if the name is in neither (the caller raises
 * CPython's NameError). */
static PyObject *load_global(PyObject *globals, PyObject *builtins, PyObject *name, PjGlobalCache *c);

static inline int str_keyed(PyDictObject *d) {
    return ((Keys311 *)d->ma_keys)->dk_kind != DICT_KEYS_GENERAL;
}

PyObject *pj_load_global(PyObject *globals, PyObject *builtins, PyObject *name, PjGlobalCache *c) {
    PyObject *v = load_global(globals, builtins, name, c);
    PyDictObject *g = (PyDictObject *)globals, *b = (PyDictObject *)builtins;
    /* v is what each dict holds now; kept for the inline hit when no lookup could have
     * run code (no key but str in either dict: no guest __eq__ ran meanwhile) */
    if (v != NULL && str_keyed(g) && str_keyed(b)) {
        c->hit_globals_version = g->ma_version_tag;
        c->hit_builtins_version = b->ma_version_tag;
        c->hit_value = v;
    } else {
        c->hit_globals_version = 0;
    }
    return v;
}

/* pj_load_global under another name: the slow path of the inline hit that machine code at
 * level 1 defines as pj_load_global itself (codegen/hotpaths.py) */
PyObject *pj_load_global_lookup(PyObject *globals, PyObject *builtins, PyObject *name, PjGlobalCache *c) {
    return pj_load_global(globals, builtins, name, c);
}

static PyObject *load_global(PyObject *globals, PyObject *builtins, PyObject *name, PjGlobalCache *c) {
    PyDictObject *g = (PyDictObject *)globals, *b = (PyDictObject *)builtins;
    if (c->index >= 0) {
        /* the same keys object (so the same kind and entries: a dict that grows or takes
         * a non-str key gets new keys), the entry still `name`'s (a deleted entry is
         * emptied, never reused) and bound */
        Keys311 *k = (Keys311 *)g->ma_keys;
        if ((void *)k == c->keys && g->ma_values == NULL && k->dk_kind != DICT_KEYS_GENERAL
                && c->index < k->dk_nentries) {
            UnicodeEntry311 *e = &unicode_entries(k)[c->index];
            if (e->me_key == name && e->me_value != NULL) {
                Py_INCREF(e->me_value);
                return e->me_value;
            }
        }
    } else if (c->index == -1 && c->value != NULL && b->ma_version_tag == c->builtins_version) {
        if (g->ma_version_tag != c->globals_version) {
            PyObject *v = PyDict_GetItemWithError(globals, name);
            if (v == NULL && PyErr_Occurred()) return NULL;
            if (v == NULL) c->globals_version = g->ma_version_tag;
        }
        if (g->ma_version_tag == c->globals_version) {
            Py_INCREF(c->value);
            return c->value;
        }
    }
    PyObject *v = PyDict_GetItemWithError(globals, name);
    if (v != NULL) {
        Py_ssize_t i = g->ma_values == NULL ? unicode_entry_index((Keys311 *)g->ma_keys, name) : -1;
        c->keys = g->ma_keys;
        c->index = i >= 0 && unicode_entries((Keys311 *)g->ma_keys)[i].me_value == v ? i : -2;
        c->value = NULL;
        Py_INCREF(v);
        return v;
    }
    if (PyErr_Occurred()) return NULL;
    v = PyDict_GetItemWithError(builtins, name);
    if (v == NULL) return NULL;
    c->index = -1;
    c->globals_version = g->ma_version_tag;
    c->builtins_version = b->ma_version_tag;
    c->value = v;
    Py_INCREF(v);
    return v;
}

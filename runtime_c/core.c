/* core.c - identity of the runtime library. */
#include "pj_runtime.h"

#define PJ_ABI_VERSION 1

int pj_abi_version(void) { return PJ_ABI_VERSION; }

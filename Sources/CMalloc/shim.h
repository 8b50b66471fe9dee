// CMalloc: glibc's malloc tuning calls (mallopt, malloc_trim), used by AffinityServer's ProcessMemory.
// Empty on other C libraries.
#ifndef AFFINITY_CMALLOC_SHIM_H
#define AFFINITY_CMALLOC_SHIM_H
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#endif

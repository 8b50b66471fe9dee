// CZlib: the system zlib, used by AffinityData to stream .csv.gz files.
#ifndef AFFINITY_CZLIB_SHIM_H
#define AFFINITY_CZLIB_SHIM_H
#include <zlib.h>
#endif

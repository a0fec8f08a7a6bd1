/* cuda_check: every CUDA runtime call goes through CUDA_TRY, which turns a
 * failure into the project's error convention: it fills err with the failing
 * expression, the CUDA error string and file:line, and returns -1 from the
 * calling function. Usable from C and CUDA sources. */
#ifndef CUDA_CHECK_H
#define CUDA_CHECK_H

#include <cuda_runtime_api.h>

#include "rl_error.h"

#define CUDA_TRY(err, expr)                                                                    \
    do {                                                                                       \
        cudaError_t cuda_try_status_ = (expr);                                                 \
        if (cuda_try_status_ != cudaSuccess)                                                   \
            return rl_error_set((err), "%s failed: %s (%s:%d)", #expr,                         \
                                cudaGetErrorString(cuda_try_status_), __FILE__, __LINE__);     \
    } while (0)

/* After a launch: catches bad configurations at once (asynchronous faults
 * surface at the next synchronising call, which is CUDA_TRY'd too). */
#define CUDA_TRY_LAUNCH(err) CUDA_TRY((err), cudaGetLastError())

#endif

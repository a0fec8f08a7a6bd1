/* A kernel that keeps the GPU busy for a set time, so the host can queue a
 * whole batch of timed launches behind it (nvbench's "blocking kernel"
 * idea). Without it, calls shorter than the host's launch cost would be
 * timed with the idle gaps between them. */
#include "cuda_check.h"
#include "kernels.h"

static __global__ void gpu_sleep_kernel(unsigned long long ns)
{
    unsigned long long start;
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(start));
    for (;;) {
        unsigned long long now;
        asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(now));
        if (now - start >= ns)
            break;
        __nanosleep(1000);
    }
}

extern "C" int gpu_sleep_launch(double microseconds, cudaStream_t stream, rl_error *err)
{
    if (!(microseconds >= 0.0))
        return rl_error_set(err, "gpu_sleep: negative duration");
    gpu_sleep_kernel<<<1, 1, 0, stream>>>((unsigned long long)(microseconds * 1000.0));
    CUDA_TRY_LAUNCH(err);
    return 0;
}

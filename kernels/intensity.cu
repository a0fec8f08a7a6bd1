/* Intensity sweep on the CUDA cores: each thread reads float4s in a
 * grid-stride loop (read-only traffic, 16 bytes a load) and runs `steps`
 * fp32 FMAs on each element before folding it into its sum, so the kernel
 * does 2*steps flop per 4 bytes: intensity = steps / 2 flop/byte. A sweep
 * of steps walks the measured points up the DRAM slope and onto the fp32
 * roof. Each thread writes its sum; a CPU replays any thread exactly. */
#include <cstdint>

#include "cuda_check.h"
#include "intensity_launch.h"

namespace {

constexpr int THREADS = 256;

template <int STEPS>
__global__ void __launch_bounds__(THREADS) intensity_kernel(const float4 *__restrict__ a, size_t count4,
                                                           float *__restrict__ sums)
{
    const size_t tid = (size_t)blockIdx.x * THREADS + threadIdx.x;
    const size_t stride = (size_t)gridDim.x * THREADS;
    float acc = 0.0f;
    for (size_t i = tid; i < count4; i += stride) {
        float4 v = __ldcs(a + i);
        float e[4] = {v.x, v.y, v.z, v.w};
        /* 16 steps unrolled, not all 256: the first H100 run, fully
         * unrolled, topped out at half the fp32 peak (a 16 KB loop body) */
#pragma unroll 16
        for (int s = 0; s < STEPS; s++)
#pragma unroll
            for (int l = 0; l < 4; l++)
                e[l] = fmaf(e[l], INTENSITY_B, INTENSITY_C);
        acc += (e[0] + e[1]) + (e[2] + e[3]);
    }
    sums[tid] = acc;
}

template <int STEPS> void launch(const float *a, size_t count, float *sums, int blocks, cudaStream_t stream)
{
    intensity_kernel<STEPS><<<blocks, THREADS, 0, stream>>>(reinterpret_cast<const float4 *>(a), count / 4, sums);
}

} // namespace

extern "C" int intensity_threads_per_block(void)
{
    return THREADS;
}

extern "C" int intensity_launch(const float *a, size_t count, float *sums, int blocks, int steps,
                                cudaStream_t stream, rl_error *err)
{
    if (count == 0 || count % 4 != 0 || blocks <= 0 || (uintptr_t)a % 16 != 0)
        return rl_error_set(err, "intensity: needs a 16-byte aligned array of a multiple of 4 floats");
    switch (steps) {
    case 1: launch<1>(a, count, sums, blocks, stream); break;
    case 2: launch<2>(a, count, sums, blocks, stream); break;
    case 4: launch<4>(a, count, sums, blocks, stream); break;
    case 8: launch<8>(a, count, sums, blocks, stream); break;
    case 16: launch<16>(a, count, sums, blocks, stream); break;
    case 32: launch<32>(a, count, sums, blocks, stream); break;
    case 64: launch<64>(a, count, sums, blocks, stream); break;
    case 128: launch<128>(a, count, sums, blocks, stream); break;
    case 256: launch<256>(a, count, sums, blocks, stream); break;
    default: return rl_error_set(err, "intensity: steps must be a power of two from 1 to 256 (got %d)", steps);
    }
    CUDA_TRY_LAUNCH(err);
    return 0;
}

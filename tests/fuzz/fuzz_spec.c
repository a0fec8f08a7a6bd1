/* libFuzzer target: the readers of model's spec and LLM files
 * (common/ini_doc.c and the validators on top: model/spec.c for hardware
 * specs, common/llm_config.c for LLM shapes; and common/hf_config.c for a
 * Hugging Face config.json, which llm_configs_load reads for a path ending
 * in .json, and the fuzz file's path does not). A spec that loads is
 * matched and its modes looked up, as model does with every row. The JSON
 * reader shares this target, and its seeds, rather than adding a minute
 * of CI to fuzz alone. */
#include <stdint.h>

#include "fuzz_file.h"
#include "hf_config.h"
#include "llm_config.h"
#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    if (path == NULL)
        return 0;
    rl_error err;
    hw_spec spec;
    if (hw_spec_load(&spec, path, &err) == 0) {
        const hw_mode *mode;
        (void)hw_spec_match_length(&spec, "NVIDIA H100 80GB HBM3");
        (void)hw_spec_pick_mode(&spec, "", "fuzz:1", &mode, &err);
        (void)hw_spec_pick_mode(&spec, "maxn", "fuzz:1", &mode, &err);
        for (size_t i = 0; i < spec.nmodes; i++) {
            double gflops;
            (void)hw_mode_sm_count(&spec, &spec.modes[i]);
            (void)hw_mode_peak(&spec.modes[i], "cuda_fp32", &gflops);
        }
        hw_spec_free(&spec);
    }
    llm_configs llms;
    if (llm_configs_load(&llms, path, &err) == 0)
        llm_configs_free(&llms);
    hf_config hf;
    if (hf_config_read(&hf, path, &err) == 0)
        hf_config_free(&hf);
    return 0;
}

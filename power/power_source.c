#include "power_source.h"

#include <stdio.h>
#include <string.h>

void power_config_default(power_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->root = "/";
    cfg->nvml_library = "libnvidia-ml.so.1";
}

static const power_source_ops *const BACKENDS[] = {
    &power_nvml_ops,
    &power_ina3221_ops,
    &power_none_ops,
};
enum { BACKEND_COUNT = sizeof BACKENDS / sizeof BACKENDS[0] };

static int open_ops(power_source *ps, const power_source_ops *ops, const power_config *cfg,
                    rl_error *err)
{
    ps->ops = ops;
    ps->impl = NULL;
    if (ops->init(ps, cfg, err) == 0)
        return 0;
    ps->ops = NULL;
    ps->impl = NULL;
    return -1;
}

int power_source_open(power_source *ps, const char *kind, const power_config *cfg,
                      rl_error *err)
{
    ps->ops = NULL;
    ps->impl = NULL;
    if (strcmp(kind, "auto") == 0) {
        power_source_open_default(ps, cfg, NULL);
        return 0;
    }
    for (int i = 0; i < BACKEND_COUNT; i++)
        if (strcmp(kind, BACKENDS[i]->kind) == 0)
            return open_ops(ps, BACKENDS[i], cfg, err);
    return rl_error_set(err, "unknown power source '%s' (nvml, jetson_ina3221, none or auto)",
                        kind);
}

void power_source_open_default(power_source *ps, const power_config *cfg, rl_error *skipped)
{
    char why[RL_ERROR_LEN] = "";
    size_t used = 0;
    for (int i = 0; i < BACKEND_COUNT; i++) {
        rl_error e = {{0}};
        if (open_ops(ps, BACKENDS[i], cfg, &e) == 0)
            break;
        int n = snprintf(why + used, sizeof why - used, "%s%s: %s", used ? "; " : "",
                         BACKENDS[i]->kind, e.text);
        if (n > 0)
            used += (size_t)n < sizeof why - used ? (size_t)n : sizeof why - used - 1;
    }
    if (skipped != NULL)
        snprintf(skipped->text, sizeof skipped->text, "%s", why);
}

int power_source_has_energy(const power_source *ps)
{
    return ps->ops != NULL && ps->ops->read_energy_uj != NULL;
}

int power_source_read_energy_uj(power_source *ps, uint64_t *uj, rl_error *err)
{
    if (!power_source_has_energy(ps))
        return rl_error_set(err, "power source '%s' reports no energy", power_source_name(ps));
    return ps->ops->read_energy_uj(ps, uj, err);
}

int power_source_read_energy_samples(power_source *ps, uint64_t *uj, uint64_t *samples, int *counted,
                                     rl_error *err)
{
    *samples = 0;
    *counted = 0;
    if (!power_source_has_energy(ps))
        return rl_error_set(err, "power source '%s' reports no energy", power_source_name(ps));
    if (ps->ops->read_energy_samples == NULL)
        return ps->ops->read_energy_uj(ps, uj, err);
    *counted = 1;
    return ps->ops->read_energy_samples(ps, uj, samples, err);
}

int power_source_read_power_mw(power_source *ps, power_reading *mw, rl_error *err)
{
    mw->valid = 0;
    mw->value = 0;
    if (ps->ops == NULL || ps->ops->read_power_mw == NULL)
        return 0;
    return ps->ops->read_power_mw(ps, mw, err);
}

int power_source_read_clocks(power_source *ps, power_clocks *out, rl_error *err)
{
    memset(out, 0, sizeof *out);
    if (ps->ops == NULL || ps->ops->read_clocks == NULL)
        return 0;
    return ps->ops->read_clocks(ps, out, err);
}

int power_source_read_limits(power_source *ps, power_limits *out, rl_error *err)
{
    memset(out, 0, sizeof *out);
    if (ps->ops == NULL || ps->ops->read_limits == NULL)
        return 0;
    return ps->ops->read_limits(ps, out, err);
}

int power_source_read_rails(power_source *ps, power_rails *out, rl_error *err)
{
    out->count = 0;
    if (ps->ops == NULL || ps->ops->read_rails == NULL)
        return 0;
    return ps->ops->read_rails(ps, out, err);
}

const char *power_source_driver_version(const power_source *ps)
{
    const char *v = ps->ops != NULL && ps->ops->driver_version != NULL ? ps->ops->driver_version(ps) : NULL;
    return v != NULL ? v : "";
}

uint64_t power_source_refresh_interval_us(const power_source *ps)
{
    if (ps->ops == NULL || ps->ops->refresh_interval_us == NULL)
        return 0;
    return ps->ops->refresh_interval_us(ps);
}

const char *power_source_name(const power_source *ps)
{
    if (ps->ops == NULL)
        return "none";
    return ps->ops->name(ps);
}

void power_source_close(power_source *ps)
{
    if (ps->ops != NULL && ps->ops->finish != NULL)
        ps->ops->finish(ps);
    ps->ops = NULL;
    ps->impl = NULL;
}

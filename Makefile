# One Makefile for the three stages and their tests.
#   make            build bin/measure (needs nvcc), bin/model, bin/render
#   make test       CPU tests (no GPU needed)
#   make test-gpu   kernel checks on a CUDA GPU, then a broken kernel and Ctrl-C (tests/gpu/)
#   make test-slurm scripts/slurm/ against a real single-node Slurm (root, slurm-wlm, munge;
#                   skips and says why without them; .ci/run requires it)
#   make report     measure if a GPU is here, else render from the newest archive/*.csv
#                   (make report RAW="archive/x.csv archive/y.csv ..." picks archives)
#   make deps       install the Debian packages (as root), or print the command
# make test and make report run deps first and then make again (test-run,
# report-run): pkg-config's flags are read when make reads this file, so on a
# machine that lacked the packages a build in the make that installed them
# would have none (issue 14).
#   make asan ubsan lint format clean
#   make fuzz       libFuzzer targets, FUZZ_SECONDS (60) each; fuzz-regress replays the corpora
#   make valgrind   memcheck on model and render over the newest archive

CC        ?= cc
NVCC      ?= nvcc
CUDA_HOME ?= $(patsubst %/bin/nvcc,%,$(shell command -v $(NVCC) 2>/dev/null))
# Fat binary: Ampere datacenter (80), Jetson Orin (87), Ada (89), Hopper (90), plus PTX.
# On a Jetson (aarch64 with /etc/nv_tegra_release) only Orin's sm_87: the
# board builds for itself, and nvcc on JetPack knows no other target anyway.
TEGRA := $(if $(and $(filter aarch64,$(shell uname -m)),$(wildcard /etc/nv_tegra_release)),yes)
ifeq ($(TEGRA),yes)
CUDA_ARCH ?= 87
endif
CUDA_ARCH ?= 80 87 89 90
CFLAGS    ?= -O2 -g
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
CPPFLAGS  += -Icommon -Ikernels -Ipower -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(SAN)
RENDER_PKGS := cairo libpng libcmark-gfm
# Read once, when make reads this file: make test and make report read it
# again after deps (see above). Empty when the packages are missing.
RENDER_CFLAGS := $(shell pkg-config --cflags $(RENDER_PKGS) 2>/dev/null)
RENDER_PKGS_OK := $(shell pkg-config --exists $(RENDER_PKGS) 2>/dev/null && echo yes)

B   ?= build
BIN ?= bin
# Outside a git checkout (a copied tree on a GPU machine) pass GIT_COMMIT=... by hand.
GIT_COMMIT ?= $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD -- . ':!archive' 2>/dev/null || c=$$c-dirty; } && echo $$c)

COMMON_SRC  := $(wildcard common/*.c)
# measure also runs on bare GPU machines: it must not need libcsv.
MEASURE_COMMON_SRC := $(filter-out common/csv_table.c,$(COMMON_SRC))
MEASURE_SRC := $(wildcard measure/*.c)
# power sources (NVML via dlopen, Jetson sysfs): linked into measure and the tests
POWER_SRC   := $(wildcard power/*.c)
KERNEL_SRC  := $(wildcard kernels/*.cu)
MODEL_SRC   := $(filter-out model/main.c,$(wildcard model/*.c))
# render/ is four rooms (README.md, Layout); scripts/lint-includes.sh keeps
# their includes going down: report -> charts -> canvas, report -> doc -> canvas.
RENDER_SRC  := $(filter-out render/report/main.c,$(wildcard render/*/*.c))
TEST_SRC    := $(wildcard tests/test_*.c)

obj = $(patsubst %.c,$(B)/%.o,$(1))
COMMON_OBJ  := $(call obj,$(COMMON_SRC))
MODEL_OBJ   := $(call obj,$(MODEL_SRC))
RENDER_OBJ  := $(call obj,$(RENDER_SRC))
POWER_OBJ   := $(call obj,$(POWER_SRC))
MEASURE_OBJ := $(call obj,$(MEASURE_SRC) $(MEASURE_COMMON_SRC)) $(patsubst %.cu,$(B)/%.o,$(KERNEL_SRC))
TEST_BIN    := $(patsubst tests/%.c,$(B)/tests/%,$(TEST_SRC))

# common/llm_config.c reads INI (inih) and Hugging Face config.json (jansson)
LIBS_MODEL  := -linih -ljansson -lcsv -lm -lpthread
LIBS_RENDER := $(shell pkg-config --libs $(RENDER_PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lcsv -linih -ljansson -lm -lpthread
# measure reads LLM shapes (common/llm_config.h) on bare GPU machines: its
# INI and JSON libraries are linked in whole, so the binary needs neither
# libinih nor libjansson there.
LIBS_MEASURE := -l:libinih.a -l:libjansson.a -lcublas -lgomp -ldl -lpthread
LIBS_TEST   := -lcmocka $(LIBS_RENDER) -linih -ljansson -ldl -lpthread

NVCC_GENCODE := $(foreach a,$(CUDA_ARCH),-gencode=arch=compute_$(a),code=sm_$(a)) \
                -gencode=arch=compute_$(lastword $(CUDA_ARCH)),code=compute_$(lastword $(CUDA_ARCH))
# NVCC_DEFS: kernel-development variants, e.g. make B=build-x BIN=bin-x NVCC_DEFS=-DGEMV_B1_PF=0
NVCC_FLAGS   := -O3 -std=c++17 -Icommon -Xcompiler -Wall,-Wextra --expt-relaxed-constexpr $(NVCC_GENCODE)

.PHONY: all cpu test test-run test-gpu test-slurm report report-run deps render-pkgs clean asan ubsan lint format fuzz fuzz-build fuzz-bins fuzz-regress valgrind FORCE
all: $(BIN)/model $(BIN)/render $(if $(CUDA_HOME),$(BIN)/measure)
	@$(if $(CUDA_HOME),,echo "make: nvcc not found, $(BIN)/measure not built (needs the CUDA toolkit)" >&2)
cpu: $(BIN)/model $(BIN)/render

# The commit measure and render record, rewritten only when it changes, so
# just the files that include it rebuild after a commit.
$(B)/git_commit.h: FORCE
	@mkdir -p $(@D)
	@echo '#define GIT_COMMIT "$(GIT_COMMIT)"' > $@.new
	@cmp -s $@.new $@ || mv $@.new $@
	@rm -f $@.new
FORCE:

$(B)/%.o: %.c | $(B)/git_commit.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -I$(B) $(RENDER_CFLAGS) -I$(CUDA_HOME)/include -MMD -MP -c $< -o $@

$(B)/%.o: %.cu
	@mkdir -p $(@D)
	$(NVCC) $(NVCC_FLAGS) $(NVCC_DEFS) -MMD -MP -c $< -o $@

# Without the packages' flags render cannot compile: say why before cc fails.
$(RENDER_OBJ) $(B)/render/report/main.o: | render-pkgs
render-pkgs:
	@[ -n "$(RENDER_PKGS_OK)" ] || { echo "make: pkg-config knows no $(RENDER_PKGS): run make deps first (make report and make test run it)" >&2; exit 1; }

# render's rooms include one another as "canvas/canvas.h", "doc/md_doc.h"...;
# the tests (and fuzz targets) reach them the same way.
$(B)/render/%.o $(B)/tests/%.o: CPPFLAGS += -Irender

# measure prepares its reference data on every core (OpenMP).
$(B)/measure/%.o: ALL_CFLAGS += -fopenmp

$(BIN)/measure: $(MEASURE_OBJ) $(POWER_OBJ)
	@mkdir -p $(@D)
	$(NVCC) $(NVCC_GENCODE) -o $@ $^ $(LIBS_MEASURE)

$(BIN)/model: $(B)/model/main.o $(MODEL_OBJ) $(COMMON_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS_MODEL)

$(BIN)/render: $(B)/render/report/main.o $(RENDER_OBJ) $(COMMON_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS_RENDER)

# Each tests/test_*.c is one cmocka binary linked against every CPU library.
$(B)/tests/%: $(B)/tests/%.o $(MODEL_OBJ) $(RENDER_OBJ) $(COMMON_OBJ) $(POWER_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS_TEST) $(LIBS_MODEL)

# A stand-in libnvidia-ml that test_power_nvml loads by path; the _min build
# lacks the optional symbols.
FAKE_NVML := $(B)/tests/libfake_nvml.so $(B)/tests/libfake_nvml_min.so
$(B)/tests/libfake_nvml.so: tests/fake_nvml.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -shared -o $@ $<
$(B)/tests/libfake_nvml_min.so: tests/fake_nvml.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DFAKE_NVML_MINIMAL -fPIC -shared -o $@ $<

# Keep every intermediate (test objects above all): make would otherwise
# delete them after the tests, below their summary line.
.SECONDARY:

test: deps
	@$(MAKE) --no-print-directory test-run
test-run: $(BIN)/model $(BIN)/render $(if $(CUDA_HOME),$(BIN)/measure) $(TEST_BIN) $(FAKE_NVML)
	@BIN=$(BIN) tests/run.sh $(TEST_BIN)

test-gpu: $(BIN)/measure
	$(BIN)/measure --check-only
	BIN=$(BIN) tests/gpu/measure_faults.sh

test-slurm: $(BIN)/model $(BIN)/render
	BIN=$(BIN) tests/slurm/fleet_slurm.sh

# bin/measure only when it will measure: no archives named, nvcc here and a
# GPU that answers (scripts/have-gpu.sh). Without a GPU make report renders
# the archive, and building the fat CUDA binary would be 90 s for nothing.
ifneq ($(filter report-run,$(MAKECMDGOALS)),)
REPORT_MEASURES := $(and $(CUDA_HOME),$(if $(strip $(RAW) $(RAW2)),,$(shell scripts/have-gpu.sh && echo yes)))
endif
report: deps
	@$(MAKE) --no-print-directory report-run
report-run: cpu $(if $(REPORT_MEASURES),$(BIN)/measure)
	@BIN=$(BIN) scripts/report.sh $(RAW) $(RAW2)

deps:
	@scripts/deps.sh

# The sanitizer builds leave bin/measure out (CUDA_HOME empty): nvcc links it
# without the sanitizer runtimes, and its host code needs a GPU to run past
# the command line anyway (make test-gpu).
asan:
	$(MAKE) B=build-asan BIN=build-asan/bin CUDA_HOME= SAN='-fsanitize=address,undefined -fno-omit-frame-pointer' test

ubsan:
	$(MAKE) B=build-ubsan BIN=build-ubsan/bin CUDA_HOME= SAN='-fsanitize=undefined -fno-sanitize-recover=undefined' test

# libFuzzer targets (tests/fuzz/fuzz_*.c, clang): make fuzz builds them with
# ASan and UBSan into build-fuzz/ and runs each for FUZZ_SECONDS over its seed
# corpus tests/fuzz/corpus/<target>/ (new inputs go to build-fuzz/, crashes to
# build-fuzz/fuzz/artifacts/); make fuzz-regress only replays the corpora.
FUZZ_TARGETS ?= csv spec template md_pdf render_data
FUZZ_SECONDS ?= 60
FUZZ_B       ?= build-fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_BIN      = $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_TARGETS))
fuzz-build:
	@command -v clang >/dev/null || { echo "make: fuzz needs clang and libclang-rt-14-dev (.ci/debian-packages.txt)" >&2; exit 1; }
	$(MAKE) B=$(FUZZ_B) CC=clang CFLAGS='-O1 -g' SAN='$(FUZZ_SAN) -fsanitize=fuzzer-no-link' fuzz-bins
fuzz-bins: $(FUZZ_BIN) $(if $(filter md_pdf,$(FUZZ_TARGETS)),$(B)/fuzz/fonts/DejaVuSans.ttf)
# fuzz_md_pdf's fonts: one subset of DejaVu Sans under the five names
# (tests/fuzz/fonts.sh). Without pyftsubset it uses the full fonts: 20x slower.
$(B)/fuzz/fonts/DejaVuSans.ttf: tests/fuzz/fonts.sh
	@tests/fuzz/fonts.sh $(@D) || echo "make: fuzz_md_pdf falls back on the full DejaVu fonts, 20x slower" >&2
$(B)/tests/fuzz/%.o: CPPFLAGS += -Imodel
$(B)/fuzz/fuzz_%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/fuzz_file.o $(MODEL_OBJ) $(RENDER_OBJ) $(COMMON_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS_RENDER) $(LIBS_MODEL)
fuzz: fuzz-build
	tests/fuzz/run.sh $(FUZZ_B) $(FUZZ_SECONDS) $(FUZZ_TARGETS)
fuzz-regress: fuzz-build
	tests/fuzz/run.sh $(FUZZ_B) 0 $(FUZZ_TARGETS)

# memcheck on model and render over the newest archive (tests/valgrind.sh)
valgrind: cpu
	tests/valgrind.sh $(BIN)

# scripts/lint-includes.sh: render's rooms include only downwards.
lint:
	scripts/lint-includes.sh
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	    --suppress=missingIncludeSystem -Icommon -Irender common measure model render tests

format:
	clang-format -i $(wildcard */*.c */*.h render/*/*.c render/*/*.h kernels/*.cu)

clean:
	rm -rf build build-asan build-ubsan build-fuzz bin out/*

-include $(shell find $(B) -name '*.d' 2>/dev/null)

#!/usr/bin/env bash
# The README's two commands, make report and make test, on a fresh Debian
# machine: a tree with no build, and packages that are missing until make
# installs them. It takes the real path: make runs scripts/deps.sh, which
# asks dpkg-query, runs apt-get as root, and then builds with what
# pkg-config says. On PATH, in front of the real tools:
#   dpkg-query  knows no package until apt-get has installed them
#   apt-get     "installs": from then on the stand-ins answer "installed"
#   pkg-config  fails for every package until then, then runs the real one
#   id          says root, so deps.sh installs rather than printing the command
#   nvidia-smi  finds no GPU (no driver), as on a laptop or a CI runner
#   nvcc        (make report only) a CUDA toolkit without a GPU: logs each
#               call and fails, so a make report that builds bin/measure fails
# Before issue 14, pkg-config ran when make read the Makefile, before deps
# installed anything, so the first make report failed to compile render.
#
#   tests/fresh/fresh-machine.sh [COMMIT | -w]
# COMMIT (default HEAD) is extracted with git archive: a fresh clone's files;
# -w takes the working tree instead (tracked and untracked, not ignored).
# Prints what failed and exits 1, or exits 0 when both commands work on the
# first try. About 3 minutes on 2 cores; .ci/run runs it.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
what=${1:-HEAD}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fresh.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "fresh-machine: FAIL: $*" >&2
    failures=$((failures + 1))
}

# tree DIR: a fresh copy of what is under test
tree() {
    mkdir -p "$1"
    if [ "$what" = -w ]; then
        (cd "$repo" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$1"
    else
        git -C "$repo" archive --format=tar "$what" | tar -xf - -C "$1"
    fi
}

# The stand-ins. FRESH_STATE holds "missing" or "installed".
fake=$tmp/fakebin
mkdir -p "$fake" "$tmp/cuda/bin"
real_pkg_config=$(command -v pkg-config) || { echo "fresh-machine: needs the real pkg-config" >&2; exit 2; }
cat >"$fake/dpkg-query" <<'SH'
#!/bin/sh
pkg=; for a; do pkg=$a; done
[ "$(cat "$FRESH_STATE")" = installed ] && { printf 'install ok installed'; exit 0; }
echo "dpkg-query: no packages found matching $pkg" >&2
exit 1
SH
cat >"$fake/apt-get" <<'SH'
#!/bin/sh
echo "apt-get $*" >>"$FRESH_STATE.log"
case $1 in install) echo installed >"$FRESH_STATE" ;; esac
exit 0
SH
cat >"$fake/pkg-config" <<SH
#!/bin/sh
[ "\$(cat "\$FRESH_STATE")" = installed ] && exec "$real_pkg_config" "\$@"
echo "Package cairo was not found in the pkg-config search path." >&2
exit 1
SH
cat >"$fake/id" <<'SH'
#!/bin/sh
[ "${1:-}" = -u ] && { echo 0; exit 0; }
exec /usr/bin/id "$@"
SH
cat >"$fake/nvidia-smi" <<'SH'
#!/bin/sh
echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2
exit 9
SH
cat >"$tmp/cuda/bin/nvcc" <<'SH'
#!/bin/sh
echo "nvcc $*" >>"$FRESH_STATE.nvcc"
echo "nvcc: fresh-machine's stand-in: nothing here should need CUDA" >&2
exit 1
SH
chmod +x "$fake"/* "$tmp/cuda/bin/nvcc"
export FRESH_STATE=$tmp/state

# No real CUDA toolkit on PATH: the stand-in nvcc or none (a folder with an
# nvcc, /usr/local/bin's wrappers included, is left off).
base_path=
while IFS= read -r dir; do
    [ -n "$dir" ] && [ ! -x "$dir/nvcc" ] && base_path=${base_path:+$base_path:}$dir
done < <(tr ':' '\n' <<<"$PATH")
jobs=$(nproc 2>/dev/null || echo 2)

# --- make report, the first command on the machine
echo missing >"$FRESH_STATE"
tree "$tmp/report"
t=$SECONDS
PATH=$fake:$tmp/cuda/bin:$base_path env -u CUDA_HOME -u RL_HAVE_GPU \
    make -C "$tmp/report" -j"$jobs" report >"$tmp/report.log" 2>&1
rc=$?
echo "fresh-machine: make report: exit $rc in $((SECONDS - t)) s" >&2
[ $rc -eq 0 ] || fail "make report exited $rc: $(grep -m3 -iE 'error|undefined|fail' "$tmp/report.log")"
grep -q '^apt-get install' "$FRESH_STATE.log" 2>/dev/null || fail "make report did not install the missing packages"
[ -s "$tmp/report/out/report.pdf" ] || fail "make report wrote no out/report.pdf"
if [ -s "$tmp/report/out/report.pdf" ] && command -v pdftotext >/dev/null; then
    pdftotext "$tmp/report/out/report.pdf" - 2>/dev/null | tr '\n' ' ' | grep -q 'No CUDA GPU on this machine' ||
        fail "out/report.pdf does not say it was rendered without a GPU"
fi
[ ! -e "$tmp/report/bin/measure" ] || fail "make report built bin/measure on a machine without a GPU"
[ ! -s "$FRESH_STATE.nvcc" ] || fail "make report ran nvcc without a GPU: $(head -c 200 "$FRESH_STATE.nvcc")"

# --- make test, the first command on another such machine
echo missing >"$FRESH_STATE"
rm -f "$FRESH_STATE.log"
tree "$tmp/test"
t=$SECONDS
PATH=$fake:$base_path env -u CUDA_HOME -u RL_HAVE_GPU \
    make -C "$tmp/test" -j"$jobs" test >"$tmp/test.log" 2>&1
rc=$?
echo "fresh-machine: make test: exit $rc in $((SECONDS - t)) s" >&2
[ $rc -eq 0 ] || fail "make test exited $rc: $(grep -m3 -iE 'error|undefined|fail' "$tmp/test.log")"
grep -q '^apt-get install' "$FRESH_STATE.log" 2>/dev/null || fail "make test did not install the missing packages"
grep -qE '^tests: [0-9]+ passed, 0 failed' "$tmp/test.log" || fail "make test printed no clean summary line"

if [ $failures -gt 0 ]; then
    echo "fresh-machine: $failures failure(s); logs: make report, then make test:" >&2
    tail -n 15 "$tmp/report.log" >&2
    tail -n 15 "$tmp/test.log" >&2
    exit 1
fi
echo "fresh-machine: make report and make test work on the first try"

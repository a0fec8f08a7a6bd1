#!/usr/bin/env bash
# The fonts fuzz_md_pdf typesets with: tests/fuzz/fonts.sh OUT_DIR [SRC_DIR]
# One subset of DejaVu Sans (SRC_DIR, default $RL_FONT_DIR, else the Debian
# folder), written under all five names render uses (fonts.h). Why: libharu
# turns every UTF-8 font of a document into a CID font by looking up each of
# the 65536 code points in the font's cmap, segment by segment, and embeds
# and compresses the whole file; with the real fonts that was 95% of a run
# (17 inputs/s). A subset has ten cmap segments instead of hundreds, and one
# font under five names is loaded and converted once per document, as
# libharu reuses a font it has already loaded. The subset keeps printable
# ASCII, Latin-1 and the symbols the report prints (µ × − ≤ ≥ • – — ‘ ’ “ ”
# … →); any other character is typeset as the missing glyph, as in render,
# through the same code. The hinting tables stay: without them libharu's
# embedding failed on some documents (HPDF_INVALID_OBJECT, and a leak;
# corpus/md_pdf/regress-subset-font-embedding.md). Needs pyftsubset (Debian:
# fonttools).
set -eu
out=$1
src=${2:-${RL_FONT_DIR:-/usr/share/fonts/truetype/dejavu}}
command -v pyftsubset >/dev/null || {
    echo "fonts.sh: pyftsubset missing (Debian package fonttools)" >&2
    exit 1
}
mkdir -p "$out"
tmp=$out/DejaVuSans.subset.$$
pyftsubset "$src/DejaVuSans.ttf" --output-file="$tmp" --layout-features= --notdef-outline \
    --unicodes=U+0020-007E,U+00A0-00FF,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2192,U+2212,U+2264-2265 \
    2>/dev/null
for name in DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSans-Oblique.ttf DejaVuSans-BoldOblique.ttf DejaVuSansMono.ttf; do
    cp "$tmp" "$out/$name"
done
rm -f "$tmp"

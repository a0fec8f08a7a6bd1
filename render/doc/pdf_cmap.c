#include "pdf_cmap.h"

#include <stdio.h>

static const char HEAD[] = "/CIDInit /ProcSet findresource begin\n"
                           "12 dict begin\n"
                           "begincmap\n"
                           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                           "/CMapName /Adobe-Identity-UCS def\n"
                           "/CMapType 2 def\n"
                           "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
static const char TAIL[] = "endcmap\n"
                           "CMapName currentdict /CMap defineresource pop\n"
                           "end\n"
                           "end\n";

/* A bfrange may only vary in its last byte, and a block holds at most 100
 * ranges (PDF 32000-1, 9.10.3): one range per high byte, 00 to FF, except
 * D8 to DF (UTF-16 surrogates, no characters), in blocks of 100. */
static int is_surrogate(unsigned hi)
{
    return hi >= 0xD8 && hi <= 0xDF;
}

static void write_ranges(HPDF_Stream s)
{
    enum { BLOCK = 100 };
    unsigned hi = 0;
    while (hi <= 0xFF) {
        unsigned n = 0, end = hi;
        while (end <= 0xFF && n < BLOCK) /* this block's ranges */
            n += !is_surrogate(end++);
        char line[64];
        snprintf(line, sizeof line, "%u beginbfrange\n", n);
        HPDF_Stream_WriteStr(s, line);
        for (; hi < end; hi++) {
            if (is_surrogate(hi))
                continue;
            snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
            HPDF_Stream_WriteStr(s, line);
        }
        HPDF_Stream_WriteStr(s, "endbfrange\n");
    }
}

void pdf_cmap_fix(HPDF_Font font)
{
    /* A font is a dictionary (hpdf_font.h); GetItem resolves the indirect
     * reference and returns NULL, quietly, when there is no such key. The
     * stream's filter (compression) is applied when the file is written. */
    HPDF_Dict cmap = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (cmap == NULL || cmap->stream == NULL)
        return;
    /* The keys of an encoding CMap's dictionary say nothing of a ToUnicode
     * stream, which needs none. */
    static const char *const KEYS[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
        HPDF_Dict_RemoveElement(cmap, KEYS[i]); /* a missing key: a status, no error */
    HPDF_MemStream_FreeData(cmap->stream);
    HPDF_Stream_WriteStr(cmap->stream, HEAD);
    write_ranges(cmap->stream);
    HPDF_Stream_WriteStr(cmap->stream, TAIL);
}

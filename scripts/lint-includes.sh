#!/usr/bin/env bash
# render's four rooms include only downwards (README.md, Layout):
#   report -> charts, doc, canvas
#   charts -> canvas
#   doc    -> canvas
#   canvas -> nothing of render
# A quoted include in render/<room>/ names a header of its own folder bare
# ("md_doc.h"), a header of a room below it by room ("canvas/canvas.h", found
# through -Irender), or a header outside render/ (common/, model's schemas).
# Also refuses a source file directly in render/ and a folder that is not a
# room. The tests may include any room. Prints each offence as file:line and
# exits 1 when there is one; make lint runs it.
set -u
cd "$(dirname "$0")/.." || exit 2

below() { # ROOM: the rooms ROOM may include; fails for a folder that is no room
    case $1 in
    report) echo "charts doc canvas" ;;
    charts | doc) echo "canvas" ;;
    canvas) echo "" ;;
    *) return 1 ;;
    esac
}

bad=0
offence() { # FILE:LINE TEXT
    echo "lint-includes: $1: $2" >&2
    bad=1
}

# INCLUDE as written in a file of room ROOM (folder DIR): prints why it is
# wrong, nothing when it is right.
judge() { # ROOM DIR INCLUDE
    local room=$1 dir=$2 inc=$3 target name
    case $inc in
    ../*)
        target=$(realpath -m "$dir/$inc")
        case $target in
        "$PWD"/render/*) echo "reaches into render/ by a relative path; write it as ${target#"$PWD"/render/}" ;;
        esac
        return
        ;;
    */*)
        target=${inc%%/*}
        name=${inc#*/}
        [ -d "render/$target" ] || return 0 # not a room: a library's folder
        if [ "$target" = "$room" ]; then
            echo "a header of its own room: include it bare, \"$name\""
        elif [[ " $(below "$room") " != *" $target "* ]]; then
            echo "$room may not include $target; $room includes $(below "$room" | sed 's/ /, /g;s/^$/no other room/')"
        elif [ ! -f "render/$inc" ]; then
            echo "no header render/$inc"
        fi
        ;;
    *)
        [ -f "$dir/$inc" ] && return
        for target in render/*/"$inc"; do
            [ -f "$target" ] && echo "names a header of ${target#render/} without its room"
        done
        ;;
    esac
}

for f in render/*.c render/*.h; do
    [ -e "$f" ] && offence "$f" "outside the rooms: move it into render/canvas, doc, charts or report"
done
for dir in render/*/; do
    dir=${dir%/}
    room=${dir#render/}
    below "$room" >/dev/null || {
        offence "$dir" "not a room of render (canvas, doc, charts, report): add it to scripts/lint-includes.sh and the README's layout"
        continue
    }
    for f in "$dir"/*.c "$dir"/*.h; do
        [ -e "$f" ] || continue
        while IFS= read -r hit; do
            line=${hit%%:*}
            inc=$(sed -E 's/^[^"]*"([^"]*)".*/\1/' <<<"$hit")
            why=$(judge "$room" "$dir" "$inc")
            [ -z "$why" ] || offence "$f:$line" "#include \"$inc\": $why"
        done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f")
    done
done
exit $bad

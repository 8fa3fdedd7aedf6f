#!/usr/bin/env bash
# Rebuilds every LPMOS Console icon rendition from the SVG sources next to this script.
#
# Usage:
#   icons/generate.sh               rewrite the PNG, .ico and .icns files in icons/
#   icons/generate.sh --check       rebuild in a temporary directory and exit 1 if a
#                                   committed rendition differs (same tool versions assumed)
#   icons/generate.sh --sheet FILE  also write a contact sheet (every size on light, dark
#                                   and grey backgrounds, 16/24/32 px magnified) to FILE
#
# Sources: lpmos-console-small.svg gives 16 px, lpmos-console-24.svg gives 24 px,
# lpmos-console.svg gives 32 px and up. Tools (Debian 12 packages): rsvg-convert
# (librsvg2-bin), icotool (icoutils), png2icns (icnsutils); --sheet also needs montage
# and convert (imagemagick). Every output is written to a temporary directory first and
# copied into place only when all of them were built, so a failed run changes nothing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly here
readonly name=lpmos-console
readonly png_sizes=(16 24 32 48 64 128 256 512)
# Windows keeps 16-128 as uncompressed bitmaps; 256 goes in PNG-compressed (Vista and later).
readonly ico_bitmap_sizes=(16 24 32 48 64 128)
readonly ico_png_size=256
# The sizes png2icns has icns element types for (is32, il32, ih32, it32, ic08, ic09).
readonly icns_sizes=(16 32 48 128 256 512)

usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 64
}

mode="write"
sheet=""
while (($#)); do
    case "$1" in
        --check) mode="check"; shift ;;
        --sheet)
            (($# >= 2)) || { echo "generate.sh: --sheet needs an output file name" >&2; usage; }
            sheet="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "generate.sh: unknown argument '$1'" >&2; usage ;;
    esac
done

# Reports every missing tool at once, with the Debian package that provides it.
missing=()
require() { # tool package
    command -v "$1" >/dev/null 2>&1 || missing+=("$1 (sudo apt-get install $2)")
}
require rsvg-convert librsvg2-bin
require icotool icoutils
require png2icns icnsutils
if [[ -n "$sheet" ]]; then
    require montage imagemagick
    require convert imagemagick
fi
if ((${#missing[@]})); then
    echo "generate.sh: missing tools:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 2
fi

source_for() { # size -> SVG that is drawn for that size
    case "$1" in
        16) echo "$here/$name-small.svg" ;;
        24) echo "$here/$name-24.svg" ;;
        *) echo "$here/$name.svg" ;;
    esac
}

work="$(mktemp -d "${TMPDIR:-/tmp}/lpmos-icons.XXXXXX")"
trap 'rm -rf "$work"' EXIT

outputs=()
for size in "${png_sizes[@]}"; do
    out="$name-$size.png"
    rsvg-convert --width "$size" --height "$size" --format png \
        --output "$work/$out" "$(source_for "$size")"
    outputs+=("$out")
done

ico_args=()
for size in "${ico_bitmap_sizes[@]}"; do
    ico_args+=("$work/$name-$size.png")
done
icotool --create --output "$work/$name.ico" "${ico_args[@]}" \
    --raw "$work/$name-$ico_png_size.png"
outputs+=("$name.ico")

icns_args=()
for size in "${icns_sizes[@]}"; do
    icns_args+=("$work/$name-$size.png")
done
# png2icns narrates every element on stdout; keep only its errors.
png2icns "$work/$name.icns" "${icns_args[@]}" >/dev/null
[[ -s "$work/$name.icns" ]] || { echo "generate.sh: png2icns wrote no $name.icns" >&2; exit 1; }
outputs+=("$name.icns")

if [[ -n "$sheet" ]]; then
    sizes_up_to_256=()
    for size in "${png_sizes[@]}"; do
        if ((size <= 256)); then
            sizes_up_to_256+=("$work/$name-$size.png")
        fi
    done
    rows=()
    for bg in '#FFFFFF' '#1E1E1E' '#808080'; do
        row="$work/sheet-row-${bg#\#}.png"
        montage "${sizes_up_to_256[@]}" -background "$bg" -gravity center \
            -geometry +12+12 -tile x1 "$row"
        rows+=("$row")
    done
    for bg in '#FFFFFF' '#1E1E1E'; do
        row="$work/sheet-zoom-${bg#\#}.png"
        zoomed=()
        for size in 16 24 32; do
            convert "$work/$name-$size.png" -filter point -resize 800% "$work/zoom-$size.png"
            zoomed+=("$work/zoom-$size.png")
        done
        montage "${zoomed[@]}" -background "$bg" -gravity center -geometry +12+12 -tile x1 "$row"
        rows+=("$row")
    done
    convert "${rows[@]}" -background '#B0B0B0' -gravity west -append +repage "$sheet"
    echo "contact sheet: $sheet"
fi

if [[ "$mode" == check ]]; then
    stale=()
    for out in "${outputs[@]}"; do
        cmp -s "$work/$out" "$here/$out" || stale+=("$out")
    done
    if ((${#stale[@]})); then
        echo "generate.sh: out of date with the SVG sources (run icons/generate.sh):" >&2
        printf '  %s\n' "${stale[@]}" >&2
        exit 1
    fi
    echo "icons up to date: ${#outputs[@]} files"
else
    for out in "${outputs[@]}"; do
        cp "$work/$out" "$here/$out"
    done
    echo "wrote ${#outputs[@]} files to $here: ${outputs[*]}"
fi

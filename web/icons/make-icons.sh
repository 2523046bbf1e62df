#!/bin/sh
# Renders the app icons from the SVG sources in this folder (needs rsvg-convert: apt-get install -y librsvg2-bin).
# The PNGs are committed; run this only after changing an SVG.
set -eu
here=$(dirname "$0")
public="$here/../public"
rsvg-convert -w 192 -h 192 "$here/icon.svg" -o "$public/icons/icon-192.png"
rsvg-convert -w 512 -h 512 "$here/icon.svg" -o "$public/icons/icon-512.png"
rsvg-convert -w 512 -h 512 "$here/icon-maskable.svg" -o "$public/icons/icon-maskable-512.png"
rsvg-convert -w 180 -h 180 "$here/icon-maskable.svg" -o "$public/apple-touch-icon.png"
cp "$here/icon.svg" "$public/favicon.svg"

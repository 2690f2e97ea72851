#!/usr/bin/env bash
# Regenerates the README's pictures: the first page of the seed's PDF in the default and
# large-print styles (PNG, via poppler's pdftoppm). Run from anywhere: docs/make-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftoppm >/dev/null || { echo "pdftoppm missing: apt-get install poppler-utils" >&2; exit 2; }

work=target/readme-images
rm -rf "$work"
for style in default large-print; do
  cargo run --quiet --release -- convert inputs/seed.txt --to pdf --style "$style" -o "$work/$style" --quiet
  pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$work/$style/seed.pdf" "docs/images/seed-$style"
done
echo "wrote docs/images/seed-default.png and docs/images/seed-large-print.png"

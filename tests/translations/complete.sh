#!/usr/bin/env bash
# Every text a user can see has its 简体中文 translation: lupdate runs over the sources into a copy
# of quotawatch_zh_CN.ts (as `--target update_translations` would), and the copy must hold no
# unfinished entry. A text added without its translation, or a translation that no longer matches
# its source, fails here with the texts named.
# Usage: complete.sh LUPDATE SOURCE_DIR
set -euo pipefail
lupdate=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/translations/quotawatch_zh_CN.ts" "$work/zh_CN.ts"
"$lupdate" -silent -no-obsolete -locations none -I "$src" \
  "$src/adapters" "$src/core" "$src/ui" "$src/app" -extensions cpp,h -ts "$work/zh_CN.ts" >/dev/null
missing=$(grep -c 'type="unfinished"' "$work/zh_CN.ts" || true)
if [ "$missing" != 0 ]; then
  echo "$missing text(s) without a 简体中文 translation; run 'cmake --build build --target update_translations'"
  echo "and translate these in translations/quotawatch_zh_CN.ts:"
  grep -B2 'type="unfinished"' "$work/zh_CN.ts" | grep '<source>' | sed 's/^ *<source>/  /; s/<\/source>$//'
  exit 1
fi
echo "every text is translated"

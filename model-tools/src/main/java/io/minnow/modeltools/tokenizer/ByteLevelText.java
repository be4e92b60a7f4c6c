package io.minnow.modeltools.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text side of GPT-2 byte-level BPE, as Hugging Face's {@code ByteLevel} pre-tokenizer does it: special
 * tokens are cut out first, the rest is split with the GPT-2 regex, and each piece's UTF-8 bytes are mapped to
 * printable characters (printable Latin-1 bytes stand for themselves, the others move to U+0100 on, in byte
 * order). Stateless and thread-safe.
 */
final class ByteLevelText {

    /** The GPT-2 split pattern; Unicode classes so {@code \s} matches what the Rust regex matches. */
    static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + shifted++);
        }
    }

    private ByteLevelText() {}

    /** The 256 alphabet characters, in byte order. */
    static List<String> alphabet() {
        List<String> chars = new ArrayList<>(256);
        for (char c : BYTE_TO_CHAR) {
            chars.add(String.valueOf(c));
        }
        return chars;
    }

    /** A piece of text in the byte-level alphabet. */
    static String toAlphabet(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(BYTE_TO_CHAR[b & 0xFF]);
        }
        return sb.toString();
    }

    /** One run of text between special tokens, or one special token. */
    record Segment(String text, boolean special) {}

    /** Cuts {@code text} at every occurrence of a special token, longest token first at each position. */
    static List<Segment> splitSpecials(String text, List<String> specials) {
        List<Segment> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            String hit = null;
            for (String s : specials) {
                if (text.startsWith(s, i) && (hit == null || s.length() > hit.length())) {
                    hit = s;
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            if (i > start) {
                out.add(new Segment(text.substring(start, i), false));
            }
            out.add(new Segment(hit, true));
            i += hit.length();
            start = i;
        }
        if (start < text.length()) {
            out.add(new Segment(text.substring(start), false));
        }
        return out;
    }

    /** The pre-tokenized pieces of ordinary text, each already in the byte-level alphabet. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = GPT2_SPLIT.matcher(text);
        while (m.find()) {
            words.add(toAlphabet(m.group()));
        }
        return words;
    }
}

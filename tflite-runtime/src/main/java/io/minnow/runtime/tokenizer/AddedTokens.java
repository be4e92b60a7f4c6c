package io.minnow.runtime.tokenizer;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens (such as {@code <|endoftext|>}) in text so they are kept whole instead of being split by
 * BPE: leftmost match first, the longest token at that position, as the Hugging Face added vocabulary does.
 * Immutable and thread-safe.
 */
final class AddedTokens {

    /** One entry of "added_tokens". {@code lstrip}/{@code rstrip} swallow whitespace next to the token. */
    record Token(String content, int id, boolean special, boolean lstrip, boolean rstrip, boolean normalized) {}

    /** Receives the pieces of a text in order: plain text between tokens, and token ids. */
    interface Sink {
        void text(String text, int offset);

        void token(int id);
    }

    /** A trie over token contents, so the longest match costs one step per character whatever the count. */
    private static final class Node {
        final Map<Character, Node> children = new HashMap<>();
        Token token;
    }

    private final BitSet firstChars = new BitSet(65536);
    private final Node root = new Node();

    /** Matches {@code tokens}; contents must be non-empty. A content listed twice keeps its last entry. */
    AddedTokens(List<Token> tokens) {
        for (Token token : tokens) {
            String content = token.content();
            firstChars.set(content.charAt(0));
            Node node = root;
            for (int i = 0; i < content.length(); i++) {
                node = node.children.computeIfAbsent(content.charAt(i), c -> new Node());
            }
            node.token = token;
        }
    }

    boolean isEmpty() {
        return root.children.isEmpty();
    }

    /** Splits {@code text} into plain pieces and tokens, in order; empty pieces are left out. */
    void split(String text, Sink sink) {
        int pieceStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            Token match = firstChars.get(c) ? longestAt(text, i) : null;
            if (match == null) {
                i++;
                continue;
            }
            int start = i;
            int end = i + match.content().length();
            if (match.lstrip()) {
                while (start > pieceStart && isWhiteSpace(text.codePointBefore(start))) {
                    start -= Character.charCount(text.codePointBefore(start));
                }
            }
            if (match.rstrip()) {
                while (end < text.length() && isWhiteSpace(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
            }
            if (start > pieceStart) {
                sink.text(text.substring(pieceStart, start), pieceStart);
            }
            sink.token(match.id());
            pieceStart = end;
            i = end;
        }
        if (pieceStart < text.length()) {
            sink.text(text.substring(pieceStart), pieceStart);
        }
    }

    /** Unicode's White_Space property, which Rust's {@code char::is_whitespace} follows (Java's differs). */
    private static boolean isWhiteSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    private Token longestAt(String text, int start) {
        Token longest = null;
        Node node = root;
        for (int i = start; i < text.length(); i++) {
            node = node.children.get(text.charAt(i));
            if (node == null) {
                break;
            }
            if (node.token != null) {
                longest = node.token;
            }
        }
        return longest;
    }
}

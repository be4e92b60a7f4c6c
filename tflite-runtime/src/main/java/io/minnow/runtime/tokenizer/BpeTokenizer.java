package io.minnow.runtime.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A BPE tokenizer assembled from the parts of a {@code tokenizer.json}, encoding as the Hugging Face library
 * does: added tokens are cut out of the text first, each remaining piece is normalized, pre-tokenized and
 * BPE-encoded. The post-processor (which would add BOS and similar) is not applied: callers add those ids.
 * Immutable and thread-safe.
 */
final class BpeTokenizer implements Tokenizer {
    private final Normalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final BpeModel model;
    private final Decoder decoder;
    private final AddedTokens rawAddedTokens;
    private final AddedTokens normalizedAddedTokens;
    /** The added tokens a caller's value may contain: the non-special ones (ordinary extra vocabulary). */
    private final AddedTokens rawPlainTokens;
    private final AddedTokens normalizedPlainTokens;
    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final BitSet special;

    /**
     * @param tokens the token string of every id (model vocabulary and added tokens); {@code null} for unused ids;
     *     handed over like {@code ids}, the id of every token string: callers must not change them afterwards
     * @param special the ids decoding leaves out
     */
    BpeTokenizer(Normalizer normalizer, PreTokenizer preTokenizer, BpeModel model, Decoder decoder,
            List<AddedTokens.Token> addedTokens, String[] tokens, Map<String, Integer> ids, BitSet special) {
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.decoder = decoder;
        this.rawAddedTokens = new AddedTokens(addedTokens.stream().filter(t -> !t.normalized()).toList());
        this.normalizedAddedTokens = new AddedTokens(addedTokens.stream().filter(AddedTokens.Token::normalized)
                .toList());
        this.rawPlainTokens = new AddedTokens(addedTokens.stream().filter(t -> !t.normalized() && !t.special())
                .toList());
        this.normalizedPlainTokens = new AddedTokens(addedTokens.stream().filter(t -> t.normalized() && !t.special())
                .toList());
        this.tokens = tokens;
        this.ids = ids;
        this.special = (BitSet) special.clone();
    }

    @Override
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 3 + 4);
        rawAddedTokens.split(text, new AddedTokens.Sink() {
            @Override
            public void text(String piece, int offset) {
                encodePiece(piece, offset == 0, out);
            }

            @Override
            public void token(int id) {
                out.add(id);
            }
        });
        return out.toArray();
    }

    @Override
    public int[] encode(PromptText text) {
        IntList out = new IntList(text.text().length() / 3 + 4);
        // Plain text is gathered across part boundaries and encoded in one piece when a token cuts it, so a
        // value joins the template text around it exactly as in encode(String).
        StringBuilder plain = new StringBuilder();
        boolean[] plainHasValue = {false};
        boolean[] atTextStart = {true};
        for (PromptText.Part part : joinNeighbours(text.parts())) {
            AddedTokens recognised = part.trusted() ? rawAddedTokens : rawPlainTokens;
            recognised.split(part.text(), new AddedTokens.Sink() {
                @Override
                public void text(String piece, int offset) {
                    plain.append(piece);
                    plainHasValue[0] |= !part.trusted();
                }

                @Override
                public void token(int id) {
                    flushPlain(plain, plainHasValue[0], atTextStart[0], out);
                    plainHasValue[0] = false;
                    atTextStart[0] = false;
                    out.add(id);
                }
            });
        }
        flushPlain(plain, plainHasValue[0], atTextStart[0], out);
        return out.toArray();
    }

    /**
     * The parts with each run of equally trusted neighbours joined into one, so a token whose string spans two
     * of them (a chat prefix ending where a role's text goes on) is found as in the joined text.
     */
    private static List<PromptText.Part> joinNeighbours(List<PromptText.Part> parts) {
        List<PromptText.Part> out = new ArrayList<>(parts.size());
        for (PromptText.Part part : parts) {
            PromptText.Part last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.trusted() == part.trusted()) {
                out.set(out.size() - 1, new PromptText.Part(last.text() + part.text(), part.trusted()));
            } else {
                out.add(part);
            }
        }
        return out;
    }

    private void flushPlain(StringBuilder plain, boolean hasValue, boolean atTextStart, IntList out) {
        if (plain.length() > 0) {
            // A special token marked "normalized" is matched after normalization, where value and template
            // characters can no longer be told apart; so a stretch holding any value text matches only the
            // non-special ones.
            encodePiece(plain.toString(), atTextStart, hasValue ? normalizedPlainTokens : normalizedAddedTokens, out);
            plain.setLength(0);
        }
    }

    private void encodePiece(String piece, boolean atTextStart, IntList out) {
        encodePiece(piece, atTextStart, normalizedAddedTokens, out);
    }

    private void encodePiece(String piece, boolean atTextStart, AddedTokens normalizedTokens, IntList out) {
        String normalized = normalizer.normalize(piece);
        if (normalizedTokens.isEmpty()) {
            encodeNormalized(normalized, atTextStart, out);
            return;
        }
        normalizedTokens.split(normalized, new AddedTokens.Sink() {
            @Override
            public void text(String text, int offset) {
                encodeNormalized(text, atTextStart && offset == 0, out);
            }

            @Override
            public void token(int id) {
                out.add(id);
            }
        });
    }

    private void encodeNormalized(String text, boolean atTextStart, IntList out) {
        List<String> words = new ArrayList<>();
        preTokenizer.split(text, atTextStart, words);
        for (String word : words) {
            model.encodeWord(word, out);
        }
    }

    @Override
    public String decode(int[] ids) {
        List<String> pieces = new ArrayList<>(ids.length);
        for (int id : ids) {
            checkId(id);
            if (!special.get(id) && tokens[id] != null) {
                pieces.add(tokens[id]);
            }
        }
        return String.join("", decoder.decodeChain(pieces));
    }

    @Override
    public byte[] decodeBytes(int id) {
        checkId(id);
        if (special.get(id) || tokens[id] == null) {
            return new byte[0];
        }
        byte[] bytes = decoder.tokenBytes(tokens[id]);
        return bytes != null ? bytes : decoder.tokenText(tokens[id]).getBytes(StandardCharsets.UTF_8);
    }

    private void checkId(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                    + tokens.length + ")");
        }
    }

    @Override
    public int vocabSize() {
        return tokens.length;
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public boolean isSpecial(int id) {
        checkId(id);
        return special.get(id);
    }
}

package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns token strings back into text, like a Hugging Face decoder: each step maps the list of token strings
 * to a new list, and the final list is joined. Also knows the raw bytes one token stands for, for streaming.
 * Implementations are immutable and thread-safe.
 */
interface Decoder {

    List<String> decodeChain(List<String> tokens);

    /**
     * The bytes {@code token} contributes in the middle of a text, or {@code null} if this step leaves the token
     * to later steps. Position-dependent rules (stripping at the start of a text) are not applied.
     */
    byte[] tokenBytes(String token);

    /** Per-token text rewriting that later steps see, used by {@link #tokenBytes} of a sequence. */
    default String tokenText(String token) {
        return token;
    }

    /** Joins tokens with nothing between them (a file without a decoder, or a chain ending in Fuse). */
    Decoder FUSE = new Decoder() {
        @Override
        public List<String> decodeChain(List<String> tokens) {
            return List.of(String.join("", tokens));
        }

        @Override
        public byte[] tokenBytes(String token) {
            return null;
        }
    };

    /** Builds the decoder a {@code tokenizer.json} "decoder" node describes; {@code null} means fuse tokens. */
    static Decoder fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return FUSE;
        }
        String type = JsonFields.type(node, "decoder");
        return switch (type) {
            case "Sequence" -> sequence(node);
            case "ByteLevel" -> BYTE_LEVEL;
            case "ByteFallback" -> BYTE_FALLBACK;
            case "Fuse" -> FUSE;
            case "Replace" -> replace(node);
            case "Strip" -> strip(node);
            case "Metaspace" -> metaspace(MetaspaceRules.fromJson(node, "decoder Metaspace"));
            default -> throw new TokenizerFormatException("decoder type '" + type + "'",
                    "is not supported (supported: Sequence, ByteLevel, ByteFallback, Fuse, Replace, Strip, "
                            + "Metaspace)");
        };
    }

    private static Decoder sequence(JsonNode node) {
        List<Decoder> steps = new ArrayList<>();
        for (JsonNode child : JsonFields.array(node, "decoders", "decoder Sequence")) {
            steps.add(fromJson(child));
        }
        return new Decoder() {
            @Override
            public List<String> decodeChain(List<String> tokens) {
                List<String> result = tokens;
                for (Decoder step : steps) {
                    result = step.decodeChain(result);
                }
                return result;
            }

            @Override
            public byte[] tokenBytes(String token) {
                String text = token;
                for (Decoder step : steps) {
                    byte[] bytes = step.tokenBytes(text);
                    if (bytes != null) {
                        return bytes;
                    }
                    text = step.tokenText(text);
                }
                return null;
            }

            @Override
            public String tokenText(String token) {
                String text = token;
                for (Decoder step : steps) {
                    text = step.tokenText(text);
                }
                return text;
            }
        };
    }

    /** GPT-2 bytes: tokens are byte-level alphabet strings; the joined bytes are read as UTF-8. */
    Decoder BYTE_LEVEL = new Decoder() {
        @Override
        public List<String> decodeChain(List<String> tokens) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (String token : tokens) {
                bytes.writeBytes(tokenBytes(token));
            }
            return List.of(bytes.toString(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] tokenBytes(String token) {
            byte[] bytes = ByteLevelAlphabet.decode(token);
            // Tokens outside the alphabet (added tokens) stand for their own text.
            return bytes != null ? bytes : token.getBytes(StandardCharsets.UTF_8);
        }
    };

    /**
     * SentencePiece byte fallback: runs of {@code <0xNN>} tokens become the text their bytes spell, or one
     * U+FFFD per byte when they are not valid UTF-8.
     */
    Decoder BYTE_FALLBACK = new Decoder() {
        @Override
        public List<String> decodeChain(List<String> tokens) {
            List<String> result = new ArrayList<>(tokens.size());
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            for (String token : tokens) {
                int value = byteValue(token);
                if (value >= 0) {
                    pending.write(value);
                    continue;
                }
                flush(pending, result);
                result.add(token);
            }
            flush(pending, result);
            return result;
        }

        private void flush(ByteArrayOutputStream pending, List<String> result) {
            if (pending.size() == 0) {
                return;
            }
            byte[] bytes = pending.toByteArray();
            pending.reset();
            try {
                result.add(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                for (int i = 0; i < bytes.length; i++) {
                    result.add("\uFFFD");
                }
            }
        }

        @Override
        public byte[] tokenBytes(String token) {
            int value = byteValue(token);
            return value >= 0 ? new byte[] {(byte) value} : null;
        }
    };

    /** The byte a {@code <0xNN>} token stands for, or -1 for any other token. */
    static int byteValue(String token) {
        if (token.length() != 6 || !token.startsWith("<0x") || token.charAt(5) != '>') {
            return -1;
        }
        int high = Character.digit(token.charAt(3), 16);
        int low = Character.digit(token.charAt(4), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    private static Decoder replace(JsonNode node) {
        Normalizer rewrite = Normalizer.replace(node, "decoder Replace");
        return new Decoder() {
            @Override
            public List<String> decodeChain(List<String> tokens) {
                List<String> result = new ArrayList<>(tokens.size());
                for (String token : tokens) {
                    result.add(rewrite.normalize(token));
                }
                return result;
            }

            @Override
            public byte[] tokenBytes(String token) {
                return null;
            }

            @Override
            public String tokenText(String token) {
                return rewrite.normalize(token);
            }
        };
    }

    /** Removes up to {@code start} leading and {@code stop} trailing {@code content} characters of each token. */
    private static Decoder strip(JsonNode node) {
        String content = JsonFields.string(node, "content", "decoder Strip");
        if (content.length() != 1) {
            throw new TokenizerFormatException("decoder Strip", "content must be one character, got '"
                    + content + "'");
        }
        char c = content.charAt(0);
        int start = node.path("start").asInt(0);
        int stop = node.path("stop").asInt(0);
        return new Decoder() {
            @Override
            public List<String> decodeChain(List<String> tokens) {
                List<String> result = new ArrayList<>(tokens.size());
                for (String token : tokens) {
                    int from = 0;
                    while (from < start && from < token.length() && token.charAt(from) == c) {
                        from++;
                    }
                    int to = token.length();
                    while (token.length() - to < stop && to > from && token.charAt(to - 1) == c) {
                        to--;
                    }
                    result.add(token.substring(from, to));
                }
                return result;
            }

            @Override
            public byte[] tokenBytes(String token) {
                return null;
            }
        };
    }

    private static Decoder metaspace(MetaspaceRules rules) {
        return new Decoder() {
            @Override
            public List<String> decodeChain(List<String> tokens) {
                return rules.decodeChain(tokens);
            }

            @Override
            public byte[] tokenBytes(String token) {
                return null;
            }

            @Override
            public String tokenText(String token) {
                return rules.tokenText(token);
            }
        };
    }
}

package io.minnow.runtime.bundle;

import io.minnow.runtime.tokenizer.Tokenizer;
import io.minnow.runtime.tokenizer.TokenizerFormatException;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Loads tokenizer.json and checks it agrees with model.json: the same vocabulary size, and every special
 * token the manifest names exists.
 */
final class TokenizerCheck {
    static final String ENTRY = "tokenizer.json";

    private TokenizerCheck() {
    }

    static Tokenizer load(byte[] tokenizerJson, ModelManifest manifest) throws BundleException {
        Tokenizer tokenizer;
        try {
            tokenizer = TokenizerJson.parse(new ByteArrayInputStream(tokenizerJson));
        } catch (TokenizerFormatException e) {
            throw new BundleException(ENTRY + ":" + e.component(), e.getMessage(), e);
        } catch (IOException e) {
            throw new BundleException(ENTRY, "could not be read: " + e.getMessage(), e);
        }
        if (tokenizer.vocabSize() != manifest.vocabSize()) {
            throw new BundleException(ManifestJson.ENTRY + ":vocab_size", "is " + manifest.vocabSize()
                    + " but tokenizer.json has " + tokenizer.vocabSize() + " token ids");
        }
        for (Map.Entry<String, String> special : manifest.specialTokenFields()) {
            if (tokenizer.tokenId(special.getValue()).isEmpty()) {
                throw new BundleException(ManifestJson.ENTRY + ":" + special.getKey(),
                        "is \"" + special.getValue() + "\", which tokenizer.json does not contain");
            }
        }
        return tokenizer;
    }
}

package io.minnow.agent.config;

import io.minnow.agent.mqtt.TlsSocketFactories;
import io.minnow.config.LoadedConfig;
import io.minnow.config.TlsConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a valid configuration still needs from the machine before the agent starts: ports nothing else
 * holds, and TLS files that parse as PEM certificates and a PKCS#8 key. Run by the agent at start and by
 * {@code minnow config check}; problems read like {@link io.minnow.config.ConfigException}'s. Stateless.
 */
public final class StartChecks {
    private StartChecks() {}

    public static List<String> problems(LoadedConfig c) {
        List<String> problems = new ArrayList<>(c.checkPorts());
        if (c.config().mqtt().tls().isPresent()) {
            TlsConfig tls = c.config().mqtt().tls().get();
            try {
                TlsSocketFactories.create(tls);
            } catch (GeneralSecurityException | IOException e) {
                problems.add("mqtt.tls: the files do not make a TLS setup; expected PEM certificates and an"
                        + " unencrypted PKCS#8 key (" + e.getMessage() + ")");
            }
        }
        return problems;
    }
}

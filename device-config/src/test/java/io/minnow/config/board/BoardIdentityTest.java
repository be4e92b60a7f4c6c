package io.minnow.config.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.config.ConfigLoader;
import io.minnow.config.ConfigSources;
import io.minnow.config.LoadedConfig;
import io.minnow.config.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardIdentityTest {

    static Path fixture(String board) {
        return Path.of("src/test/resources/boards", board);
    }

    @Test
    void aRaspberryPi4IsNamedAfterItsDeviceTreeSerial() {
        assertThat(BoardIdentity.derive(BoardFiles.under(fixture("pi4"))))
                .hasValue(new BoardIdentity.Derived("minnow-10000000a3f1c2d4", "/proc/device-tree/serial-number"));
    }

    @Test
    void aPi3SerialLosesItsLeadingZeros() {
        assertThat(BoardIdentity.derive(BoardFiles.under(fixture("pi3")))).hasValue(
                new BoardIdentity.Derived("minnow-5e7a91b2", "/sys/firmware/devicetree/base/serial-number"));
    }

    @Test
    void aBoardWithoutADeviceTreeIsNamedAfterItsMachineId() {
        assertThat(BoardIdentity.derive(BoardFiles.under(fixture("x86-laptop"))))
                .hasValue(new BoardIdentity.Derived("minnow-4c4c4544003a", "/etc/machine-id"));
    }

    @Test
    void nothingToDeriveFromFallsBackToTheQuickstartId(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty.resolve("etc"));
        Files.writeString(empty.resolve("etc/machine-id"), "\n"); // an image not yet booted: empty machine-id
        assertThat(BoardIdentity.derive(BoardFiles.under(empty))).isEmpty();
        LoadedConfig c = ConfigLoader.read(new ConfigSources(Optional.empty(), Map.of(), List.of(),
                BoardFiles.under(empty)));
        assertThat(c.config().deviceId()).isEqualTo("minnow-1");
        assertThat(c.setting("device_id").origin()).isEqualTo(Origin.DEFAULT);
    }

    @Test
    void theDerivedIdNamesTheClientAndSaysWhereItCameFrom() throws Exception {
        LoadedConfig c = ConfigLoader.read(new ConfigSources(Optional.empty(), Map.of(), List.of(),
                BoardFiles.under(fixture("pi4"))));
        assertThat(c.config().deviceId()).isEqualTo("minnow-10000000a3f1c2d4");
        assertThat(c.config().mqtt().clientId()).isEqualTo("minnow-agent-minnow-10000000a3f1c2d4");
        assertThat(c.setting("device_id").origin()).hasToString("board /proc/device-tree/serial-number");
    }
}

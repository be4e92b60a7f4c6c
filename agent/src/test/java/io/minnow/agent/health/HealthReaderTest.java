package io.minnow.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.config.HealthConfig;
import io.minnow.config.board.BoardFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HealthReaderTest {
    static final HealthConfig LIMITS = new HealthConfig(true, 10_000, 75, 10, 10);
    static final Path MODELS = Path.of("/var/lib/minnow");

    static Path board(String name) {
        return Path.of("src/test/resources/boards", name);
    }

    private static HealthReader reader(String board, Supplier<Optional<String>> vcgencmd, HealthConfig limits,
            Optional<BoardHealth.Disk> disk) {
        return new HealthReader(BoardFiles.under(board(board)), vcgencmd, p -> {
            assertThat(p).isEqualTo(MODELS);
            return disk;
        }, MODELS, limits);
    }

    @Test
    void aRaspberryPiOnAWeakSupplyReportsUnderVoltageAndThrottling() {
        BoardHealth h = reader("pi4-weak-supply", () -> {
            throw new AssertionError("vcgencmd is not asked where sysfs has the flags");
        }, LIMITS, Optional.of(new BoardHealth.Disk(32_000_000_000L, 20_000_000_000L))).sample();
        assertThat(h.cpuTempC()).hasValue(61.842);
        assertThat(h.throttleFlags()).hasValue(0x50005);
        assertThat(h.underVoltageSinceBoot()).isTrue();
        assertThat(h.memory()).hasValue(new BoardHealth.Memory(3884148L * 1024, 3401288L * 1024));
        assertThat(h.load()).hasValue(new BoardHealth.Load(0.52, 0.58, 0.59));
        assertThat(h.disk()).hasValue(new BoardHealth.Disk(32_000_000_000L, 20_000_000_000L));
        assertThat(h.warnings()).containsExactlyInAnyOrder(HealthWarning.UNDER_VOLTAGE, HealthWarning.THROTTLED);
    }

    @Test
    void theSameBoardIsHotBelowTheConfiguredLimitAndItsDiskNearlyFull() {
        BoardHealth h = reader("pi4-weak-supply", Optional::empty, new HealthConfig(true, 10_000, 60, 10, 10),
                Optional.of(new BoardHealth.Disk(1_000, 100))).sample();
        assertThat(h.warnings()).contains(HealthWarning.HOT, HealthWarning.DISK_LOW);
    }

    @Test
    void aPiWithoutTheSysfsFlagsAsksVcgencmdAndRunsLowOnMemory() {
        BoardHealth h = reader("zero2-vcgencmd", () -> Optional.of("throttled=0x0\n"), LIMITS, Optional.empty())
                .sample();
        assertThat(h.cpuTempC()).hasValue(41.234);
        assertThat(h.throttleFlags()).hasValue(0);
        assertThat(h.underVoltageSinceBoot()).isFalse();
        assertThat(h.memoryAvailablePercent()).hasValue(7);
        assertThat(h.disk()).isEmpty();
        assertThat(h.warnings()).containsExactly(HealthWarning.MEMORY_LOW);
    }

    @Test
    void aLaptopReportsItsCpuPackageZoneNotTheFirstZone() {
        BoardHealth h = reader("x86-laptop", Optional::empty, LIMITS, Optional.empty()).sample();
        assertThat(h.cpuTempC()).hasValue(51.0);
        assertThat(h.throttleFlags()).isEmpty();
        assertThat(h.warnings()).isEmpty();
    }

    @Test
    void aContainerHasNoTemperatureAndNoFlagsAndThatIsNoWarning() {
        BoardHealth h = reader("container", () -> Optional.of("VCHI initialization failed"), LIMITS, Optional.empty())
                .sample();
        assertThat(h.cpuTempC()).isEmpty();
        assertThat(h.throttleFlags()).isEmpty();
        assertThat(h.memory()).isPresent();
        assertThat(h.load()).hasValue(new BoardHealth.Load(3.01, 2.5, 2.0));
        assertThat(h.warnings()).isEmpty();
    }

    @Test
    void anEmptyBoardReportsNothing(@org.junit.jupiter.api.io.TempDir Path empty) {
        BoardHealth h = new HealthReader(BoardFiles.under(empty), Optional::empty, p -> Optional.empty(), MODELS, LIMITS)
                .sample();
        assertThat(h).isEqualTo(BoardHealth.NONE);
    }

    @Test
    void theRealFileStoreReportsTheModelsDisk(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(HealthReader.DiskProbe.fileStore().space(dir)).hasValueSatisfying(d ->
                assertThat(d.freeBytes()).isPositive().isLessThanOrEqualTo(d.totalBytes()));
        assertThat(HealthReader.DiskProbe.fileStore().space(dir.resolve("missing"))).isEmpty();
    }
}

package io.minnow.runtime.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.testing.ByteLevelTokenizerJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    @TempDir
    Path dir;

    private final byte[] tokenizer = ByteLevelTokenizerJson.bytes();
    private final ModelManifest manifest = BundleTestData.manifest(ByteLevelTokenizerJson.VOCAB_SIZE);

    @Test
    void writtenBundleReadsBackWithTheModelMappedInPlace() throws Exception {
        Path file = dir.resolve("tiny" + ModelBundle.EXTENSION);
        ByteBuffer model = BundleTestData.fakeModel(100_003);
        BundleWriter.write(file, model, tokenizer, manifest);

        ModelBundle bundle = ModelBundle.open(file);
        assertThat(bundle.manifest()).isEqualTo(manifest);
        assertThat(bundle.tokenizerJson()).isEqualTo(tokenizer);
        ByteBuffer mapped = bundle.model();
        assertThat(mapped.isDirect()).isTrue();
        assertThat(mapped.isReadOnly()).isTrue();
        assertThat(mapped).isEqualTo(model.duplicate().rewind());
        assertThat(bundle.modelOffset() % BundleWriter.MODEL_ALIGNMENT).isZero();
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer raw = ByteBuffer.allocate(100_003);
            ch.read(raw, bundle.modelOffset());
            assertThat(raw.flip()).isEqualTo(model.duplicate().rewind());
        }
    }

    /** A bundle gets the permissions of any file the process creates (its umask), not a temp file's 0600. */
    @Test
    void writtenBundleHasTheProcesssUsualFilePermissions() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("p" + ModelBundle.EXTENSION);
        BundleWriter.write(file, BundleTestData.fakeModel(64), tokenizer, manifest);
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void identicalInputsGiveByteIdenticalBundlesWithFixedEntryTimes() throws Exception {
        Path first = dir.resolve("a" + ModelBundle.EXTENSION);
        Path second = dir.resolve("b" + ModelBundle.EXTENSION);
        BundleWriter.write(first, BundleTestData.fakeModel(5_000), tokenizer, manifest);
        BundleWriter.write(second, BundleTestData.fakeModel(5_000), tokenizer,
                ManifestJson.parse(ManifestJson.write(manifest)));
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (ZipFile zip = new ZipFile(first.toFile())) {
            // Checked directly too: two writes within the same two seconds would agree even with the clock's time.
            assertThat(zip.stream().map(ZipEntry::getTimeLocal).distinct().toList())
                    .containsExactly(BundleWriter.ENTRY_TIME);
        }
    }

    @Test
    void writerRefusesAVocabularyMismatchAndWritesNothing() {
        Path file = dir.resolve("bad.minnow");
        ModelManifest wrong = BundleTestData.manifest(300);
        assertThatThrownBy(() -> BundleWriter.write(file, BundleTestData.fakeModel(64), tokenizer, wrong))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).isEqualTo("model.json:vocab_size"))
                .hasMessageContaining("is 300 but tokenizer.json has " + ByteLevelTokenizerJson.VOCAB_SIZE);
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void writerRefusesSomethingThatIsNotATfliteModel() {
        assertThatThrownBy(() -> BundleWriter.write(dir.resolve("x.minnow"), ByteBuffer.wrap(new byte[64]), tokenizer,
                manifest)).isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).isEqualTo("model.tflite"))
                .hasMessageContaining("TFL3");
    }

    @Test
    void rejectsASpecialTokenTheTokenizerLacks() {
        ModelManifest m = new ModelManifest("t", "1", Convention.WINDOW, 8, ByteLevelTokenizerJson.VOCAB_SIZE,
                new SpecialTokens("<s>", null, null), null, null, null, null, null);
        assertThatThrownBy(() -> BundleWriter.write(dir.resolve("x.minnow"), BundleTestData.fakeModel(64), tokenizer, m))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).isEqualTo("model.json:special_tokens.bos"));
    }

    @Test
    void rejectsATokenizerJsonItCannotLoadNamingTheComponent() {
        byte[] broken = "{\"model\": {\"type\": \"Unigram\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BundleWriter.write(dir.resolve("x.minnow"), BundleTestData.fakeModel(64), broken, manifest))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).startsWith("tokenizer.json:"));
    }

    @Test
    void openedBundleCarriesAWorkingTokenizer() throws Exception {
        Path file = dir.resolve("t.minnow");
        BundleWriter.write(file, BundleTestData.fakeModel(64), tokenizer, manifest);
        io.minnow.runtime.tokenizer.Tokenizer t = ModelBundle.open(file).tokenizer();
        assertThat(t.decode(t.encode("in the sea"))).isEqualTo("in the sea");
        assertThat(t.tokenId(ByteLevelTokenizerJson.END_OF_TEXT)).isPresent();
    }

    @Test
    void rejectsACompressedModelEntry() throws Exception {
        Path file = zip(ZipEntry.DEFLATED, true);
        assertThatThrownBy(() -> ModelBundle.open(file))
                .isInstanceOfSatisfying(BundleException.class, e -> assertThat(e.field()).isEqualTo("model.tflite"))
                .hasMessageContaining("stored uncompressed");
    }

    @Test
    void rejectsABundleWithoutTokenizer() throws Exception {
        Path file = zip(ZipEntry.STORED, false);
        assertThatThrownBy(() -> ModelBundle.open(file))
                .isInstanceOfSatisfying(BundleException.class, e -> assertThat(e.field()).isEqualTo("tokenizer.json"))
                .hasMessageContaining("missing");
    }

    @Test
    void rejectsAFileThatIsNotAZip() throws Exception {
        Path file = Files.writeString(dir.resolve("junk.minnow"), "not a zip");
        assertThatThrownBy(() -> ModelBundle.open(file))
                .isInstanceOfSatisfying(BundleException.class, e -> assertThat(e.field()).isEqualTo("junk.minnow"));
    }

    /** A bundle written by the JDK's zip, to check what the reader accepts from other writers. */
    private Path zip(int modelMethod, boolean withTokenizer) throws IOException {
        Path file = dir.resolve("other.minnow");
        byte[] model = new byte[256];
        BundleTestData.fakeModel(256).get(model);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry m = new ZipEntry("model.tflite");
            m.setMethod(modelMethod);
            if (modelMethod == ZipEntry.STORED) {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(model);
                m.setSize(model.length);
                m.setCrc(crc.getValue());
            }
            zip.putNextEntry(m);
            zip.write(model);
            zip.closeEntry();
            if (withTokenizer) {
                zip.putNextEntry(new ZipEntry("tokenizer.json"));
                zip.write(tokenizer);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(ManifestJson.write(manifest));
            zip.closeEntry();
        }
        return file;
    }
}

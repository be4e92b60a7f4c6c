package io.minnow.modeltools.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link DeviceManual} from the Markdown manual: the first table under each of the headings
 * {@code ## Telemetry}, {@code ## Error codes}, {@code ## Maintenance} and {@code ## Log categories}.
 * Errors name the section, the line number and what was wrong. Stateless and thread-safe.
 */
public final class ManualParser {

    private static final List<String> SENSOR_HEADER = List.of("sensor", "unit", "decimals", "measured range",
            "critical low", "normal low", "normal high", "critical high", "what it means");
    private static final List<String> ERROR_HEADER = List.of("code", "name", "meaning", "action");
    private static final List<String> FACT_HEADER = List.of("kind", "topics", "answer");
    private static final List<String> LOG_HEADER = List.of("category", "covers", "typical words");

    /** A table row with the line it came from, for error messages. */
    private record Row(int line, List<String> cells) {}

    public DeviceManual parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public DeviceManual parse(String markdown, String source) {
        List<String> lines = markdown.lines().toList();
        List<SensorSpec> sensors = table(lines, "Telemetry", SENSOR_HEADER, source).stream()
                .map(r -> sensor(r, source)).toList();
        List<ErrorCode> codes = table(lines, "Error codes", ERROR_HEADER, source).stream()
                .map(r -> at(r, source, () -> new ErrorCode(r.cells.get(0), r.cells.get(1), r.cells.get(2), r.cells.get(3))))
                .toList();
        List<MaintenanceFact> facts = table(lines, "Maintenance", FACT_HEADER, source).stream()
                .map(r -> at(r, source, () -> new MaintenanceFact(
                        kind(r.cells.get(0)),
                        Arrays.stream(r.cells.get(1).split("/")).map(String::trim).toList(),
                        r.cells.get(2))))
                .toList();
        List<LogCategory> categories = table(lines, "Log categories", LOG_HEADER, source).stream()
                .map(r -> at(r, source, () -> new LogCategory(r.cells.get(0), r.cells.get(1))))
                .toList();
        return new DeviceManual(sensors, codes, facts, categories);
    }

    private static SensorSpec sensor(Row r, String source) {
        return at(r, source, () -> {
            String[] range = r.cells.get(3).split("[–-]");
            if (range.length != 2) {
                throw new IllegalArgumentException("measured range must be 'min–max', got '" + r.cells.get(3) + "'");
            }
            return new SensorSpec(r.cells.get(0), r.cells.get(1), Integer.parseInt(r.cells.get(2)),
                    Double.parseDouble(range[0].trim()), Double.parseDouble(range[1].trim()),
                    limit(r.cells.get(4)), limit(r.cells.get(5)), limit(r.cells.get(6)), limit(r.cells.get(7)));
        });
    }

    private static double limit(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static MaintenanceFact.Kind kind(String cell) {
        try {
            return MaintenanceFact.Kind.valueOf(cell.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be interval, value or procedure, got '" + cell + "'");
        }
    }

    private interface RowReader<T> {
        T read();
    }

    private static <T> T at(Row r, String source, RowReader<T> reader) {
        try {
            return reader.read();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ":" + r.line + ": " + e.getMessage(), e);
        }
    }

    private static List<Row> table(List<String> lines, String heading, List<String> header, String source) {
        int i = 0;
        while (i < lines.size() && !lines.get(i).trim().equals("## " + heading)) {
            i++;
        }
        if (i == lines.size()) {
            throw new IllegalArgumentException(source + ": no '## " + heading + "' section");
        }
        while (i < lines.size() && !lines.get(i).trim().startsWith("|")) {
            if (i > 0 && lines.get(i).startsWith("## ") && !lines.get(i).trim().equals("## " + heading)) {
                break;
            }
            i++;
        }
        if (i == lines.size() || !lines.get(i).trim().startsWith("|")) {
            throw new IllegalArgumentException(source + ": section '" + heading + "' has no table");
        }
        List<String> found = cells(lines.get(i));
        if (!found.equals(header)) {
            throw new IllegalArgumentException(source + ":" + (i + 1) + ": table '" + heading + "' must have columns "
                    + header + ", found " + found);
        }
        i += 2;
        List<Row> rows = new ArrayList<>();
        for (; i < lines.size() && lines.get(i).trim().startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected " + header.size()
                        + " cells in table '" + heading + "', found " + cells.size());
            }
            rows.add(new Row(i + 1, cells));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String t = line.trim();
        String inner = t.substring(1, t.endsWith("|") ? t.length() - 1 : t.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }
}

package nowcast.ingestion.readers;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Observation time from a file name, given a {@link DateTimeFormatter} pattern made of digit fields
 * ({@code yyyyMMddHHmm}, {@code yyyyMMdd_HHmmss}, ...): the first run of characters in the name that
 * fits the pattern is parsed as UTC. Patterns without seconds or minutes get zero for them.
 */
final class FileNameTime {

    private final String pattern;
    private final Pattern regex;
    private final DateTimeFormatter formatter;

    FileNameTime(String pattern) {
        this.pattern = pattern;
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (Character.isLetter(ch)) {
                re.append("\\d");
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        this.regex = Pattern.compile(re.toString());
        try {
            this.formatter = DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("file-name time pattern '" + pattern + "' is not a valid "
                    + "DateTimeFormatter pattern: " + e.getMessage(), e);
        }
    }

    boolean matches(String name) {
        return regex.matcher(name).find();
    }

    Optional<Instant> parse(String name) {
        Matcher m = regex.matcher(name);
        while (m.find()) {
            try {
                return Optional.of(toInstant(m.group()));
            } catch (DateTimeParseException notADate) {
                // another digit run further along the name may be the date
            }
        }
        return Optional.empty();
    }

    Instant require(Path file) throws BadFrameException {
        return parse(file.getFileName().toString()).orElseThrow(() -> new BadFrameException(file,
                "cannot parse an observation time with pattern '" + pattern + "' from the file name"));
    }

    private Instant toInstant(String text) {
        var parsed = formatter.parse(text);
        java.time.LocalDate date = java.time.LocalDate.from(parsed);
        int hour = parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)
                ? parsed.get(java.time.temporal.ChronoField.HOUR_OF_DAY) : 0;
        int minute = parsed.isSupported(java.time.temporal.ChronoField.MINUTE_OF_HOUR)
                ? parsed.get(java.time.temporal.ChronoField.MINUTE_OF_HOUR) : 0;
        int second = parsed.isSupported(java.time.temporal.ChronoField.SECOND_OF_MINUTE)
                ? parsed.get(java.time.temporal.ChronoField.SECOND_OF_MINUTE) : 0;
        return LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second)).toInstant(ZoneOffset.UTC);
    }
}

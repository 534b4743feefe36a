package nowcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document that code and docs cite must be in the repository (docs/spec/README.md): a cited
 * {@code docs/...} page or a relative Markdown link that does not exist, or a citation of one of the
 * background documents that stayed outside the repository, fails the build with file:line.
 */
class SpecificationReferencesTest {

    @Test
    void everyCitedDocumentIsInTheRepository() throws IOException {
        Path root = repositoryRoot();
        assertThat(Files.isDirectory(root.resolve("docs/spec")))
                .as("%s has no docs/spec", root).isTrue();
        List<String> problems = References.problems(root);
        assertThat(problems)
                .as("references to documents that are not in the repository (write the fact into docs/spec and cite "
                        + "that page instead)")
                .isEmpty();
    }

    @Test
    void catchesMissingPagesBrokenLinksAndOutsideDocuments(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("mvnw"), "");
        Files.createDirectories(root.resolve("docs/spec"));
        Files.writeString(root.resolve("docs/spec/gs2pm.md"), "# GS2PM\n");
        // the names of missing or outside documents are split so that this file passes its own scan
        String outsideName = "GS2PM" + ".md";
        String sharedDocs = "shared/" + "docs";
        String misspelt = "docs/spec/gsp2m" + ".md";
        Files.writeString(root.resolve("docs/model.md"),
                "See [the spec](spec/gs2pm.md#3-visual-prompt) and docs/spec/gs2pm.md section 3.\n"
                        + "Broken: [gone](spec/gone.md).\n"
                        + "Outside: " + outsideName + " section 3, ../" + sharedDocs + "/ and [web](https://example.org/x.md).\n");
        Path source = root.resolve("model/src/main/java/x/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "/**\n * The layer of docs/spec/gs2pm.md section 4,\n * not of " + misspelt + ","
                + "\n * nor NOTES-" + "DJL section 6.\n */\nclass A {}\n");
        Path built = root.resolve("model/target/classes/B.java");
        Files.createDirectories(built.getParent());
        Files.writeString(built, "// docs/nothing" + ".md in build output is not scanned\n");

        List<String> problems = References.problems(root);

        assertThat(problems).containsExactlyInAnyOrder(
                "docs/model.md:2: spec/gone.md does not exist",
                "docs/model.md:3: cites " + outsideName + ", which is not in the repository",
                "docs/model.md:3: cites " + sharedDocs + ", which is not in the repository",
                "model/src/main/java/x/A.java:3: " + misspelt + " does not exist",
                "model/src/main/java/x/A.java:4: cites NOTES-" + "DJL, which is not in the repository");
    }

    /** The folder with the Maven Wrapper, found upwards from wherever the tests run (module or root). */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with mvnw above " + Path.of("").toAbsolutePath());
    }

    /** The scan itself, kept apart so that the second test can run it on a made-up tree. */
    static final class References {

        private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".git", ".mvn");
        private static final Set<String> SCANNED_ENDINGS = Set.of(".java", ".md", ".py", ".avsc", ".sh", ".yaml",
                ".yml", ".xml", ".properties", ".html", ".js");

        /** A repository page: docs/ then a path that ends in .md. */
        private static final Pattern DOCS_PAGE = Pattern.compile("(?<![\\w./-])docs/[\\w./-]*?\\.md\\b");
        /** A relative Markdown link to a .md file (web links and anchors inside the page are not files). */
        private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\((?!\\w+:)([^)#\\s]+\\.md)(?:#[^)]*)?\\)");
        /** The background documents that were restated in docs/spec and stay outside the repository. */
        private static final Pattern OUTSIDE = Pattern.compile(
                "(?<![\\w/.-])(?:(?:GS2PM|BENCHMARK-PROTOCOL|SYSTEM|RADAR-FORMATS|STYLE|EVENTS|REPORT)\\.md"
                        + "|NOTES-[A-Z]+(?:\\.md)?\\b)|shared/" + "docs\\b");

        static List<String> problems(Path root) throws IOException {
            List<String> problems = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> !skipped(root.relativize(file)))
                        .filter(file -> scanned(root.relativize(file)))
                        .sorted()
                        .forEach(file -> problems.addAll(problemsIn(root, file)));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return problems;
        }

        private static boolean skipped(Path relative) {
            for (Path part : relative) {
                if (SKIPPED_FOLDERS.contains(part.toString())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean scanned(Path relative) {
            String name = relative.getFileName().toString();
            String top = relative.getName(0).toString();
            return SCANNED_ENDINGS.stream().anyMatch(name::endsWith)
                    || (relative.getNameCount() > 1 && (top.equals(".ci") || top.equals("bin")));
        }

        private static List<String> problemsIn(Path root, Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                return List.of(); // not text
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            String where = root.relativize(file).toString().replace('\\', '/');
            boolean markdown = where.endsWith(".md");
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String at = where + ":" + (i + 1) + ": ";
                Matcher page = DOCS_PAGE.matcher(line);
                while (page.find()) {
                    if (!Files.isRegularFile(root.resolve(page.group()))) {
                        problems.add(at + page.group() + " does not exist");
                    }
                }
                if (markdown) {
                    Matcher link = MARKDOWN_LINK.matcher(line);
                    while (link.find()) {
                        if (!Files.isRegularFile(file.getParent().resolve(link.group(1)).normalize())) {
                            problems.add(at + link.group(1) + " does not exist");
                        }
                    }
                }
                Matcher outside = OUTSIDE.matcher(line);
                while (outside.find()) {
                    problems.add(at + "cites " + outside.group() + ", which is not in the repository");
                }
            }
            return problems;
        }
    }
}

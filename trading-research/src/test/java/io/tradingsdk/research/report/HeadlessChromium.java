package io.tradingsdk.research.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium (Debian's chromium package) that loads a page from a file, lets its scripts
 * run, and gives back the resulting DOM and the page's console messages.
 */
final class HeadlessChromium {
    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser on the PATH (chromium, chromium-browser or google-chrome), if any. */
    static Optional<HeadlessChromium> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new HeadlessChromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /** What the page became after its scripts ran, and what it wrote to the console. */
    record Page(String dom, List<String> consoleMessages) {
    }

    Page load(Path html, Path profile) throws IOException, InterruptedException {
        Path err = Files.createTempFile(profile, "chromium", ".err");
        Path out = Files.createTempFile(profile, "chromium", ".dom");
        run(List.of("--dump-dom", html.toUri().toString()), profile, out, err);
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            // Chromium logs each console message and uncaught error of the page as an INFO:CONSOLE line.
            if (line.contains(":CONSOLE") && line.contains(html.toUri().toString())) {
                console.add(line);
            }
        }
        return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    void screenshot(Path html, Path png, Path profile) throws IOException, InterruptedException {
        Path log = Files.createTempFile(profile, "chromium", ".log");
        run(List.of("--hide-scrollbars", "--window-size=1280,4200", "--screenshot=" + png.toAbsolutePath(),
                html.toUri().toString()), profile, log, log);
    }

    private void run(List<String> args, Path profile, Path out, Path err) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + profile.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 90 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + cmd + "\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}

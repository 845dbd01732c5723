package io.igrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit a run measured, for the report and the README: the short hash, marked when the working tree had
 * changes outside bench/results (so a figure is never attributed to code it did not run), or "unknown" outside git.
 */
final class GitCommit {

    private GitCommit() {
    }

    static String describe(Path home) {
        String hash = git(home, List.of("rev-parse", "--short", "HEAD")).strip();
        if (hash.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        boolean dirty = git(home, List.of("status", "--porcelain", "--untracked-files=no", "--", ".",
                ":(exclude)bench/results", ":(exclude)README.md")).lines().findAny().isPresent();
        return hash + (dirty ? " with uncommitted changes" : "");
    }

    private static String git(Path home, List<String> args) {
        var command = new ArrayList<String>();
        command.add("git");
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(false)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

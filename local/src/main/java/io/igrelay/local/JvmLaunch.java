package io.igrelay.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to fork one JVM of the stack: same java binary as the launcher, the module classpath, modest heap. Kept as a
 * value so the broker, the registry and the services are all started the same way.
 */
public record JvmLaunch(List<String> jvmOptions, List<String> target, List<String> args) {

    /** {@code java <options> -cp <classpath> <mainClass> <args>}. */
    public static JvmLaunch mainClass(String classpath, String mainClass, List<String> jvmOptions, List<String> args) {
        return new JvmLaunch(jvmOptions, List.of("-cp", classpath, mainClass), args);
    }

    /** {@code java <options> -jar <jar> <args>}. */
    public static JvmLaunch jar(Path jar, List<String> jvmOptions) {
        return new JvmLaunch(jvmOptions, List.of("-jar", jar.toString()), List.of());
    }

    public List<String> command() {
        var command = new ArrayList<String>();
        command.add(javaBinary());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.addAll(target);
        command.addAll(args);
        return command;
    }

    /** The launcher's own java classpath, which for {@code ./igrelay} is the local module's runtime classpath. */
    public static String currentClasspath() {
        return System.getProperty("java.class.path");
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}

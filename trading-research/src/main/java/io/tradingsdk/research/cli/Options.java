package io.tradingsdk.research.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The research command's arguments, checked: unknown options and missing values are errors naming them. */
record Options(String command, String config, String sweep, Path out, List<Path> classpath, Integer threads, int top,
               String title) {
    private static final Set<String> COMMANDS = Set.of("backtest", "sweep", "walk-forward");

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + clip(command) + "'; commands: backtest, sweep, walk-forward");
        }
        String config = null;
        String sweep = null;
        Path out = null;
        List<Path> classpath = new ArrayList<>();
        Integer threads = null;
        int top = 20;
        String title = null;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + clip(name) + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--config" -> config = value;
                case "--sweep" -> sweep = value;
                case "--out" -> out = Path.of(value);
                case "--classpath" -> {
                    for (String p : value.split(File.pathSeparator)) {
                        if (!p.isBlank()) {
                            classpath.add(Path.of(p));
                        }
                    }
                }
                case "--threads" -> threads = number(name, value, 1, 1024);
                case "--top" -> top = number(name, value, 1, 100_000);
                case "--title" -> title = value;
                default -> throw new IllegalArgumentException("unknown option " + clip(name));
            }
        }
        if (config == null) {
            throw new IllegalArgumentException(command + " needs --config");
        }
        if (out == null) {
            throw new IllegalArgumentException(command + " needs --out");
        }
        if (!command.equals("backtest") && sweep == null) {
            throw new IllegalArgumentException(command + " needs --sweep");
        }
        if (command.equals("backtest") && sweep != null) {
            throw new IllegalArgumentException("backtest takes no --sweep; use the sweep command");
        }
        return new Options(command, config, sweep, out, List.copyOf(classpath), threads, top, title);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + clip(value) + "'");
        }
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}

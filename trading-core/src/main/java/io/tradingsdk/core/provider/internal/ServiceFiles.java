package io.tradingsdk.core.provider.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code META-INF/services} files the way {@link java.util.ServiceLoader} does, only to say in
 * error messages which file listed a broken entry. Loading itself is left to ServiceLoader.
 */
public final class ServiceFiles {
    private ServiceFiles() {
    }

    /** Class names listed for {@code service}, each with the files (URLs) that list it; empty on any I/O problem. */
    public static Map<String, List<String>> entries(ClassLoader loader, Class<?> service) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + service.getName());
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                for (String name : read(url)) {
                    out.computeIfAbsent(name, k -> new ArrayList<>()).add(url.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Diagnostics only: the ServiceLoader error itself is still reported.
            return out;
        }
        return out;
    }

    private static List<String> read(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream();
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Where a class was loaded from (jar or directory), or "unknown location". */
    public static String location(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                return cs.getLocation().toString();
            }
        } catch (SecurityException e) {
            // fall through
        }
        return "unknown location";
    }
}

package io.tradingsdk.core.provider;

import java.util.List;

/**
 * The set of providers is inconsistent: two providers of one kind share a name, a
 * {@code META-INF/services} entry cannot be loaded, a provider has an invalid name, or a
 * {@code replace(...)} found nothing to replace. Thrown by {@link ProviderRegistry.Builder#build()} on
 * the host's thread; no registry is created. Every problem found is listed, each naming the classes
 * involved and where they came from (jar or directory), in the spirit of SLF4J's "multiple bindings"
 * report.
 */
public class ProviderConfigurationException extends IllegalStateException {
    private final List<String> problems;

    public ProviderConfigurationException(List<String> problems, Throwable cause) {
        super(message(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "provider configuration problem: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(problems.size() + " provider configuration problems:");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}

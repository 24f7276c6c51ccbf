package org.parley.bench;

import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * The operator's post-boot commands for Payara Micro (server-config/payara/parley-datasource.micro.asadmin) with
 * another database in its pool: the benchmark's cluster and the tests fill it the same way.
 */
public final class PayaraPool {

    private PayaraPool() {
    }

    /** The commands with the pool's data source class and properties replaced; its comments left as they are. */
    public static String filled(String template, String dataSourceClass, String properties) {
        String filled = template.lines()
                .map(line -> !line.startsWith("create-jdbc-connection-pool") ? line : line
                        .replaceFirst("--datasourceclassname \\S+",
                                Matcher.quoteReplacement("--datasourceclassname " + dataSourceClass))
                        .replaceFirst("--property \\S+", Matcher.quoteReplacement("--property " + properties)))
                .collect(Collectors.joining("\n", "", "\n"));
        if (!filled.contains(properties)) {
            throw new IllegalStateException("the post-boot commands make no pool with a data source class and"
                    + " properties");
        }
        return filled;
    }
}

package io.tradingsdk.node;

import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link TradingNode} from a node file until the JVM is asked to stop (SIGTERM, Ctrl-C),
 * then stops it cleanly:
 * <pre>
 * java -cp ... io.tradingsdk.node.NodeMain node.yaml
 * </pre>
 * Exit status: 0 after a clean stop, 2 for a configuration the node refuses (the message names the
 * file, the key and the rejected value), 1 when it could not start.
 */
public final class NodeMain {
    private static final Logger log = LoggerFactory.getLogger(NodeMain.class);

    private NodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: NodeMain <node.yaml>");
            System.exit(2);
        }
        int status = run(Path.of(args[0]));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Loads, builds and starts the node, then waits until it is closed; the exit status. */
    static int run(Path nodeFile) throws InterruptedException {
        TradingNode node;
        try {
            NodeConfig config = NodeConfig.load(nodeFile).withShutdownHook(true);
            TradingConfig trading = TradingConfig.load(config.tradingFile());
            node = TradingNode.builder(trading, config).nodeSource(nodeFile.toString()).build();
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            node.start();
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            System.err.println(e.getMessage());
            node.close();
            return 2;
        } catch (RuntimeException e) {
            log.error("the trading node could not start", e);
            node.close();
            return 1;
        }
        node.awaitClosed();
        return 0;
    }
}

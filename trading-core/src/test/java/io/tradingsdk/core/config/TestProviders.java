package io.tradingsdk.core.config;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.risk.PositionSizerProvider;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small providers of every kind for the registry and configuration tests. Names start with
 * {@code test-} so they never collide with the SDK's built-in providers on the class path. Each
 * has a public no-arg constructor, as {@link java.util.ServiceLoader} requires.
 */
public final class TestProviders {
    private TestProviders() {
    }

    /** A strategy that never signals; remembers its parameters. */
    public record QuietStrategy(Parameters parameters) implements TradingStrategy {
        @Override
        public Signal onBar(Bar bar, StrategyContext context) {
            return null;
        }
    }

    /** {@code test-crossover}: fastPeriod in [1, 200] (default 10), slowPeriod in [2, 500] (default 30), fast &lt; slow. */
    public static class CrossoverStrategyProvider implements StrategyProvider {
        public final AtomicInteger created = new AtomicInteger();

        @Override
        public String name() {
            return "test-crossover";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(
                    ParameterSpec.integer("fastPeriod", 10L, 1, 200, "fast moving average length in bars"),
                    ParameterSpec.integer("slowPeriod", 30L, 2, 500, "slow moving average length in bars"));
        }

        @Override
        public TradingStrategy create(Parameters parameters, ProviderContext context) {
            long fast = parameters.getLong("fastPeriod");
            long slow = parameters.getLong("slowPeriod");
            if (fast >= slow) {
                // A rule the schema cannot express: refused at create, with the parameter and value.
                throw new InvalidParameterException("slowPeriod", slow,
                        "slowPeriod must be greater than fastPeriod (" + fast + "), was " + slow);
            }
            created.incrementAndGet();
            return new QuietStrategy(parameters);
        }
    }

    /** Same name as {@link CrossoverStrategyProvider}, another class: a duplicate. */
    public static class CrossoverLookalikeProvider extends CrossoverStrategyProvider {
    }

    /** Another name under the same kind. */
    public static class RsiLikeStrategyProvider implements StrategyProvider {
        @Override
        public String name() {
            return "test-rsi";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(ParameterSpec.integer("period", 14L, 2, 100, "RSI length"));
        }

        @Override
        public TradingStrategy create(Parameters parameters, ProviderContext context) {
            return new QuietStrategy(parameters);
        }
    }

    /** Its constructor throws: a broken service entry. */
    public static class ExplodingStrategyProvider extends CrossoverStrategyProvider {
        public ExplodingStrategyProvider() {
            throw new IllegalStateException("boom in constructor");
        }
    }

    /**
     * {@code test-broker}: a strategy needing a secret {@code apiKey}; {@code label: leak} makes create
     * fail with the secret in its message (a careless provider).
     */
    public static class SecretStrategyProvider implements StrategyProvider {
        @Override
        public String name() {
            return "test-broker";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(ParameterSpec.secret("apiKey", "broker API key"),
                    ParameterSpec.string("label", "ok", Set.of("ok", "leak"), "behaviour"));
        }

        @Override
        public TradingStrategy create(Parameters parameters, ProviderContext context) {
            Secret key = parameters.getSecret("apiKey");
            if (parameters.getString("label").equals("leak")) {
                throw new IllegalStateException("login refused for key " + key.reveal());
            }
            return new QuietStrategy(parameters);
        }
    }

    /** {@code test-fixed}: buys a fixed quantity. */
    public static class FixedSizerProvider implements PositionSizerProvider {
        @Override
        public String name() {
            return "test-fixed";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(ParameterSpec.decimal("quantity", BigDecimal.ONE, BigDecimal.ZERO,
                    new BigDecimal("1000000"), "shares per order"));
        }

        @Override
        public PositionSizer create(Parameters parameters, ProviderContext context) {
            BigDecimal q = parameters.getDecimal("quantity");
            return (signal, price, portfolio) -> q;
        }
    }

    /** A rule that passes everything, named after its provider. */
    public record PassRule(String name, Parameters parameters) implements RiskRule {
        @Override
        public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
            return null;
        }
    }

    /** A risk rule provider with any name; parameter {@code limit}: decimal in (0, 1e9], default 1000. */
    public static class NamedRuleProvider implements RiskRuleProvider {
        private final String name;

        public NamedRuleProvider() {
            this("test-rule");
        }

        public NamedRuleProvider(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(ParameterSpec.decimal("limit", new BigDecimal("1000"), new BigDecimal("0.01"),
                    new BigDecimal("1000000000"), "a limit"));
        }

        @Override
        public RiskRule create(Parameters parameters, ProviderContext context) {
            return new PassRule(name, parameters);
        }
    }

    /** The twelve built-in rule names, as test providers. */
    public static List<RiskRuleProvider> defaultRules() {
        return RiskConfig.DEFAULT_RULES.stream().<RiskRuleProvider>map(NamedRuleProvider::new).toList();
    }

    /** An executor that accepts nothing; records whether it was closed. */
    public static final class StubExecutor implements Executor {
        public volatile boolean closed;

        @Override
        public String name() {
            return "test-executor";
        }

        @Override
        public AutoCloseable subscribe(OrderEventListener listener) {
            return () -> { };
        }

        @Override
        public void submit(OrderRequest request) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public void cancel(String clientOrderId) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public void replace(String clientOrderId, ReplaceRequest request) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public CompletableFuture<Optional<Order>> lookup(String clientOrderId) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<AccountSnapshot> snapshot() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("stub"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** {@code test-executor}; remembers the last executor it created. */
    public static class StubExecutorProvider implements ExecutorProvider {
        public volatile StubExecutor last;

        @Override
        public String name() {
            return "test-executor";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(ParameterSpec.duration("timeout", java.time.Duration.ofSeconds(5),
                    java.time.Duration.ofMillis(100), java.time.Duration.ofMinutes(1), "request timeout"));
        }

        @Override
        public Executor create(Parameters parameters, ProviderContext context) {
            last = new StubExecutor();
            return last;
        }
    }

    /** A journal that keeps nothing; records whether it was closed. */
    public static final class StubJournal extends io.tradingsdk.core.journal.DiscardingTradeJournal {
        public volatile boolean closed;

        @Override
        public String name() {
            return "test-journal";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** {@code test-journal}; remembers the last journal it created. */
    public static class StubJournalProvider implements TradeJournalProvider {
        public volatile StubJournal last;

        @Override
        public String name() {
            return "test-journal";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.empty();
        }

        @Override
        public TradeJournal create(Parameters parameters, ProviderContext context) {
            last = new StubJournal();
            return last;
        }
    }

    /** A source with no bars. */
    public record EmptySource(Parameters parameters) implements MarketDataSource {
        @Override
        public String name() {
            return "test-data";
        }

        @Override
        public BarCursor history(BarQuery query) {
            throw new UnsupportedOperationException("stub");
        }
    }

    /** {@code test-data}: parameter {@code file} (required text); {@code file: missing.csv} makes create fail. */
    public static class StubDataProvider implements MarketDataSourceProvider {
        @Override
        public String name() {
            return "test-data";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(new ParameterSpec("file", io.tradingsdk.api.provider.ParameterType.STRING, null, null,
                    null, Set.of(), false, "CSV file with bars"));
        }

        @Override
        public MarketDataSource create(Parameters parameters, ProviderContext context) {
            if (parameters.getString("file").equals("missing.csv")) {
                throw new java.io.UncheckedIOException(new java.io.FileNotFoundException("missing.csv (No such file)"));
            }
            return new EmptySource(parameters);
        }
    }
}

package io.tradingsdk.core.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.provider.DefaultProviderContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The "paper" executor and "memory" journal are found by name and built from validated parameters. */
class PaperProvidersTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-03-04T14:30:00Z"));
    private final ProviderContext context = new ProviderContext() {
        @Override
        public String accountId() {
            return "test-account";
        }

        @Override
        public TradingClock clock() {
            return clock;
        }

        @Override
        public Function<String, String> environment() {
            return name -> null;
        }
    };

    private static ExecutorProvider paperProvider() {
        return ServiceLoader.load(ExecutorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("paper")).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("ServiceLoader finds the 'paper' provider; its parameters and the context's starting cash reach the executor")
    void paperProviderBuildsConfiguredExecutor() {
        ExecutorProvider provider = paperProvider();
        var params = provider.parameterSchema().validate(Map.of("slippageBps", 10, "commissionPerShare",
                new BigDecimal("0.005"), "partialFillRatio", 0.5, "allowShort", false));
        try (Executor executor = provider.create(params, DefaultProviderContext.withInitialCash(context, new BigDecimal("25000")))) {
            assertThat(executor).isInstanceOf(PaperExecutor.class);
            assertThat(executor.name()).isEqualTo("paper");
            PaperExecutorConfig config = ((PaperExecutor) executor).config();
            assertThat(config.slippageBps()).isEqualByComparingTo("10");
            assertThat(config.commissionPerShare()).isEqualByComparingTo("0.005");
            assertThat(config.minimumCommission()).isEqualByComparingTo("0");
            assertThat(config.partialFillRatio()).isEqualTo(0.5);
            assertThat(config.priceScale()).isEqualTo(2);
            assertThat(config.allowShort()).isFalse();
            assertThat(config.sessionZone()).isEqualTo(ZoneId.of("America/New_York"));
            assertThat(executor.snapshot().join().cash()).isEqualByComparingTo("25000");
            assertThat(executor.snapshot().join().time()).isEqualTo(clock.now());
        }
    }

    @Test
    @DisplayName("defaults of the 'paper' provider equal PaperExecutorConfig.defaults()")
    void paperProviderDefaults() {
        ExecutorProvider provider = paperProvider();
        try (Executor executor = provider.create(provider.parameterSchema().validate(Map.of()), context)) {
            assertThat(((PaperExecutor) executor).config()).isEqualTo(PaperExecutorConfig.defaults());
        }
    }

    @Test
    @DisplayName("out-of-range parameters are refused naming the parameter and the value")
    void paperProviderRefusesBadParameters() {
        ExecutorProvider provider = paperProvider();
        assertThatThrownBy(() -> provider.create(provider.parameterSchema().validate(Map.of("partialFillRatio", 0.0)),
                context)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("partialFillRatio")
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("partialFillRatio"));
        assertThatThrownBy(() -> provider.parameterSchema().validate(Map.of("partialFillRatio", 1.5)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("partialFillRatio");
        assertThatThrownBy(() -> provider.parameterSchema().validate(Map.of("slippageBps", -1)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("slippageBps");
        assertThatThrownBy(() -> provider.create(provider.parameterSchema().validate(Map.of("sessionZone", "Mars/Olympus")),
                context)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("sessionZone")
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    @DisplayName("ServiceLoader finds the 'memory' journal provider, which takes no parameters")
    void memoryJournalProvider() {
        TradeJournalProvider provider = ServiceLoader.load(TradeJournalProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("memory")).findFirst().orElseThrow();
        assertThat(provider.parameterSchema().names()).isEmpty();
        try (var journal = provider.create(provider.parameterSchema().validate(Map.of()), context)) {
            assertThat(journal).isInstanceOf(InMemoryTradeJournal.class);
            assertThat(journal.name()).isEqualTo("memory");
        }
    }
}

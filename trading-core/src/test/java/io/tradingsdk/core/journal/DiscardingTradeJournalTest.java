package io.tradingsdk.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiscardingTradeJournalTest {

    @Test
    @DisplayName("the 'none' journal is found by name, lets intents through at once and keeps nothing")
    void keepsNothing() throws Exception {
        TradeJournalProvider provider = ProviderRegistry.discover(getClass().getClassLoader())
                .get(TradeJournalProvider.class, "none");
        Instant t = Instant.parse("2024-01-02T15:00:00Z");
        TradeJournal journal = provider.create(Parameters.empty(),
                DefaultProviderContext.of("acct", new SimulatedClock(t)));
        OrderIntent intent = new OrderIntent(OrderRequest.market("c-1", "AAPL", OrderSide.BUY, BigDecimal.ONE,
                TimeInForce.DAY), "s-1", "host", new BigDecimal("100"), 0.02, t);

        assertThat(journal.recordIntent(intent)).isCompleted();
        journal.flush().get();
        assertThat(journal.intents()).isEmpty();
        assertThat(journal.findIntent("c-1")).isEmpty();
        assertThatThrownBy(() -> journal.recordIntent(null)).isInstanceOf(NullPointerException.class);
    }
}

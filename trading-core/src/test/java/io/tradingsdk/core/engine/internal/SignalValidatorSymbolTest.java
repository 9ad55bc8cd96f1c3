package io.tradingsdk.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalValidatorSymbolTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "AAPL", "BRK.B", "BTC/USD", "ETH/USDT", "X1", "ABCDEFGHIJKL", "SPY/EU"})
    void wellFormed(String symbol) {
        assertThat(SignalValidator.isWellFormedSymbol(symbol)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aapl", "1ABC", "AAPL ", "AAPL;", "BTC/", "/USD", "BTC/U", "BTC/usd", "BTC/USD/X",
            "ABCDEFGHIJKLM", ".A", "A-B", "BTC/1SD", "BTC/US.D"})
    void malformed(String symbol) {
        assertThat(SignalValidator.isWellFormedSymbol(symbol)).isFalse();
    }
}

package io.tradingsdk.core.paper;

import java.math.BigDecimal;

/** The executor contract also holds when orders fill in parts, with slippage and commission. */
class PaperExecutorPartialFillCompatibilityTest extends PaperExecutorCompatibilityTest {

    @Override
    PaperExecutorConfig config() {
        return PaperExecutorConfig.defaults().withPartialFillRatio(0.3).withSlippageBps(new BigDecimal("5"))
                .withCommission(new BigDecimal("0.005"), new BigDecimal("1.00"));
    }
}

package io.tradingsdk.alpaca.internal;

/**
 * What became of one order write (submit or replace), classified by what it proves:
 * only {@link Accepted} and the refusals are definitive; {@link Ambiguous} may or may not have
 * created an order; {@link NotSent} certainly did not.
 */
public sealed interface SendOutcome {

    /** 2xx with a readable order. */
    record Accepted(BrokerOrder order) implements SendOutcome {
    }

    /** A definitive refusal (403, 422 other than a duplicate id, other 4xx). */
    record Refused(int status, Errors.ApiError error) implements SendOutcome {
        public String describe() {
            return "HTTP " + status + " " + error.describe();
        }
    }

    /** 422 "client_order_id must be unique": an order with this id exists (in some state). */
    record Duplicate(Errors.ApiError error) implements SendOutcome {
    }

    /** 401: the credentials were refused. */
    record Unauthorized(Errors.ApiError error) implements SendOutcome {
    }

    /** 429: refused for the rate limit, not processed. */
    record RateLimited(Errors.ApiError error) implements SendOutcome {
    }

    /** Never left this process (open circuit, rate limit wait, no connection). */
    record NotSent(String reason) implements SendOutcome {
    }

    /** May or may not have reached Alpaca: timeout, reset, 408, 5xx, or a 2xx whose body is unreadable. */
    record Ambiguous(String reason) implements SendOutcome {
    }
}

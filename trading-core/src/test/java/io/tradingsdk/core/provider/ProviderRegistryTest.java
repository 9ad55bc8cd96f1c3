package io.tradingsdk.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.Provider;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.PositionSizerProvider;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.config.TestProviders;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a host relies on when it wires providers: discovery through META-INF/services, explicit
 * registration, deliberate replacement, and errors that say exactly which classes or entries are at
 * fault. Discovery tests use fixture directories under {@code provider-fixtures/} behind a class
 * loader that hides every other services file, so they see only their own entries.
 */
class ProviderRegistryTest {

    /** A class loader that sees the test classes but only the services files of one fixture directory. */
    private static ClassLoader fixture(String name) {
        URL dir = ProviderRegistryTest.class.getResource("/provider-fixtures/" + name + "/");
        assertThat(dir).as("fixture directory %s", name).isNotNull();
        ClassLoader app = ProviderRegistryTest.class.getClassLoader();
        ClassLoader hideServices = new ClassLoader(app) {
            @Override
            public Enumeration<URL> getResources(String resource) throws IOException {
                return resource.startsWith("META-INF/services/") ? Collections.emptyEnumeration() : super.getResources(resource);
            }
        };
        return new URLClassLoader(new URL[] {dir}, hideServices);
    }

    @Test
    void explicitRegistrationWithoutDiscoveryHoldsExactlyTheRegisteredProviders() {
        ProviderRegistry registry = ProviderRegistry.builder()
                .noDiscovery()
                .register(new TestProviders.RsiLikeStrategyProvider())
                .register(new TestProviders.CrossoverStrategyProvider())
                .register(new TestProviders.FixedSizerProvider())
                .build();

        assertThat(registry.names(StrategyProvider.class)).containsExactly("test-crossover", "test-rsi");
        assertThat(registry.get(StrategyProvider.class, "test-rsi")).isInstanceOf(TestProviders.RsiLikeStrategyProvider.class);
        assertThat(registry.all(StrategyProvider.class)).extracting(Provider::name).containsExactly("test-crossover", "test-rsi");
        assertThat(registry.get(PositionSizerProvider.class, "test-fixed")).isNotNull();
        assertThat(registry.names(ExecutorProvider.class)).isEmpty();
        assertThat(registry.find(StrategyProvider.class, "nope")).isEmpty();
        assertThatThrownBy(() -> registry.names(StrategyProvider.class).add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> registry.all(StrategyProvider.class).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void discoveryFindsEveryKindListedInMetaInfServices() {
        ProviderRegistry registry = ProviderRegistry.discover(fixture("ok"));

        assertThat(registry.names(StrategyProvider.class)).containsExactly("test-crossover", "test-rsi");
        assertThat(registry.names(PositionSizerProvider.class)).containsExactly("test-fixed");
        assertThat(registry.names(RiskRuleProvider.class)).containsExactly("test-rule");
        assertThat(registry.names(ExecutorProvider.class)).containsExactly("test-executor");
        assertThat(registry.names(TradeJournalProvider.class)).containsExactly("test-journal");
        assertThat(registry.names(MarketDataSourceProvider.class)).containsExactly("test-data");
        assertThat(registry.describe()).contains("test-crossover -> " + TestProviders.CrossoverStrategyProvider.class.getName())
                .contains("discovered from");
    }

    @Test
    void twoDiscoveredProvidersWithOneNameFailAtBuildNamingBothClasses() {
        assertThatThrownBy(() -> ProviderRegistry.discover(fixture("duplicate")))
                .isInstanceOf(ProviderConfigurationException.class)
                .hasMessageContaining("two StrategyProviders are named 'test-crossover'")
                .hasMessageContaining(TestProviders.CrossoverStrategyProvider.class.getName())
                .hasMessageContaining(TestProviders.CrossoverLookalikeProvider.class.getName())
                .hasMessageContaining("discovered from");
    }

    @Test
    void registeringInCodeDoesNotSilentlyOverrideADiscoveredProvider() {
        ProviderRegistry.Builder builder = ProviderRegistry.builder()
                .discover(fixture("ok"))
                .register(new TestProviders.CrossoverLookalikeProvider());

        assertThatThrownBy(builder::build)
                .isInstanceOf(ProviderConfigurationException.class)
                .hasMessageContaining(TestProviders.CrossoverStrategyProvider.class.getName() + " (discovered from")
                .hasMessageContaining(TestProviders.CrossoverLookalikeProvider.class.getName() + " (registered in code)")
                .hasMessageContaining("replace(...)");
    }

    @Test
    void replaceOverridesTheDiscoveredProviderDeliberately() {
        TestProviders.CrossoverLookalikeProvider mine = new TestProviders.CrossoverLookalikeProvider();
        ProviderRegistry registry = ProviderRegistry.builder().discover(fixture("ok")).replace(mine).build();

        assertThat(registry.get(StrategyProvider.class, "test-crossover")).isSameAs(mine);
        assertThat(registry.describe()).contains("replacement registered in code");
    }

    @Test
    void replaceWithNothingToReplaceAndTwoReplacementsAreErrors() {
        ProviderConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ProviderConfigurationException.class,
                () -> ProviderRegistry.builder().noDiscovery()
                        .replace(new TestProviders.RsiLikeStrategyProvider())
                        .register(new TestProviders.CrossoverStrategyProvider())
                        .replace(new TestProviders.CrossoverLookalikeProvider())
                        .replace(new TestProviders.CrossoverLookalikeProvider())
                        .build());

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).contains("replace(...) of StrategyProvider 'test-rsi'").contains("found no StrategyProvider");
        assertThat(e.problems().get(1)).contains("two replacements for StrategyProvider 'test-crossover'");
    }

    @Test
    void brokenServiceEntriesAreReportedByNameAndFileAndTheRestStillLoad() {
        ProviderConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ProviderConfigurationException.class,
                () -> ProviderRegistry.discover(fixture("broken")));

        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage())
                // a class that does not exist, and the file that lists it
                .contains("'io.tradingsdk.core.config.NoSuchStrategyProvider' for io.tradingsdk.api.strategy.StrategyProvider")
                .contains("provider-fixtures/broken/META-INF/services/io.tradingsdk.api.strategy.StrategyProvider")
                // a constructor that throws, with its cause
                .contains(TestProviders.ExplodingStrategyProvider.class.getName())
                .contains("boom in constructor")
                // a class listed under the wrong kind
                .contains(TestProviders.FixedSizerProvider.class.getName())
                .contains("io.tradingsdk.api.order.ExecutorProvider");
        // The good entry after the broken ones was still read (it is not among the problems).
        assertThat(e.getMessage()).doesNotContain("RsiLikeStrategyProvider");
        assertThat(e.getCause()).isInstanceOf(java.util.ServiceConfigurationError.class);
    }

    @Test
    void lookupOfAMissingNameNamesKindNameAvailableNamesAndAClosestMatch() {
        ProviderRegistry registry = ProviderRegistry.builder()
                .register(new TestProviders.CrossoverStrategyProvider())
                .register(new TestProviders.RsiLikeStrategyProvider())
                .build();

        ProviderNotFoundException e = org.junit.jupiter.api.Assertions.assertThrows(ProviderNotFoundException.class,
                () -> registry.get(StrategyProvider.class, "test-crosover"));

        assertThat(e.kind()).isEqualTo(StrategyProvider.class);
        assertThat(e.requestedName()).isEqualTo("test-crosover");
        assertThat(e.availableNames()).containsExactlyInAnyOrder("test-crossover", "test-rsi");
        assertThat(e.suggestion()).contains("test-crossover");
        assertThat(e).hasMessage("no StrategyProvider named 'test-crosover'; available: [test-crossover, test-rsi]; "
                + "did you mean 'test-crossover'?");

        assertThatThrownBy(() -> registry.get(ExecutorProvider.class, "paper"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("no ExecutorProvider named 'paper'; none of this kind is registered")
                .hasMessageContaining("META-INF/services/io.tradingsdk.api.order.ExecutorProvider");
        assertThat(new ProviderNotFoundException(StrategyProvider.class, "zzz", java.util.Set.of("test-rsi")).suggestion()).isEmpty();
    }

    @Test
    void providerNamesMustBeLowerCaseDashed() {
        StrategyProvider badName = new StrategyProvider() {
            @Override
            public String name() {
                return "Moving Average";
            }

            @Override
            public ParameterSchema parameterSchema() {
                return ParameterSchema.empty();
            }

            @Override
            public TradingStrategy create(Parameters parameters, ProviderContext context) {
                return null;
            }
        };
        assertThatThrownBy(() -> ProviderRegistry.builder().register(badName).build())
                .isInstanceOf(ProviderConfigurationException.class)
                .hasMessageContaining("invalid name 'Moving Average'");
    }

    @Test
    void registrationUnderAnExplicitKindIsCheckedAndKeptToThatKind() {
        ProviderRegistry registry = ProviderRegistry.builder()
                .register(RiskRuleProvider.class, new TestProviders.NamedRuleProvider("test-a"))
                .build();
        assertThat(registry.names(RiskRuleProvider.class)).containsExactly("test-a");
        assertThat(registry.names(StrategyProvider.class)).isEmpty();
        assertThatThrownBy(() -> ProviderRegistry.builder().register(castKind(), new TestProviders.NamedRuleProvider()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a provider kind");
    }

    @Test
    void registeringSomethingThatIsNoProviderKindIsRefusedAtOnce() {
        Provider<String> plain = new Provider<>() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public ParameterSchema parameterSchema() {
                return ParameterSchema.empty();
            }

            @Override
            public String create(Parameters parameters, ProviderContext context) {
                return "x";
            }
        };
        assertThatThrownBy(() -> ProviderRegistry.builder().register(plain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("implements none of the provider kinds");
        assertThatThrownBy(() -> ProviderRegistry.builder().build().get(castKind(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a provider kind");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Provider<?>> castKind() {
        return (Class) Provider.class;
    }

    @Test
    void theApplicationClassPathDiscoversWithoutProblems() {
        // Whatever providers trading-core and its test class path declare must load and have unique names.
        ProviderRegistry registry = ProviderRegistry.discover(getClass().getClassLoader());
        assertThat(registry.names(StrategyProvider.class)).doesNotContain("test-crossover");
        assertThat(List.copyOf(ProviderRegistry.KINDS)).hasSize(6);
    }
}

package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * {@link TransactionBoundaryTestBase} on H2 with the host's {@code DataSource} bean a
 * {@link TransactionAwareDataSourceProxy}, as hosts with older DAO code define it: its connections are the running
 * Spring transaction's, so the store takes the proxy's target and keeps its own transactions all the same.
 */
@Import(H2TransactionAwareDataSourceTest.ProxiedDataSource.class)
class H2TransactionAwareDataSourceTest extends TransactionBoundaryTestBase {

    @TestConfiguration(proxyBeanMethods = false)
    static class ProxiedDataSource {
        @Bean
        DataSource dataSource() {
            return new TransactionAwareDataSourceProxy(DataSourceBuilder.create()
                    .url("jdbc:h2:mem:tx-aware-proxy;DB_CLOSE_DELAY=-1")
                    .build());
        }
    }

    @Autowired
    DataSource dataSource;

    @Test
    void theHostsDataSourceBeanIsTheProxy() {
        assertThat(dataSource).isInstanceOf(TransactionAwareDataSourceProxy.class);
    }
}

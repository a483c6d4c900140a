package bgmbatch.cluster;

import javax.sql.DataSource;

import bgmbatch.ledger.ItemRefusals;
import bgmbatch.ledger.LedgerDialect;
import bgmbatch.ledger.SlotLeases;
import bgmbatch.settings.RunProperties;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The broker and the slot leases, for a manager and for a worker (imported by their
 * configurations, never found on the one-machine path). Connection settings are Spring
 * Boot's own {@code spring.rabbitmq.*}, applied by Boot's configurers; Boot's RabbitMQ
 * auto-configuration itself stays excluded (application.properties), so a one-machine run
 * loads none of it.
 */
@EnableConfigurationProperties(RabbitProperties.class)
class BrokerConfiguration {

	@Bean(destroyMethod = "destroy")
	CachingConnectionFactory rabbitConnectionFactory(RabbitProperties properties, ResourceLoader resourceLoader)
			throws Exception {
		RabbitConnectionFactoryBean bean = new RabbitConnectionFactoryBean();
		new RabbitConnectionFactoryBeanConfigurer(resourceLoader, properties).configure(bean);
		bean.afterPropertiesSet();
		CachingConnectionFactory factory = new CachingConnectionFactory(bean.getObject());
		new CachingConnectionFactoryConfigurer(properties).configure(factory);
		return factory;
	}

	@Bean
	RabbitTemplate rabbitTemplate(RabbitProperties properties, CachingConnectionFactory connectionFactory) {
		RabbitTemplate template = new RabbitTemplate();
		new RabbitTemplateConfigurer(properties).configure(template, connectionFactory);
		return template;
	}

	@Bean
	AmqpAdmin amqpAdmin(CachingConnectionFactory connectionFactory) {
		return new RabbitAdmin(connectionFactory);
	}

	/**
	 * The durable queue of this engine's partition requests on this job database, declared
	 * on first use by manager and workers alike.
	 * @param dialect made the ledger's tables, the database's name for itself among them
	 */
	@Bean
	PartitionQueue partitionQueue(AmqpAdmin admin, RunProperties properties, SlotLeases slots, LedgerDialect dialect) {
		return new PartitionQueue(admin,
				new Queue(PartitionRequests.queue(properties.engine(), slots.databaseId()), true));
	}

	@Bean
	SlotLeases slotLeases(DataSource dataSource) {
		return new SlotLeases(JdbcClient.create(dataSource));
	}

	@Bean
	ItemRefusals itemRefusals(DataSource dataSource, PlatformTransactionManager transactionManager) {
		return new ItemRefusals(JdbcClient.create(dataSource), transactionManager);
	}

}

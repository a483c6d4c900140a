package bgmbatch;

import bgmbatch.delivery.BucketTarget;
import bgmbatch.delivery.OutputTarget;
import bgmbatch.media.MediaProbe;
import bgmbatch.settings.RemoteProperties;
import bgmbatch.settings.RunProperties;
import bgmbatch.source.HttpClientCustomizer;
import bgmbatch.source.InputCache;
import bgmbatch.source.RemoteInputs;
import bgmbatch.state.StateFolder;
import bgmbatch.storage.S3Properties;
import bgmbatch.storage.aws.ObjectStores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Inputs by address and outputs to a bucket. Nothing here touches the AWS SDK or OkHttp:
 * the object store and the HTTP client are made on first use, so a job without addresses
 * loads neither.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
class RemoteConfiguration {

	@Bean(destroyMethod = "close")
	ObjectStores objectStores(S3Properties properties) {
		return new ObjectStores(properties);
	}

	@Bean
	RemoteInputs remoteInputs(StateFolder state, RemoteProperties properties, ObjectStores stores, MediaProbe probe,
			ObjectProvider<HttpClientCustomizer> customizers) {
		InputCache cache = new InputCache(state.root().resolve("inputs"), properties.remote().cacheSize().toBytes());
		return new RemoteInputs(cache, customizers.orderedStream().toList(), stores, probe, properties);
	}

	@Bean
	OutputTarget outputTarget(RunProperties properties, ObjectStores stores) {
		return properties.outputBucket()
			.<OutputTarget>map((bucket) -> new BucketTarget(stores, bucket, properties.outputFolder()))
			.orElseGet(OutputTarget::localFolder);
	}

}

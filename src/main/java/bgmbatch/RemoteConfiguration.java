package bgmbatch;

import bgmbatch.delivery.BucketTarget;
import bgmbatch.delivery.OutputTarget;
import bgmbatch.media.MediaProbe;
import bgmbatch.source.HttpClientCustomizer;
import bgmbatch.source.InputCache;
import bgmbatch.source.RemoteInputs;
import bgmbatch.source.RemoteProperties;
import bgmbatch.state.StateFolder;
import bgmbatch.storage.aws.ObjectStores;
import bgmbatch.storage.S3Properties;

import okhttp3.Dns;
import okhttp3.OkHttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Inputs by address and outputs to a bucket. Nothing here touches the AWS SDK: the object
 * store is made on first use, so a job without {@code s3://} never loads it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RemoteProperties.class, S3Properties.class })
class RemoteConfiguration {

	@Bean(destroyMethod = "close")
	ObjectStores objectStores(S3Properties properties) {
		return new ObjectStores(properties);
	}

	@Bean
	RemoteInputs remoteInputs(StateFolder state, RemoteProperties properties, ObjectStores stores, MediaProbe probe,
			ObjectProvider<HttpClientCustomizer> customizers) {
		OkHttpClient.Builder http = new OkHttpClient.Builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		InputCache cache = new InputCache(state.root().resolve("inputs"), properties.remote().cacheSize().toBytes());
		return new RemoteInputs(cache, RemoteInputs.client(http, properties, Dns.SYSTEM), stores, probe, properties);
	}

	@Bean
	OutputTarget outputTarget(BgmProperties properties, ObjectStores stores) {
		return properties.outputBucket()
			.<OutputTarget>map((bucket) -> new BucketTarget(stores, bucket, properties.outputFolder()))
			.orElseGet(OutputTarget::localFolder);
	}

}

package bgmbatch;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class AotModeTest {

	@TempDir
	Path dir;

	@Test
	void defaultSettingsFitTheBuildTimeDefinitions() {
		assertThat(AotMode.mismatch(new MockEnvironment())).isNull();
		assertThat(AotMode.mismatch(new MockEnvironment().withProperty("bgm.engine", "Local "))).isNull();
		assertThat(AotMode.mismatch(new MockEnvironment().withProperty("bgm.concurrency", "8"))).isNull();
	}

	@Test
	void anotherEngineOrAddedSourcesDoNotFitThem() {
		assertThat(AotMode.mismatch(new MockEnvironment().withProperty("bgm.engine", "nemo")))
			.isEqualTo("bgm.engine=nemo");
		assertThat(AotMode.mismatch(new MockEnvironment().withProperty("spring.main.sources", "bench.Extra")))
			.isEqualTo("spring.main.sources=bench.Extra");
	}

	@Test
	void onlyClassesFromAJarCountAsPackaged() throws Exception {
		Path jar = Files.createFile(this.dir.resolve("batch.jar"));
		assertThat(AotMode.isArchive(jar.toUri().toURL())).isTrue();
		assertThat(AotMode.isArchive(URI.create("jar:file:/app/batch.jar!/BOOT-INF/classes!/").toURL())).isTrue();
		assertThat(AotMode.isArchive(this.dir.toUri().toURL())).isFalse();
		assertThat(AotMode.isArchive(null)).isFalse();
	}

	/**
	 * A setting that decides whether a configuration or bean exists is frozen by Spring AOT
	 * at build time; the packaged jar can only honour it if AotMode knows it (and then starts
	 * the ordinary way when its value differs). Choose at run time inside a bean instead,
	 * or add the setting to {@link AotMode#FROZEN}.
	 */
	@Test
	void everySettingThatDecidesWhichBeansExistIsKnownToAotMode() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Configuration.class));
		Set<String> settings = new TreeSet<>();
		List<String> unreadable = new ArrayList<>();
		int configurations = 0;
		for (BeanDefinition candidate : scanner.findCandidateComponents("bgmbatch")) {
			if (candidate.getResourceDescription() == null || candidate.getResourceDescription().contains("test-classes")) {
				continue;
			}
			configurations++;
			AnnotatedBeanDefinition annotated = (AnnotatedBeanDefinition) candidate;
			List<MergedAnnotations> places = new ArrayList<>(List.of(annotated.getMetadata().getAnnotations()));
			annotated.getMetadata().getAnnotatedMethods(Bean.class.getName()).forEach((m) -> places.add(m.getAnnotations()));
			for (MergedAnnotations annotations : places) {
				settings.addAll(names(annotations.get(ConditionalOnProperty.class)));
				settings.addAll(names(annotations.get(ConditionalOnBooleanProperty.class)));
				if (annotations.isPresent(ConditionalOnExpression.class) || annotations.isPresent(Profile.class)) {
					unreadable.add(candidate.getBeanClassName());
				}
			}
		}
		assertThat(configurations).as("configuration classes found").isGreaterThan(5);
		assertThat(settings).as("settings read by conditions").contains("bgm.engine");
		assertThat(AotMode.FROZEN.keySet()).containsAll(settings);
		assertThat(unreadable).as("conditions on expressions or profiles: use @ConditionalOnProperty").isEmpty();
	}

	private static List<String> names(MergedAnnotation<?> condition) {
		if (!condition.isPresent()) {
			return List.of();
		}
		String prefix = condition.getString("prefix");
		List<String> names = new ArrayList<>(List.of(condition.getStringArray("name")));
		names.addAll(List.of(condition.getStringArray("value")));
		return names.stream().map((name) -> prefix.isEmpty() ? name : prefix.replaceAll("\\.$", "") + "." + name).toList();
	}

}

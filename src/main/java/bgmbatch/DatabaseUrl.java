package bgmbatch;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code spring.datasource.url} names a shared job database (PostgreSQL). Without
 * it a run uses the embedded database in the state folder and nothing tries to connect
 * anywhere.
 */
final class DatabaseUrl {

	static final String PROPERTY = "spring.datasource.url";

	private DatabaseUrl() {
	}

	static boolean given(ConditionContext context) {
		String url = context.getEnvironment().getProperty(PROPERTY);
		return url != null && !url.isBlank();
	}

	/** Matches when a shared database is configured. */
	static final class Given implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return given(context);
		}

	}

	/** Matches when none is: the one-machine default. */
	static final class Absent implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !given(context);
		}

	}

}

package bgmbatch.report;

import bgmbatch.ledger.Ledger;
import bgmbatch.media.CommandRunner;
import bgmbatch.settings.OperatorProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

	@Bean
	HtmlReport htmlReport(Ledger ledger, CommandRunner commandRunner, OperatorProperties settings) {
		return new HtmlReport(ledger, commandRunner, settings.reportWaveforms(),
				Runtime.getRuntime().availableProcessors());
	}

}

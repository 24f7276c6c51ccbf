package org.parley.operations.boundary;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.servlet.jakarta.HttpExchangeAdapter;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.parley.config.Setting;
import org.parley.metrics.ParleyMetrics;
import org.parley.operations.control.ScrapeAccess;
import org.parley.web.Json;

/**
 * {@code GET /parley/metrics}: Parley's metrics in the Prometheus text format (or OpenMetrics, as the scraper asks),
 * written by the Prometheus client library, for whoever {@link ScrapeAccess} lets in.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    ParleyMetrics metrics;

    private transient PrometheusScrapeHandler scrape;
    private transient ScrapeAccess access;

    @Override
    public void init() throws ServletException {
        scrape = new PrometheusScrapeHandler(PrometheusProperties.get(), metrics.registry());
        access = new ScrapeAccess(Setting.METRICS_FROM.addressRanges(), Setting.METRICS_TOKEN.secret());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ScrapeAccess.Verdict verdict = access.check(InetAddress.getByName(request.getRemoteAddr()),
                request.getHeader("Authorization"));
        if (!verdict.allowed()) {
            response.setStatus(verdict.status());
            if (verdict.status() == HttpServletResponse.SC_UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"parley-metrics\"");
            }
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(Json.PROVIDER.createObjectBuilder().add("error", verdict.error())
                    .add("message", verdict.message()).build().toString());
            return;
        }
        scrape.handleRequest(new HttpExchangeAdapter(request, response));
    }
}

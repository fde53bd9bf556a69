package dev.ecslabs.emulator.clock;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/** Tells a {@link ClientActivity} of every HTTP request the emulator serves, from its arrival until its answer. */
public final class ClientActivityFilter implements Filter {
    private final ClientActivity activity;

    public ClientActivityFilter(ClientActivity activity) {
        this.activity = activity;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        activity.begin();
        try {
            chain.doFilter(request, response);
        } finally {
            activity.end();
        }
    }
}

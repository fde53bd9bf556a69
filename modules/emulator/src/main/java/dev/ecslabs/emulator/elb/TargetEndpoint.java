package dev.ecslabs.emulator.elb;

/**
 * What answers at a target's IP address and port: a real process on a local port, a simulated
 * web server (its image's default configuration), or nothing.
 */
sealed interface TargetEndpoint {
    /** A real container process: its port is reachable on this machine at {@code localPort}. */
    record Local(int localPort) implements TargetEndpoint {
    }

    /** A simulated container that listens on the port: it answers as the image's web server would. */
    record Simulated(String image) implements TargetEndpoint {
        /**
         * The simulated server's answer to a GET of {@code path}: its welcome page at {@code /} and
         * {@code /index.html} (nginx, httpd and the ECS sample app by default), 404 elsewhere.
         */
        SimulatedAnswer answer(String path) {
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (bare.equals("/") || bare.equals("/index.html")) {
                return new SimulatedAnswer(200, welcomePage());
            }
            return new SimulatedAnswer(404, image.contains("nginx")
                    ? "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
                    + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
                    : "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
                    + "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n");
        }

        private String welcomePage() {
            if (image.contains("nginx")) {
                return "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n"
                        + "<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\n"
                        + "working. Further configuration is required.</p>\n</body>\n</html>\n";
            }
            if (image.contains("httpd")) {
                return "<html><body><h1>It works!</h1></body></html>\n";
            }
            return "<!DOCTYPE html>\n<html>\n<head><title>Amazon ECS Sample App</title></head>\n<body>\n"
                    + "<h1>Amazon ECS Sample App</h1>\n<h2>Congratulations!</h2>\n"
                    + "<p>Your application is now running on a container in Amazon ECS.</p>\n</body>\n</html>\n";
        }
    }

    /** Nothing listens there: a connection is refused. */
    record Nothing() implements TargetEndpoint {
    }

    record SimulatedAnswer(int status, String body) {
    }
}

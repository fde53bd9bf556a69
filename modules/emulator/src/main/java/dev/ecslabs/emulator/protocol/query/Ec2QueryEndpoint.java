package dev.ecslabs.emulator.protocol.query;

import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.CallerIdentity;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon EC2's own dialect of AWS Query, for the few EC2 actions the emulator serves (the default
 * VPC's network): a form {@code Action=DescribeVpcs&Version=2016-11-15} signed for {@code ec2}, answered
 * with {@code <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>…}, and
 * errors as {@code <Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…}
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html). EC2's model is not
 * vendored (it is half a megabyte for three actions), so the actions read their parameters by hand.
 */
public final class Ec2QueryEndpoint {
    public static final String SIGNING_NAME = "ec2";
    public static final String VERSION = "2016-11-15";
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/" + VERSION + "/";
    private static final Logger LOG = LoggerFactory.getLogger(Ec2QueryEndpoint.class);

    /** One EC2 action: reads the call, writes the members of its answer. */
    @FunctionalInterface
    public interface Action {
        void answer(Ec2Call call, Ec2Xml answer);
    }

    private final Map<String, Action> actions = new TreeMap<>();

    public Ec2QueryEndpoint add(String action, Action handler) {
        actions.put(action, handler);
        return this;
    }

    /** The EC2 actions served, for COVERAGE.md and for a message that lists them. */
    public java.util.Set<String> actions() {
        return java.util.Collections.unmodifiableSet(actions.keySet());
    }

    /** Whether a Query call was signed for EC2, whose dialect this endpoint speaks. */
    public static boolean signedFor(String authorization) {
        return CallerIdentity.signingName(authorization).filter(SIGNING_NAME::equals).isPresent();
    }

    public void handle(Context ctx, String requestId) {
        try {
            QueryForm form = QueryForm.parse(readBody(ctx));
            String name = form.get("Action");
            if (name == null || name.isEmpty()) {
                throw new AwsException("MissingAction", "The request names no Action. An EC2 call sends "
                        + "Action=<name>&Version=" + VERSION + " in its form body.");
            }
            String version = form.get("Version");
            if (version == null || version.isEmpty()) {
                throw new AwsException("MissingParameter", "The request must contain the parameter Version; EC2 is version "
                        + VERSION + ".");
            }
            if (!version.equals(VERSION)) {
                throw new AwsException("InvalidParameterValue", "Version " + QueryForm.abbreviate(version)
                        + " of EC2 is not served; the emulator serves version " + VERSION + ".");
            }
            Action action = actions.get(name);
            if (action == null) {
                throw new AwsException("InvalidAction", "The action " + QueryForm.abbreviate(name) + " is not served by "
                        + "this emulator: of Amazon EC2 it serves only " + String.join(", ", actions.keySet())
                        + " (the default VPC's network that ECS tasks are placed in).");
            }
            Ec2Call call = new Ec2Call(name, CallerIdentity.fromAuthorization(ctx.header("Authorization")), form);
            if (call.flag("DryRun")) {
                // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html: DryRun answers 412
                throw new AwsException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
            }
            Ec2Xml answer = new Ec2Xml();
            answer.element("requestId", requestId);
            action.answer(call, answer);
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + name + "Response xmlns=\"" + NAMESPACE + "\">"
                    + answer + "</" + name + "Response>";
            ctx.status(200).contentType("text/xml;charset=UTF-8").result(xml.getBytes(StandardCharsets.UTF_8));
        } catch (AwsException e) {
            writeError(ctx, e, requestId);
        } catch (RuntimeException e) {
            LOG.error("The emulator failed answering an EC2 call", e);
            writeError(ctx, new AwsException("InternalError", "The emulator failed answering this call; this is a bug "
                    + "in the emulator, not in your code: " + e, 500), requestId);
        }
    }

    private static byte[] readBody(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(QueryEndpoint.MAX_BODY_BYTES + 1);
            if (bytes.length > QueryEndpoint.MAX_BODY_BYTES) {
                throw new AwsException("InvalidParameterValue", "The request body is larger than "
                        + (QueryEndpoint.MAX_BODY_BYTES / 1024) + " KiB, the most an EC2 call to the emulator may send.", 413);
            }
            return bytes;
        } catch (IOException e) {
            throw QueryForm.malformed("The request body could not be read: " + e.getMessage());
        }
    }

    private static void writeError(Context ctx, AwsException error, String requestId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>"
                + QueryXmlWriter.escape(error.code()) + "</Code><Message>" + QueryXmlWriter.escape(error.getMessage())
                + "</Message></Error></Errors><RequestID>" + QueryXmlWriter.escape(requestId) + "</RequestID></Response>";
        ctx.status(error.status()).contentType("text/xml;charset=UTF-8").result(xml.getBytes(StandardCharsets.UTF_8));
    }
}

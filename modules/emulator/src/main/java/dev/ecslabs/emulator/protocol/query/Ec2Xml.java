package dev.ecslabs.emulator.protocol.query;

/**
 * The body of an answer in EC2's Query dialect, written element by element: EC2 answers
 * {@code <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">} with the request id
 * and the result's members directly inside (no {@code Result} wrapper), lists as {@code <vpcSet><item>…}.
 */
public final class Ec2Xml {
    private final StringBuilder xml = new StringBuilder();

    Ec2Xml() {
    }

    public Ec2Xml open(String name) {
        xml.append('<').append(name).append('>');
        return this;
    }

    public Ec2Xml close(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>value</name>}, escaped. */
    public Ec2Xml element(String name, Object value) {
        return open(name).text(String.valueOf(value)).close(name);
    }

    private Ec2Xml text(String value) {
        xml.append(QueryXmlWriter.escape(value));
        return this;
    }

    @Override
    public String toString() {
        return xml.toString();
    }
}

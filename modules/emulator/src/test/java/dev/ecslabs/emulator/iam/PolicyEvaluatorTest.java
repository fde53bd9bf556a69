package dev.ecslabs.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IAM's evaluation logic as far as the emulator applies it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). */
class PolicyEvaluatorTest {
    private static PolicyDocument policy(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", PolicyDocument.Kind.PERMISSIONS);
    }

    private static final String REPO = "arn:aws:ecr:us-east-1:111111111111:repository/shop/web";

    @Test
    @DisplayName("No statement matches: implicit deny; an Allow matches: allow; an explicit Deny in any policy wins")
    void denyWins() {
        PolicyDocument allow = policy("{\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"*\"}");
        PolicyDocument deny = policy("{\"Effect\":\"Deny\",\"Action\":\"ecr:*\",\"Resource\":\"" + REPO + "\"}");
        assertThat(PolicyEvaluator.evaluate(List.of(), "ecr:BatchGetImage", REPO)).isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(List.of(allow), "ecr:BatchGetImage", REPO)).isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(List.of(allow), "ecr:PutImage", REPO)).isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(List.of(allow, deny), "ecr:BatchGetImage", REPO)).isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(List.of(deny, allow), "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:111111111111:repository/other"))
                .isEqualTo(PolicyEvaluator.Decision.ALLOW);
    }

    @Test
    @DisplayName("Wildcards: actions case-insensitive with * and ?, resources case-sensitive; NotAction and NotResource")
    void wildcards() {
        PolicyDocument reads = policy("{\"Effect\":\"Allow\",\"Action\":[\"ecr:Describe*\",\"ecr:BatchGet?mage\"],"
                + "\"Resource\":\"arn:aws:ecr:*:111111111111:repository/shop/*\"}");
        assertThat(PolicyEvaluator.evaluate(List.of(reads), "ECR:describerepositories", REPO).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluate(List.of(reads), "ecr:BatchGetImage", REPO).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluate(List.of(reads), "ecr:BatchGetImage",
                "arn:aws:ecr:us-east-1:111111111111:repository/Shop/web").allowed()).isFalse();
        PolicyDocument allButIam = policy("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}");
        assertThat(PolicyEvaluator.evaluate(List.of(allButIam), "logs:PutLogEvents", "arn:aws:logs:x").allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluate(List.of(allButIam), "iam:CreateRole", "*").allowed()).isFalse();
        PolicyDocument notThere = policy("{\"Effect\":\"Deny\",\"Action\":\"*\",\"NotResource\":\"" + REPO + "\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        assertThat(PolicyEvaluator.evaluate(List.of(notThere), "ecr:PutImage", REPO).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluate(List.of(notThere), "ecr:PutImage", REPO + "2")).isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
    }

    @Test
    @DisplayName("Conditions are not evaluated: an Allow with a Condition allows nothing, a Deny with one denies")
    void conditionsFailClosed() {
        PolicyDocument conditional = policy("{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}}");
        assertThat(PolicyEvaluator.evaluate(List.of(conditional), "ecr:BatchGetImage", REPO).allowed()).isFalse();
        PolicyDocument conditionalDeny = policy("{\"Effect\":\"Deny\",\"Action\":\"ecr:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}},{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        assertThat(PolicyEvaluator.evaluate(List.of(conditionalDeny), "ecr:BatchGetImage", REPO))
                .isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
    }

    @Test
    @DisplayName("A trust policy trusts a service principal for sts:AssumeRole, and an account given by id or root ARN")
    void trust() {
        PolicyDocument trust = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\",\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}",
                PolicyDocument.Kind.TRUST);
        assertThat(trust.trusts("Service", "ecs-tasks.amazonaws.com", "sts:AssumeRole")).isTrue();
        assertThat(trust.trusts("Service", "ec2.amazonaws.com", "sts:AssumeRole")).isFalse();
        assertThat(trust.trusts("AWS", "arn:aws:iam::111111111111:root", "sts:AssumeRole")).isTrue();
        assertThat(trust.trusts("Service", "ecs-tasks.amazonaws.com", "sts:TagSession")).isFalse();
    }
}

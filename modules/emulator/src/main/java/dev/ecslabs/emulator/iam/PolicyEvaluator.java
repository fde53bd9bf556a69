package dev.ecslabs.emulator.iam;

import java.util.List;
import java.util.Locale;

/**
 * The part of IAM's evaluation logic the emulator applies to identity-based policies
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny in any policy wins; otherwise an Allow in any policy is needed; otherwise the
 * request is implicitly denied. A statement applies when its Action (or NotAction) matches the
 * action, case-insensitively, and its Resource (or NotResource) matches the resource, case-sensitively,
 * both with the {@code *} and {@code ?} wildcards. Conditions are not evaluated: an Allow that has a
 * Condition allows nothing and a Deny that has one always denies, so the emulator never grants what
 * AWS might refuse. Resource-based policies, permissions boundaries, session policies, SCPs and
 * policy variables are not evaluated.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** The outcome, in IAM's words. */
    public enum Decision {
        ALLOW, EXPLICIT_DENY, IMPLICIT_DENY;

        public boolean allowed() {
            return this == ALLOW;
        }
    }

    public static Decision evaluate(List<PolicyDocument> policies, String action, String resource) {
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (PolicyDocument.Statement statement : policy.statements()) {
                if (!matchesAction(statement, action) || !matchesResource(statement, resource)) {
                    continue;
                }
                if (!statement.allow()) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed |= !statement.hasCondition();
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    static boolean matchesAction(PolicyDocument.Statement statement, String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        boolean any = statement.actions().stream().anyMatch(pattern -> wildcard(pattern.toLowerCase(Locale.ROOT), lower));
        return statement.notAction() != any;
    }

    /** A {@code null} resource is "any resource": every statement's Resource and NotResource matches it. */
    static boolean matchesResource(PolicyDocument.Statement statement, String resource) {
        if (resource == null) {
            return true;
        }
        boolean any = statement.resources().stream().anyMatch(pattern -> wildcard(pattern, resource));
        return statement.notResource() != any;
    }

    /** IAM's wildcards: {@code *} any run of characters (also across {@code :} and {@code /}), {@code ?} one character. */
    public static boolean wildcard(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}

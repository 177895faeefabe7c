// An Android-style callback in Java 17 over the generated Kotlin API: `switch` on the `Codes`
// constants, a deprecated code handled through `canonical` (so nothing deprecated is named),
// `of(null)`, the mobile entry point `Antom.validateCallback`, redacted JSON and the truncated flags
// of the `getInfo()` records.
// Compiled with `javac -Werror -Xlint:all`: any warning, a deprecation included, fails the build.
// `tests/tests/kotlin.rs` checks what it prints against the spec.
package antom.conformance;

import com.antom.callback.Antom;
import com.antom.callback.EventCode;
import com.antom.callback.Issue;
import com.antom.callback.Json;
import com.antom.callback.OnEventCallbackState;
import com.antom.callback.PaymentResultCode;
import com.antom.callback.ResultCodeInfo;
import com.antom.callback.ValidationReport;

public final class JavaCallbacks {
    private JavaCallbacks() {}

    /** The shape of the Android SDK's callback: the event code and the result as JSON text. */
    static String onEventCallback(String code, String resultJson) {
        ValidationReport report = Antom.validateCallback(code, resultJson);
        String handled;
        // The canonical code: a deprecated code arrives in its replacement's branch, an unknown
        // one as null.
        EventCode.Current canonical = EventCode.of(code).getCanonical();
        switch (canonical == null ? "" : canonical.getValue()) {
            case EventCode.Codes.SDK_PAYMENT_SUCCESSFUL:
                handled = "paid";
                break;
            case EventCode.Codes.SDK_PAYMENT_FAIL:
                handled = "failed";
                break;
            case EventCode.Codes.SDK_LAUNCH_PAYMENT_APP_ERROR:
                handled = "launch error";
                break;
            default:
                handled = "other";
                break;
        }
        return handled + " valid=" + report.isValid() + " issues=" + report.getIssues().size();
    }

    /** A switch on a result code's raw value. */
    static String reason(String resultCode) {
        switch (resultCode) {
            case PaymentResultCode.Codes.RISK_REJECT:
            case PaymentResultCode.Codes.FRAUD_REJECT:
                return "risk";
            default:
                return "other";
        }
    }

    public static void main(String[] args) {
        System.out.println("callback " + onEventCallback("SDK_PAYMENT_SUCCESSFUL", null));
        System.out.println("callback " + onEventCallback("SDK_PAYMENT_FAIL", "{\"paymentResultCode\":\"RISK_REJECT\"}"));
        System.out.println("callback " + onEventCallback("SDK_CALL_URL_ERROR", "  "));
        System.out.println("callback " + onEventCallback("SDK_FROM_THE_FUTURE", ""));
        System.out.println("reason " + reason("FRAUD_REJECT") + " " + reason("SUCCESS"));

        System.out.println("of(null) " + EventCode.of(null) + " " + PaymentResultCode.of(null));
        EventCode unknown = EventCode.of("SDK_FROM_THE_FUTURE");
        System.out.println("unknown " + unknown.isKnown() + " " + unknown.getKnown() + " " + unknown.getValue()
            + " " + (unknown.getCanonical() == null));
        System.out.println("known " + EventCode.of("SDK_PAYMENT_FAIL").getKnown());

        for (Issue issue : Antom.validateCallback("SDK_PAYMENT_FAIL", "{\"paymentStatus\":").getIssues()) {
            System.out.println("not json " + issue.getSeverity() + " " + issue.getPath() + " " + issue.getRule());
        }

        ResultCodeInfo fraud = PaymentResultCode.of("FRAUD_REJECT").getInfo();
        ResultCodeInfo risk = PaymentResultCode.of("RISK_REJECT").getInfo();
        System.out.println("truncated FRAUD_REJECT " + fraud.getSuggestionTruncated() + " " + fraud.getMessageTruncated());
        System.out.println("truncated RISK_REJECT " + risk.getSuggestionTruncated() + " " + risk.getMessageTruncated());
        System.out.println("truncated SDK_PAYMENT_FAIL " + EventCode.of("SDK_PAYMENT_FAIL").getInfo().getDescriptionTruncated());

        OnEventCallbackState state = OnEventCallbackState.fromJson(Json.parse(
            "{\"code\":\"SDK_PAYMENT_FAIL\",\"result\":{\"paymentResultCode\":\"RISK_REJECT\","
            + "\"cardPaymentResultInfo\":{\"cardNo\":\"4111111111111111\",\"holdName\":\"Tom Jay\","
            + "\"lastFour\":\"1111\",\"note\":\"card 4111 1111 1111 1111\"}}}"));
        System.out.println("redacted " + state.toRedactedJson());
    }
}

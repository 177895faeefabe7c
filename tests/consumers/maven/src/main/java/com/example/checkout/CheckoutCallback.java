// The callback of the Android integration on the source page, written against antom-callback:
// switch on the event code, show the result code's message and suggestion, validate the result,
// log it redacted. `main` feeds it a few callbacks and prints what it shows, for
// `cargo xtask consumers` to compare with the spec.
package com.example.checkout;

import com.antom.callback.Antom;
import com.antom.callback.EventCode;
import com.antom.callback.Issue;
import com.antom.callback.Json;
import com.antom.callback.PaymentResult;
import com.antom.callback.PaymentResultCode;
import com.antom.callback.ResultCodeInfo;
import com.antom.callback.ValidationReport;

public final class CheckoutCallback {
    private CheckoutCallback() {}

    /** The SDK's `onEventCallback(eventCode, eventResult)`, with the result as its JSON text. */
    static void onEventCallback(String eventCode, String resultJson) {
        ValidationReport report = Antom.validateCallback(eventCode, resultJson);
        PaymentResult result = parse(resultJson);
        // Never log the raw result: card numbers and names are redacted, cardNo masked.
        log("onEventCallback eventCode=" + eventCode
            + " eventResult=" + (result == null ? "null" : result.toRedactedJson()));
        for (Issue issue : report.getIssues()) {
            show("issue " + issue.getSeverity().name().toLowerCase(java.util.Locale.ROOT)
                + " " + issue.getPath() + " " + issue.getRule());
        }
        EventCode code = EventCode.of(eventCode);
        if (code == null) {
            return;
        }
        // A deprecated code arrives in its replacement's branch; a code this version does not
        // know has no canonical code and goes to the default branch.
        EventCode.Current canonical = code.getCanonical();
        switch (canonical == null ? "" : canonical.getValue()) {
            case EventCode.Codes.SDK_PAYMENT_SUCCESSFUL:
                show("event " + eventCode + ": redirect to the payment result page");
                break;
            case EventCode.Codes.SDK_PAYMENT_PROCESSING:
            case EventCode.Codes.SDK_PAYMENT_ERROR:
                show("event " + eventCode + ": ask the server for the payment status");
                break;
            case EventCode.Codes.SDK_PAYMENT_FAIL:
                show("event " + eventCode + ": payment failed");
                if (result != null && result.getPaymentResultCode() != null) {
                    explain(result.getPaymentResultCode());
                }
                break;
            case EventCode.Codes.SDK_PAYMENT_CANCEL:
                show("event " + eventCode + ": let the user pay again");
                break;
            default:
                show("event " + eventCode + ": known=" + code.isKnown());
                break;
        }
    }

    /** What the user is shown for a payment result code. */
    static void explain(PaymentResultCode resultCode) {
        // What the spec says about the code; null for a code this version does not know.
        ResultCodeInfo info = resultCode.getInfo();
        show("message " + resultCode.getValue() + ": "
            + (info != null ? info.getMessage() : "unknown result code " + resultCode.getValue()));
        show("suggestion " + resultCode.getValue() + ": " + (info != null ? info.getSuggestion() : ""));
    }

    private static PaymentResult parse(String resultJson) {
        if (resultJson == null || resultJson.trim().isEmpty()) {
            return null;
        }
        try {
            return PaymentResult.fromJson(Json.parse(resultJson));
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private static void show(String line) {
        System.out.println(line);
    }

    private static void log(String line) {
        System.out.println("log " + line);
    }

    public static void main(String[] args) {
        onEventCallback("SDK_PAYMENT_FAIL", "{\"paymentResultCode\":\"FRAUD_REJECT\","
            + "\"cardPaymentResultInfo\":{\"cardNo\":\"4111111111111111\",\"lastFour\":\"1111\"}}");
        onEventCallback("SDK_PAYMENT_SUCCESSFUL", null);
        onEventCallback("SDK_PAYMENT_PROCESSING", "");
        onEventCallback("SDK_FROM_THE_FUTURE", null);
    }
}

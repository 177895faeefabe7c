// Calls the generated Kotlin API from Java, the way the seed's Android sample would:
// `onEventCallback(String eventCode, AMSEventResult eventResult)` compares codes, looks up what a
// result code means (its `getInfo()` record) and checks a payload. Compiled with `javac -Werror
// -Xlint:all`, so it also proves that the API it uses is not deprecated and needs no unchecked
// casts.
package antom.conformance;

import com.antom.callback.Antom;
import com.antom.callback.CardPaymentResultInfo;
import com.antom.callback.EventCode;
import com.antom.callback.EventCodeInfo;
import com.antom.callback.Issue;
import com.antom.callback.Json;
import com.antom.callback.OnEventCallbackState;
import com.antom.callback.PaymentResultCode;
import com.antom.callback.ResultCodeInfo;
import com.antom.callback.ValidationReport;

public final class JavaCaller {
    private JavaCaller() {}

    /** What the sample's `onEventCallback` would do with an event code. */
    static String onEventCallback(String eventCode) {
        EventCode code = EventCode.of(eventCode);
        if (code == EventCode.SDK_PAYMENT_SUCCESSFUL) {
            return "successful";
        } else if (code == EventCode.SDK_PAYMENT_PROCESSING) {
            return "processing";
        } else if (code == EventCode.SDK_PAYMENT_FAIL) {
            return "fail: " + code.getInfo().getAction();
        } else if (!code.isKnown()) {
            return "unknown: " + code.getValue();
        }
        EventCodeInfo info = code.getInfo();
        return "other: " + (info == null ? null : info.getKind());
    }

    public static void main(String[] args) {
        System.out.println("event " + onEventCallback("SDK_PAYMENT_SUCCESSFUL"));
        System.out.println("event " + onEventCallback("SDK_PAYMENT_PROCESSING"));
        System.out.println("event " + onEventCallback("SDK_PAYMENT_FAIL"));
        System.out.println("event " + onEventCallback("SDK_FROM_THE_FUTURE"));
        System.out.println("event " + onEventCallback("SDK_END_OF_LOADING"));

        ResultCodeInfo reason = PaymentResultCode.of("RISK_REJECT").getInfo();
        System.out.println("message " + reason.getMessage());
        System.out.println("suggestion " + reason.getSuggestion());
        System.out.println("action " + reason.getAction() + " outcome " + reason.getOutcome());
        PaymentResultCode unknown = PaymentResultCode.of("NEW_REASON");
        System.out.println("unknown " + unknown.isKnown() + " " + unknown.getInfo() + " " + unknown);

        EventCode old = EventCode.of("SDK_CALL_URL_ERROR");
        System.out.println("deprecated " + old.getInfo().getDeprecated().getReplacedBy());
        EventCodeInfo fail = EventCode.SDK_PAYMENT_FAIL.getInfo();
        System.out.println("info " + fail.getCode() + " " + fail.getKind() + " " + fail.getCallbacks() + " "
            + fail.getCarries() + " " + fail.getMessages() + " " + fail.getOutcome() + " " + fail.getDeprecated());
        System.out.println("known " + EventCode.getKnownValues().size() + " " + PaymentResultCode.getKnownValues().size());

        Object payload = Json.parse("{\"code\":\"SDK_PAYMENT_FAIL\",\"result\":{\"paymentStatus\":\"SUCCESS\","
            + "\"paymentResultCode\":\"RISK_REJECT\",\"cardPaymentResultInfo\":{\"cardNo\":\"4111111111111111\","
            + "\"holdName\":\"Tom Jay\",\"lastFour\":\"1111\",\"newField\":1}}}");
        ValidationReport report = Antom.validate(payload);
        System.out.println("valid " + report.isValid());
        System.out.println("errors " + report.getErrors().size() + " warnings " + report.getWarnings().size());
        ValidationReport text = Antom.validateText("{\"code\":");
        System.out.println("text " + text.isValid() + " " + text.getErrors().get(0).getRule());
        System.out.println("spec " + Antom.SPEC_VERSION);
        for (Issue issue : report.getIssues()) {
            System.out.println("issue " + issue.getSeverity() + " " + issue.getPath() + " " + issue.getRule());
        }
        OnEventCallbackState state = OnEventCallbackState.fromJson(payload);
        CardPaymentResultInfo card = state.getResult().getCardPaymentResultInfo();
        System.out.println("card " + card);
        System.out.println("extra " + card.extra());
        System.out.println("roundtrip " + state.toJson().equals(payload));
    }
}

// The vocabulary in Java: one `// api:` section per row of ARCHITECTURE.md's table, each using
// the row's Java names. Compiled by the javac run of `tests/tests/kotlin.rs` (`-Werror
// -Xlint:all`) and run there.
package antom.api;

import com.antom.callback.Antom;
import com.antom.callback.EventCode;
import com.antom.callback.EventCodeInfo;
import com.antom.callback.Json;
import com.antom.callback.PaymentResult;
import com.antom.callback.PaymentResultCode;
import com.antom.callback.ResultCodeInfo;
import com.antom.callback.ValidationReport;
import java.util.Map;

public final class ApiJava {
    private ApiJava() {}

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }

    public static void main(String[] args) {
        EventCode code = EventCode.of("SDK_PAYMENT_FAIL");
        PaymentResultCode result = PaymentResultCode.of("INVALID_CARD");

        // api: known?
        check(code.isKnown() && !EventCode.of("NOT_A_CODE").isKnown(), "known");

        // api: closed type
        EventCode.Known known = code.getKnown();
        check(known == EventCode.Known.SDK_PAYMENT_FAIL, "closed type");

        // api: current type
        EventCode.Current current = EventCode.of("SDK_CALL_URL_ERROR").getCanonical();
        check(current == EventCode.Current.SDK_LAUNCH_PAYMENT_APP_ERROR, "current type");

        // api: canonical
        check(EventCode.of("SDK_CALL_URL_ERROR").getCanonical().getValue().equals("SDK_LAUNCH_PAYMENT_APP_ERROR"), "canonical");

        // api: info
        EventCodeInfo event = code.getInfo();
        ResultCodeInfo info = result.getInfo();
        check(event != null && info != null, "a known code has its record");

        // api: message
        check(!info.getMessage().isEmpty(), "message");

        // api: suggestion
        check(!info.getSuggestion().isEmpty(), "suggestion");

        // api: action
        System.out.println(info.getAction() + " " + event.getAction());

        // api: kind
        System.out.println(event.getKind());

        // api: truncated flags
        System.out.println(info.getMessageTruncated() + " " + info.getSuggestionTruncated() + " " + event.getDescriptionTruncated());

        // api: validate a value
        ValidationReport report = Antom.validate(Map.of("code", "SDK_PAYMENT_FAIL"));

        // api: validate text
        ValidationReport text = Antom.validateText("{\"code\":");

        // api: validate the mobile callback
        ValidationReport mobile = Antom.validateCallback("SDK_PAYMENT_FAIL", "{\"paymentStatus\":\"FAIL\"}");

        // api: valid?
        check(report.isValid() && !text.isValid(), "valid");

        // api: errors
        check(text.getErrors().size() == 1, "errors");

        // api: warnings
        System.out.println(mobile.getWarnings().size());

        // api: redacted JSON
        PaymentResult payment = PaymentResult.fromJson(Json.parse("{\"cardPaymentResultInfo\":{\"cardNo\":\"4111111111111111\"}}"));
        check(payment != null && !payment.toRedactedJson().contains("4111111111111111"), "redacted JSON");

        // api: spec version
        check(!Antom.SPEC_VERSION.isEmpty(), "spec version");
    }
}

// The vocabulary in Kotlin: one `// api:` section per row of ARCHITECTURE.md's table, each using
// the row's Kotlin names. Compiled by the one kotlinc run of `tests/tests/kotlin.rs` (`-Werror`)
// and run there.
package antom.api

import com.antom.callback.EventCode
import com.antom.callback.Json
import com.antom.callback.PaymentResult
import com.antom.callback.PaymentResultCode
import com.antom.callback.SPEC_VERSION
import com.antom.callback.validate
import com.antom.callback.validateCallback
import com.antom.callback.validateText

fun main() {
    val code = EventCode.of("SDK_PAYMENT_FAIL")
    val result = PaymentResultCode.of("INVALID_CARD")

    // api: known?
    check(code.isKnown && !EventCode.of("NOT_A_CODE").isKnown)

    // api: closed type
    val known: EventCode.Known? = code.known
    check(known == EventCode.Known.SDK_PAYMENT_FAIL)

    // api: current type
    val current: EventCode.Current? = EventCode.of("SDK_CALL_URL_ERROR").canonical
    check(current == EventCode.Current.SDK_LAUNCH_PAYMENT_APP_ERROR)

    // api: canonical
    check(EventCode.of("SDK_CALL_URL_ERROR").canonical?.value == "SDK_LAUNCH_PAYMENT_APP_ERROR")

    // api: info
    val event = checkNotNull(code.info) { "a known code has its record" }
    val info = checkNotNull(result.info) { "a known code has its record" }

    // api: message
    check(info.message.isNotEmpty())

    // api: suggestion
    check(info.suggestion.isNotEmpty())

    // api: action
    println(listOf(info.action, event.action))

    // api: kind
    println(event.kind)

    // api: truncated flags
    println(listOf(info.messageTruncated, info.suggestionTruncated, event.descriptionTruncated))

    // api: validate a value
    val report = validate(mapOf("code" to "SDK_PAYMENT_FAIL"))

    // api: validate text
    val text = validateText("{\"code\":")
    check(text.issues.single().rule == "invalid_json")

    // api: validate the mobile callback
    val mobile = validateCallback("SDK_PAYMENT_FAIL", "{\"paymentStatus\":\"FAIL\"}")

    // api: valid?
    check(report.isValid && !text.isValid)

    // api: errors
    check(text.errors.size == 1)

    // api: warnings
    println(mobile.warnings.size)

    // api: redacted JSON
    val card = Json.parse("{\"cardPaymentResultInfo\":{\"cardNo\":\"4111111111111111\"}}")
    val payment = checkNotNull(PaymentResult.fromJson(card))
    check(!payment.toRedactedJson().contains("4111111111111111"))

    // api: spec version
    check(SPEC_VERSION.isNotEmpty())
}

// The same callback in Kotlin, compiled by the oldest Kotlin the README promises (kotlinc 1.9.25)
// and by the current one, against the jar and the kotlin-stdlib that Maven resolved from the
// release's repository. Prints what the Java consumer prints, for `cargo xtask consumers`.
package com.example.checkout

import com.antom.callback.EventCode
import com.antom.callback.Json
import com.antom.callback.PaymentResult
import com.antom.callback.PaymentResultCode
import com.antom.callback.validateCallback

fun onEventCallback(eventCode: String, resultJson: String?) {
    val report = validateCallback(eventCode, resultJson)
    val result = resultJson?.takeIf { it.isNotBlank() }?.let {
        try {
            PaymentResult.fromJson(Json.parse(it))
        } catch (notJson: IllegalArgumentException) {
            null
        }
    }
    // Never log the raw result: card numbers and names are redacted, cardNo masked.
    println("log onEventCallback eventCode=$eventCode eventResult=${result?.toRedactedJson()}")
    for (issue in report.issues) {
        println("issue ${issue.severity.name.lowercase()} ${issue.path} ${issue.rule}")
    }
    val code = EventCode.of(eventCode)
    // `canonical` sends a deprecated code to its replacement's branch; it is null for a code
    // this version does not know.
    when (code.canonical) {
        EventCode.Current.SDK_PAYMENT_SUCCESSFUL ->
            println("event $eventCode: redirect to the payment result page")
        EventCode.Current.SDK_PAYMENT_PROCESSING, EventCode.Current.SDK_PAYMENT_ERROR ->
            println("event $eventCode: ask the server for the payment status")
        EventCode.Current.SDK_PAYMENT_FAIL -> {
            println("event $eventCode: payment failed")
            result?.paymentResultCode?.let(::explain)
        }
        EventCode.Current.SDK_PAYMENT_CANCEL -> println("event $eventCode: let the user pay again")
        else -> println("event $eventCode: known=${code.isKnown}")
    }
}

fun explain(resultCode: PaymentResultCode) {
    // What the spec says about the code; null for a code this version does not know.
    val info = resultCode.info
    println("message ${resultCode.value}: ${info?.message ?: "unknown result code " + resultCode.value}")
    println("suggestion ${resultCode.value}: ${info?.suggestion.orEmpty()}")
}

fun main() {
    onEventCallback(
        "SDK_PAYMENT_FAIL",
        """{"paymentResultCode":"FRAUD_REJECT","cardPaymentResultInfo":{"cardNo":"4111111111111111","lastFour":"1111"}}""",
    )
    onEventCallback("SDK_PAYMENT_SUCCESSFUL", null)
    onEventCallback("SDK_PAYMENT_PROCESSING", "")
    onEventCallback("SDK_FROM_THE_FUTURE", null)
}

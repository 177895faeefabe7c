// The shared table of card-number placements (tests/masking/card_numbers.json, its path the
// first argument) against the generated Kotlin: `Validate.maskCardNumbers`, and card numbers in
// values, object keys, JSON pointers, messages, redacted JSON and toString(), exactly as every
// other language shows them. Prints `[{"name", "ok", "detail"}]`, one entry per row;
// `tests/tests/kotlin.rs` checks that every row ran and passed.
package antom.masking

import com.antom.callback.Json
import com.antom.callback.PaymentResult
import com.antom.callback.Validate
import com.antom.callback.validate
import com.antom.callback.validateCallback
import com.antom.callback.validateText
import java.io.File

/** A JSON pointer segment (RFC 6901). */
private fun segment(key: String): String = "/" + key.replace("~", "~0").replace("/", "~1")

/** What is wrong with the row (`null` when nothing is). */
private fun check(input: String, masked: String): String? {
    val got = Validate.maskCardNumbers(input)
    if (got != masked) return "maskCardNumbers gives " + Json.stringify(got)
    if (input.isNotEmpty()) {
        val value = validate(mapOf("paymentStatus" to input)).issues.map { it.message }
        val want = listOf("`" + masked + "` is not a known PaymentStatus value")
        if (value != want) return "value: $value"
        val key = Json.stringify(input)
        val text = "{\"cardPaymentResultInfo\": {$key: 1, $key: 2}}"
        val report = validateText(text)
        val pointer = "/cardPaymentResultInfo" + segment(masked)
        val issue = report.issues.firstOrNull { it.rule == "duplicate_key" } ?: return "no duplicate_key: $report"
        if (issue.path != pointer) return "pointer " + issue.path
        if (!issue.message.startsWith("`" + masked + "`")) return "message " + issue.message
        if (input != masked && report.issues.any { it.path.contains(input) || it.message.contains(input) }) {
            return "shown: $report"
        }
        val mobile = validateCallback("SDK_PAYMENT_FAIL", text).issues.firstOrNull { it.rule == "duplicate_key" }
        if (mobile?.path != "/result" + pointer) return "mobile pointer " + mobile?.path
    }
    val payload = mapOf(
        "paymentResultMessage" to input,
        "kept" to mapOf(input to listOf(input)),
        input to input,
    )
    val want = mapOf(
        "paymentResultMessage" to masked,
        "kept" to mapOf(masked to listOf(masked)),
        masked to masked,
    )
    val decoded = PaymentResult.fromJson(payload) ?: return "does not decode"
    val redacted = Json.parse(decoded.toRedactedJson())
    if (redacted != want) return "redacted " + decoded.toRedactedJson()
    val shown = decoded.toString()
    if (input != masked && (shown.contains(input) || !shown.contains(masked))) return "toString $shown"
    return null
}

fun main(args: Array<String>) {
    val table = Json.parse(File(args[0]).readText()) as Map<*, *>
    val results = (table["rows"] as List<*>).map { row ->
        row as Map<*, *>
        val failure = try {
            check(row["input"] as String, row["masked"] as String)
        } catch (e: Throwable) {
            "threw $e"
        }
        mapOf("name" to row["name"], "ok" to (failure == null), "detail" to failure)
    }
    println(Json.stringify(results))
}

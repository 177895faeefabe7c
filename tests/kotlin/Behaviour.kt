// Behaviour checks of the generated Kotlin for the real spec that the conformance vectors do not
// cover: the JSON reader rejects what is not JSON (with IllegalArgumentException only), nothing
// overflows the stack, validators and decoders never throw on any value (random trees and
// foreign types included), open enums intern known values, `of(null)` is `null`, `known`,
// `canonical` and `info` hold, toString() redacts sensitive values even among the kept keys, and the mobile
// entry point `validateCallback` reads an absent, empty or broken result text. Prints
// `[{"name", "ok", "detail"}]`; `tests/tests/kotlin.rs` checks that every check ran and passed.
package antom.behaviour

import com.antom.callback.CardPaymentResultInfo
import com.antom.callback.EventCode
import com.antom.callback.EventCodeInfo
import com.antom.callback.Funding
import com.antom.callback.Json
import com.antom.callback.OnEventCallbackState
import com.antom.callback.PaymentResult
import com.antom.callback.PaymentResultCode
import com.antom.callback.ResultCodeInfo
import com.antom.callback.Severity
import com.antom.callback.ValueInfo
import com.antom.callback.validateCallback
import com.antom.callback.validateText
import java.io.PrintStream
import java.math.BigDecimal
import java.math.BigInteger
import java.util.Random

private val results = ArrayList<Map<String, Any?>>()

private fun check(name: String, body: () -> String?) {
    val failure = try {
        body()
    } catch (e: Throwable) {
        "threw " + e
    }
    results.add(mapOf("name" to name, "ok" to (failure == null), "detail" to failure))
}

private fun rejects(text: String): String? = try {
    Json.parse(text)
    "accepted " + Json.stringify(text.take(40))
} catch (e: IllegalArgumentException) {
    null
}

private fun nested(depth: Int): String = "[".repeat(depth) + "]".repeat(depth)

/** A random JSON-like tree, sometimes with values no JSON reader makes. */
private fun randomValue(random: Random, depth: Int): Any? {
    val keys = listOf(
        "code", "result", "paymentStatus", "paymentResultCode", "cardPaymentResultInfo", "cardNo",
        "lastFour", "holdName", "expiryMonth", "funding", "resultCode", "resultStatus",
        "popRiskDecisionResultInfo", "riskDecision", "x",
    )
    val strings = listOf(
        "", "SDK_PAYMENT_FAIL", "SDK_PAYMENT_SUCCESSFUL", "RISK_REJECT", "SUCCESS", "FAIL", "S",
        "0000", "1234", "************1234", "13", "\uD83D\uDE00".repeat(40), "\uD800", "a/b~c",
    )
    return when (if (depth > 4) random.nextInt(6) else random.nextInt(10)) {
        0 -> null
        1 -> random.nextBoolean()
        2 -> random.nextLong()
        3 -> strings[random.nextInt(strings.size)]
        4 -> listOf(Double.NaN, 'c', BigDecimal("1E+400"), Any(), 1.5f)[random.nextInt(5)]
        5 -> strings[random.nextInt(strings.size)]
        6, 7, 8 -> {
            val map = LinkedHashMap<Any?, Any?>()
            repeat(random.nextInt(6)) { map[keys[random.nextInt(keys.size)]] = randomValue(random, depth + 1) }
            if (random.nextInt(10) == 0) map[42] = "a non-string key"
            map
        }
        else -> List(random.nextInt(4)) { randomValue(random, depth + 1) }
    }
}

fun main() {
    check("the reader rejects what is not JSON, with IllegalArgumentException") {
        val bad = listOf(
            "", " ", "{", "}", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "01", "1.", ".5",
            "-", "1e", "+1", "\"\\x\"", "\"\\u12\"", "\"\u0001\"", "\"abc", "tru", "nul", "NaN",
            "{\"a\":1}x", "[] []", "'a'",
        )
        bad.mapNotNull { rejects(it) }.firstOrNull()
    }
    check("validateText: text that is not JSON is one invalid_json error at the root, never a throw") {
        val bad = listOf("", " ", "{", "[1,]", "{\"a\":1,}", "01", "\"\\ud800\"", "\uFEFF{}", nested(Json.MAX_DEPTH + 1))
        bad.firstNotNullOfOrNull { text ->
            val issues = validateText(text).issues
            val ok = issues.size == 1 && issues[0].path == "" && issues[0].rule == "invalid_json" &&
                issues[0].severity == Severity.ERROR && issues[0].message.startsWith("invalid JSON at line 1, column ")
            if (ok) null else Json.stringify(text.take(40)) + ": " + issues
        } ?: if (validateText(nested(Json.MAX_DEPTH)).issues.any { it.rule == "invalid_json" }) "the limit itself is refused" else null
    }
    check("deep nesting is rejected, not a stack overflow") {
        rejects(nested(Json.MAX_DEPTH + 10)) ?: if (Json.parse(nested(100)) is List<*>) null else "not a list"
    }
    check("numbers are read without rounding") {
        val value = Json.parse("[12345678901234567890123, 1.50, 1e400, -7, 0]") as List<*>
        when {
            value[0] != BigInteger("12345678901234567890123") -> "big integer: " + value[0]
            value[1] != BigDecimal("1.50") -> "decimal: " + value[1]
            value[3] != -7L -> "long: " + value[3]
            Json.stringify(value) != "[12345678901234567890123,1.50,1E+400,-7,0]" -> Json.stringify(value)
            else -> null
        }
    }
    check("strings are read and written with every escape") {
        val text = "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\u2028\""
        val value = Json.parse(text)
        val expected = "q\" b\\ s/ \b\u000C\n\r\t \u00E9 \uD83D\uDE00 \u2028"
        when {
            value != expected -> "read " + value
            Json.parse(Json.stringify(value)) != expected -> "written " + Json.stringify(value)
            Json.stringify("\uD800") != "\"\\ud800\"" -> "lone surrogate " + Json.stringify("\uD800")
            else -> null
        }
    }
    check("stringify never throws: cycles, foreign types, non-finite numbers") {
        val cycle = LinkedHashMap<String, Any?>()
        cycle["self"] = cycle
        val text = Json.stringify(listOf(cycle, Double.NaN, Any(), arrayOf<Any>(1, 'c'), setOf(true)))
        if (text.startsWith("[{\"self\":{\"self\":") && text.contains(",null,")) null else text
    }
    check("validators and decoders never throw on random values") {
        val random = Random(7)
        var objects = 0
        repeat(3000) {
            val value = randomValue(random, 0)
            OnEventCallbackState.validate(value)
            PaymentResult.validate(value)
            CardPaymentResultInfo.validate(value)
            val decoded = PaymentResult.fromJson(value)
            if (decoded != null) {
                objects++
                decoded.toString()
                Json.stringify(decoded.toJson())
            }
            OnEventCallbackState.fromJson(value)?.toString()
        }
        if (objects > 100) null else "only $objects objects generated"
    }
    check("a cyclic value in an unknown key does not break validation or toString") {
        val cycle = LinkedHashMap<String, Any?>()
        cycle["self"] = cycle
        val payload = mapOf("code" to "SDK_PAYMENT_FAIL", "extra" to cycle)
        val report = OnEventCallbackState.validate(payload)
        val state = OnEventCallbackState.fromJson(payload)
        if (report.isValid && state != null && state.toString().contains("extra")) null else "report $report"
    }
    check("known values are interned; unknown values keep the raw string") {
        val unknown = EventCode.of("SDK_NEW")
        when {
            EventCode.knownValues.any { EventCode.of(it.value) !== it } -> "a known event code is not interned"
            PaymentResultCode.knownValues.any { PaymentResultCode.of(it.value) !== it } -> "a known result code is not interned"
            Funding.knownValues.any { Funding.of(it.value) !== it || !it.isKnown } -> "a funding value is not interned"
            unknown.isKnown || unknown.value != "SDK_NEW" || unknown != EventCode.of("SDK_NEW") -> "unknown $unknown"
            EventCode.knownValues.contains(unknown) -> "an unknown code is among the known ones"
            else -> null
        }
    }
    check("toString redacts sensitive fields, also kept with the wrong type") {
        val card = CardPaymentResultInfo.fromJson(
            mapOf("cardNo" to 4111111111111111L, "holdName" to "Tom Jay", "cardBrand" to "VISA"),
        )!!
        val text = card.toString()
        when {
            text.contains("4111") || text.contains("Tom Jay") -> text
            !text.contains("holdName=<redacted>") || !text.contains("cardNo=<redacted>") -> text
            !text.contains("cardBrand=VISA") -> text
            card.cardNo != null || card.extra()["cardNo"] != 4111111111111111L -> "cardNo not kept: " + card.extra()
            else -> null
        }
    }
    check("withExtra and equality") {
        val card = CardPaymentResultInfo(lastFour = "1234")
        val more = card.withExtra(mapOf("new" to true))
        when {
            card == more -> "kept keys are ignored by equals"
            more.toJson() != mapOf("lastFour" to "1234", "new" to true) -> more.toJson().toString()
            more != CardPaymentResultInfo.fromJson(mapOf("new" to true, "lastFour" to "1234")) -> "decoded differs"
            more.hashCode() != CardPaymentResultInfo.fromJson(more.toJson())?.hashCode() -> "hash differs"
            else -> null
        }
    }
    check("decoding keeps a wrong type and null in the kept keys") {
        val payload = mapOf("code" to 42, "message" to null, "result" to "not an object")
        val state = OnEventCallbackState.fromJson(payload)!!
        when {
            state.code != null || state.result != null || state.message != null -> state.toString()
            state.extra() != payload -> state.extra().toString()
            state.toJson() != payload -> state.toJson().toString()
            else -> null
        }
    }
    check("of: a string gives a value, null gives null; known and canonical") {
        val absent: String? = null
        val old = EventCode.knownValues.firstOrNull { it.info?.deprecated?.replacedBy != null }
        when {
            EventCode.of(absent) != null || Funding.of(absent) != null -> "of(null) is not null"
            EventCode.knownValues.any { it.known?.value != it.value } -> "a known code has no Known"
            EventCode.of("SDK_NEW").known != null -> "an unknown code has a Known"
            EventCode.of("SDK_NEW").canonical != null -> "an unknown code has a canonical"
            EventCode.knownValues.any { it.info?.deprecated == null && it.canonical?.value != it.value } -> "a current code is not its own canonical"
            EventCode.Current.entries.map { it.value } != EventCode.knownValues.filter { it.info?.deprecated?.replacedBy == null }.map { it.value } -> "Current is not the codes without a replacement"
            old == null -> "no deprecated code with a replacement"
            old.canonical == null || EventCode.of(old.canonical!!.value).info?.deprecated != null || old.canonical!!.value == old.value -> "canonical of $old is ${old.canonical}"
            else -> null
        }
    }
    check("info: the record of a known value, null for an unknown one, equal by value") {
        val fail = EventCode.of("SDK_PAYMENT_FAIL").info
        val risk = PaymentResultCode.of("RISK_REJECT").info
        val funding = Funding.knownValues.first().info
        when {
            EventCode.of("SDK_NEW").info != null || PaymentResultCode.of("NEW").info != null ||
                Funding.of("NEW").info != null -> "an unknown value has a record"
            EventCode.knownValues.any { it.info?.code != it.value } -> "an event code's record names another code"
            PaymentResultCode.knownValues.any { it.info?.code != it.value } -> "a result code's record names another code"
            Funding.knownValues.any { it.info?.value != it.value } -> "a value's record names another value"
            fail == null || risk == null || funding == null -> "a known value has no record"
            EventCodeInfo(
                fail.code, fail.kind, fail.callbacks.toList(), fail.description, fail.descriptionTruncated,
                fail.action, fail.outcome, fail.carries.toList(), fail.messages.toList(), fail.deprecated,
            ).let { it != fail || it.hashCode() != fail.hashCode() || it.toString() != fail.toString() } ->
                "an equal EventCodeInfo differs: $fail"
            ResultCodeInfo(
                risk.code, risk.message, risk.messageTruncated, risk.suggestion, risk.suggestionTruncated,
                risk.action, risk.outcome, risk.deprecated,
            ).let { it != risk || it.hashCode() != risk.hashCode() || it.toString() != risk.toString() } ->
                "an equal ResultCodeInfo differs: $risk"
            ValueInfo(funding.value, funding.description, funding.outcome, funding.deprecated)
                .let { it != funding || it.hashCode() != funding.hashCode() } -> "an equal ValueInfo differs: $funding"
            risk == PaymentResultCode.of("FRAUD_REJECT").info -> "two codes' records are equal"
            !fail.toString().startsWith("EventCodeInfo(code=SDK_PAYMENT_FAIL, kind=") -> fail.toString()
            !risk.toString().startsWith("ResultCodeInfo(code=RISK_REJECT, message=") -> risk.toString()
            funding.toString() != "ValueInfo(value=${funding.value}, description=${funding.description}, " +
                "outcome=${funding.outcome}, deprecated=${funding.deprecated})" -> funding.toString()
            else -> null
        }
    }
    check("validateCallback: no result, empty or blank text are alike; text that is not JSON is one error") {
        val code = EventCode.knownValues.first().value
        val none = validateCallback(code, null)
        val bad = validateCallback(code, "{\"paymentStatus\":")
        val badIssues = bad.issues.filter { it.path == "/result" }
        when {
            none != OnEventCallbackState.validate(mapOf("code" to code)) -> "null result: $none"
            validateCallback(code, "") != none || validateCallback(code, " \n\t\r") != none -> "blank text differs"
            validateCallback(code, "null") != none -> "a JSON null result differs"
            badIssues.size != 1 || badIssues[0].rule != "invalid_json" || !badIssues[0].message.startsWith("invalid JSON") -> bad.toString()
            validateCallback(null, null).issues.none { it.path == "/code" && it.rule == "required" } -> "a null code is not missing"
            else -> null
        }
    }
    PrintStream(System.out, true, "UTF-8").println(Json.stringify(results))
}

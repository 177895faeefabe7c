// Decoded-then-validated runner for the generated Kotlin: for each vector, the report of the raw
// payload and the report of the value decoded from it (`validate()` on the decoded object), and,
// for the mobile entry point `validateCallback(eventCode, resultJson)`, its report next to the
// one it must equal.
//
// Usage: `java -cp <classes>:kotlin-stdlib.jar antom.conformance.DecodedKt <file or folder>...`
// Prints a JSON array of `{"name", "raw", "decoded", "splits": [{"what", "got", "want"}]}`, each
// report a list of `[path, rule, severity, message]`. `decoded` is `null` when the payload is not an
// object (nothing decodes). The splits:
//
// - `state`: a payload that is the callback state with a string `code` and no other key but
//   `result`, split into the code and the JSON text of its result (none without `result`), against
//   the payload's own report;
// - `wrapped`: a payload that is not the state, passed as the result text (its `payload_text`
//   when it has one, so repeated keys count) with the first known event code, against the text
//   entry point on the state object that holds it.
package antom.conformance

import com.antom.callback.EventCode
import com.antom.callback.Json
import com.antom.callback.OnEventCallbackState
import com.antom.callback.PaymentResult
import com.antom.callback.ValidationReport
import com.antom.callback.validate
import com.antom.callback.validateCallback
import com.antom.callback.validateText
import java.io.File
import java.io.PrintStream

private fun issues(report: ValidationReport): List<List<String>> =
    report.issues.map { listOf(it.path, it.rule, it.severity.value, it.message) }

fun main(args: Array<String>) {
    val files = args.flatMap { arg ->
        val file = File(arg)
        if (file.isDirectory) {
            file.listFiles().orEmpty().filter { it.name.endsWith(".json") }.sortedBy { it.name }
        } else {
            listOf(file)
        }
    }
    val code = EventCode.knownValues.first().value
    val out = files.map { file ->
        val vector = Json.parse(file.readText(Charsets.UTF_8)) as? Map<*, *>
            ?: throw IllegalArgumentException(file.path + " is not a JSON object")
        val payload = vector["payload"]
        val text = vector["payload_text"] as? String
        val isState = payload is Map<*, *> && payload.containsKey("code")
        val decoded = if (isState) {
            OnEventCallbackState.fromJson(payload)?.validate()
        } else {
            PaymentResult.fromJson(payload)?.validate()
        }
        val splits = ArrayList<Map<String, Any?>>()
        if (payload is Map<*, *> && payload.containsKey("code")) {
            val eventCode = payload["code"]
            if (eventCode is String && payload.keys.all { it == "code" || it == "result" }) {
                val result = if (payload.containsKey("result")) Json.stringify(payload["result"]) else null
                splits.add(
                    mapOf(
                        "what" to "state",
                        "got" to issues(validateCallback(eventCode, result)),
                        "want" to issues(validate(payload)),
                    ),
                )
            }
        } else if (text == null || payload != null) {
            // A text that is not JSON (its payload `null`) is reported where it stands, so
            // wrapping it would move the reported column.
            val resultText = text ?: Json.stringify(payload)
            splits.add(
                mapOf(
                    "what" to "wrapped",
                    "got" to issues(validateCallback(code, resultText)),
                    "want" to issues(validateText("{\"code\":" + Json.stringify(code) + ",\"result\":" + resultText + "}")),
                ),
            )
        }
        mapOf(
            "name" to file.name.removeSuffix(".json"),
            "raw" to issues(validate(payload)),
            "decoded" to decoded?.let { issues(it) },
            "splits" to splits,
        )
    }
    PrintStream(System.out, true, "UTF-8").println(Json.stringify(out))
}

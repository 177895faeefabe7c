// Conformance runner for the generated Kotlin: validates and round-trips the shared vectors.
//
// Usage: `java -cp <classes>:kotlin-stdlib.jar antom.conformance.RunnerKt <file or folder>...`
// Prints a JSON array `[{"name", "issues": [{"path", "rule", "severity", "message"}], "roundtrip"}]` that
// `antom_tests::vectors::parse_runner_output` reads. `validate` reads a payload as the
// `onEventCallback` state when it is an object with a `code` key, else as a bare result object,
// as `antom validate` does; `roundtrip` is the payload decoded into the same typed class and
// encoded again (`null` when the payload is not an object, which does not decode). A vector with
// a `payload_text` (JSON text that a parsed value cannot show, such as a repeated key) is
// validated from that text with `validateText` (the text vectors of `tests/vectors/text/`, most of
// them not JSON, have no payload).
package antom.conformance

import com.antom.callback.Json
import com.antom.callback.OnEventCallbackState
import com.antom.callback.PaymentResult
import com.antom.callback.validate
import com.antom.callback.validateText
import java.io.File
import java.io.PrintStream

fun main(args: Array<String>) {
    val files = args.flatMap { arg ->
        val file = File(arg)
        if (file.isDirectory) {
            file.listFiles().orEmpty().filter { it.name.endsWith(".json") }.sortedBy { it.name }
        } else {
            listOf(file)
        }
    }
    val verdicts = files.map { file ->
        val vector = Json.parse(file.readText(Charsets.UTF_8)) as? Map<*, *>
            ?: throw IllegalArgumentException(file.path + " is not a JSON object")
        val payload = vector["payload"]
        val isState = payload is Map<*, *> && payload.containsKey("code")
        val text = vector["payload_text"] as? String
        val report = if (text != null) validateText(text) else validate(payload)
        val roundtrip = if (isState) {
            OnEventCallbackState.fromJson(payload)?.toJson()
        } else {
            PaymentResult.fromJson(payload)?.toJson()
        }
        mapOf(
            "name" to file.name.removeSuffix(".json"),
            "issues" to report.issues.map {
                mapOf("path" to it.path, "rule" to it.rule, "severity" to it.severity.value, "message" to it.message)
            },
            "roundtrip" to roundtrip,
        )
    }
    val out = PrintStream(System.out, true, "UTF-8")
    out.println(Json.stringify(verdicts))
}

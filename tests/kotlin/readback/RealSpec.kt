// Reads back every string constant and metadata value that the generator wrote for
// `com.antom.callback`, in the shape `tests/tests/kotlin.rs` builds from the spec.
package antom.readback.real

import com.antom.callback.Action
import com.antom.callback.CallbackName
import com.antom.callback.Deprecation
import com.antom.callback.EventCode
import com.antom.callback.PaymentResultCode
import com.antom.callback.Validate
import com.antom.callback.Funding
import com.antom.callback.PaymentStatus
import com.antom.callback.PostRiskDecision
import com.antom.callback.ResultStatus
import com.antom.callback.RiskAuthDecision
import com.antom.callback.RiskDecision
import com.antom.callback.ApiResult
import com.antom.callback.CardPaymentResultInfo
import com.antom.callback.OnErrorState
import com.antom.callback.OnEventCallbackState
import com.antom.callback.PaymentResult
import com.antom.callback.PopRiskDecisionResultInfo
import com.antom.callback.RedirectUrls

private fun deprecation(d: Deprecation?): Any? =
    if (d == null) null else mapOf("replaced_by" to d.replacedBy, "note" to d.note)

private fun objectSchema(s: Validate.ObjectSchema): Any = mapOf(
    "name" to s.name,
    "fields" to s.fields.map {
        mapOf(
            "name" to it.name,
            "required" to it.required,
            "max_length" to it.maxLength,
            "pattern" to it.pattern,
            "format" to it.format,
            "sensitive" to it.sensitive,
        )
    },
    "checks" to s.checks.map {
        mapOf("rule" to it.rule, "kind" to it.kind.name.lowercase(), "fields" to it.fields, "message" to it.message)
    },
)

/** Everything the generated package says, as JSON-ready maps. */
fun dump(): Map<String, Any?> = mapOf(
    "event_codes" to EventCode.knownValues.map {
        mapOf(
            "code" to it.code,
            "known" to it.isKnown,
            "kind" to it.kind?.value,
            "callbacks" to it.callbacks.map { c -> c.value },
            "description" to it.description,
            "action" to it.action?.value,
            "outcome" to it.outcome?.value,
            "carries" to it.carries,
            "messages" to it.messages,
            "deprecated" to deprecation(it.deprecation),
        )
    },
    "result_codes" to PaymentResultCode.knownValues.map {
        mapOf(
            "code" to it.code,
            "known" to it.isKnown,
            "message" to it.message,
            "suggestion" to it.suggestion,
            "action" to it.action?.value,
            "outcome" to it.outcome?.value,
            "deprecated" to deprecation(it.deprecation),
        )
    },
    "actions" to Action.entries.map { mapOf("name" to it.value, "description" to it.description) },
    "callbacks" to CallbackName.entries.map { mapOf("name" to it.value, "description" to it.description) },
    "enums" to mapOf(
        "Funding" to Funding.knownValues.map {
            mapOf(
                "value" to it.value,
                "known" to it.isKnown,
                "description" to it.description,
                "outcome" to it.outcome?.value,
                "deprecated" to deprecation(it.deprecation),
            )
        },
        "PaymentStatus" to PaymentStatus.knownValues.map {
            mapOf(
                "value" to it.value,
                "known" to it.isKnown,
                "description" to it.description,
                "outcome" to it.outcome?.value,
                "deprecated" to deprecation(it.deprecation),
            )
        },
        "PostRiskDecision" to PostRiskDecision.knownValues.map {
            mapOf(
                "value" to it.value,
                "known" to it.isKnown,
                "description" to it.description,
                "outcome" to it.outcome?.value,
                "deprecated" to deprecation(it.deprecation),
            )
        },
        "ResultStatus" to ResultStatus.knownValues.map {
            mapOf(
                "value" to it.value,
                "known" to it.isKnown,
                "description" to it.description,
                "outcome" to it.outcome?.value,
                "deprecated" to deprecation(it.deprecation),
            )
        },
        "RiskAuthDecision" to RiskAuthDecision.knownValues.map {
            mapOf(
                "value" to it.value,
                "known" to it.isKnown,
                "description" to it.description,
                "outcome" to it.outcome?.value,
                "deprecated" to deprecation(it.deprecation),
            )
        },
        "RiskDecision" to RiskDecision.knownValues.map {
            mapOf(
                "value" to it.value,
                "known" to it.isKnown,
                "description" to it.description,
                "outcome" to it.outcome?.value,
                "deprecated" to deprecation(it.deprecation),
            )
        },
    ),
    "objects" to listOf(
        objectSchema(ApiResult.schema),
        objectSchema(CardPaymentResultInfo.schema),
        objectSchema(OnErrorState.schema),
        objectSchema(OnEventCallbackState.schema),
        objectSchema(PaymentResult.schema),
        objectSchema(PopRiskDecisionResultInfo.schema),
        objectSchema(RedirectUrls.schema),
    ),
)

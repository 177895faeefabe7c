// The vocabulary in Swift: one `// api:` section per row of ARCHITECTURE.md's table, each using
// the row's Swift names. Built with warnings as errors, as an executable target of the real
// spec's package, and run by `tests/tests/swift.rs`.

import AntomCallback
import Foundation

let code = EventCode(rawValue: "SDK_PAYMENT_FAIL")
let result = PaymentResultCode(rawValue: "INVALID_CARD")

// api: known?
precondition(code.isKnown && !EventCode(rawValue: "NOT_A_CODE").isKnown)

// api: closed type
let known: EventCode.Known? = code.known
precondition(known == .sdkPaymentFail)

// api: current type
let current: EventCode.Current? = EventCode(rawValue: "SDK_CALL_URL_ERROR").canonical
precondition(current == .sdkLaunchPaymentAppError)

// api: canonical
precondition(EventCode(rawValue: "SDK_CALL_URL_ERROR").canonical?.rawValue == "SDK_LAUNCH_PAYMENT_APP_ERROR")

// api: info
guard let event = code.info, let info = result.info else {
    fatalError("a known code has its record")
}

// api: message
precondition(!info.message.isEmpty)

// api: suggestion
precondition(!info.suggestion.isEmpty)

// api: action
print(info.action, event.action)

// api: kind
precondition(event.kind == .paymentResult)

// api: truncated flags
print(info.messageTruncated, info.suggestionTruncated, event.descriptionTruncated)

// api: validate a value
let report = validate(.object(["code": .string("SDK_PAYMENT_FAIL")]))

// api: validate text
let text = validate(text: "{\"code\":")
precondition(text.issues.first?.rule == "invalid_json")

// api: validate the mobile callback
let mobile = validate(eventCode: "SDK_PAYMENT_FAIL", resultJSON: "{\"paymentStatus\":\"FAIL\"}")

// api: valid?
precondition(report.isValid && !text.isValid)

// api: errors
precondition(text.errors.count == 1)

// api: warnings
print(mobile.warnings.count)

// api: redacted JSON
let payment = PaymentResult(fromJSONObject: [
    "cardPaymentResultInfo": .object(["cardNo": .string("4111111111111111")]),
])
precondition(!payment.redactedJSON().contains("4111111111111111"))

// api: spec version
precondition(!specVersion.isEmpty)

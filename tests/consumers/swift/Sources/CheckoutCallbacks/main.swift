// The callback flow of Antom's checkout component: on each `onEventCallback`, validate what came
// in, log it redacted, and act on the event code (for a failed payment, show the result code's
// message and suggestion). Result codes named on the command line are explained the same way.

import Foundation
import AntomCallback

/// The message and suggestion to show for a payment result code; texts the source cuts off end
/// with an ellipsis.
func explain(_ code: PaymentResultCode) -> String {
    guard let info = code.info else {
        return "\(code.rawValue): unknown result code, show a generic failure"
    }
    let message = info.message + (info.messageTruncated ? " …" : "")
    let suggestion = info.suggestion + (info.suggestionTruncated ? " …" : "")
    return "\(code.rawValue)\n  message: \(message)\n  suggestion: \(suggestion)"
}

/// What the app does for an event, by its code; deprecated codes arrive under their replacement.
func handle(_ code: EventCode, result: PaymentResult?) {
    switch code.canonical {
    case .sdkStartOfLoading?:
        print("[\(code)] show the loading animation")
    case .sdkEndOfLoading?:
        print("[\(code)] hide the loading animation")
    case .sdkPaymentSuccessful?:
        print("[\(code)] payment succeeded: redirect to the result page")
    case .sdkPaymentProcessing?, .sdkPaymentError?:
        print("[\(code)] ask the server for the payment status")
    case .sdkPaymentFail?:
        let resultCode = result?.paymentResultCode ?? PaymentResultCode(rawValue: "UNKNOWN")
        print("[\(code)] payment failed: " + explain(resultCode))
    case .sdkFormVerificationFailed?, .sdkDuplicateSubmissionBehavior?:
        print("[\(code)] let the user correct the form")
    case nil:
        print("[\(code)] an event code this version does not know: ignored")
    default:
        print("[\(code)] \(code.info?.description ?? "")")
    }
}

/// `onEventCallback(code, resultJSON)` as the mobile SDKs call it.
func onEventCallback(code: String, resultJSON: String?) {
    var result: PaymentResult?
    if let text = resultJSON {
        do {
            let report = validate(text: text)
            for issue in report.issues {
                print("  issue: \(issue)")
            }
            result = try JSONDecoder().decode(PaymentResult.self, from: Data(text.utf8))
        } catch {
            print("  the result is not JSON: \(error)")
        }
        if let result = result {
            print("  log: \(result.redactedJSON())")
        }
    }
    handle(EventCode(rawValue: code), result: result)
}

// The card payment sample of the SDK reference, then a failed card payment whose result carries
// a full card number, in `cardNo` (an error the validator reports) and in a message: no log may
// show it.
let success = """
{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"Success"},
 "paymentStatus":"SUCCESS","paymentResultCode":"SUCCESS","paymentResultMessage":"success",
 "cardPaymentResultInfo":{"avsResultRaw":"4","cardBin":"409280","cardBrand":"VISA",
 "cardNo":"************8888","cvvResultRaw":"1","expiryMonth":"02","expiryYear":"27",
 "fingerprint":"","funding":"DEBIT","holdName":"Tom Jay","issuerName":"BANCO ITAUCARD, S.A.",
 "issuingCountry":"BR","lastFour":"8888"}}
"""
let failure = """
{"result":{"resultCode":"ISSUER_REJECTS_TRANSACTION","resultStatus":"F","resultMessage":"card 4111111111111111 rejected"},
 "paymentStatus":"FAIL","paymentResultCode":"ISSUER_REJECTS_TRANSACTION",
 "cardPaymentResultInfo":{"cardNo":"4111111111111111","cardBrand":"VISA","holdName":"Tom Jay",
 "expiryMonth":"13","lastFour":"1111","funding":"DEBIT"}}
"""

onEventCallback(code: "SDK_START_OF_LOADING", resultJSON: nil)
onEventCallback(code: "SDK_END_OF_LOADING", resultJSON: nil)
onEventCallback(code: "SDK_PAYMENT_SUCCESSFUL", resultJSON: success)
onEventCallback(code: "SDK_PAYMENT_FAIL", resultJSON: failure)
onEventCallback(code: "SDK_SOMETHING_NEW", resultJSON: nil)
for code in CommandLine.arguments.dropFirst() {
    print(explain(PaymentResultCode(rawValue: code)))
}

// The checkout page's onEventCallback (the web integration of Antom's client SDK), as a
// CommonJS script for a page bundled from `require`: validate what the SDK delivered, log it
// redacted, switch on the event code and show a payment result code's message and suggestion.
// `node on-event-callback.cjs` replays the callbacks recorded in callbacks.jsonl, one JSON text a
// line, as the SDK's bridge passes them.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const {
  EventCode,
  canonicalEventCode,
  decodeOnEventCallbackState,
  handleEventCallback,
  isKnownEventCallbackState,
  redactOnEventCallbackState,
} = require('@antom/callback');
const { ACTION_DESCRIPTIONS, eventCodeInfo, paymentResultCodeInfo } = require('@antom/callback/metadata');
const { validateText } = require('@antom/callback/validate');

/** What the page shows the shopper for the payment result code of a result. */
function showResult(result) {
  const code = result && result.paymentResultCode;
  const info = paymentResultCodeInfo(code || '');
  if (info === undefined) {
    console.log(`result code ${code || '(none)'}: not a code this version knows`);
    return;
  }
  console.log(`message ${info.code}: ${info.message}`);
  console.log(`suggestion ${info.code}: ${info.suggestion}${info.suggestionTruncated ? ' …' : ''}`);
  console.log(`action ${info.code}: ${ACTION_DESCRIPTIONS[info.action]}`);
}

// What the page passes to `new AMSCashierPayment({ onEventCallback })`.
const onEventCallback = handleEventCallback((state) => {
  if (!isKnownEventCallbackState(state)) {
    console.log(`event ${state.code}: unknown to this version, ignored`);
    return;
  }
  switch (canonicalEventCode(state.code)) {
    case EventCode.SDK_START_OF_LOADING:
      console.log(`event ${state.code}: show the custom loading animation`);
      break;
    case EventCode.SDK_END_OF_LOADING:
      console.log(`event ${state.code}: hide the custom loading animation`);
      break;
    case EventCode.SDK_PAYMENT_SUCCESSFUL:
      console.log(`event ${state.code}: redirect to the payment result page`);
      break;
    case EventCode.SDK_PAYMENT_PROCESSING:
    case EventCode.SDK_PAYMENT_FAIL:
    case EventCode.SDK_PAYMENT_ERROR: {
      const info = eventCodeInfo(state.code);
      console.log(`event ${state.code}: ${info ? info.description : ''}`);
      showResult(state.result);
      break;
    }
    case EventCode.SDK_PAYMENT_CANCEL:
      console.log(`event ${state.code}: offer to pay again`);
      break;
    default:
      console.log(`event ${state.code}: no handling needed`);
      break;
  }
});
module.exports = { onEventCallback };

const recorded = path.join(__dirname, 'callbacks.jsonl');
for (const line of readFileSync(recorded, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const checked = validateText(line);
  if (checked.value === undefined) {
    console.log(checked.report.issues[0]?.message);
    continue;
  }
  for (const issue of checked.report.issues) {
    console.log(`${issue.severity} at ${issue.path}: ${issue.rule}`);
  }
  const state = decodeOnEventCallbackState(checked.value);
  if (state !== undefined) console.log(`redacted: ${JSON.stringify(redactOnEventCallbackState(state))}`);
  onEventCallback(checked.value);
}

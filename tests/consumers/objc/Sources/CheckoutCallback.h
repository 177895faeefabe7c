// The checkout's AMSPaymentProtocol delegate, reduced to what it does with the callback data.
#import <Foundation/Foundation.h>

@interface CheckoutCallback : NSObject
// What the page does for an event code, as the source page's iOS sample branches.
+ (NSString *)actionForEventCode:(NSString *)eventCode;
// The message and suggestion to show for a payment result code.
+ (NSString *)explainResultCode:(NSString *)resultCode;
// The card number field of a card payment result, checked against its maximum length.
+ (BOOL)cardNumberFitsInResult:(NSDictionary *)cardPaymentResultInfo;
@end

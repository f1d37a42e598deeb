/**
 * The raw Wix eCommerce order as Wix's API and webhooks carry it. Only the fields a restaurant
 * prints are typed; Wix sends more, and every enum is open-ended, hence `string` everywhere.
 */
export interface WixMoney {
  readonly amount: string;
  readonly formattedAmount?: string;
}

export interface WixText {
  readonly original: string;
  readonly translated?: string;
}

export interface WixAddress {
  readonly addressLine?: string;
  readonly city?: string;
  readonly postalCode?: string;
  readonly country?: string;
}

export interface WixContactDetails {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
}

export interface WixDescriptionLine {
  readonly name?: WixText;
  readonly plainText?: WixText;
  readonly colorInfo?: WixText & { readonly code?: string };
  readonly lineType?: string;
}

export interface WixLineItem {
  readonly id: string;
  readonly productName: WixText;
  readonly catalogReference?: { readonly catalogItemId?: string; readonly appId?: string };
  readonly quantity: number;
  readonly price: WixMoney;
  readonly totalPriceAfterTax?: WixMoney;
  readonly descriptionLines?: readonly WixDescriptionLine[];
}

export interface WixLogistics {
  readonly instructions?: string;
  readonly deliveryTime?: string;
  readonly deliveryTimeSlot?: { readonly from: string; readonly to: string };
  readonly pickupDetails?: { readonly address?: WixAddress; readonly pickupMethod?: string };
  readonly shippingDestination?: {
    readonly address?: WixAddress;
    readonly contactDetails?: WixContactDetails;
  };
}

export interface WixPriceSummary {
  readonly subtotal?: WixMoney;
  readonly shipping?: WixMoney;
  readonly tax?: WixMoney;
  readonly discount?: WixMoney;
  readonly total?: WixMoney;
  readonly totalPrice?: WixMoney;
}

export interface WixOrder {
  readonly id: string;
  readonly number: string;
  readonly createdDate: string;
  readonly updatedDate?: string;
  readonly status: string;
  readonly paymentStatus?: string;
  readonly currency: string;
  readonly buyerNote?: string;
  readonly channelInfo?: { readonly type: string };
  readonly buyerInfo?: { readonly email?: string; readonly contactId?: string };
  readonly billingInfo?: { readonly contactDetails?: WixContactDetails };
  readonly shippingInfo?: { readonly title?: string; readonly logistics?: WixLogistics };
  readonly lineItems: readonly WixLineItem[];
  readonly priceSummary?: WixPriceSummary;
}

/** The app id Wix Restaurants Orders stamps on every line item's catalog reference. */
export const wixRestaurantsAppId = '9a5d83fd-8570-482e-81ab-cfa88942ee60';

/**
 * What the demo's support cases are about. Customer texts come from BANKING77 (intent-labelled
 * payment/card questions); here each intent is mapped to a Clipster team, brand, tags and an ABCD
 * playbook (see corpus/README.md). Clipster has a wallet (Clipster Coins, top-ups) and, for creators,
 * a payout account with a Creator Card — which is why card and transfer questions fit both brands.
 */
import type { Priority } from '../../shared/enums.js';

export type TeamKey = 'payments' | 'account' | 'trust' | 'creators';
export type BrandKey = 'clipster' | 'market';

export const TEAM_NAMES: Record<TeamKey, string> = {
  payments: 'Payments',
  account: 'Account & Security',
  trust: 'Trust & Safety',
  creators: 'Creators',
};

export const TEAM_DESCRIPTIONS: Record<TeamKey, string> = {
  payments: 'Card payments, Clipster Coins top-ups, refunds, chargebacks',
  account: 'Log-in, passcodes, two-factor, identity checks, account closure',
  trust: 'Fraud, compromised cards and accounts, source-of-funds reviews',
  creators: 'Creator payouts, the Creator Card and brand deals on Creator Market',
};

export interface IntentGroup {
  key: string;
  team: TeamKey;
  /** Probability that a case of this group belongs to Clipster Creator Market (else Clipster). */
  marketShare: number;
  /** Relative share of all tickets. */
  weight: number;
  /** BANKING77 intent labels (as in the CSV). */
  intents: string[];
  /** ABCD playbook keys ("flow/subflow") the agents follow for this group. */
  playbooks: string[];
  /** Extra tags every case of the group gets. */
  tags: string[];
  priorities: ReadonlyArray<readonly [Priority, number]>;
  /** Custom fields filled when the case is created (web/app forms). */
  formFields: boolean;
}

const NORMAL: IntentGroup['priorities'] = [['low', 15], ['normal', 62], ['high', 19], ['urgent', 4]];
const HOT: IntentGroup['priorities'] = [['normal', 30], ['high', 50], ['urgent', 20]];

export const GROUPS: IntentGroup[] = [
  {
    key: 'card_problems', team: 'payments', marketShare: 0.2, weight: 13, formFields: true, tags: ['card'],
    intents: ['declined_card_payment', 'card_not_working', 'card_acceptance', 'contactless_not_working', 'virtual_card_not_working',
      'visa_or_mastercard', 'supported_cards_and_currencies', 'apple_pay_or_google_pay', 'card_linking'],
    playbooks: ['troubleshoot_site/credit_card', 'manage_account/manage_payment_method'], priorities: NORMAL,
  },
  {
    key: 'disputed_charges', team: 'payments', marketShare: 0.15, weight: 17, formFields: true, tags: ['billing'],
    intents: ['card_payment_not_recognised', 'direct_debit_payment_not_recognised', 'extra_charge_on_statement',
      'transaction_charged_twice', 'card_payment_fee_charged'],
    playbooks: ['order_issue/status_mystery_fee', 'purchase_dispute/mistimed_billing_never_bought', 'subscription_inquiry/manage_dispute_bill'],
    priorities: NORMAL,
  },
  {
    key: 'refunds', team: 'payments', marketShare: 0.1, weight: 14, formFields: true, tags: ['refund'],
    intents: ['request_refund', 'Refund_not_showing_up', 'reverted_card_payment?', 'pending_card_payment'],
    playbooks: ['product_defect/refund_initiate', 'product_defect/refund_status'], priorities: NORMAL,
  },
  {
    key: 'coins_top_up', team: 'payments', marketShare: 0.05, weight: 11, formFields: true, tags: ['clipster_coins'],
    intents: ['top_up_failed', 'top_up_reverted', 'pending_top_up', 'top_up_limits', 'topping_up_by_card', 'top_up_by_card_charge',
      'top_up_by_bank_transfer_charge', 'automatic_top_up', 'verify_top_up'],
    playbooks: ['manage_account/status_credit_missing', 'subscription_inquiry/manage_pay_bill'], priorities: NORMAL,
  },
  {
    key: 'currency', team: 'payments', marketShare: 0.35, weight: 5, formFields: false, tags: ['fx'],
    intents: ['exchange_rate', 'exchange_charge', 'card_payment_wrong_exchange_rate', 'fiat_currency_support', 'exchange_via_app'],
    playbooks: ['purchase_dispute/bad_price_yesterday', 'storewide_query/pricing'], priorities: NORMAL,
  },
  {
    key: 'account_access', team: 'account', marketShare: 0.15, weight: 10, formFields: false, tags: ['login'],
    intents: ['passcode_forgotten', 'pin_blocked', 'change_pin', 'lost_or_stolen_phone', 'edit_personal_details', 'terminate_account'],
    playbooks: ['account_access/recover_password', 'account_access/reset_2fa', 'manage_account/manage_change_phone'], priorities: NORMAL,
  },
  {
    key: 'identity', team: 'account', marketShare: 0.3, weight: 6, formFields: false, tags: ['kyc'],
    intents: ['verify_my_identity', 'why_verify_identity', 'unable_to_verify_identity', 'age_limit'],
    playbooks: ['account_access/recover_username', 'manage_account/manage_change_name'], priorities: NORMAL,
  },
  {
    key: 'fraud', team: 'trust', marketShare: 0.2, weight: 7, formFields: false, tags: ['fraud_review'],
    intents: ['compromised_card', 'lost_or_stolen_card', 'cash_withdrawal_not_recognised', 'verify_source_of_funds', 'beneficiary_not_allowed'],
    playbooks: ['manage_account/status_service_added', 'account_access/reset_2fa'], priorities: HOT,
  },
  {
    key: 'payouts', team: 'creators', marketShare: 1, weight: 11, formFields: false, tags: ['payout'],
    intents: ['transfer_not_received_by_recipient', 'pending_transfer', 'failed_transfer', 'declined_transfer', 'cancel_transfer',
      'transfer_timing', 'transfer_fee_charged', 'transfer_into_account', 'receiving_money', 'balance_not_updated_after_bank_transfer',
      'country_support'],
    playbooks: ['order_issue/status_payment_method', 'subscription_inquiry/status_due_date'], priorities: NORMAL,
  },
  {
    key: 'creator_card', team: 'creators', marketShare: 1, weight: 6, formFields: false, tags: ['creator_card'],
    intents: ['card_arrival', 'card_delivery_estimate', 'activate_my_card', 'order_physical_card', 'get_physical_card', 'getting_spare_card',
      'getting_virtual_card', 'get_disposable_virtual_card', 'disposable_card_limits', 'card_about_to_expire', 'card_swallowed',
      'atm_support', 'pending_cash_withdrawal', 'declined_cash_withdrawal', 'wrong_amount_of_cash_received', 'cash_withdrawal_charge',
      'wrong_exchange_rate_for_cash_withdrawal'],
    playbooks: ['shipping_issue/status', 'shipping_issue/missing'], priorities: NORMAL,
  },
  {
    // Written for the demo (BANKING77 has no brand-deal questions): see BRAND_DEAL_TEXTS.
    key: 'brand_deals', team: 'creators', marketShare: 1, weight: 3, formFields: false, tags: ['brand_deal'],
    intents: ['brand_deal'],
    playbooks: ['order_issue/manage_cancel'], priorities: [['normal', 60], ['high', 40]],
  },
];

/** Tag for an intent label: lower-case, only the characters tags allow ("reverted_card_payment?" → "reverted_card_payment"). */
export function intentTag(intent: string): string {
  return intent.toLowerCase().replace(/[^a-z0-9_]+/g, '');
}

const TITLE_OVERRIDES: Record<string, string> = {
  atm_support: 'ATM support for the Creator Card',
  'reverted_card_payment?': 'Card payment was reverted',
  Refund_not_showing_up: 'Refund not showing up',
  age_limit: 'Minimum age to use Clipster',
  apple_pay_or_google_pay: 'Apple Pay / Google Pay',
  visa_or_mastercard: 'Visa or Mastercard?',
  fiat_currency_support: 'Which currencies are supported?',
  country_support: 'Payouts in my country',
  terminate_account: 'Close my account',
  passcode_forgotten: 'Forgot my passcode',
  edit_personal_details: 'Change my personal details',
  transfer_not_received_by_recipient: 'Payout not received',
  receiving_money: 'Receiving money from a brand',
  brand_deal: 'Brand deal',
  why_verify_identity: 'Why do I need to verify my identity?',
  verify_my_identity: 'Identity verification',
  unable_to_verify_identity: 'Cannot verify my identity',
  get_physical_card: 'Physical Creator Card',
  order_physical_card: 'Order a physical card',
  getting_spare_card: 'Spare card',
  getting_virtual_card: 'Virtual card',
  get_disposable_virtual_card: 'Disposable virtual card',
  topping_up_by_card: 'Topping up by card',
  top_up_by_card_charge: 'Fee for topping up by card',
  top_up_by_bank_transfer_charge: 'Fee for top-up by bank transfer',
  verify_top_up: 'Top-up verification',
  pending_top_up: 'Top-up pending',
  transfer_into_account: 'Transfer into my account',
  exchange_via_app: 'Exchanging currencies in the app',
  card_payment_fee_charged: 'Fee charged on a card payment',
  card_linking: 'Linking a card',
  card_acceptance: 'Where is my card accepted?',
  change_pin: 'Change my PIN',
  beneficiary_not_allowed: 'Beneficiary not allowed',
  verify_source_of_funds: 'Source of funds check',
  pending_transfer: 'Payout pending',
  failed_transfer: 'Payout failed',
  declined_transfer: 'Payout declined',
  cancel_transfer: 'Cancel a payout',
  transfer_timing: 'How long do payouts take?',
  transfer_fee_charged: 'Fee charged on my payout',
  direct_debit_payment_not_recognised: 'Direct debit I don\'t recognise',
  cash_withdrawal_not_recognised: 'Cash withdrawal I don\'t recognise',
  card_payment_not_recognised: 'Card payment I don\'t recognise',
  card_arrival: 'Creator Card has not arrived',
  card_delivery_estimate: 'When will my card arrive?',
  card_swallowed: 'ATM kept my card',
  disposable_card_limits: 'Limits of disposable cards',
  card_about_to_expire: 'Card about to expire',
  balance_not_updated_after_bank_transfer: 'Balance not updated after bank transfer',
  wrong_exchange_rate_for_cash_withdrawal: 'Wrong exchange rate on cash withdrawal',
  wrong_amount_of_cash_received: 'ATM gave me the wrong amount',
  transaction_charged_twice: 'Charged twice',
  extra_charge_on_statement: 'Extra charge on my statement',
};

/** Human title of an intent, used for subjects. */
export function intentTitle(intent: string): string {
  const o = TITLE_OVERRIDES[intent];
  if (o) return o;
  const words = intent.replace(/[^a-zA-Z0-9_]/g, '').split('_').join(' ').replace(/\bpin\b/g, 'PIN');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface CustomFieldDef {
  key: string;
  label: string;
  type: 'text' | 'number' | 'dropdown' | 'checkbox';
  options?: string[];
}

export const CUSTOM_FIELDS: CustomFieldDef[] = [
  { key: 'order_id', label: 'Order ID', type: 'text' },
  { key: 'refund_amount', label: 'Refund amount (EUR)', type: 'number' },
  { key: 'payment_method', label: 'Payment method', type: 'dropdown', options: ['card', 'apple_pay', 'google_pay', 'paypal', 'bank_transfer', 'clipster_wallet'] },
  { key: 'chargeback', label: 'Chargeback filed', type: 'checkbox' },
];

/** Creator-marketplace questions written for this project (not from a dataset), for the brand-deal group. */
export const BRAND_DEAL_TEXTS: string[] = [
  'A brand accepted my proposal on Creator Market two weeks ago but the deal is still shown as "awaiting funds". When will it start?',
  'The sponsor asked me to re-shoot the video after I already delivered it. Is that allowed under the deal terms?',
  'I delivered all three clips for my brand deal but the payment milestone was not released. Can you check?',
  'How do I cancel a brand deal I accepted by mistake? I have not started working on it.',
  'The brand wants me to post on another platform as well, which was not in the brief. What should I do?',
  'My agency manages my deals. Can they accept offers on my behalf from their own account?',
  'A brand is asking me to pay a "verification fee" before the deal starts. Is this a scam?',
  'The deal says net 30 but it has been 45 days since the brand approved my content. Where is my money?',
  'Can I change the delivery date of a brand deal? I am sick this week.',
  'The brand disputed my deliverables and the funds are frozen. How does the dispute process work?',
  'Why did Creator Market take a 20% fee on my last brand deal? I thought it was 10%.',
  'I got an offer from a brand outside my country. Are there extra taxes or fees on the payout?',
  'The brand approved the post but now says the deal is cancelled. Do I still get paid for the work I did?',
  'How do I add usage rights to an existing brand deal? The brand wants to use my clip in ads.',
  'A brand contacted me directly to move the deal off Creator Market. Is that against the rules?',
  'My brand deal invoice shows the wrong VAT number. Can you correct it?',
];

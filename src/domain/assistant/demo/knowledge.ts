/**
 * A small offline copy of Help Center answers used by `assistant test` when no database is involved
 * (the server uses the Help Center search of the kb module). Each article lists the intents it answers.
 */
import { tokenize } from '../../intents/index.js';
import type { Passage } from '../engine-types.js';

interface DemoArticle { id: string; slug: string; title: string; intents: string[]; text: string }

export const DEMO_ARTICLES: DemoArticle[] = [
  { id: 'art_card_arrival', slug: 'when-will-my-card-arrive', title: 'When will my Creator Card arrive?', intents: ['card_arrival', 'card_delivery_estimate'], text: 'Creator Cards are posted within 2 business days of your order and usually arrive within 5-7 business days in the EU. You can follow the delivery under Card → Delivery status in the app. If your card has not arrived after 10 business days, contact us and we will send a new one free of charge.' },
  { id: 'art_activate', slug: 'activate-your-card', title: 'Activate your Creator Card', intents: ['activate_my_card'], text: 'To activate your card, open the app, go to Card and tap Activate, then enter the 6-digit code printed on the letter that came with the card. Your card works for payments right after activation.' },
  { id: 'art_pin', slug: 'pin-blocked', title: 'My PIN is blocked', intents: ['pin_blocked', 'change_pin'], text: 'After three wrong PIN entries the PIN is blocked for your safety. You can unblock it in the app under Card → Security → Unblock PIN. You can also change your PIN there at any time.' },
  { id: 'art_topup', slug: 'top-up-failed', title: 'Why did my coin top-up fail?', intents: ['top_up_failed', 'pending_top_up', 'top_up_reverted'], text: 'Top-ups fail when the bank declines the card payment, when the card is not enabled for online payments, or when you reach your top-up limit. Pending top-ups complete within 30 minutes; if a top-up was reverted, the money returns to your card within 3-5 business days.' },
  { id: 'art_fees', slug: 'fees', title: 'Fees for transfers and exchange', intents: ['transfer_fee_charged', 'exchange_charge', 'card_payment_fee_charged', 'top_up_by_card_charge', 'cash_withdrawal_charge'], text: 'Transfers within the EU are free. Currency exchange costs 0.5% on weekdays and 1% at weekends. Card top-ups are free up to 500 EUR per month, then 0.7%. ATM withdrawals are free up to 200 EUR per month, then 2%.' },
  { id: 'art_refund_status', slug: 'refund-not-showing', title: 'My refund is not showing', intents: ['Refund_not_showing_up', 'reverted_card_payment?'], text: 'Refunds reach your card within 3-5 business days after we issue them; some banks take up to 10 business days to show them. The refund reference in your confirmation email helps your bank find it.' },
  { id: 'art_verify', slug: 'verify-identity', title: 'Verifying your identity', intents: ['verify_my_identity', 'why_verify_identity', 'unable_to_verify_identity'], text: 'We verify your identity once before your first payout, as required by anti-money-laundering law. You need a valid passport or ID card and a selfie. Verification usually takes a few minutes; if it fails, check that the photo is sharp and the document is not expired.' },
  { id: 'art_passcode', slug: 'forgot-passcode', title: 'I forgot my passcode', intents: ['passcode_forgotten'], text: 'Tap "Forgot passcode" on the log-in screen. We send a reset link to your verified email address; the link is valid for 30 minutes.' },
  { id: 'art_transfer_time', slug: 'transfer-timing', title: 'How long do transfers take?', intents: ['transfer_timing', 'pending_transfer', 'balance_not_updated_after_bank_transfer', 'transfer_not_received_by_recipient'], text: 'SEPA transfers arrive within 1 business day, instant transfers within seconds. Transfers made after 16:00 CET or on weekends are processed on the next business day.' },
  { id: 'art_declined', slug: 'card-payment-declined', title: 'Why was my card payment declined?', intents: ['declined_card_payment', 'card_not_working', 'card_acceptance', 'contactless_not_working'], text: 'A card payment is declined when the balance is too low, the card is frozen, the merchant is blocked, or the payment needs online authentication that was not completed. Check Card → Settings to make sure online and contactless payments are enabled.' },
  { id: 'art_exchange', slug: 'exchange-rates', title: 'Exchange rates', intents: ['exchange_rate', 'card_payment_wrong_exchange_rate', 'wrong_exchange_rate_for_cash_withdrawal', 'exchange_via_app', 'fiat_currency_support'], text: 'We use the interbank rate at the time of the payment plus the exchange fee shown in the app. Payments in a foreign currency are converted when the merchant settles them, which can be a day after the purchase.' },
  { id: 'art_close', slug: 'close-account', title: 'Closing your account', intents: ['terminate_account'], text: 'To close your account, withdraw your balance, then go to Profile → Account → Close account. Unspent coins are lost when the account is closed.' },
];

const BASE = '/hc/clipster/en/articles';

export function demoSearch(q: string, intent: string | null): Passage[] {
  const words = new Set(tokenize(q).filter((w) => w.length > 2));
  return DEMO_ARTICLES.map((a) => {
    const overlap = tokenize(`${a.title} ${a.text}`).filter((w) => words.has(w)).length;
    const score = (intent && a.intents.includes(intent) ? 10 : 0) + overlap / 10;
    return { articleId: a.id, title: a.title, url: `${BASE}/${a.slug}`, text: a.text, score };
  })
    .filter((p) => p.score >= 10)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
}

/**
 * Agent replies, customer follow-ups and note templates for the demo conversations. The agents'
 * steps paraphrase the ABCD playbooks (pull up the account, verify identity, check the system,
 * then act and ask if anything else is needed); the playbook text itself is quoted in internal notes.
 */
import abcdPlaybooks from './corpus/abcd-playbooks.json' with { type: 'json' };
import type { Rng } from './prng.js';

export interface Playbook {
  flow: string;
  subflow: string;
  summary: string;
  steps: string[];
  checks: string[];
}

export const PLAYBOOKS = abcdPlaybooks as Record<string, Playbook>;

/** First answer: ask for what the playbook needs (the ticket goes to pending). */
const ASK: Record<string, string[]> = {
  card_problems: [
    'Sorry your card is giving you trouble. Could you tell me the last four digits of the card and roughly when you tried to pay? Meanwhile, please log out of the app and back in and try once more — that clears most declined-card errors.',
    'Thanks for reaching out. Could you check the expiry date on the card and confirm that the billing country matches your Clipster account? If it still fails, send me the error message you see and I will look at it on our side.',
  ],
  disputed_charges: [
    'I am sorry to hear about this charge. To pull up your account, could you send me the order ID (it starts with CLP-) or the date and amount of the payment as it appears on your statement?',
    'Thanks for flagging this. So I can verify the payment, please confirm the last four digits of the card, the amount and the date of the charge.',
  ],
  refunds: [
    'Happy to look into your refund. Could you confirm the order ID and whether you would like the money back on your card or as Clipster Coins?',
    'Thanks for getting in touch. To find the refund, please send me the order ID and the email address on your account.',
  ],
  coins_top_up: [
    'Sorry about the top-up. Could you tell me the amount, the time of the top-up and the payment method you used? I will check whether the coins reached your wallet.',
    'Thanks for your message. Please send a screenshot of the top-up confirmation (without the full card number) so I can trace it.',
  ],
  currency: [
    'Good question. Which currency is your card in, and which purchase are you asking about? Then I can show you the exact rate we used.',
  ],
  account_access: [
    'I can help you get back in. For security, please confirm your username and the phone number or email on the account — never send us your password.',
    'Sorry you are locked out. Can you tell me which device you normally use to log in and whether you still have access to the email on your account?',
  ],
  identity: [
    'Thanks for reaching out. We verify identity to keep accounts and payouts safe. Could you tell me which step of the verification fails and what message you see?',
  ],
  fraud: [
    'Thank you for telling us straight away. I have temporarily frozen the card and the wallet so nothing else can be charged. Can you confirm the last transactions you made yourself?',
    'I am sorry this happened. As a precaution I have signed you out of all devices. Please confirm the last purchase you recognise so we can find where it started.',
  ],
  payouts: [
    'Thanks for reaching out about your payout. Could you confirm the payout date and the last four digits of the bank account it was sent to?',
    'I am checking this for you. Can you send me the payout reference from your Creator Market earnings page?',
  ],
  creator_card: [
    'Thanks for your message. Could you confirm the delivery address on your creator profile and when you ordered the card?',
  ],
  brand_deals: [
    'Thanks for reaching out. Could you send me the deal ID from your Creator Market dashboard so I can look at the agreement and its milestones?',
  ],
};

/** Resolution (the ticket is solved). */
const RESOLVE: Record<string, string[]> = {
  card_problems: [
    'Thanks for the details. The payment was declined by the card issuer\'s fraud check, not by Clipster. I have added the card to your account again; your next purchase should go through. If it does not, your bank can approve payments to "Clipster*" permanently.',
    'I checked our payment logs: the card had expired in our system. Once you update it under Settings → Payments, everything will work again.',
  ],
  disputed_charges: [
    'I have checked the payment: it was a duplicate authorisation that your bank will release within 3–5 business days. No money was taken twice. I have noted it on your account in case it shows up again.',
    'Thanks for your patience. The charge was a subscription renewal that you did not expect, so I have cancelled the renewal and refunded the full amount to your card. It should appear within 5–10 business days.',
    'I looked into this with our payments team: it was a company error, so I have refunded the fee. You will see it on your statement within a few days.',
  ],
  refunds: [
    'Good news: the refund was issued today to your original payment method. Banks usually show it within 5–10 business days.',
    'I have checked the order: the refund is in progress and was sent to your card. If it has not arrived after 10 business days, reply here with a bank statement and we will chase it.',
  ],
  coins_top_up: [
    'I found the top-up: it was stuck in verification. I have released it and the coins are now in your wallet. Sorry for the wait!',
    'The top-up did not go through, so no money was taken — the amount you saw is a temporary hold that disappears within a few days. You can top up again now.',
  ],
  currency: [
    'We use the card network\'s exchange rate at the moment the payment is authorised, plus no extra fee from Clipster. Your bank may add its own fee; their statement shows the details.',
  ],
  account_access: [
    'Thanks for confirming. I have sent a reset link to the email on your account; it is valid for 30 minutes. After you log in, I recommend turning on two-factor authentication.',
    'Done — your details are updated and all other devices have been signed out. You can log in again with the new settings.',
  ],
  identity: [
    'Thanks! Your documents are verified and your account is fully active again. You do not need to do anything else.',
    'The verification failed because the photo was blurry. I have reset it so you can try again from the app; please use good light and hold the document flat.',
  ],
  fraud: [
    'Our review is complete. The payments were not made by you, so we have refunded them and issued a new card. Please change your password and enable two-factor authentication.',
    'We finished the review: your account is safe again and the suspicious sessions have been removed. Here is a guide on keeping your account secure: https://clipster.example/help/security',
  ],
  payouts: [
    'I have checked with our payouts team: the transfer was returned by your bank because the account name did not match. Once you update your payout details, we will resend it within 2 business days.',
    'Your payout was sent today; it can take 1–3 business days to reach your bank. The reference on your statement will start with CLPM.',
  ],
  creator_card: [
    'Your Creator Card was dispatched and should arrive within 5 business days. If it has not arrived by then, reply here and we will send a replacement free of charge.',
    'I have ordered a replacement card for you; the old one is blocked. You can use the virtual card in the app straight away.',
  ],
  brand_deals: [
    'I have reviewed the agreement: the milestone is due to you, and I have asked the brand to release the funds. You will see them in your earnings within 48 hours.',
    'Thanks for checking with us first. Requests to pay a fee or move a deal off Creator Market are not allowed; I have reported the brand and our Trust & Safety team will follow up.',
  ],
};

const FOLLOW_UPS_PENDING = [
  'Here are the details you asked for. Thanks for looking into it.',
  'I sent the screenshot. Any update?',
  'Hi, it has been a few days. Is there any news on this?',
  'Sure — see the details below. Please hurry, I need this sorted.',
];

export const THANKS = [
  'Thanks, that worked!', 'Great, thank you for the quick help.', 'Perfect, all sorted now. Thanks!', 'Thank you!',
];

const GREETINGS = ['Hi', 'Hello', 'Hi there,', 'Dear Clipster team,', 'Hey,'];
const SIGN_OFFS = ['Thanks', 'Best regards', 'Cheers', 'Thank you', 'Kind regards'];
const CLOSINGS = ['Is there anything else I can help you with?', 'Let me know if you need anything else.', 'Have a great day!'];

/** Answers to the "how does it work" intents, which a generic resolution would not fit. */
const ANSWERS: Record<string, string> = {
  why_verify_identity: 'We verify the identity of everyone who pays or gets paid on Clipster: payment regulations require it, and it stops others from opening accounts in your name. It takes about two minutes in the app under Settings → Verification.',
  age_limit: 'You need to be at least 13 to use Clipster and 18 to buy Clipster Coins or receive payouts. Younger users can use the app with a parent-managed account.',
  fiat_currency_support: 'You can pay and top up in EUR, GBP, USD, PLN, SEK, BRL, INR, MXN and JPY. Payouts to creators are made in the currency of your bank account.',
  supported_cards_and_currencies: 'We accept Visa, Mastercard and American Express, plus Apple Pay, Google Pay and PayPal. Prepaid cards work in most countries.',
  visa_or_mastercard: 'Both work: we accept Visa and Mastercard (debit and credit), and the Creator Card itself is a Mastercard.',
  apple_pay_or_google_pay: 'Yes — you can add the Creator Card to Apple Pay or Google Pay from the card screen in the app, and pay for Clipster Coins with either wallet.',
  top_up_limits: 'You can top up to 500 EUR per day and 2,000 EUR per month. Verified accounts can ask us to raise the monthly limit.',
  transfer_timing: 'Payouts leave Creator Market every Tuesday and Friday. SEPA and UK transfers arrive the next business day; international ones take 2–5 business days.',
  country_support: 'Creator Market pays out to bank accounts in the EU, the UK, the US, Brazil, India, Mexico and Japan. More countries are coming; I have added your vote for yours.',
  exchange_rate: 'We convert at the card network\'s rate at the time of payment, with no Clipster mark-up. You can see the rate for each purchase in the payment details.',
  card_delivery_estimate: 'Creator Cards are usually delivered within 5 business days in the EU and UK and within 10 elsewhere. You can follow the delivery in the app.',
  disposable_card_limits: 'A disposable virtual card works for one payment, up to 250 EUR, and a new number is created right after. There is no limit on how many you create.',
  atm_support: 'The Creator Card works at any ATM with the Mastercard logo. The first 200 EUR per month are free; after that a 2 % fee applies.',
  getting_spare_card: 'You can order one extra card for the same account in the app under Card → Order another card. It costs 5 EUR.',
  automatic_top_up: 'Automatic top-up refills your coin balance when it drops below an amount you choose. Turn it on or off in the app under Wallet → Auto top-up.',
  terminate_account: 'I have started closing your account. Any remaining coins are refunded to your card, and your data is deleted after 30 days as described in our privacy policy.',
  passcode_forgotten: 'No problem: tap "Forgot passcode" on the login screen and we will send a reset link to your email. I have checked that the email on your account is correct.',
};

export const pickAsk = (rng: Rng, group: string) => rng.pick(ASK[group] ?? ASK.card_problems);
export function pickResolve(rng: Rng, group: string, intent: string): string {
  const answer = ANSWERS[intent];
  return answer && rng.chance(0.85) ? answer : rng.pick(RESOLVE[group] ?? RESOLVE.card_problems);
}

/** The customer's first message as it arrives on this channel. */
export function customerMessage(rng: Rng, channel: string, text: string, firstName: string): string {
  if (channel !== 'email') return text;
  const hi = rng.pick(GREETINGS);
  return `${hi}${hi.endsWith(',') ? '' : ','}\n\n${text}\n\n${rng.pick(SIGN_OFFS)},\n${firstName}`;
}

/** A customer follow-up: another text of the same intent (reads like a reminder) or a short nudge. */
export function followUp(rng: Rng, sameIntentText: string | undefined): string {
  if (sameIntentText && rng.chance(0.6)) return `${rng.pick(['Hi again.', 'Following up:', 'Also,', 'One more thing:'])} ${sameIntentText}`;
  return rng.pick(FOLLOW_UPS_PENDING);
}

/** A public reply; a question to the customer ends with thanks, an answer with the usual "anything else?". */
export function agentReply(rng: Rng, customerFirst: string, body: string, agentFirst: string, brand: string, isQuestion = false): string {
  const closing = isQuestion ? rng.pick(['Thanks!', 'Thank you.', 'Speak soon,']) : rng.pick(CLOSINGS);
  return `Hi ${customerFirst},\n\n${body}\n\n${closing}\n\n${agentFirst}\n${brand} Support`;
}

/** Internal note quoting the ABCD playbook the agent follows. */
export function playbookNote(rng: Rng, key: string): string {
  const p = PLAYBOOKS[key];
  if (!p) throw new Error(`unknown playbook ${key}`);
  const next = rng.pick(p.checks);
  return `Playbook: ${p.flow} › ${p.subflow}\n${p.summary}\nSteps: ${p.steps.join(' → ')}\nNext: ${next}`;
}

export const HOLD_NOTES = [
  'Waiting for the payment processor to confirm the transaction trace. Putting this on hold.',
  'Asked the finance team to check the settlement report; on hold until they answer.',
  'Escalated to Trust & Safety for a second review — on hold.',
  'Bank has opened an investigation; on hold until we hear back (usually 3–5 days).',
];

export const LEGAL_NOTES = [
  'Legal here: the chargeback is within the issuer\'s window. Please send the customer the standard dispute letter and keep the evidence pack on the ticket.',
  'Legal: we can accept the refund without admitting liability. Use template DSP-2 and do not promise a date.',
  'Reviewed — no regulatory reporting needed. OK to close once the refund is confirmed.',
];

export const TRIAGE_NOTES = [
  'VIP customer — please reply within the hour.',
  'Second contact about the same issue; see the earlier ticket.',
  'Customer called as well; merged the information here.',
  'Checked the payment dashboard: the transaction is there, status "settled".',
];

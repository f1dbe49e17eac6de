/**
 * Five agent guidelines from the ABCD corpus (../shared/datasets/abcd/guidelines.json, "Action-Based
 * Conversations Dataset", ASAPP, MIT licence) modelled as SOPs: the guideline's buttons become steps, its
 * "if … then …" prose becomes decisions with rules, its policy limits become guardrails.
 */
export const ABCD_INITIATE_REFUND = `key: abcd-initiate-refund
name: "ABCD: Initiate refund (product defect)"
owner: Support Ops
purpose: "ABCD guideline Product Defect / Initiate Refund: validate the purchase, record the refund method and offer the refund."
applies_when:
  intent: [refund_initiate]
fields:
  - { key: account_id, label: Account ID, type: text }
  - { key: order_id, label: Order ID, type: text }
  - { key: refund_method, label: Refund method, type: choice, options: [gift_card, add_value, paper_check, credit_card] }
  - { key: address, label: Mailing address, type: text }
  - { key: amount, label: Refund amount (USD), type: number }
steps:
  - { id: pull_up, type: collect, title: Pull up account, required: true, fields: [account_id] }
  - { id: validate, type: checklist, title: Validate purchase, required: true, items: [Username, Email address, Order ID] }
  - { id: method, type: collect, title: Record reason (refund method), required: true, fields: [order_id, refund_method, amount] }
  - id: mailed
    type: decision
    title: Mailed refund?
    question: Is the refund mailed (gift card or paper check)?
    branches:
      - { label: Mailed, when: { field: fields.refund_method, op: in, value: [gift_card, paper_check] }, goto: address }
      - { label: Account, goto: offer }
  - { id: address, type: collect, title: Enter details (address), fields: [address] }
  - id: offer
    type: reply
    title: Offer refund
    templates:
      en: "Thanks {{customer.name}}, I've issued a refund of \${{fields.amount}} for order {{fields.order_id}} by {{fields.refund_method}}."
guardrails:
  - { id: cap, kind: max_amount, max: 500, message: Refunds above $500 need a supervisor }
tests:
  - name: credit card refund
    ticket: { custom_fields: { intent: refund_initiate } }
    inputs: { pull_up: { account_id: A1 }, validate: done, method: { order_id: "O-9", refund_method: credit_card, amount: 49 } }
    expect: { steps: [pull_up, validate, method, mailed, offer], messages: ["$49 for order O-9"], no_guardrail_violations: true, status: completed }
  - name: paper check asks for the address
    ticket: { custom_fields: { intent: refund_initiate } }
    inputs: { pull_up: { account_id: A1 }, validate: done, method: { order_id: "O-9", refund_method: paper_check, amount: 20 }, address: { address: "1 Main St" } }
    expect: { steps: [pull_up, validate, method, mailed, address, offer], status: completed }
`;

export const ABCD_RESET_2FA = `key: abcd-reset-two-factor
name: "ABCD: Reset two-factor authentication"
owner: Account & Security
purpose: "ABCD guideline Account Access / Reset Two-Factor Auth: confirm the email on file, send the reset code and the security best-practice link."
applies_when:
  intent: [reset_2fa]
fields:
  - { key: account_id, label: Full name or account ID, type: text }
  - { key: email, label: Email address (or PIN / security answer), type: text }
steps:
  - { id: pull_up, type: collect, title: Pull up account, required: true, fields: [account_id] }
  - { id: details, type: collect, title: Enter details (email), required: true, fields: [email] }
  - id: send_code
    type: reply
    title: Tell the customer the code is on its way
    templates:
      en: "Hi {{customer.name}}, I've sent a reset code to the email address on file. To stay safe, I'm also sending a link about security best practices."
  - { id: send_link, type: action, title: Send link, auto: true, actions: [{ add_tags: [security_link_sent] }] }
tests:
  - name: code and link are sent
    ticket: { custom_fields: { intent: reset_2fa } }
    inputs: { pull_up: { account_id: jsmith1 }, details: { email: js@example.com } }
    expect: { steps: [pull_up, details, send_code, send_link], tags: [security_link_sent], messages: [reset code], status: completed }
`;

export const ABCD_MYSTERY_FEE = `key: abcd-mystery-fee
name: "ABCD: Mystery fee on an order"
owner: Support Ops
purpose: "ABCD guideline Order Issue / Status Mystery Fee: ask the oracle whether the company erred; gold and silver members always get the fee removed."
applies_when:
  intent: [status_mystery_fee]
fields:
  - { key: order_id, label: Order ID, type: text }
  - { key: company_error, label: Oracle says company error, type: boolean }
  - { key: membership, label: Membership level, type: choice, options: [guest, bronze, silver, gold] }
  - { key: fee, label: Overcharged amount (USD), type: number }
steps:
  - { id: verify, type: collect, title: Verify identity and order, required: true, fields: [order_id] }
  - { id: oracle, type: collect, title: Ask the oracle, required: true, fields: [company_error] }
  - id: error
    type: decision
    title: Company error?
    question: Did the oracle say the company made an error?
    branches:
      - { label: "Yes", when: { field: fields.company_error, op: eq, value: true }, goto: amount }
      - { label: "No", goto: membership }
  - { id: membership, type: collect, title: Membership privileges, fields: [membership] }
  - id: trusted
    type: decision
    title: Gold or silver?
    question: Is the customer a gold or silver member?
    branches:
      - { label: "Yes", when: { field: fields.membership, op: in, value: [gold, silver] }, goto: amount }
      - { label: "No", goto: apologise }
  - { id: amount, type: collect, title: Confirm the overcharged amount, fields: [fee] }
  - id: remove_fee
    type: reply
    title: Update order (remove fee)
    next: end
    templates:
      en: "I've removed the \${{fields.fee}} fee from order {{fields.order_id}}."
  - id: apologise
    type: reply
    title: Apologise (fee stays)
    templates:
      en: "I'm sorry {{customer.name}}, there was a price surge at that time and the fee on order {{fields.order_id}} stays."
guardrails:
  - id: fee_cap
    kind: max_amount
    max: 100
    message: Never promise to remove a fee above $100
tests:
  - name: gold member gets the fee removed
    ticket: { custom_fields: { intent: status_mystery_fee } }
    inputs: { verify: { order_id: "X1" }, oracle: { company_error: false }, membership: { membership: gold }, amount: { fee: 12 } }
    expect: { steps: [verify, oracle, error, membership, trusted, amount, remove_fee], messages: [removed the $12 fee], no_guardrail_violations: true }
  - name: bronze member keeps the fee
    ticket: { custom_fields: { intent: status_mystery_fee } }
    inputs: { verify: { order_id: "X2" }, oracle: { company_error: false }, membership: { membership: bronze } }
    expect: { steps: [verify, oracle, error, membership, trusted, apologise], messages: [fee on order X2 stays] }
`;

export const ABCD_MANAGE_CANCEL = `key: abcd-manage-cancel
name: "ABCD: Cancel an accidental duplicate order"
owner: Support Ops
purpose: "ABCD guideline Order Issue / Manage Cancel: refund at once if not shipped; otherwise members get a refund now, guests must return the item first."
applies_when:
  intent: [manage_cancel]
fields:
  - { key: order_id, label: Order ID, type: text }
  - { key: shipping_status, label: Shipping status, type: choice, options: [order_received, in_transit, out_for_delivery, delivered] }
  - { key: membership, label: Membership level, type: choice, options: [guest, bronze, silver, gold] }
  - { key: amount, label: Item cost (USD), type: number }
steps:
  - { id: verify, type: collect, title: Verify identity, required: true, fields: [order_id, shipping_status] }
  - id: shipped
    type: decision
    title: Shipped yet?
    question: Has the item shipped?
    branches:
      - { label: Not shipped, when: { field: fields.shipping_status, op: eq, value: order_received }, goto: amount }
      - { label: Shipped, goto: membership }
  - { id: membership, type: collect, title: Membership privileges, fields: [membership] }
  - id: member
    type: decision
    title: Member?
    question: Is the customer bronze, silver or gold?
    branches:
      - { label: Member, when: { field: fields.membership, op: in, value: [bronze, silver, gold] }, goto: amount }
      - { label: Guest, goto: guest_return }
  - { id: amount, type: collect, title: Item cost, fields: [amount] }
  - id: offer_refund
    type: reply
    title: Offer refund
    next: end
    templates:
      en: "I've refunded \${{fields.amount}} for the duplicate item on order {{fields.order_id}}."
  - id: guest_return
    type: reply
    title: Guests return first
    templates:
      en: "As a guest customer, please call us back once the item arrives so we can start the return."
tests:
  - name: unshipped order is refunded at once
    ticket: { custom_fields: { intent: manage_cancel } }
    inputs: { verify: { order_id: "Z1", shipping_status: order_received }, amount: { amount: 30 } }
    expect: { steps: [verify, shipped, amount, offer_refund], messages: ["$30"] }
  - name: shipped guest order must be returned first
    ticket: { custom_fields: { intent: manage_cancel } }
    inputs: { verify: { order_id: "Z2", shipping_status: in_transit }, membership: { membership: guest } }
    expect: { steps: [verify, shipped, membership, member, guest_return], messages: [call us back] }
`;

export const ABCD_MISSING_ITEM = `key: abcd-missing-item
name: "ABCD: Missing item"
owner: Support Ops
purpose: "ABCD guideline Shipping Issue / Missing Item: under a week, reassure; a week or more, ship a new order."
applies_when:
  intent: [missing_item]
fields:
  - { key: order_id, label: Order ID, type: text }
  - { key: days_waiting, label: Days waiting, type: number }
  - { key: address, label: Address, type: text }
  - { key: product, label: Brand and product, type: text }
steps:
  - { id: validate, type: collect, title: Validate purchase, required: true, fields: [order_id] }
  - { id: reason, type: collect, title: Record reason (days waiting), required: true, fields: [days_waiting] }
  - id: week
    type: decision
    title: A week or longer?
    question: Has the customer waited more than 7 days?
    branches:
      - { label: Longer, when: { field: fields.days_waiting, op: gt, value: 7 }, goto: reship }
      - { label: Within a week, goto: reassure }
  - id: reassure
    type: reply
    title: Reassure
    next: end
    templates:
      en: "Sometimes a package is marked delivered early; it can still take a couple of days to arrive."
  - { id: reship, type: collect, title: Update order (address and product), fields: [address, product] }
  - { id: purchase, type: action, title: Make purchase, actions: [{ add_tags: [reshipped] }] }
  - id: confirm
    type: reply
    title: Confirm the new shipment
    templates:
      en: "We've shipped a new {{fields.product}} to {{fields.address}}."
tests:
  - name: long wait is reshipped
    ticket: { custom_fields: { intent: missing_item } }
    inputs: { validate: { order_id: "M1" }, reason: { days_waiting: 10 }, reship: { address: "5 Elm Rd", product: "Guess Jeans" } }
    expect: { steps: [validate, reason, week, reship, purchase, confirm], tags: [reshipped], messages: [new Guess Jeans] }
  - name: short wait is reassured
    ticket: { custom_fields: { intent: missing_item } }
    inputs: { validate: { order_id: "M2" }, reason: { days_waiting: 3 } }
    expect: { steps: [validate, reason, week, reassure], messages: [couple of days] }
`;

/**
 * Demo SOPs for the demo workspace's own domain (Clipster: coins, creators, payouts). Each ships its test
 * cases; `switchboard sops test` and the integration suite run them.
 */
export const REFUND_COIN_PURCHASE = `key: refund-coin-purchase
name: Refund of a coin purchase
owner: Payments Ops
purpose: Refund Clipster coins bought by mistake or not delivered, within policy, after strong customer authentication.
applies_when:
  brand: [clipster]
  tags_any: [refund, clipster_coins]
fields:
  - key: order_id
    label: Order ID
    type: text
  - key: refund_amount
    label: Refund amount (EUR)
    type: number
  - key: coins_used
    label: Coins already spent
    type: boolean
  - key: refund_ref
    label: Refund reference
    type: text
steps:
  - id: verify
    type: checklist
    title: Verify the buyer
    required: true
    items:
      - The requester's email matches the account that bought the coins
      - The purchase is less than 14 days old
  - id: collect
    type: collect
    title: Collect the purchase
    required: true
    fields: [order_id, refund_amount, coins_used]
  - id: spent
    type: decision
    title: Were the coins spent?
    question: Has the customer already spent the coins?
    branches:
      - label: "Yes"
        when: { field: fields.coins_used, op: eq, value: true }
        goto: decline
      - label: "No"
        goto: sca
  - id: sca
    type: checklist
    title: SCA step-up done
    required: true
    items: [Customer confirmed the refund in the app with strong customer authentication]
  - id: refund
    type: action
    title: Issue the refund
    actions:
      - http: { action: payments_refund, body: { order: "{{fields.order_id}}" }, save: { refund_ref: id } }
      - add_tags: [refund_issued]
  - id: confirm
    type: reply
    title: Confirm the refund
    next: end
    templates:
      en: "Hi {{customer.name}}, we refunded €{{fields.refund_amount}} for order {{fields.order_id}} (reference {{fields.refund_ref}}). It reaches your card in 3-5 business days."
      de: "Hallo {{customer.name}}, wir haben {{fields.refund_amount}} EUR für Bestellung {{fields.order_id}} erstattet (Referenz {{fields.refund_ref}})."
  - id: decline
    type: reply
    title: Explain why spent coins cannot be refunded
    templates:
      en: "Hi {{customer.name}}, coins that were already spent cannot be refunded under our coin terms. I'm sorry we can't help more here."
guardrails:
  - id: sca_before_refund
    kind: requires_step
    before: refund
    requires: sca
    message: Needs SCA step-up before refund
  - id: refund_cap
    kind: max_amount
    max: 100
    field: refund_amount
    message: Never promise a refund above €100 without a supervisor
  - id: chargeback_handoff
    kind: handoff
    when: { field: ticket.custom_fields.chargeback, op: eq, value: true }
    team: Payments
    message: Hand off to a human when a chargeback is already filed
tests:
  - name: unspent coins are refunded after SCA
    ticket: { brand: clipster, tags: [refund], customer_name: Mia }
    inputs:
      verify: done
      collect: { order_id: CL-1001, refund_amount: 19.99, coins_used: false }
      sca: done
    http: { payments_refund: { id: rf_42 } }
    expect:
      steps: [verify, collect, spent, sca, refund, confirm]
      fields: { refund_ref: rf_42, order_id: CL-1001 }
      messages: ["refunded €19.99 for order CL-1001"]
      tags: [refund_issued]
      status: completed
      no_guardrail_violations: true
  - name: spent coins are declined
    ticket: { brand: clipster, tags: [clipster_coins], language: en }
    inputs:
      verify: done
      collect: { order_id: CL-1002, refund_amount: 5, coins_used: true }
    expect:
      steps: [verify, collect, spent, decline]
      messages: [cannot be refunded]
      status: completed
      no_guardrail_violations: true
  - name: a refund above the cap is stopped
    ticket: { brand: clipster, tags: [refund] }
    inputs:
      verify: done
      collect: { order_id: CL-1003, refund_amount: 250, coins_used: false }
      sca: done
    http: { payments_refund: { id: rf_43 } }
    expect:
      steps: [verify, collect, spent, sca]
      status: failed
      violations: [refund_cap]
  - name: a filed chargeback goes to a human
    ticket: { brand: clipster, tags: [refund], custom_fields: { chargeback: true } }
    expect: { steps: [], status: handed_off }
`;

export const HACKED_ACCOUNT_RECOVERY = `key: hacked-account-recovery
name: Hacked account recovery
owner: Account & Security
purpose: Give a hijacked account back to its owner without handing it to the attacker.
applies_when:
  tags_any: [login, hacked, account_takeover]
fields:
  - key: last_known_login
    label: Last login the owner recognises
    type: date
  - key: id_check
    label: Identity check result
    type: choice
    options: [passed, failed]
steps:
  - id: lock
    type: action
    title: Lock the account and end all sessions
    required: true
    auto: true
    actions:
      - add_tags: [account_locked, account_takeover]
  - id: identity
    type: collect
    title: Verify the owner's identity
    required: true
    fields: [last_known_login, id_check]
  - id: passed
    type: decision
    title: Identity verified?
    question: Did the identity check pass?
    branches:
      - label: Passed
        when: { field: fields.id_check, op: eq, value: passed }
        goto: reset
      - label: Failed
        goto: escalate
  - id: reset
    type: reply
    title: Send the recovery link
    templates:
      en: "Hi {{customer.name}}, your account is locked and safe. Use the recovery link we just emailed to set a new password and turn on two-factor authentication."
  - id: wait_reset
    type: wait
    title: Wait for the customer to confirm
    for: { event: customer_reply, timeout: 48h }
    next: end
  - id: escalate
    type: action
    title: Escalate to Trust & Safety
    actions:
      - route: { team: "Trust & Safety", priority: high, escalation: true }
guardrails:
  - id: no_reset_without_check
    kind: requires_step
    before: reset
    requires: identity
    message: Never send a recovery link before the identity check
tests:
  - name: verified owner gets a recovery link
    ticket: { tags: [hacked], customer_name: Jon }
    inputs:
      identity: { last_known_login: "2026-02-20", id_check: passed }
    expect:
      steps: [lock, identity, passed, reset, wait_reset]
      messages: [recovery link]
      tags: [account_locked]
      status: completed
      no_guardrail_violations: true
  - name: failed check escalates
    ticket: { tags: [login] }
    inputs:
      identity: { last_known_login: "2026-02-20", id_check: failed }
    expect:
      steps: [lock, identity, passed, escalate]
      messages: []
      status: completed
`;

export const CREATOR_PAYOUT_MISSING = `key: creator-payout-missing
name: Creator payout missing
owner: Creators
purpose: Find a creator's missing payout and either explain the delay or re-issue it.
applies_when:
  brand: [creator-market]
  tags_any: [payout]
fields:
  - key: payout_period
    label: Payout period
    type: text
  - key: payout_status
    label: Payout status in the ledger
    type: choice
    options: [paid, pending, failed]
steps:
  - id: period
    type: collect
    title: Which payout?
    required: true
    fields: [payout_period, payout_status]
  - id: status
    type: decision
    title: Ledger status
    question: What does the ledger say?
    branches:
      - label: Failed
        when: { field: fields.payout_status, op: eq, value: failed }
        goto: reissue
      - label: Pending
        when: { field: fields.payout_status, op: eq, value: pending }
        goto: explain
      - label: Paid
        goto: trace
  - id: reissue
    type: action
    title: Re-issue the payout
    actions:
      - add_tags: [payout_reissued]
      - route: { team: Creators }
    next: end
  - id: explain
    type: reply
    title: Explain the pending payout
    templates:
      en: "Hi {{customer.name}}, your payout for {{fields.payout_period}} is still being processed and should arrive within 5 business days."
    next: end
  - id: trace
    type: reply
    title: Send the bank trace
    templates:
      en: "Hi {{customer.name}}, our ledger shows the payout for {{fields.payout_period}} as paid. Please check with your bank using the trace we attached."
tests:
  - name: failed payout is re-issued
    ticket: { brand: creator-market, tags: [payout] }
    inputs: { period: { payout_period: 2026-02, payout_status: failed } }
    expect: { steps: [period, status, reissue], tags: [payout_reissued], status: completed, messages: [] }
  - name: pending payout is explained
    ticket: { brand: creator-market, tags: [payout] }
    inputs: { period: { payout_period: 2026-02, payout_status: pending } }
    expect: { steps: [period, status, explain], messages: [still being processed], status: completed }
`;

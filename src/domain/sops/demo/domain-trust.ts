/** Demo SOPs of the demo domain, continued: Trust & Safety and privacy. */
export const CONTENT_REMOVAL_APPEAL = `key: content-removal-appeal
name: Content-removal appeal
owner: Trust & Safety
purpose: Review an appeal against a removed clip consistently and tell the creator the outcome.
applies_when:
  tags_any: [appeal, content_removal]
fields:
  - key: clip_url
    label: Clip URL
    type: text
  - key: policy
    label: Policy applied
    type: choice
    options: [copyright, harassment, spam, nudity, other]
  - key: decision
    label: Review decision
    type: choice
    options: [upheld, reversed]
steps:
  - id: details
    type: collect
    title: Clip and policy
    required: true
    fields: [clip_url, policy]
  - id: review
    type: checklist
    title: Second-reviewer check
    required: true
    items: [A reviewer other than the original moderator looked at the clip, The policy text was compared with the clip]
  - id: outcome
    type: collect
    title: Record the decision
    required: true
    fields: [decision]
  - id: which
    type: decision
    title: Upheld or reversed?
    question: Was the removal upheld?
    branches:
      - label: Reversed
        when: { field: fields.decision, op: eq, value: reversed }
        goto: restore
      - label: Upheld
        goto: upheld
  - id: restore
    type: reply
    title: Tell the creator the clip is back
    next: end
    templates:
      en: "Hi {{customer.name}}, we reviewed your appeal and restored {{fields.clip_url}}. Sorry for the trouble."
  - id: upheld
    type: reply
    title: Explain the upheld removal
    templates:
      en: "Hi {{customer.name}}, a second reviewer confirmed that {{fields.clip_url}} breaks our {{fields.policy}} policy, so it stays removed."
guardrails:
  - id: legal_handoff
    kind: handoff
    when: { field: ticket.tags, op: contains, value: legal_threat }
    team: "Trust & Safety"
    message: Hand off to a human if the creator threatens legal action
tests:
  - name: reversed removal restores the clip
    ticket: { tags: [appeal] }
    inputs:
      details: { clip_url: "https://clipster.example/c/1", policy: spam }
      review: done
      outcome: { decision: reversed }
    expect: { steps: [details, review, outcome, which, restore], messages: [restored], status: completed, no_guardrail_violations: true }
  - name: legal threat is handed off
    ticket: { tags: [appeal, legal_threat] }
    expect: { steps: [], status: handed_off }
`;

export const GDPR_DATA_REQUEST = `key: gdpr-data-request
name: GDPR data request
owner: Legal
purpose: Answer a data subject access or erasure request within the legal deadline.
applies_when:
  tags_any: [gdpr, dsar, privacy]
fields:
  - key: request_type
    label: Request type
    type: choice
    options: [access, erasure]
  - key: identity_verified
    label: Identity verified
    type: boolean
steps:
  - id: kind
    type: collect
    title: What is asked?
    required: true
    fields: [request_type, identity_verified]
  - id: verified
    type: decision
    title: Identity verified?
    question: Is the requester's identity verified?
    branches:
      - label: "Yes"
        when: { field: fields.identity_verified, op: eq, value: true }
        goto: ack
      - label: "No"
        goto: ask_id
  - id: ask_id
    type: reply
    title: Ask for verification
    next: end
    templates:
      en: "Hi {{customer.name}}, to protect your data we need to confirm it's you. Please reply from the email on your account."
  - id: ack
    type: reply
    title: Acknowledge within 72 hours
    required: true
    templates:
      en: "Hi {{customer.name}}, we received your {{fields.request_type}} request (ticket {{ticket.number}}). We will complete it within one month as the GDPR requires."
      de: "Hallo {{customer.name}}, wir haben Ihre Anfrage ({{fields.request_type}}) erhalten und erledigen sie innerhalb eines Monats."
  - id: export
    type: action
    title: Hand to the privacy team
    actions:
      - add_tags: [gdpr_in_progress]
      - route: { team: "Account & Security" }
tests:
  - name: verified access request is acknowledged
    ticket: { tags: [gdpr], language: de, customer_name: Lena }
    inputs: { kind: { request_type: access, identity_verified: true } }
    expect: { steps: [kind, verified, ack, export], messages: [Anfrage (access)], tags: [gdpr_in_progress], status: completed }
  - name: unverified requester is asked to verify
    ticket: { tags: [dsar] }
    inputs: { kind: { request_type: erasure, identity_verified: false } }
    expect: { steps: [kind, verified, ask_id], messages: [confirm it's you], status: completed }
`;

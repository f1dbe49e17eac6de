/** What the assistant says in its own words (everything else comes from the Help Center or the SOP). */
type Key =
  | 'rephrase' | 'did_it_answer' | 'glad' | 'handoff' | 'wait_minutes' | 'wait_unknown' | 'offline' | 'clarify'
  | 'reask' | 'sca_sent' | 'sca_reask' | 'sca_wrong' | 'over_limit' | 'done' | 'still_with_human' | 'source' | 'anything_else';

const EN: Record<Key, string> = {
  rephrase: "Sorry, I'm not sure I understood. Could you say it in other words?",
  did_it_answer: 'Did this answer your question? (yes / no)',
  glad: 'Great, glad that helped! Anything else I can do for you?',
  handoff: "I'm handing you over to a colleague from our support team. They will see this whole conversation, so you won't need to repeat yourself.",
  wait_minutes: 'Expected wait: about {n} minutes.',
  wait_unknown: 'Someone will reply as soon as possible.',
  offline: 'Nobody is online right now; we will answer by email as soon as the team is back.',
  clarify: 'Just to be sure, do you mean:\n1) {a}\n2) {b}\nPlease reply 1 or 2.',
  reask: 'Sorry, that does not look right. {prompt}',
  sca_sent: 'For your security, I sent a 6-digit code to {dest}. Please type it here to confirm {what}.',
  sca_reask: 'To continue I need the 6-digit code we sent to {dest}. I cannot accept any other kind of confirmation.',
  sca_wrong: 'That code is not correct. Please check the message and try again.',
  over_limit: 'This request is above what I am allowed to do here.',
  done: 'Done.',
  still_with_human: 'A colleague will take over this conversation shortly.',
  source: 'Source',
  anything_else: 'Is there anything else I can help with?',
};

const DE: Partial<Record<Key, string>> = {
  rephrase: 'Entschuldigung, das habe ich nicht verstanden. Können Sie es anders formulieren?',
  did_it_answer: 'Hat das Ihre Frage beantwortet? (ja / nein)',
  handoff: 'Ich übergebe Sie an eine Kollegin oder einen Kollegen aus dem Support-Team. Sie sehen das ganze Gespräch, Sie müssen nichts wiederholen.',
  wait_minutes: 'Voraussichtliche Wartezeit: etwa {n} Minuten.',
  wait_unknown: 'Wir melden uns so schnell wie möglich.',
  offline: 'Gerade ist niemand online; wir antworten per E-Mail, sobald das Team zurück ist.',
  still_with_human: 'Eine Kollegin oder ein Kollege übernimmt gleich.',
};
const FR: Partial<Record<Key, string>> = {
  rephrase: "Désolé, je n'ai pas compris. Pouvez-vous reformuler ?",
  did_it_answer: 'Cela a-t-il répondu à votre question ? (oui / non)',
  handoff: "Je vous transfère à un membre de notre équipe support. Il verra toute la conversation, vous n'aurez rien à répéter.",
  wait_minutes: 'Attente estimée : environ {n} minutes.',
  wait_unknown: 'Nous vous répondrons dès que possible.',
  offline: "Personne n'est en ligne pour le moment ; nous répondrons par e-mail dès le retour de l'équipe.",
  still_with_human: 'Un collègue va prendre le relais.',
};
const ES: Partial<Record<Key, string>> = {
  rephrase: 'Lo siento, no lo he entendido. ¿Puede decirlo de otra forma?',
  did_it_answer: '¿Ha respondido esto a su pregunta? (sí / no)',
  handoff: 'Le paso con un compañero del equipo de soporte. Verá toda la conversación, no tendrá que repetir nada.',
  wait_minutes: 'Espera estimada: unos {n} minutos.',
  wait_unknown: 'Le responderemos lo antes posible.',
  offline: 'Ahora mismo no hay nadie conectado; responderemos por correo en cuanto vuelva el equipo.',
  still_with_human: 'Un compañero se encargará en breve.',
};
const BY_LANG: Record<string, Partial<Record<Key, string>>> = { en: EN, de: DE, fr: FR, es: ES };

export function say(key: Key, lang: string | null | undefined, vars: Record<string, string | number> = {}): string {
  const tpl = BY_LANG[lang ?? 'en']?.[key] ?? EN[key];
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

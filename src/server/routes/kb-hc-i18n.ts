/** Help Center interface strings (the articles themselves are translated by authors). Unknown locales use English. */
export interface HcStrings {
  helpCenter: string; skip: string; language: string; searchLabel: string; search: string; searchHint: string; instantResults: string;
  home: string; breadcrumb: string; popular: string; browse: string; updated: string; notTranslated: string; wasHelpful: string; yes: string; no: string;
  thanks: string; commentYes: string; commentNo: string; sendComment: string; feedback: string; related: string; stillNeedHelp: string; contactUs: string;
  noResults: string; showingFor: string; resultsFor: string; resultCount(n: number): string; filterByCategory: string; allCategories: string; notFound: string;
}

const en: HcStrings = {
  helpCenter: 'Help Center', skip: 'Skip to content', language: 'Language', searchLabel: 'Search the Help Center', search: 'Search',
  searchHint: 'For example: buy coins, reset password, creator payout', instantResults: 'Suggested articles', home: 'Help Center', breadcrumb: 'Breadcrumb',
  popular: 'Popular articles', browse: 'Browse by topic', updated: 'Updated', notTranslated: 'This article is not available in your language yet; here is the original.',
  wasHelpful: 'Was this article helpful?', yes: 'Yes', no: 'No', thanks: 'Thanks for your feedback!', commentYes: 'Anything we could add? (optional)',
  commentNo: 'What was missing or unclear? (optional)', sendComment: 'Send comment', feedback: 'Feedback', related: 'Related articles',
  stillNeedHelp: 'Still need help?', contactUs: 'Contact us', noResults: 'No articles match your search. Try other words, or contact us.',
  showingFor: 'Showing results for', resultsFor: 'Results for', resultCount: (n) => (n === 1 ? '1 article found' : `${n} articles found`),
  filterByCategory: 'Filter by category', allCategories: 'All categories', notFound: 'Page not found',
};

const de: HcStrings = {
  helpCenter: 'Hilfe-Center', skip: 'Zum Inhalt springen', language: 'Sprache', searchLabel: 'Im Hilfe-Center suchen', search: 'Suchen',
  searchHint: 'Zum Beispiel: Münzen kaufen, Passwort zurücksetzen, Auszahlung', instantResults: 'Vorgeschlagene Artikel', home: 'Hilfe-Center', breadcrumb: 'Brotkrümelnavigation',
  popular: 'Beliebte Artikel', browse: 'Themen', updated: 'Aktualisiert', notTranslated: 'Dieser Artikel ist noch nicht auf Deutsch verfügbar; hier ist das Original.',
  wasHelpful: 'War dieser Artikel hilfreich?', yes: 'Ja', no: 'Nein', thanks: 'Danke für Ihr Feedback!', commentYes: 'Was könnten wir ergänzen? (optional)',
  commentNo: 'Was hat gefehlt oder war unklar? (optional)', sendComment: 'Kommentar senden', feedback: 'Feedback', related: 'Verwandte Artikel',
  stillNeedHelp: 'Brauchen Sie weitere Hilfe?', contactUs: 'Kontakt aufnehmen', noResults: 'Keine passenden Artikel. Versuchen Sie andere Wörter oder kontaktieren Sie uns.',
  showingFor: 'Ergebnisse für', resultsFor: 'Ergebnisse für', resultCount: (n) => (n === 1 ? '1 Artikel gefunden' : `${n} Artikel gefunden`),
  filterByCategory: 'Nach Kategorie filtern', allCategories: 'Alle Kategorien', notFound: 'Seite nicht gefunden',
};

const es: HcStrings = {
  helpCenter: 'Centro de ayuda', skip: 'Saltar al contenido', language: 'Idioma', searchLabel: 'Buscar en el Centro de ayuda', search: 'Buscar',
  searchHint: 'Por ejemplo: comprar monedas, restablecer contraseña, pagos a creadores', instantResults: 'Artículos sugeridos', home: 'Centro de ayuda', breadcrumb: 'Ruta de navegación',
  popular: 'Artículos populares', browse: 'Temas', updated: 'Actualizado', notTranslated: 'Este artículo aún no está disponible en español; este es el original.',
  wasHelpful: '¿Te resultó útil este artículo?', yes: 'Sí', no: 'No', thanks: '¡Gracias por tu opinión!', commentYes: '¿Qué podríamos añadir? (opcional)',
  commentNo: '¿Qué faltaba o no estaba claro? (opcional)', sendComment: 'Enviar comentario', feedback: 'Opinión', related: 'Artículos relacionados',
  stillNeedHelp: '¿Aún necesitas ayuda?', contactUs: 'Contáctanos', noResults: 'Ningún artículo coincide. Prueba con otras palabras o contáctanos.',
  showingFor: 'Mostrando resultados para', resultsFor: 'Resultados para', resultCount: (n) => (n === 1 ? '1 artículo encontrado' : `${n} artículos encontrados`),
  filterByCategory: 'Filtrar por categoría', allCategories: 'Todas las categorías', notFound: 'Página no encontrada',
};

const STRINGS: Record<string, HcStrings> = { en, de, es };

export function hcText(locale: string): HcStrings {
  return STRINGS[locale] ?? STRINGS[locale.split('-')[0]] ?? en;
}
